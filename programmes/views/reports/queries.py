"""The reads behind the report pages: each a single query, whatever the number of reports or requests."""

from programmes.models import PerformanceReport, ReportRequest

INDEX_FIELDS = ("id", "kind", "slug", "label", "period_start", "period_end", "built_at")
RECENT_REQUESTS = 10


def reports_index() -> list[PerformanceReport]:
    """Every published report, newest period first, without its (large) figures."""
    return list(PerformanceReport.objects.only(*INDEX_FIELDS).order_by("-period_start", "kind"))


def latest_by_kind(reports) -> dict[str, PerformanceReport]:
    latest = {}
    for report in reports:  # newest first, so the first of each kind is its latest
        latest.setdefault(report.kind, report)
    return latest


def neighbours(reports, report) -> tuple[PerformanceReport | None, PerformanceReport | None]:
    """The reports of the same kind just before and just after ``report``'s period."""
    same_kind = sorted((r for r in reports if r.kind == report.kind), key=lambda r: r.period_start)
    earlier = [r for r in same_kind if r.period_start < report.period_start]
    later = [r for r in same_kind if r.period_start > report.period_start]
    return (earlier[-1] if earlier else None, later[0] if later else None)


def recent_requests(limit: int = RECENT_REQUESTS) -> list[ReportRequest]:
    return list(ReportRequest.objects.select_related("requested_by", "report").order_by("-created_at", "-pk")[:limit])
