"""The admin for the Partnership Reference Group.

Members, meetings, decisions and actions keep django-simple-history's "History"
page. The admin asks the same rules as the services (a term or group that ends
before it starts, an action due before its meeting), and a paper uploaded here is
checked by its content as on the meeting page, with its type and size recorded.
"""

from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.utils import timezone
from simple_history.admin import SimpleHistoryAdmin

from partners.files import check_paper_file
from partners.models import (
    AgendaItem,
    Attendance,
    Decision,
    Meeting,
    Paper,
    PrgAction,
    PrgMember,
    Recommendation,
    TaskAndFinishGroup,
)
from partners.services.prg import check_action, check_group, check_member, paper_file_name
from vru.admin import ReadOnlyTabularInline


class _RuleCheckedForm(forms.ModelForm):
    """Runs one of the services' rule checks on the instance the admin is about to save."""

    rule = None

    def _post_clean(self):
        super()._post_clean()
        if self.rule is None or self.errors:
            return
        try:
            type(self).rule(self.instance)
        except ValidationError as error:
            self._update_errors(error)


class PrgMemberAdminForm(_RuleCheckedForm):
    rule = staticmethod(check_member)

    class Meta:
        model = PrgMember
        fields = ["name", "user", "organisation", "job_title", "role", "term_start", "term_end"]

    def _update_errors(self, errors):
        # The services call the member's account "account"; the model and this form call it "user".
        if hasattr(errors, "error_dict") and "account" in errors.error_dict:
            errors.error_dict["user"] = errors.error_dict.pop("account")
        super()._update_errors(errors)


class TaskGroupAdminForm(_RuleCheckedForm):
    rule = staticmethod(check_group)

    class Meta:
        model = TaskAndFinishGroup
        fields = ["name", "remit", "members", "start_date", "end_date"]


class PrgActionAdminForm(_RuleCheckedForm):
    rule = staticmethod(check_action)

    class Meta:
        model = PrgAction
        fields = ["action", "owner", "meeting", "due_date", "status", "notes"]


class PaperAdminForm(forms.ModelForm):
    class Meta:
        model = Paper
        fields = ["meeting", "agenda_item", "title", "file"]

    def clean_file(self):
        uploaded = self.cleaned_data["file"]
        # An unchanged file on an existing paper was checked when it was uploaded.
        if uploaded and uploaded is not getattr(self.instance, "file", None) and hasattr(uploaded, "content_type"):
            self.checked = check_paper_file(uploaded)
        return uploaded

    def clean(self):
        cleaned = super().clean()
        meeting, item = cleaned.get("meeting"), cleaned.get("agenda_item")
        if meeting and item and item.meeting_id != meeting.pk:
            self.add_error("agenda_item", "Choose an item on this meeting's agenda.")
        return cleaned


# --- Members and groups -------------------------------------------------------------


@admin.register(PrgMember)
class PrgMemberAdmin(SimpleHistoryAdmin):
    form = PrgMemberAdminForm
    list_display = ["name", "organisation", "job_title", "role", "term_start", "term_end", "user"]
    list_filter = ["role", "term_start", "term_end"]
    list_select_related = ["organisation", "user"]
    search_fields = ["name", "job_title", "organisation__name", "user__username"]
    raw_id_fields = ["user"]


@admin.register(TaskAndFinishGroup)
class TaskAndFinishGroupAdmin(admin.ModelAdmin):
    form = TaskGroupAdminForm
    list_display = ["name", "start_date", "end_date", "is_open"]
    list_filter = ["start_date", "end_date"]
    search_fields = ["name", "remit"]
    filter_horizontal = ["members"]

    @admin.display(boolean=True, description="Open")
    def is_open(self, group):
        return group.end_date >= timezone.localdate()


# --- Meetings -----------------------------------------------------------------------


class AgendaItemInline(admin.TabularInline):
    model = AgendaItem
    extra = 0
    fields = ["order", "title", "presenter"]


class AttendanceInline(admin.TabularInline):
    model = Attendance
    extra = 0
    fields = ["member", "status"]
    autocomplete_fields = ["member"]


class PaperInline(ReadOnlyTabularInline):
    """Papers are added on their own admin page or the meeting's page, where the file is checked."""

    model = Paper
    fields = ["title", "agenda_item", "content_type", "size", "uploaded_by", "uploaded_at"]
    readonly_fields = fields


