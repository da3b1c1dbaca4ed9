"""The forms of the borough plan pages. They check what a person typed; the services check the rules."""

from django import forms

from partners.models import AssessmentDecision, GovernanceAnswer, PeerSession, Rating
from partners.services.plans import END_BEFORE_START, ActionRow, GovernanceRow, RatingRow, UpdateRow
from programmes.models import Rag
from programmes.periods import FinancialQuarter, financial_year_label
from vru.forms import DateInput, GovukFormMixin


class RequiredWhenField(forms.CharField):
    """Needed only in some cases, which the form or the service checks; so never labelled "(optional)"."""

    def validate(self, value):
        if value not in self.empty_values:
            super().validate(value)


class RequiredWhenChoiceField(forms.ChoiceField):
    def validate(self, value):
        if value not in self.empty_values:
            super().validate(value)


def _radios(choices, **kwargs) -> forms.ChoiceField:
    return forms.ChoiceField(choices=choices, widget=forms.RadioSelect, **kwargs)


# --- A theme's actions ------------------------------------------------------------------------------


class PlanActionForm(GovukFormMixin, forms.Form):
    id = forms.IntegerField(widget=forms.HiddenInput, required=False)
    action = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="What the partnership will do, where, and with whom.",
        error_messages={"required": "Enter the action."},
    )
    outcome = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="What will be different, and how you will know.",
        error_messages={"required": "Enter the outcome."},
    )
    lead = forms.CharField(
        label="Named lead",
        max_length=200,
        help_text="The person responsible, by name or role.",
        error_messages={"required": "Enter the named lead."},
    )
    lead_organisations = forms.CharField(max_length=300, error_messages={"required": "Enter the lead organisations."})
    start_date = forms.DateField(
        widget=DateInput,
        error_messages={"required": "Enter the start date.", "invalid": "Enter the start date as a real date."},
    )
    end_date = forms.DateField(
        widget=DateInput,
        error_messages={"required": "Enter the end date.", "invalid": "Enter the end date as a real date."},
    )
    rag = _radios(
        Rag.choices, label="RAG status", initial=Rag.GREEN, error_messages={"required": "Choose the RAG status."}
    )

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("start_date"), cleaned.get("end_date")
        if start and end and end < start:
            self.add_error("end_date", END_BEFORE_START)
        return cleaned

    def action_row(self) -> ActionRow:
        data = self.cleaned_data
        return ActionRow(
            id=data.get("id"),
            action=data["action"],
            outcome=data["outcome"],
            lead=data["lead"],
            lead_organisations=data["lead_organisations"],
            start_date=data["start_date"],
            end_date=data["end_date"],
            rag=data["rag"],
        )


class BaseActionFormSet(forms.BaseFormSet):
    """Every row is treated alike: left blank it is ignored, filled in it is checked, ticked it is removed."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.problems: list[str] = []

    def _construct_form(self, i, **kwargs):
        return super()._construct_form(i, empty_permitted=True, use_required_attribute=False, **kwargs)

    def add_fields(self, form, index):
        super().add_fields(form, index)
        form.fields["DELETE"].label = "Remove this action when saving"
        form.fields["DELETE"].widget.attrs["class"] = "govuk-checkboxes__input"

    def kept_forms(self) -> list[PlanActionForm]:
        return [form for form in self.forms if form.cleaned_data and not form.cleaned_data.get("DELETE")]

    def action_rows(self) -> list[ActionRow]:
        return [form.action_row() for form in self.kept_forms()]

    def show_row_errors(self, action_errors: dict[int, dict[str, list[str]]]) -> None:
        """Put the service's errors, numbered as the rows it was given, beside the fields they are about."""
        kept = self.kept_forms()
        for index, fields in action_errors.items():
            for name, messages in fields.items():
                kept[index].add_error(None if name == "__all__" else name, messages)

    def error_links(self) -> list[tuple[str, str]]:
        links = [("#actions", problem) for problem in self.problems]
        for number, form in enumerate(self.forms, start=1):
            if form.is_bound:
                links.extend(form.error_links(prefix=f"Action {number}: "))
        links.extend(("#actions", str(error)) for error in self.non_form_errors())
        return links

    def with_another_row(self) -> "BaseActionFormSet":
        """The same rows, as typed, plus a blank one: for "Add another action", without showing errors yet."""
        rows = [{name: form[name].value() for name in form.fields} for form in self.forms]
        return type(self)(prefix=self.prefix, initial=[*rows, {}])


