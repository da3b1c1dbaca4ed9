"""The Django admin for applications, with their budget lines, reach estimates and answers.

Partners write applications through the task list and VRU staff move them on
through the assessment pages; the admin is for correcting a record. It cannot
add an application (the service gives it its reference and pre-filled details),
deletes only drafts and withdrawn ones (a submitted bid is a record of what was
asked for). Its status, money (the budget and the amount requested) and the
record of who submitted, checked, moderated and decided it are read only: they
change only through the pages' services, so no application reads "Awarded" without
a grant behind it. Every change keeps django-simple-history's "History" page.
"""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from commissioning.models import Answer, Application, ApplicationStatus, BudgetLine, ReachEstimate, RoundQuestion
from vru.admin import ReadOnlyTabularInline

DELETABLE = (ApplicationStatus.DRAFT, ApplicationStatus.WITHDRAWN)
# Where the application stands and who moved it there: set by the submission, assessment and award services.
PROCESS_FIELDS = [
    "round",
    "organisation",
    "status",
    "sections_completed",
    "created_by",
    "submitted_at",
    "submitted_by",
    "withdrawn_at",
    "withdrawn_by",
    "eligibility_checked_at",
    "eligibility_checked_by",
    "panel_recommendation",
    "moderated_at",
    "moderated_by",
    "decision_reasons",
    "decided_at",
    "decided_by",
]


class BudgetLineInline(ReadOnlyTabularInline):
    model = BudgetLine
    fields = ["order", "category", "description", "amount"]
    readonly_fields = fields
    show_change_link = False


class ReachEstimateInline(admin.TabularInline):
    model = ReachEstimate
    fields = ["age_band", "count"]
    extra = 0
    verbose_name = "expected reach"
    verbose_name_plural = "expected reach (counts of young people, never names)"


class AnswerInline(admin.StackedInline):
    model = Answer
    fields = ["question", "text"]
    extra = 0

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        # Only the questions of the application's own round can be answered.
        if db_field.name == "question":
            application = getattr(request, "_application_in_admin", None)
            kwargs["queryset"] = (
                RoundQuestion.objects.filter(round_id=application.round_id)
                if application is not None
                else RoundQuestion.objects.none()
            )
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


@admin.register(Application)
class ApplicationAdmin(SimpleHistoryAdmin):
    list_display = ["reference", "project_title", "organisation", "round", "status", "amount_requested", "submitted_at"]
    list_select_related = ["organisation", "round"]
    list_filter = ["round", "status"]
    search_fields = ["reference", "project_title", "organisation__name"]
    date_hierarchy = "created_at"
    filter_horizontal = ["boroughs", "wards", "objectives"]
    readonly_fields = ["reference", "amount_requested", "created_at", "updated_at", *PROCESS_FIELDS]
    fieldsets = [
        (None, {"fields": ["reference", "round", "organisation", "status", "sections_completed"]}),
        (
            "Contact and organisation",
            {
                "fields": [
                    ("contact_name", "contact_role"),
                    ("contact_email", "contact_phone"),
                    "address",
                    "postcode",
                    ("charity_number", "company_number"),
                ]
            },
        ),
        (
            "Project",
            {
                "fields": [
                    "project_title",
                    "project_summary",
                    "project_description",
                    ("start_date", "end_date"),
                    "amount_requested",
                ]
            },
        ),
        ("Where and what for", {"fields": ["boroughs", "wards", "objectives"]}),
        (
            "Submission",
            {"fields": ["created_by", "created_at", "submitted_at", "submitted_by", "withdrawn_at", "withdrawn_by"]},
        ),
        ("Eligibility", {"fields": ["eligibility_notes", "eligibility_checked_at", "eligibility_checked_by"]}),
        ("Moderation", {"fields": ["panel_recommendation", "moderation_notes", "moderated_at", "moderated_by"]}),
        ("Decision", {"fields": ["decision_reasons", "decided_at", "decided_by"]}),
        ("Record", {"fields": ["updated_at"], "classes": ["collapse"]}),
    ]
    inlines = [BudgetLineInline, ReachEstimateInline, AnswerInline]

    def get_form(self, request, obj=None, change=False, **kwargs):
        request._application_in_admin = obj
        return super().get_form(request, obj, change=change, **kwargs)

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        allowed = super().has_delete_permission(request, obj)
        return allowed and (obj is None or obj.status in DELETABLE)

    def get_deleted_objects(self, objs, request):
        # The bulk "delete selected" action must not take a submitted application with it.
        deleted, model_count, perms_needed, protected = super().get_deleted_objects(objs, request)
        if any(application.status not in DELETABLE for application in objs):
            perms_needed = {*perms_needed, "application (only drafts and withdrawn applications can be deleted)"}
        return deleted, model_count, perms_needed, protected
