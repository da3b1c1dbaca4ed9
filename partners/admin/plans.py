"""The Django admin for borough plans: the common template (themes, governance standards), the
criteria VRU staff assess plans against, the plans with their parts, assessments, quarterly
updates and peer sessions.

Plans and what is in them keep django-simple-history's "History" page. Partners
and staff use the plan pages, which go through ``partners.services.plans``; the
admin is for correcting records and for reference data. A plan's status and the
record of its submission and decision, and an assessment's decision, are read only:
they change only through the services (submitting, assessing), and plans and
assessments are started on the pages, never added here.
"""

from django.contrib import admin
from django.db.models import Count
from simple_history.admin import SimpleHistoryAdmin

from partners.models import (
    ActionUpdate,
    AssessmentCriterion,
    BoroughPlan,
    CriterionJudgement,
    GovernanceAnswer,
    GovernanceStandard,
    PeerSession,
    PlanAction,
    PlanAssessment,
    PlanSection,
    PlanTheme,
    ThemeRating,
)
from programmes.periods import financial_year_label
from vru.roles import user_display_name

# --- The common template and the assessment criteria ----------------------------------------------


@admin.register(PlanTheme)
class PlanThemeAdmin(admin.ModelAdmin):
    list_display = ["number", "title", "description"]
    list_display_links = ["number", "title"]
    search_fields = ["title", "description"]
    ordering = ["number"]


@admin.register(GovernanceStandard)
class GovernanceStandardAdmin(admin.ModelAdmin):
    list_display = ["number", "title", "description"]
    list_display_links = ["number", "title"]
    search_fields = ["title", "description"]
    ordering = ["number"]


@admin.register(AssessmentCriterion)
class AssessmentCriterionAdmin(admin.ModelAdmin):
    """The criteria plans are assessed against: only active ones appear on the assessment page."""

    list_display = ["title", "order", "active", "description"]
    list_editable = ["order", "active"]
    list_filter = ["active"]
    search_fields = ["title", "description"]
    ordering = ["order", "title"]


# --- Plans ------------------------------------------------------------------------------------------


class PlanSectionInline(admin.TabularInline):
    model = PlanSection
    fields = ["theme", "completed"]
    extra = 0


class PlanActionInline(admin.StackedInline):
    model = PlanAction
    fields = [
        ("theme", "order", "rag"),
        "action",
        "outcome",
        ("lead", "lead_organisations"),
        ("start_date", "end_date"),
    ]
    extra = 0
    show_change_link = True


class GovernanceAnswerInline(admin.StackedInline):
    model = GovernanceAnswer
    fields = ["standard", "met", "evidence"]
    extra = 0


class FinancialYearFilter(admin.SimpleListFilter):
    title = "financial year"
    parameter_name = "year"

    def lookups(self, request, model_admin):
        years = model_admin.get_queryset(request).order_by("-financial_year").values_list("financial_year", flat=True)
        return [(year, financial_year_label(year)) for year in dict.fromkeys(years)]

    def queryset(self, request, queryset):
        return queryset.filter(financial_year=self.value()) if self.value() else queryset


@admin.register(BoroughPlan)
class BoroughPlanAdmin(SimpleHistoryAdmin):
    list_display = [
        "reference",
        "borough",
        "year",
        "status",
        "organisation",
        "action_count",
        "submitted_at",
        "decided_at",
    ]
    list_select_related = ["borough", "organisation"]
    list_filter = ["status", FinancialYearFilter, "borough"]
    search_fields = ["reference", "borough__name", "organisation__name"]
    ordering = ["-financial_year", "borough__name"]
    autocomplete_fields = ["organisation"]
    readonly_fields = [
        "reference",
        "borough",
        "financial_year",
        "status",
        "copied_from",
        "submitted_at",
        "submitted_by",
        "decided_at",
        "decided_by",
        "created_at",
        "updated_at",
    ]
    fieldsets = [
        (None, {"fields": ["reference", "borough", "organisation", "financial_year", "status", "copied_from"]}),
        ("Decisions", {"fields": ["submitted_at", "submitted_by", "decided_at", "decided_by"]}),
        ("Record", {"fields": ["created_at", "updated_at"], "classes": ["collapse"]}),
    ]
    inlines = [PlanSectionInline, PlanActionInline, GovernanceAnswerInline]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(action_total=Count("actions"))

    def has_add_permission(self, request):
        # A plan starts on the plan pages (plan_start), which give it its reference, sections and last
        # year's actions.
        return False

    @admin.display(description="Financial year", ordering="financial_year")
    def year(self, obj):
        return obj.year_label

    @admin.display(description="Actions", ordering="action_total")
    def action_count(self, obj):
        return obj.action_total