ActionFormSet = forms.formset_factory(
    PlanActionForm,
    formset=BaseActionFormSet,
    extra=0,
    can_delete=True,
    max_num=50,
    validate_max=True,
    absolute_max=60,
)


def initial_actions(actions) -> list[dict]:
    """The theme's actions as rows, plus a blank one for the next."""
    rows = [
        {
            "id": action.pk,
            "action": action.action,
            "outcome": action.outcome,
            "lead": action.lead,
            "lead_organisations": action.lead_organisations,
            "start_date": action.start_date,
            "end_date": action.end_date,
            "rag": action.rag,
        }
        for action in actions
    ]
    return [*rows, {}]


# --- Governance -------------------------------------------------------------------------------------


class GovernanceForm(GovukFormMixin, forms.Form):
    """An answer (met or not, and the evidence) for each minimum governance standard."""

    def __init__(self, *args, standards, answers: dict, **kwargs):
        super().__init__(*args, **kwargs)
        self.standards = standards
        for standard in standards:
            answer = answers.get(standard.pk)
            self.fields[f"met_{standard.pk}"] = RequiredWhenChoiceField(
                label=f"Does the partnership meet “{standard.title}”?",
                choices=GovernanceAnswer.Met.choices,
                widget=forms.RadioSelect,
                initial=answer.met if answer else None,
            )
            self.fields[f"evidence_{standard.pk}"] = RequiredWhenField(
                label=f"Evidence for “{standard.title}”",
                widget=forms.Textarea(attrs={"rows": 4, "class": "govuk-textarea"}),
                help_text="How the partnership meets the standard: documents, dates, who agreed what.",
                initial=answer.evidence if answer else None,
            )

    @property
    def groups(self):
        return [(standard, self[f"met_{standard.pk}"], self[f"evidence_{standard.pk}"]) for standard in self.standards]

    def governance_rows(self) -> list[GovernanceRow]:
        return [
            GovernanceRow(
                standard=standard,
                met=self.cleaned_data.get(f"met_{standard.pk}") or "",
                evidence=self.cleaned_data.get(f"evidence_{standard.pk}") or "",
            )
            for standard in self.standards
        ]

    def show_errors(self, standard_errors: dict[int, dict[str, list[str]]]) -> None:
        for pk, fields in standard_errors.items():
            for name, messages in fields.items():
                self.add_error(f"{name}_{pk}", messages)


# --- Assessment -------------------------------------------------------------------------------------


class AssessmentForm(GovukFormMixin, forms.Form):
    overall_rating = _radios(
        Rating.choices,
        label="Overall rating of the plan",
        error_messages={"required": "Give the plan an overall rating."},
    )
    feedback = forms.CharField(
        label="Feedback for the partnership",
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text="What is strong in the plan and what could be better. The partnership sees this.",
        error_messages={"required": "Enter your feedback for the partnership."},
    )
    decision = _radios(
        AssessmentDecision.choices,
        label="Decision",
        error_messages={"required": "Choose whether to accept the plan or return it for changes."},
    )
    changes_required = RequiredWhenField(
        label="What the partnership must change",
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text="Needed when you return the plan: each change it must make before it resubmits.",
    )

    def __init__(self, *args, criteria, themes, **kwargs):
        super().__init__(*args, **kwargs)
        self.criteria, self.themes = criteria, themes
        fields = {}
        for kind, subjects in (("criterion", criteria), ("theme", themes)):
            for subject in subjects:
                title = subject.title
                message = f"Rate the plan against “{title}”." if kind == "criterion" else f"Rate the theme “{title}”."
                fields[f"{kind}_{subject.pk}_rating"] = _radios(
                    Rating.choices, label=f"Rating for “{title}”", error_messages={"required": message}
                )
                fields[f"{kind}_{subject.pk}_comment"] = forms.CharField(
                    label=f"Comment on “{title}”", widget=forms.Textarea(attrs={"rows": 2}), required=False
                )
        # The ratings come first on the page, before the overall view and the decision.
        self.fields = {**fields, **self.fields}
        for field in fields.values():
            if isinstance(field.widget, forms.Textarea):
                field.widget.attrs["class"] = "govuk-textarea"

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("decision") == AssessmentDecision.RETURN and not (cleaned.get("changes_required") or "").strip():
            self.add_error("changes_required", "Say what the partnership must change before it resubmits the plan.")
        return cleaned

    def _rows(self, kind, subjects) -> list[RatingRow]:
        return [
            RatingRow(
                subject=subject,
                rating=self.cleaned_data.get(f"{kind}_{subject.pk}_rating") or "",
                comment=self.cleaned_data.get(f"{kind}_{subject.pk}_comment") or "",
            )
            for subject in subjects
        ]

    def criterion_groups(self):
        return [(c, self[f"criterion_{c.pk}_rating"], self[f"criterion_{c.pk}_comment"]) for c in self.criteria]

    def theme_groups(self):
        return [(t, self[f"theme_{t.pk}_rating"], self[f"theme_{t.pk}_comment"]) for t in self.themes]

    def service_fields(self) -> dict:
        data = self.cleaned_data
        return {
            "decision": data["decision"],
            "overall_rating": data["overall_rating"],
            "feedback": data["feedback"],
            "changes_required": data.get("changes_required") or "",
            "theme_ratings": self._rows("theme", self.themes),
            "judgements": self._rows("criterion", self.criteria),
        }

    def show_errors(self, error) -> None:
        for (kind, pk), messages in error.rating_errors.items():
            self.add_error(f"{kind}_{pk}_rating", messages)
        for name, messages in error.field_errors.items():
            self.add_error(name if name in self.fields else None, messages)


