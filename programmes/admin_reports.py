"""The Django admin for performance reports and the requests that build them.

Reports are snapshots: the admin shows them and never changes them. Requests are kept by the outbox; the
one thing an admin does with them is send again those that are waiting or failed.
"""

import json

from django.contrib import admin, messages
from django.utils.html import format_html

from programmes.models import PerformanceReport, ReportRequest, RequestStatus
from programmes.reporting import requests as report_requests
from programmes.reporting.periods import ReportPeriod
from vru.roles import user_display_name

RESENDABLE = (RequestStatus.PENDING, RequestStatus.FAILED)


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(PerformanceReport)
class PerformanceReportAdmin(ReadOnlyAdmin):
    list_display = ["label", "kind", "period_start", "period_end", "built_at"]
    list_filter = ["kind"]
    search_fields = ["label", "slug"]
    date_hierarchy = "period_start"

    class Media:
        css = {"all": ["css/admin.css"]}  # a class rather than a style attribute, which the CSP refuses

    fields = ["kind", "label", "slug", "period_start", "period_end", "built_at", "figures"]
    readonly_fields = fields

    def get_queryset(self, request):
        queryset = super().get_queryset(request)
        # The changelist never shows the figures, which can be large.
        match = request.resolver_match
        return queryset if match and match.url_name.endswith("_change") else queryset.defer("data")

    @admin.display(description="Figures (the snapshot as built)")
    def figures(self, report):
        return format_html(
            '<pre class="vru-admin-snapshot">{}</pre>',
            json.dumps(report.data, indent=2, ensure_ascii=False),
        )


@admin.register(ReportRequest)
class ReportRequestAdmin(ReadOnlyAdmin):
    list_display = ["id", "period_label", "kind", "status", "progress", "stage", "source", "asked_by", "created_at"]
    list_filter = ["status", "kind", "source"]
    list_select_related = ["requested_by"]
    actions = ["send_again"]
    fields = [
        "kind",
        "period_start",
        "source",
        "requested_by",
        "status",
        "progress",
        "stage",
        "attempts",
        "send_attempts",
        "error",
        "report",
        "created_at",
        "sent_at",
        "started_at",
        "finished_at",
    ]
    readonly_fields = fields

    @admin.display(description="Period", ordering="period_start")
    def period_label(self, request_row):
        return ReportPeriod.of(request_row.kind, request_row.period_start).label

    @admin.display(description="Asked for by", ordering="requested_by__username")
    def asked_by(self, request_row):
        return user_display_name(request_row.requested_by) if request_row.requested_by else "–"

    def has_send_again_permission(self, request):
        return request.user.is_active and request.user.is_superuser

    @admin.action(description="Send again", permissions=["send_again"])
    def send_again(self, request, queryset):
        """Hand waiting or failed requests to the workers again; a failed one waits in the outbox first."""
        chosen = list(queryset.filter(status__in=RESENDABLE).values_list("pk", flat=True))
        skipped = queryset.exclude(status__in=RESENDABLE).count()
        ReportRequest.objects.filter(pk__in=chosen, status=RequestStatus.FAILED).update(
            status=RequestStatus.PENDING, error="", progress=0, stage="", finished_at=None
        )
        sent = sum(1 for pk in chosen if report_requests.send_request(pk))
        if sent:
            self.message_user(request, f"Sent {sent} request{'s' if sent != 1 else ''} to the workers.")
        if len(chosen) > sent:
            kept = len(chosen) - sent
            self.message_user(
                request,
                f"{kept} request{'s' if kept != 1 else ''} could not reach the task queue and "
                f"{'stay' if kept != 1 else 'stays'} waiting: the outbox sends {'them' if kept != 1 else 'it'} "
                "when the queue is back.",
                messages.WARNING,
            )
        if skipped:
            self.message_user(
                request,
                f"{skipped} request{'s were' if skipped != 1 else ' was'} left alone: only waiting or failed "
                "requests are sent again.",
                messages.WARNING,
            )
