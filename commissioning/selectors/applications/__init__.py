"""Reads for the application pages, the pipeline, the panels, the API and the exports.

Each selector runs a fixed number of queries whatever the number of rows.
"""

from commissioning.selectors.applications.history import application_history
from commissioning.selectors.applications.listing import (
    EXPORT_HEADERS,
    ApplicationsPanel,
    OpenRound,
    StatusCount,
    application_filterset,
    applications_panel,
    export_rows,
    filtered_applications,
    for_listing,
    status_counts,
)
from commissioning.selectors.applications.overview import (
    ApplicationOverview,
    Problem,
    Task,
    TaskStatus,
    application_detail_queryset,
    application_overview,
)

__all__ = [
    "EXPORT_HEADERS",
    "ApplicationOverview",
    "ApplicationsPanel",
    "OpenRound",
    "Problem",
    "StatusCount",
    "Task",
    "TaskStatus",
    "application_detail_queryset",
    "application_filterset",
    "application_history",
    "application_overview",
    "applications_panel",
    "export_rows",
    "filtered_applications",
    "for_listing",
    "status_counts",
]
