"""The Django admin for the strategy, the tags and the programmes.

Reference data (aims, objectives, priority areas, tags) is edited here. The
programme, milestone, indicator and value admins keep django-simple-history's
"History" page, so an admin sees who changed what; their saves run the models'
``clean()`` through the admin's ``full_clean``. Lead officers and milestone owners
can only be VRU users, as on the programme pages.
"""

from django.contrib import admin
from django.db.models import Count
from django.utils import timezone
from simple_history.admin import SimpleHistoryAdmin

from programmes.models import (
    PROGRAMME_M2M_FIELDS,
    ContextualLayer,
    Indicator,
    IndicatorValue,
    InterventionType,
    Milestone,
    Objective,
    PreventionLevel,
    PriorityArea,
    Programme,
    StrategicAim,
    TargetGroup,
)
from programmes.periods import financial_year_label
from vru.admin import ReadOnlyTabularInline
from vru.roles import user_display_name, vru_users

VRU_USER_FIELDS = {"lead_officer", "owner"}


class VruUserChoicesMixin:
    """Offer only VRU users (staff, managers, admins) as lead officer or milestone owner."""

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name in VRU_USER_FIELDS:
            kwargs.setdefault("queryset", vru_users())
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


# --- Strategy -------------------------------------------------------------------


@admin.register(StrategicAim)
class StrategicAimAdmin(admin.ModelAdmin):
    list_display = ["number", "title"]
    list_display_links = ["number", "title"]
    search_fields = ["title", "description"]
    ordering = ["number"]


class ObjectiveReadOnlyInline(ReadOnlyTabularInline):
    model = Objective
    fields = ["number", "title"]
    readonly_fields = ["number", "title"]

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(ContextualLayer)
class ContextualLayerAdmin(admin.ModelAdmin):
    list_display = ["number", "name", "description"]
    list_display_links = ["number", "name"]
    search_fields = ["name", "description"]
    ordering = ["number"]
    inlines = [ObjectiveReadOnlyInline]


@admin.register(PriorityArea)
class PriorityAreaAdmin(admin.ModelAdmin):
    list_display = ["number", "title", "objective_count"]
    list_display_links = ["number", "title"]
    search_fields = ["title", "description"]
    ordering = ["number"]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(objective_count=Count("objectives", distinct=True))

    @admin.display(description="Objectives", ordering="objective_count")
    def objective_count(self, obj):
        return obj.objective_count


@admin.register(Objective)
class ObjectiveAdmin(admin.ModelAdmin):
    list_display = ["number", "title", "contextual_layer"]
    list_display_links = ["number", "title"]
    list_filter = ["contextual_layer", "priority_areas"]
    list_select_related = ["contextual_layer"]
    search_fields = ["title", "summary", "key_activities"]
    ordering = ["number"]
    filter_horizontal = ["priority_areas"]


# --- Tags -----------------------------------------------------------------------


@admin.register(InterventionType)
class InterventionTypeAdmin(admin.ModelAdmin):
    list_display = ["name", "impact_band"]
    list_filter = ["impact_band"]
    search_fields = ["name", "description"]
    ordering = ["name"]


@admin.register(PreventionLevel)
class PreventionLevelAdmin(admin.ModelAdmin):
    list_display = ["name", "order", "description"]
    search_fields = ["name", "description"]
    ordering = ["order", "name"]


@admin.register(TargetGroup)
class TargetGroupAdmin(admin.ModelAdmin):
    list_display = ["name", "order"]
    search_fields = ["name"]
    ordering = ["order", "name"]


# --- Programmes -----------------------------------------------------------------


class MilestoneInline(VruUserChoicesMixin, admin.TabularInline):
    model = Milestone
    fields = ["title", "due_date", "owner", "rag", "done_date"]
    autocomplete_fields = ["owner"]
    extra = 0
    show_change_link = True


class IndicatorInline(admin.TabularInline):
    model = Indicator
    fields = ["name", "unit", "direction", "baseline", "aggregation", "counts_people"]
    extra = 0
    show_change_link = True