@admin.register(Meeting)
class MeetingAdmin(SimpleHistoryAdmin):
    list_display = ["title", "starts_at", "place"]
    list_filter = ["starts_at"]
    search_fields = ["title", "place", "minutes"]
    date_hierarchy = "starts_at"
    inlines = [AgendaItemInline, AttendanceInline, PaperInline]


@admin.register(AgendaItem)
class AgendaItemAdmin(admin.ModelAdmin):
    list_display = ["title", "order", "meeting", "presenter"]
    list_filter = ["meeting"]
    list_select_related = ["meeting"]
    search_fields = ["title", "presenter", "meeting__title"]


@admin.register(Attendance)
class AttendanceAdmin(admin.ModelAdmin):
    list_display = ["member", "meeting", "status"]
    list_filter = ["status", "meeting"]
    list_select_related = ["member", "meeting"]
    search_fields = ["member__name", "meeting__title"]
    autocomplete_fields = ["member"]


# --- Papers, recommendations and decisions ------------------------------------------


class RecommendationInline(admin.TabularInline):
    model = Recommendation
    extra = 0
    fields = ["order", "kind", "text"]
    show_change_link = True


@admin.register(Paper)
class PaperAdmin(admin.ModelAdmin):
    form = PaperAdminForm
    list_display = ["title", "meeting", "agenda_item", "content_type", "size", "uploaded_by", "uploaded_at"]
    list_filter = ["content_type", "meeting"]
    list_select_related = ["meeting", "agenda_item", "uploaded_by"]
    search_fields = ["title", "meeting__title"]
    readonly_fields = ["content_type", "size", "uploaded_by", "uploaded_at"]
    inlines = [RecommendationInline]

    def save_model(self, request, obj, form, change):
        checked = getattr(form, "checked", None)
        if checked is not None:
            obj.content_type, obj.size = checked.content_type, checked.size
            obj.file.name = paper_file_name(obj.title, checked.extension)
        if not obj.uploaded_by_id:
            obj.uploaded_by = request.user
        super().save_model(request, obj, form, change)


class DecisionInline(admin.StackedInline):
    model = Decision
    extra = 0
    fields = ["outcome", "minute", "recorded_by", "recorded_at"]
    readonly_fields = ["recorded_by", "recorded_at"]


@admin.register(Recommendation)
class RecommendationAdmin(admin.ModelAdmin):
    list_display = ["text", "kind", "order", "paper"]
    list_filter = ["kind", "paper__meeting"]
    list_select_related = ["paper"]
    search_fields = ["text", "paper__title"]
    inlines = [DecisionInline]

    def save_formset(self, request, form, formset, change):
        for instance in formset.save(commit=False):
            if isinstance(instance, Decision) and not instance.recorded_by_id:
                instance.recorded_by = request.user
            instance.save()
        for instance in formset.deleted_objects:
            instance.delete()
        formset.save_m2m()


@admin.register(Decision)
class DecisionAdmin(SimpleHistoryAdmin):
    list_display = ["recommendation", "outcome", "recorded_by", "recorded_at"]
    list_filter = ["outcome", "recorded_at"]
    list_select_related = ["recommendation", "recorded_by"]
    search_fields = ["minute", "recommendation__text"]
    readonly_fields = ["recorded_by", "recorded_at"]
    raw_id_fields = ["recommendation"]

    def save_model(self, request, obj, form, change):
        if not obj.recorded_by_id:
            obj.recorded_by = request.user
        super().save_model(request, obj, form, change)


# --- The action log -----------------------------------------------------------------


class OverdueFilter(admin.SimpleListFilter):
    title = "overdue"
    parameter_name = "overdue"

    def lookups(self, request, model_admin):
        return [("yes", "Overdue")]

    def queryset(self, request, queryset):
        return queryset.overdue() if self.value() == "yes" else queryset


@admin.register(PrgAction)
class PrgActionAdmin(SimpleHistoryAdmin):
    form = PrgActionAdminForm
    list_display = ["action", "owner", "meeting", "due_date", "status", "overdue"]
    list_filter = [OverdueFilter, "status", "meeting"]
    list_select_related = ["meeting"]
    search_fields = ["action", "owner", "notes"]
    date_hierarchy = "due_date"

    @admin.display(boolean=True, description="Overdue")
    def overdue(self, action):
        return action.is_overdue
