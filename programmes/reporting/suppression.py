"""Small-count suppression for figures about people that leave VRU staff.

NHS Digital's disclosure rule, as DESIGN.md sets it: counts of 1 to 7 show as "*", and
other counts are rounded to the nearest 5. Zero stays zero. Money is never passed here.
The thresholds are settings (SUPPRESS_COUNTS_BELOW, ROUND_COUNTS_TO).
"""

from decimal import ROUND_HALF_UP, Decimal

from django.conf import settings

SUPPRESSED = "*"


def suppress_count(value):
    """The count as it may be shown outside VRU staff: "*", a multiple of 5, or None if unknown."""
    if value is None or value == "":
        return None
    number = Decimal(str(value))
    if number == 0:
        return 0
    if number < settings.SUPPRESS_COUNTS_BELOW:
        return SUPPRESSED
    step = Decimal(settings.ROUND_COUNTS_TO)
    return int((number / step).quantize(Decimal("1"), rounding=ROUND_HALF_UP) * step)


def shown_count(value, *, suppress: bool):
    """The count itself for VRU staff, its suppressed form for everyone else."""
    return suppress_count(value) if suppress else value
