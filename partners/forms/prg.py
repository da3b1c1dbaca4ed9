"""The PRG pages' forms. They check what was typed; the services in ``partners.services.prg`` check the rules."""

from datetime import datetime

from django import forms
from django.contrib.auth import get_user_model
from django.db.models import Q
from django.utils import timezone

from partners.files import check_paper_file
from partners.models import (
    AgendaItem,
    Attendance,
    Decision,
    Meeting,
    Organisation,
    Paper,
    PrgAction,
    PrgMember,
    Recommendation,
    TaskAndFinishGroup,
)
from partners.selectors.prg import prg_accounts
from partners.services.prg import AgendaRow
from vru.forms import DateInput, GovukFormMixin
from vru.roles import user_display_name


class _ServiceFieldsMixin:
    def service_fields(self) -> dict:
        return {name: self.cleaned_data[name] for name in self.Meta.fields}


def _no_blank_choice(field) -> None:
    field.choices = [choice for choice in field.choices if choice[0]]


class AccountChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{user_display_name(obj)} ({obj.get_username()})"


class PrgMemberForm(GovukFormMixin, forms.ModelForm):
    user = AccountChoiceField(
        queryset=prg_accounts(),
        required=False,
        label="Account",
        empty_label="No account",
        help_text="The member's account, if they sign in to read papers.",
    )
    organisation = forms.ModelChoiceField(
        queryset=Organisation.objects.all(), required=False, empty_label="No organisation"
    )

    class Meta:
        model = PrgMember
        fields = ["name", "organisation", "job_title", "role", "term_start", "term_end", "user"]
        widgets = {"role": forms.RadioSelect, "term_start": DateInput, "term_end": DateInput}
        labels = {"term_start": "Start of term", "term_end": "End of term"}
        help_texts = {"term_end": "Leave empty while the term has no set end."}
        error_messages = {
            "name": {"required": "Enter the member's name."},
            "role": {"required": "Choose the member's role."},
            "term_start": {
                "required": "Enter the start of the term.",
                "invalid": "Enter the start of the term as a real date.",
            },
            "term_end": {"invalid": "Enter the end of the term as a real date."},
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _no_blank_choice(self.fields["role"])
        linked = self.instance.user_id
        if linked:
            # A linked account keeps showing even if it has since lost the PRG role.
            self.fields["user"].queryset = (
                get_user_model()
                .objects.filter(Q(pk__in=prg_accounts().values("pk")) | Q(pk=linked))
                .order_by("first_name", "last_name", "username")
            )

    def service_fields(self) -> dict:
        fields = {name: self.cleaned_data[name] for name in self.Meta.fields if name != "user"}
        return {**fields, "account": self.cleaned_data["user"]}


class MeetingForm(GovukFormMixin, forms.ModelForm):
    date = forms.DateField(widget=DateInput, error_messages={"required": "Enter the date of the meeting."})
    time = forms.TimeField(
        label="Start time",
        widget=forms.TimeInput(attrs={"type": "time", "class": "govuk-input govuk-input--width-10"}, format="%H:%M"),
        help_text="London time, 24-hour clock, for example 14:00.",
        error_messages={
            "required": "Enter the time the meeting starts.",
            "invalid": "Enter the start time as a time on the 24-hour clock, like 14:00.",
        },
    )

    class Meta:
        model = Meeting
        fields = ["title", "date", "time", "place", "minutes"]
        widgets = {"minutes": forms.Textarea(attrs={"rows": 10})}
        help_texts = {"minutes": "Add the minutes after the meeting."}
        error_messages = {
            "title": {"required": "Enter the meeting's title."},
            "place": {"required": "Enter where the meeting is held."},
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["date"].error_messages["invalid"] = "Enter the date of the meeting as a real date."
        if self.instance.pk:
            local = timezone.localtime(self.instance.starts_at)
            self.initial.setdefault("date", local.date())
            self.initial.setdefault("time", local.time())

    def service_fields(self) -> dict:
        starts_at = timezone.make_aware(datetime.combine(self.cleaned_data["date"], self.cleaned_data["time"]))
        return {
            "title": self.cleaned_data["title"],
            "starts_at": starts_at,
            "place": self.cleaned_data["place"],
            "minutes": self.cleaned_data["minutes"],
        }


class AgendaItemForm(GovukFormMixin, forms.Form):
    id = forms.IntegerField(widget=forms.HiddenInput, required=False)
    order = forms.IntegerField(label="Number", required=False, min_value=1, max_value=99)
    title = forms.CharField(label="Item", required=False, max_length=200)
    presenter = forms.CharField(label="Presenter", required=False, max_length=200)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["order"].widget.attrs["class"] = "govuk-input govuk-input--width-2"
        self.fields["order"].error_messages.update(
            {
                "invalid": "Number the item with a whole number.",
                "min_value": "Number the item from 1 to 99.",
                "max_value": "Number the item from 1 to 99.",
            }
        )

    @property
    def is_blank(self) -> bool:
        data = self.cleaned_data if hasattr(self, "cleaned_data") else {}
        return not (data.get("title") or "").strip() and not (data.get("presenter") or "").strip()

    def clean(self):
        cleaned = super().clean()
        if not (cleaned.get("title") or "").strip() and (cleaned.get("presenter") or "").strip():
            self.add_error("title", "Enter the item's title, or clear its presenter to remove it.")
        return cleaned


def _order_key(order):
    # Numbered rows go where their number says; unnumbered ones follow, in the order typed.
    return (order is None, order or 0)


class BaseAgendaFormSet(forms.BaseFormSet):
    """The agenda's rows: a row left empty is removed; the numbers set the order."""

    def kept_forms(self):
        return [form for form in self.forms if not form.is_blank]

    def clean(self):
        if any(self.errors):
            return
        used = {}
        for form in self.kept_forms():
            order = form.cleaned_data.get("order")
            if order is None:
                continue
            if order in used:
                form.add_error("order", f"Item number {order} is used twice.")
            used[order] = form

    def agenda_rows(self) -> list[AgendaRow]:
        rows = [
            AgendaRow(
                id=form.cleaned_data.get("id"),
                order=form.cleaned_data.get("order"),
                title=form.cleaned_data["title"],
                presenter=form.cleaned_data.get("presenter", ""),
            )
            for form in self.kept_forms()
        ]
        return sorted(rows, key=lambda row: _order_key(row.order))

    def show_agenda_errors(self, agenda_errors: dict[int, dict[str, str]]) -> None:
        """Put the service's per-row errors beside the rows they are about."""
        rows = sorted(
            self.kept_forms(), key=lambda f: (f.cleaned_data.get("order") is None, f.cleaned_data.get("order") or 0)
        )
        for index, fields in agenda_errors.items():
            for name, message in fields.items():
                rows[index].add_error(name if name in rows[index].fields and name != "id" else None, message)

    def error_links(self) -> list[tuple[str, str]]:
        links = []
        for number, form in enumerate(self.forms, start=1):
            links.extend(form.error_links(prefix=f"Agenda row {number}: "))
        links.extend(("#agenda", str(error)) for error in self.non_form_errors())
        return links


AgendaFormSet = forms.formset_factory(AgendaItemForm, formset=BaseAgendaFormSet, extra=0, max_num=99, validate_max=True)


def initial_agenda(meeting: Meeting | None, spare: int = 3) -> list[dict]:
    items = list(meeting.agenda_items.all()) if meeting and meeting.pk else []
    rows = [{"id": item.pk, "order": item.order, "title": item.title, "presenter": item.presenter} for item in items]
    return [*rows, *({} for _ in range(spare))]


class AttendanceForm(GovukFormMixin, forms.Form):
    """One question for each member: were they present, did they send apologies, or were they absent?"""

    def __init__(self, *args, members, recorded: dict[int, str], **kwargs):
        super().__init__(*args, **kwargs)
        self.members = list(members)
        for member in self.members:
            label = member.name + (f", {member.organisation}" if member.organisation_id else "")
            self.fields[f"member_{member.pk}"] = forms.ChoiceField(
                label=label,
                choices=Attendance.Status.choices,
                widget=forms.RadioSelect,
                required=False,
                initial=recorded.get(member.pk),
            )
        self.hide_optional = True

    def statuses(self) -> dict[int, str | None]:
        return {member.pk: self.cleaned_data.get(f"member_{member.pk}") or None for member in self.members}


class PaperForm(GovukFormMixin, forms.ModelForm):
    file = forms.FileField(
        label="File",
        help_text="A PDF, Word document (DOCX) or Excel spreadsheet (XLSX).",
        error_messages={"required": "Choose the paper's file.", "empty": "The selected file is empty."},
    )

    class Meta:
        model = Paper
        fields = ["title", "agenda_item"]
        labels = {"agenda_item": "Agenda item"}
        error_messages = {"title": {"required": "Enter the paper's title."}}

    def __init__(self, *args, meeting: Meeting, with_file: bool = True, **kwargs):
        super().__init__(*args, **kwargs)
        self.meeting = meeting
        self.fields["agenda_item"].queryset = AgendaItem.objects.filter(meeting=meeting).order_by("order")
        self.fields["agenda_item"].empty_label = "Not under an agenda item"
        if not with_file:
            del self.fields["file"]

    def clean_file(self):
        uploaded = self.cleaned_data["file"]
        self.checked = check_paper_file(uploaded)
        return uploaded


class RecommendationForm(_ServiceFieldsMixin, GovukFormMixin, forms.ModelForm):
    class Meta:
        model = Recommendation
        fields = ["kind", "text", "order"]
        widgets = {"kind": forms.RadioSelect, "text": forms.Textarea(attrs={"rows": 3})}
        labels = {"kind": "The group is asked to", "text": "Recommendation", "order": "Position"}
        help_texts = {
            "text": "For example: Agree the objectives and key areas of work to be developed further.",
            "order": "Its number in the paper's list. Leave empty to keep it where it is, or put a new one last.",
        }
        error_messages = {
            "kind": {"required": "Choose whether the group is asked to note, confirm or agree."},
            "text": {"required": "Enter the recommendation."},
            "order": {"invalid": "Enter the position as a whole number."},
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _no_blank_choice(self.fields["kind"])
        self.fields["order"].required = False
        self.fields["order"].widget.attrs["class"] = "govuk-input govuk-input--width-2"
        if not self.instance.pk:
            self.initial.pop("order", None)

    def _post_clean(self):
        # An empty position means "put it last", which the service decides; the
        # model would call it missing.
        pass


class DecisionForm(_ServiceFieldsMixin, GovukFormMixin, forms.ModelForm):
    class Meta:
        model = Decision
        fields = ["outcome", "minute"]
        widgets = {"outcome": forms.RadioSelect, "minute": forms.Textarea(attrs={"rows": 4})}
        labels = {"outcome": "Decision"}
        error_messages = {
            "outcome": {"required": "Choose the decision the group took."},
            "minute": {"required": "Enter the minute that records the decision."},
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _no_blank_choice(self.fields["outcome"])


class PrgActionForm(_ServiceFieldsMixin, GovukFormMixin, forms.ModelForm):
    class Meta:
        model = PrgAction
        fields = ["action", "owner", "meeting", "due_date", "status", "notes"]
        widgets = {
            "action": forms.Textarea(attrs={"rows": 3}),
            "due_date": DateInput,
            "status": forms.RadioSelect,
            "notes": forms.Textarea(attrs={"rows": 3}),
        }
        labels = {"meeting": "Meeting it came from"}
        error_messages = {
            "action": {"required": "Enter the action."},
            "owner": {"required": "Enter who owns the action."},
            "meeting": {"required": "Choose the meeting the action came from."},
            "due_date": {"required": "Enter the due date.", "invalid": "Enter the due date as a real date."},
            "status": {"required": "Choose the action's status."},
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _no_blank_choice(self.fields["status"])
        self.fields["meeting"].empty_label = "Choose the meeting"


class TaskGroupForm(GovukFormMixin, forms.ModelForm):
    members = forms.ModelMultipleChoiceField(
        queryset=PrgMember.objects.order_by("name"),
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text="The PRG members who sit on the group.",
    )

    class Meta:
        model = TaskAndFinishGroup
        fields = ["name", "remit", "members", "start_date", "end_date"]
        widgets = {"remit": forms.Textarea(attrs={"rows": 4}), "start_date": DateInput, "end_date": DateInput}
        help_texts = {"end_date": "The group is shown as closed after this date."}
        error_messages = {
            "name": {"required": "Enter the group's name.", "unique": "A group with this name already exists."},
            "remit": {"required": "Enter the group's remit."},
            "start_date": {"required": "Enter the start date.", "invalid": "Enter the start date as a real date."},
            "end_date": {"required": "Enter the end date.", "invalid": "Enter the end date as a real date."},
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["members"].css_group = "vru-columns-2"

    def service_fields(self) -> dict:
        return {name: self.cleaned_data[name] for name in ("name", "remit", "start_date", "end_date")}
