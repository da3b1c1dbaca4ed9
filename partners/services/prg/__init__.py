"""Changes to the Partnership Reference Group's business.

The pages, the API and the admin call these functions, so each rule is written
once. Each runs in one transaction: when anything is invalid nothing is saved,
and the ValidationError names the field at fault. Changes to records with a
history (members, meetings, decisions, actions) record the user who made them.
"""

from partners.services.prg.actions import check_action, prg_action_save
from partners.services.prg.meetings import (
    AgendaError,
    AgendaRow,
    attendance_members,
    attendance_record,
    meeting_save,
)
from partners.services.prg.members import check_group, check_member, prg_member_save, task_group_save
from partners.services.prg.papers import (
    decision_record,
    paper_delete,
    paper_file_name,
    paper_update,
    paper_upload,
    recommendation_delete,
    recommendation_save,
)

__all__ = [
    "AgendaError",
    "AgendaRow",
    "attendance_members",
    "attendance_record",
    "check_action",
    "check_group",
    "check_member",
    "decision_record",
    "meeting_save",
    "paper_delete",
    "paper_file_name",
    "paper_update",
    "paper_upload",
    "prg_action_save",
    "prg_member_save",
    "recommendation_delete",
    "recommendation_save",
    "task_group_save",
]