@admin.register(PlanSection)
class PlanSectionAdmin(SimpleHistoryAdmin):
    list_display = ["plan", "theme", "completed"]
    list_select_related = ["plan__borough", "theme"]
    list_filter = ["completed", "theme"]
    search_fields = ["plan__reference", "plan__borough__name"]
    autocomplete_fields = ["plan"]


@admin.register(PlanAction)
class PlanActionAdmin(SimpleHistoryAdmin):
    list_display = ["short_action", "plan", "theme", "lead", "start_date", "end_date", "rag"]
    list_select_related = ["plan__borough", "theme"]
    list_filter = ["rag", "theme", "plan__status"]
    search_fields = ["action", "outcome", "lead", "lead_organisations", "plan__reference", "plan__borough__name"]
    ordering = ["plan__borough__name", "theme__number", "order"]
    autocomplete_fields = ["plan"]

    @admin.display(description="Action", ordering="action")
    def short_action(self, obj):
        return str(obj)


@admin.register(GovernanceAnswer)
class GovernanceAnswerAdmin(SimpleHistoryAdmin):
    list_display = ["plan", "standard", "met"]
    list_select_related = ["plan__borough", "standard"]
    list_filter = ["met", "standard"]
    search_fields = ["evidence", "plan__reference", "plan__borough__name"]
    autocomplete_fields = ["plan"]


# --- Assessments ------------------------------------------------------------------------------------


class ThemeRatingInline(admin.TabularInline):
    model = ThemeRating
    fields = ["theme", "rating", "comment"]
    extra = 0


class CriterionJudgementInline(admin.TabularInline):
    model = CriterionJudgement
    fields = ["criterion", "rating", "comment"]
    extra = 0


@admin.register(PlanAssessment)
class PlanAssessmentAdmin(SimpleHistoryAdmin):
    list_display = ["plan", "assessor_name", "decision", "overall_rating", "completed_at"]
    list_select_related = ["plan__borough", "assessor"]
    list_filter = ["decision", "overall_rating"]
    search_fields = ["plan__reference", "plan__borough__name", "feedback", "changes_required"]
    date_hierarchy = "started_at"
    autocomplete_fields = ["assessor"]
    readonly_fields = ["plan", "decision", "overall_rating", "started_at", "completed_at"]
    inlines = [ThemeRatingInline, CriterionJudgementInline]

    def has_add_permission(self, request):
        # Assessments are made on the plan's assessment page (plan_assess), which also moves the plan on.
        return False

    @admin.display(description="Assessor", ordering="assessor__first_name")
    def assessor_name(self, obj):
        return user_display_name(obj.assessor)


@admin.register(ThemeRating)
class ThemeRatingAdmin(SimpleHistoryAdmin):
    list_display = ["assessment", "theme", "rating"]
    list_select_related = ["assessment__plan__borough", "assessment__assessor", "theme"]
    list_filter = ["rating", "theme"]
    search_fields = ["assessment__plan__reference", "comment"]
    autocomplete_fields = ["assessment"]


@admin.register(CriterionJudgement)
class CriterionJudgementAdmin(SimpleHistoryAdmin):
    list_display = ["assessment", "criterion", "rating"]
    list_select_related = ["assessment__plan__borough", "assessment__assessor", "criterion"]
    list_filter = ["rating", "criterion"]
    search_fields = ["assessment__plan__reference", "comment"]
    autocomplete_fields = ["assessment"]


# --- Quarterly updates and peer sessions ---------------------------------------------------------------


@admin.register(ActionUpdate)
class ActionUpdateAdmin(SimpleHistoryAdmin):
    list_display = ["action", "borough", "year", "quarter", "rag", "updated_by", "updated_at"]
    list_select_related = ["action__plan__borough", "updated_by"]
    list_filter = ["financial_year", "quarter", "rag"]
    search_fields = ["action__action", "progress", "action__plan__reference", "action__plan__borough__name"]
    autocomplete_fields = ["action", "updated_by"]

    @admin.display(description="Borough", ordering="action__plan__borough__name")
    def borough(self, obj):
        return obj.action.plan.borough

    @admin.display(description="Financial year", ordering="financial_year")
    def year(self, obj):
        return financial_year_label(obj.financial_year)


@admin.register(PeerSession)
class PeerSessionAdmin(admin.ModelAdmin):
    list_display = ["date", "title", "borough_count", "recorded_by"]
    list_select_related = ["recorded_by"]
    search_fields = ["title", "notes", "boroughs__name"]
    list_filter = ["boroughs"]
    date_hierarchy = "date"
    filter_horizontal = ["boroughs"]
    autocomplete_fields = ["recorded_by"]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(borough_total=Count("boroughs"))

    @admin.display(description="Boroughs", ordering="borough_total")
    def borough_count(self, obj):
        return obj.borough_total