# --- Quarterly updates ------------------------------------------------------------------------------


class QuarterForm(GovukFormMixin, forms.Form):
    """Which quarter of the plan's year the update is for."""

    hide_optional = True
    quarter = forms.TypedChoiceField(label="Quarter", coerce=int)

    def __init__(self, *args, quarters: list[FinancialQuarter], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["quarter"].choices = [(q.quarter, q.long_label) for q in quarters]


class ProgressForm(GovukFormMixin, forms.Form):
    """Each action's RAG and progress for the quarter."""

    def __init__(self, *args, rows, **kwargs):
        super().__init__(*args, **kwargs)
        self.rows = rows
        for number, row in enumerate(rows, start=1):
            pk = row.action.pk
            self.fields[f"rag_{pk}"] = _radios(
                Rag.choices,
                label=f"RAG status of action {number}",
                initial=row.update.rag if row.update else row.previous_rag,
                error_messages={"required": f"Choose the RAG status of action {number}."},
            )
            self.fields[f"progress_{pk}"] = forms.CharField(
                label=f"Progress on action {number} this quarter",
                widget=forms.Textarea(attrs={"rows": 3, "class": "govuk-textarea"}),
                initial=row.update.progress if row.update else "",
                error_messages={"required": f"Enter the progress on action {number} this quarter."},
            )

    @property
    def groups(self):
        return [
            (number, row, self[f"rag_{row.action.pk}"], self[f"progress_{row.action.pk}"])
            for number, row in enumerate(self.rows, start=1)
        ]

    def update_rows(self) -> list[UpdateRow]:
        return [
            UpdateRow(
                action=row.action,
                rag=self.cleaned_data[f"rag_{row.action.pk}"],
                progress=self.cleaned_data[f"progress_{row.action.pk}"],
            )
            for row in self.rows
        ]

    def show_errors(self, action_errors: dict[int, dict[str, list[str]]]) -> None:
        for pk, fields in action_errors.items():
            for name, messages in fields.items():
                self.add_error(f"{name}_{pk}", messages)


# --- The London view and peer sessions ----------------------------------------------------------------


class YearForm(GovukFormMixin, forms.Form):
    hide_optional = True
    year = forms.TypedChoiceField(
        label="Financial year", coerce=int, error_messages={"invalid_choice": "Choose a financial year from the list."}
    )

    def __init__(self, *args, years, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["year"].choices = [(year, financial_year_label(year)) for year in years]


class PeerSessionForm(GovukFormMixin, forms.ModelForm):
    class Meta:
        model = PeerSession
        fields = ["date", "title", "boroughs", "notes"]
        labels = {"boroughs": "Boroughs taking part"}
        widgets = {
            "date": DateInput,
            "boroughs": forms.CheckboxSelectMultiple,
            "notes": forms.Textarea(attrs={"rows": 5}),
        }
        help_texts = {"notes": "What was shared and agreed. Do not name young people."}
        error_messages = {
            "date": {"required": "Enter the date of the session.", "invalid": "Enter the date as a real date."},
            "title": {"required": "Enter the session's title."},
            "boroughs": {"required": "Choose at least two boroughs taking part."},
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["boroughs"].css_group = "vru-columns-3"

    def clean_boroughs(self):
        boroughs = self.cleaned_data["boroughs"]
        if len(boroughs) < 2:
            raise forms.ValidationError("Choose at least two boroughs taking part.")
        return boroughs

    def service_fields(self) -> dict:
        return {name: self.cleaned_data[name] for name in self.Meta.fields}
