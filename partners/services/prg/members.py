"""PRG members and task-and-finish groups."""

from django.core.exceptions import ValidationError
from django.db import transaction

from partners.models import PrgMember, TaskAndFinishGroup
from partners.services.prg._common import check_end_after_start, unknown_fields

# ``account`` is the member's own sign-in (the model's ``user``); ``user`` is always who makes the change.
MEMBER_FIELDS = ("name", "account", "organisation", "job_title", "role", "term_start", "term_end")
GROUP_FIELDS = ("name", "remit", "start_date", "end_date")

TERM_END_BEFORE_START = "The end of the term must be the same as or after its start."
GROUP_END_BEFORE_START = "The end date must be the same as or after the start date."


def check_member(member: PrgMember) -> None:
    """The rules a member's record must meet beyond its fields' own (also asked by the admin)."""
    check_end_after_start(member.term_start, member.term_end, field="term_end", message=TERM_END_BEFORE_START)
    if member.user_id and not member.user.is_active:
        raise ValidationError({"account": "Choose an account that is still active."})


def check_group(group: TaskAndFinishGroup) -> None:
    check_end_after_start(group.start_date, group.end_date, field="end_date", message=GROUP_END_BEFORE_START)


@transaction.atomic
def prg_member_save(*, user, member: PrgMember | None = None, **fields) -> PrgMember:
    """Add a member of the Partnership Reference Group, or change one."""
    unknown_fields(fields, MEMBER_FIELDS)
    if "account" in fields:
        fields["user"] = fields.pop("account")
    member = PrgMember.objects.select_for_update().get(pk=member.pk) if member and member.pk else PrgMember()
    for name, value in fields.items():
        setattr(member, name, value)
    member.full_clean()
    check_member(member)
    member._history_user = user
    member.save()
    return member


@transaction.atomic
def task_group_save(
    *, user, group: TaskAndFinishGroup | None = None, members: list | None = None, **fields
) -> TaskAndFinishGroup:
    """Set up a time-limited task-and-finish group, or change one; ``members`` replaces its membership."""
    unknown_fields(fields, GROUP_FIELDS)
    group = TaskAndFinishGroup.objects.select_for_update().get(pk=group.pk) if group and group.pk else group
    group = group or TaskAndFinishGroup()
    for name, value in fields.items():
        setattr(group, name, value)
    group.full_clean()
    check_group(group)
    group.save()
    if members is not None:
        group.members.set(members)
    return group
