"""Changes to applications: the pages, the API, the admin and the demo data call these functions, so
each rule is written once. Each runs in one transaction: when anything is invalid nothing is saved,
and the ValidationError names what is at fault."""

from commissioning.services.applications.changes import SECTION_FIELDS, ApplicationChangesError, application_update
from commissioning.services.applications.rules import (
    APPLICATION_LOCKED,
    APPLICATION_WITHDRAWN,
    BudgetRow,
    BudgetRowsError,
    london_time,
    section_label,
    word_count,
)
from commissioning.services.applications.submission import (
    WITHDRAWABLE,
    application_submit,
    application_withdraw,
    closed_message,
)
from commissioning.services.applications.writing import (
    ApplicationExists,
    application_answers_save,
    application_area_save,
    application_budget_save,
    application_objectives_save,
    application_organisation_save,
    application_project_save,
    application_reach_save,
    application_reference,
    application_start,
    check_editable,
    live_application,
    not_open_message,
)

__all__ = [
    "APPLICATION_LOCKED",
    "APPLICATION_WITHDRAWN",
    "SECTION_FIELDS",
    "WITHDRAWABLE",
    "ApplicationChangesError",
    "ApplicationExists",
    "BudgetRow",
    "BudgetRowsError",
    "application_answers_save",
    "application_area_save",
    "application_budget_save",
    "application_objectives_save",
    "application_organisation_save",
    "application_project_save",
    "application_reach_save",
    "application_reference",
    "application_start",
    "application_submit",
    "application_update",
    "application_withdraw",
    "check_editable",
    "closed_message",
    "live_application",
    "london_time",
    "not_open_message",
    "section_label",
    "word_count",
]
