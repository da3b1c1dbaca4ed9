"""The PRG's action log."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from partners.models import PrgAction
from partners.services.prg._common import long_date, unknown_fields

ACTION_FIELDS = ("action", "owner", "meeting", "due_date", "status", "notes")


def check_action(action: PrgAction) -> None:
    """An action is agreed at a meeting, so it cannot fall due before that meeting (also asked by the admin)."""
    if action.meeting_id is None or action.due_date is None:
        return
    meeting_day = timezone.localdate(action.meeting.starts_at)
    if action.due_date < meeting_day:
        raise ValidationError(
            {
                "due_date": "The due date must be the same as or after the date of the meeting the action "
                f"came from ({long_date(meeting_day)})."
            }
        )


@transaction.atomic
def prg_action_save(*, user, prg_action: PrgAction | None = None, **fields) -> PrgAction:
    """Add an action to the log or change one; ``prg_action`` is the entry, ``action`` (a field) what is to be done."""
    unknown_fields(fields, ACTION_FIELDS)
    if prg_action is not None and prg_action.pk:
        action = PrgAction.objects.select_for_update().get(pk=prg_action.pk)
    else:
        action = PrgAction()
    for name, value in fields.items():
        setattr(action, name, value)
    for name in ("action", "owner", "notes"):
        setattr(action, name, (getattr(action, name) or "").strip())
    action.full_clean()
    check_action(action)
    action._history_user = user
    action.save()
    return action