@admin.register(Programme)
class ProgrammeAdmin(VruUserChoicesMixin, SimpleHistoryAdmin):
    list_display = ["title", "status", "lead", "start_date", "end_date", "budget", "objective_numbers"]
    list_select_related = ["lead_officer"]
    list_filter = ["status", "objectives", "priority_areas", "boroughs", "intervention_types"]
    search_fields = ["title", "description"]
    date_hierarchy = "start_date"
    ordering = ["title", "pk"]
    autocomplete_fields = ["lead_officer"]
    filter_horizontal = PROGRAMME_M2M_FIELDS
    readonly_fields = ["created_at", "updated_at"]
    fieldsets = [
        (None, {"fields": ["title", "description", "lead_officer", "status", "target_cohort"]}),
        ("Dates and budget", {"fields": ["start_date", "end_date", "budget"]}),
        ("Strategy", {"fields": ["objectives", "priority_areas"]}),
        ("Where and who", {"fields": ["boroughs", "intervention_types", "prevention_levels", "target_groups"]}),
        ("Record", {"fields": ["created_at", "updated_at"], "classes": ["collapse"]}),
    ]
    inlines = [MilestoneInline, IndicatorInline]

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("objectives")

    @admin.display(description="Lead officer", ordering="lead_officer__first_name")
    def lead(self, obj):
        return user_display_name(obj.lead_officer)

    @admin.display(description="Objectives")
    def objective_numbers(self, obj):
        # Reads the prefetched objectives, which come in the objectives' order (by number).
        return ", ".join(str(objective.number) for objective in obj.objectives.all())


class MilestoneProgressFilter(admin.SimpleListFilter):
    title = "done"
    parameter_name = "done"

    def lookups(self, request, model_admin):
        return [("yes", "Done"), ("no", "Not done"), ("late", "Late (not done and past due)")]

    def queryset(self, request, queryset):
        if self.value() == "yes":
            return queryset.filter(done_date__isnull=False)
        if self.value() == "no":
            return queryset.open()
        if self.value() == "late":
            return queryset.late(timezone.localdate())
        return queryset


@admin.register(Milestone)
class MilestoneAdmin(VruUserChoicesMixin, SimpleHistoryAdmin):
    list_display = ["programme", "title", "due_date", "owner_name", "rag", "done_date"]
    list_display_links = ["title"]
    list_select_related = ["programme", "owner"]
    list_filter = ["rag", MilestoneProgressFilter]
    search_fields = ["title", "programme__title"]
    date_hierarchy = "due_date"
    ordering = ["due_date", "pk"]
    autocomplete_fields = ["programme", "owner"]

    @admin.display(description="Owner", ordering="owner__first_name")
    def owner_name(self, obj):
        return user_display_name(obj.owner)


class IndicatorValueInline(admin.TabularInline):
    model = IndicatorValue
    fields = ["financial_year", "quarter", "target", "actual"]
    extra = 0
    ordering = ["financial_year", "quarter"]


@admin.register(Indicator)
class IndicatorAdmin(SimpleHistoryAdmin):
    list_display = ["programme", "name", "unit", "direction", "aggregation", "counts_people"]
    list_display_links = ["name"]
    list_select_related = ["programme"]
    list_filter = ["direction", "aggregation", "counts_people"]
    search_fields = ["name", "programme__title"]
    ordering = ["programme__title", "name", "pk"]
    autocomplete_fields = ["programme"]
    inlines = [IndicatorValueInline]


@admin.register(IndicatorValue)
class IndicatorValueAdmin(SimpleHistoryAdmin):
    list_display = ["indicator", "programme", "year", "quarter", "target", "actual"]
    list_display_links = ["indicator"]
    list_select_related = ["indicator__programme"]
    list_filter = ["financial_year", "quarter"]
    search_fields = ["indicator__name", "indicator__programme__title"]
    ordering = ["indicator__programme__title", "indicator__name", "financial_year", "quarter"]
    autocomplete_fields = ["indicator"]

    @admin.display(description="Programme", ordering="indicator__programme__title")
    def programme(self, obj):
        return obj.indicator.programme

    @admin.display(description="Financial year", ordering="financial_year")
    def year(self, obj):
        return financial_year_label(obj.financial_year)


# The performance reports and population indicators keep their admin in modules of their own.
from programmes import admin_population, admin_reports  # noqa: E402, F401
