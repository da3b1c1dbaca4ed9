"""The Django admin for grants, their payment schedules (tranches) and variations.

Grants are made only by awarding an application, so the admin cannot add one; it
is for looking things up and correcting records, with django-simple-history's
"History" page on grants and tranches. A grant's money, dates, fund, objective and
status are read only: its amount and dates change through a variation, made by a VRU
manager on the grant's page with its checks (the fund's total, what has been paid).
Payments are made with the award and variations; the admin releases or marks them
paid only through actions that call the payment services, as the pages do.
Variations are read only here.
"""

from django.contrib import admin
from django.utils import timezone
from simple_history.admin import SimpleHistoryAdmin

from commissioning.admin.service_actions import page_link, service_action
from commissioning.models import Grant, GrantVariation, Tranche
from commissioning.services.grants import tranche_pay, tranche_release
from vru.admin import ReadOnlyTabularInline

TRANCHE_FIELDS = [
    "number",
    "amount",
    "due_date",
    "condition",
    "condition_return",
    "status",
    "released_at",
    "released_by",
    "paid_on",
    "paid_by",
]


class TrancheInline(ReadOnlyTabularInline):
    model = Tranche
    fields = readonly_fields = TRANCHE_FIELDS


class GrantVariationInline(ReadOnlyTabularInline):
    model = GrantVariation
    fields = [
        "made_at",
        "made_by",
        "old_amount",
        "new_amount",
        "old_start_date",
        "new_start_date",
        "old_end_date",
        "new_end_date",
        "reason",
    ]
    readonly_fields = fields
    show_change_link = False


@admin.register(Grant)
class GrantAdmin(SimpleHistoryAdmin):
    list_display = ["identifier", "title", "organisation", "fund", "amount", "start_date", "end_date", "status"]
    list_select_related = ["organisation", "fund"]
    list_filter = ["status", "fund", "objective"]
    search_fields = ["identifier", "title", "organisation__name", "application__reference"]
    date_hierarchy = "awarded_at"
    ordering = ["-awarded_at"]
    autocomplete_fields = ["programme"]
    readonly_fields = [
        "identifier",
        "application",
        "organisation",
        "status",
        "fund",
        "objective",
        "amount",
        "start_date",
        "end_date",
        "vary",
        "awarded_at",
        "awarded_by",
        "created_at",
        "updated_at",
    ]
    fieldsets = [
        (None, {"fields": ["identifier", "title", "description", "application", "organisation", "status"]}),
        ("Funding", {"fields": ["fund", "objective", "programme", "amount", "start_date", "end_date", "vary"]}),
        ("Agreement", {"fields": ["conditions", "agreement_signed_on"]}),
        ("Record", {"fields": ["awarded_at", "awarded_by", "created_at", "updated_at"], "classes": ["collapse"]}),
    ]
    inlines = [TrancheInline, GrantVariationInline]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        # An award is a record: its money leaves the fund's ledger only by a variation.
        return False

    @admin.display(description="Amount and dates")
    def vary(self, grant):
        return page_link("commissioning:grant-vary", grant, "Vary the grant on its page (VRU managers)")


@admin.register(Tranche)
class TrancheAdmin(SimpleHistoryAdmin):
    list_display = ["grant", "number", "amount", "condition", "due_date", "status", "paid_on"]
    list_select_related = ["grant"]
    list_filter = ["status", "condition"]
    search_fields = ["grant__identifier", "grant__title", "grant__organisation__name"]
    fields = ["grant", *TRANCHE_FIELDS]
    readonly_fields = fields
    ordering = ["grant__identifier", "number"]
    actions = [
        service_action(
            "release_payments",
            "Release the selected payments (those VRU staff confirm)",
            "Payments released",
            lambda tranche, user: tranche_release(tranche=tranche, user=user, note="Released in the admin"),
        ),
        service_action(
            "mark_payments_paid_today",
            "Mark the selected payments paid today",
            "Payments marked paid",
            lambda tranche, user: tranche_pay(tranche=tranche, user=user, paid_on=timezone.localdate()),
        ),
    ]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        # A grant's payments add up to its amount; awards and variations make and remove them.
        return False


@admin.register(GrantVariation)
class GrantVariationAdmin(admin.ModelAdmin):
    """Read only: a variation is a record of a decision."""

    list_display = ["grant", "made_at", "made_by", "old_amount", "new_amount"]
    list_select_related = ["grant", "made_by"]
    search_fields = ["grant__identifier", "grant__title", "reason"]
    date_hierarchy = "made_at"

    def get_readonly_fields(self, request, obj=None):
        return [field.name for field in self.model._meta.fields]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
