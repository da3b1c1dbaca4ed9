"""The Django admin for monitoring returns and their figures (spend, reach counts, indicator actuals).

Returns are created with their grant and written and reviewed on the pages, through
``commissioning.services.returns``; the admin is for correcting records, with
django-simple-history's "History" page. A return's grant, quarter, due date, status,
review and spend are read only: it is accepted through an action that calls the same
service as the review page (which releases the payments waiting on it). Chasing overdue
returns is the daily ``chase_overdue_returns`` task, whose schedule is under Periodic tasks.
"""

from django.contrib import admin
from django.utils import timezone
from simple_history.admin import SimpleHistoryAdmin

from commissioning.admin.service_actions import service_action
from commissioning.models import MonitoringReturn, ReturnIndicatorActual, ReturnReach, ReturnSpend
from commissioning.services.returns import return_accept
from vru.admin import ReadOnlyTabularInline


class ReturnSpendInline(ReadOnlyTabularInline):
    model = ReturnSpend
    fields = ["budget_line", "amount"]
    readonly_fields = fields
    show_change_link = False


class ReturnReachInline(admin.TabularInline):
    model = ReturnReach
    fields = ["borough", "age_band", "count"]
    extra = 0


class ReturnIndicatorActualInline(admin.TabularInline):
    model = ReturnIndicatorActual
    fields = ["indicator", "actual"]
    raw_id_fields = ["indicator"]
    extra = 0


class OverdueFilter(admin.SimpleListFilter):
    title = "overdue"
    parameter_name = "overdue"

    def lookups(self, request, model_admin):
        return [("yes", "Overdue")]

    def queryset(self, request, queryset):
        return queryset.overdue(timezone.localdate()) if self.value() == "yes" else queryset


@admin.register(MonitoringReturn)
class MonitoringReturnAdmin(SimpleHistoryAdmin):
    list_display = ["grant", "financial_year", "quarter", "due_on", "status", "submitted_at", "reviewed_at"]
    list_select_related = ["grant"]
    list_filter = ["status", OverdueFilter, "financial_year", "quarter"]
    search_fields = ["grant__identifier", "grant__title", "grant__organisation__name"]
    ordering = ["-due_on", "grant__identifier"]
    readonly_fields = [
        "grant",
        "financial_year",
        "quarter",
        "due_on",
        "status",
        "submitted_at",
        "submitted_by",
        "reviewed_at",
        "reviewed_by",
        "review_note",
        "overdue_notice_sent_at",
    ]
    fieldsets = [
        (None, {"fields": ["grant", "financial_year", "quarter", "due_on", "status"]}),
        ("The return", {"fields": ["progress", "risks"]}),
        (
            "Submission and review",
            {"fields": ["submitted_at", "submitted_by", "reviewed_at", "reviewed_by", "review_note"]},
        ),
        ("Chasing", {"fields": ["overdue_notice_sent_at"]}),
    ]
    inlines = [ReturnSpendInline, ReturnReachInline, ReturnIndicatorActualInline]
    actions = [
        service_action(
            "accept_returns",
            "Accept the selected returns (releases the payments waiting on them)",
            "Returns accepted",
            lambda monitoring_return, user: return_accept(monitoring_return=monitoring_return, user=user),
        )
    ]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        # Returns come and go with the grant's dates (awards and variations); payments may wait on one.
        return False
