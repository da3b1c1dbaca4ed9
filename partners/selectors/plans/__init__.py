"""Reads for the borough plan pages, the panels, the API and the exports.

Each selector runs a fixed number of queries whatever the number of rows.
"""

from partners.selectors.plans.history import plan_history
from partners.selectors.plans.listing import (
    PlansDue,
    ProgressRow,
    UpdateDue,
    filtered_plans,
    last_completed_quarter,
    open_quarters,
    organisation_plans,
    peer_session_list,
    plan_filterset,
    plans_due,
    previous_quarter,
    progress_rows,
)
from partners.selectors.plans.london import BoroughRow, LondonView, london_view
from partners.selectors.plans.overview import (
    GovernancePart,
    PlanOverview,
    Problem,
    Task,
    TaskStatus,
    ThemePart,
    plan_detail_queryset,
    plan_overview,
    submission_problems,
)

__all__ = [
    "BoroughRow",
    "GovernancePart",
    "LondonView",
    "PlanOverview",
    "PlansDue",
    "Problem",
    "ProgressRow",
    "Task",
    "TaskStatus",
    "ThemePart",
    "UpdateDue",
    "filtered_plans",
    "last_completed_quarter",
    "london_view",
    "open_quarters",
    "organisation_plans",
    "peer_session_list",
    "plan_detail_queryset",
    "plan_filterset",
    "plan_history",
    "plan_overview",
    "plans_due",
    "previous_quarter",
    "progress_rows",
    "submission_problems",
]
