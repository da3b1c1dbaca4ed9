"""The Django admin for assessments and their criterion scores.

Assessors declare and score through the assessment pages (``commissioning.services.assessment``).
The admin is where a mistaken declaration of a conflict of interest is put right, which the pages
deliberately do not allow. Every change keeps django-simple-history's "History" page.

An admin correction does not move the application between "eligible" and "assessed"; the next
action on the pages settles its status.
"""

from django import forms
from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from commissioning.models import Assessment, Criterion, CriterionScore


class CriterionScoreInline(admin.TabularInline):
    model = CriterionScore
    fields = ["criterion", "score", "comment"]
    extra = 0

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        # Only the criteria of the application's own round can be scored.
        if db_field.name == "criterion":
            assessment = getattr(request, "_assessment_in_admin", None)
            kwargs["queryset"] = (
                Criterion.objects.filter(round_id=assessment.application.round_id)
                if assessment is not None
                else Criterion.objects.none()
            )
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


class AssessmentAdminForm(forms.ModelForm):
    class Meta:
        model = Assessment
        fields = [
            "application",
            "assessor",
            "assigned_by",
            "has_conflict",
            "conflict_details",
            "conflict_declared_at",
            "recommendation",
            "comment",
            "submitted_at",
        ]

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("has_conflict") and not (cleaned.get("conflict_details") or "").strip():
            self.add_error("conflict_details", "Describe the conflict of interest.")
        if cleaned.get("submitted_at") and cleaned.get("has_conflict") is not False:
            self.add_error("submitted_at", "Only an assessor who declared no conflict can have submitted scores.")
        return cleaned


class SubmittedFilter(admin.SimpleListFilter):
    title = "scores submitted"
    parameter_name = "submitted"

    def lookups(self, request, model_admin):
        return [("yes", "Yes"), ("no", "No")]

    def queryset(self, request, queryset):
        if self.value() in ("yes", "no"):
            return queryset.filter(submitted_at__isnull=self.value() == "no")
        return queryset


@admin.register(Assessment)
class AssessmentAdmin(SimpleHistoryAdmin):
    form = AssessmentAdminForm
    list_display = ["application", "assessor", "has_conflict", "recommendation", "submitted_at", "assigned_at"]
    list_select_related = ["application", "assessor"]
    list_filter = ["has_conflict", SubmittedFilter, "recommendation", "application__round"]
    search_fields = [
        "application__reference",
        "application__project_title",
        "assessor__username",
        "assessor__first_name",
        "assessor__last_name",
    ]
    date_hierarchy = "assigned_at"
    raw_id_fields = ["application", "assessor", "assigned_by"]
    readonly_fields = ["assigned_at"]
    fieldsets = [
        (None, {"fields": ["application", "assessor", ("assigned_by", "assigned_at")]}),
        ("Conflict of interest", {"fields": ["has_conflict", "conflict_details", "conflict_declared_at"]}),
        ("Scores", {"fields": ["recommendation", "comment", "submitted_at"]}),
    ]
    inlines = [CriterionScoreInline]

    def get_form(self, request, obj=None, **kwargs):
        request._assessment_in_admin = obj
        return super().get_form(request, obj, **kwargs)
