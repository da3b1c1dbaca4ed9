"""Monitoring returns: the grantee writes and submits them, VRU staff accept them or return them with a note.

Draft → submitted → accepted, or returned for revision (and then submitted again).
Every function locks the return's row first, so a change racing a submission or a
review cannot slip in after it; an accepted return is locked for good and every
function here refuses to change it. Accepting releases the payments waiting on the
return and rolls its indicator actuals up into the linked programme's indicators.
Who may call them is for ``commissioning.permissions``; the rules here are about the data.
"""

from commissioning.services.returns.overdue import overdue_returns_chase
from commissioning.services.returns.review import return_accept, return_send_back, roll_up_indicator_actuals
from commissioning.services.returns.writing import (
    RETURN_LOCKED,
    RETURN_SUBMITTED,
    ActualRow,
    ReachRow,
    SpendRow,
    check_editable,
    lock_return,
    return_save,
    return_submit,
)

__all__ = [
    "RETURN_LOCKED",
    "RETURN_SUBMITTED",
    "ActualRow",
    "ReachRow",
    "SpendRow",
    "check_editable",
    "lock_return",
    "overdue_returns_chase",
    "return_accept",
    "return_save",
    "return_send_back",
    "return_submit",
    "roll_up_indicator_actuals",
]
