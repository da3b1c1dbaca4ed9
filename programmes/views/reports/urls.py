"""The performance report pages, mounted at /reports/ in the ``programmes`` namespace by programmes/urls.py."""

from django.urls import path, re_path

from programmes.views.reports import compare, detail, listing, progress

# A report's kind and period slug, as in /reports/quarter/2025-Q1/.
REPORT = r"(?P<kind>month|quarter|year)/(?P<slug>\d{4}-(?:\d{2}|Q[1-4]))"

urlpatterns = [
    path("", listing.report_list, name="report-list"),
    path("build/", listing.report_request_create, name="report-request-create"),
    path("compare/", compare.report_compare, name="report-compare"),
    path("show/", detail.report_switch, name="report-switch"),
    path("requests/<int:pk>/", progress.report_request_detail, name="report-request"),
    path("requests/<int:pk>/status.json", progress.report_request_status, name="report-request-status"),
    path("requests/<int:pk>/retry/", progress.report_request_retry, name="report-request-retry"),
    re_path(rf"^{REPORT}/$", detail.report_detail, name="report-detail"),
    re_path(rf"^{REPORT}/report\.(?P<fmt>csv|xlsx)$", detail.report_download, name="report-download"),
]
