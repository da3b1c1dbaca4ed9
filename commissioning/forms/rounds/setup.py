"""A round's weighted criteria and its own questions, each edited as a list of rows.

"Add another" works without JavaScript: the button posts what was typed, and the
page comes back with it kept and one more empty row, nothing saved. A row left
empty is dropped. The weights' sum is checked on the whole list, and the message
names the sum reached.
"""

from django import forms

from commissioning.services.rounds import TOTAL_WEIGHT, CriterionRow, QuestionRow, weights_message
from vru.forms import GovukFormMixin

ADD_ANOTHER = "add-another"


class _RowForm(GovukFormMixin, forms.Form):
    id = forms.IntegerField(widget=forms.HiddenInput, required=False)
    content_fields: tuple[str, ...] = ()

    @property
    def is_blank(self) -> bool:
        data = self.cleaned_data if hasattr(self, "cleaned_data") else {}
        return all(data.get(name) in (None, "") for name in self.content_fields)


class CriterionForm(_RowForm):
    title = forms.CharField(max_length=200, required=False, label="Title")
    description = forms.CharField(
        required=False,
        label="What assessors look for (optional)",
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    weight = forms.IntegerField(
        required=False,
        min_value=1,
        max_value=TOTAL_WEIGHT,
        label="Weight",
        help_text="Percent of the total score.",
        widget=forms.TextInput(attrs={"class": "govuk-input--width-3", "inputmode": "numeric", "spellcheck": "false"}),
        error_messages={
            "invalid": "Enter the weight as a whole number, like 20.",
            "min_value": f"Enter a weight from 1 to {TOTAL_WEIGHT}.",
            "max_value": f"Enter a weight from 1 to {TOTAL_WEIGHT}.",
        },
    )
    content_fields = ("title", "description", "weight")
    hide_optional = True

    def clean(self):
        cleaned = super().clean()
        if self.is_blank:
            return cleaned
        if not (cleaned.get("title") or "").strip():
            self.add_error("title", "Enter the criterion's title, or clear the row to remove it.")
        if cleaned.get("weight") is None and "weight" not in self.errors:
            self.add_error("weight", "Enter the criterion's weight.")
        return cleaned

    def row(self) -> CriterionRow:
        data = self.cleaned_data
        return CriterionRow(
            id=data.get("id"),
            title=data["title"].strip(),
            description=data["description"].strip(),
            weight=data["weight"],
        )


class QuestionForm(_RowForm):
    text = forms.CharField(max_length=300, required=False, label="Question")
    hint = forms.CharField(
        required=False,
        label="Hint (optional)",
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="Shown under the question to help applicants answer it.",
    )
    word_limit = forms.IntegerField(
        required=False,
        min_value=1,
        max_value=5000,
        label="Word limit (optional)",
        widget=forms.TextInput(attrs={"class": "govuk-input--width-4", "inputmode": "numeric", "spellcheck": "false"}),
        error_messages={
            "invalid": "Enter the word limit as a whole number, like 500.",
            "min_value": "Enter a word limit from 1 to 5000, or leave it empty.",
            "max_value": "Enter a word limit from 1 to 5000, or leave it empty.",
        },
    )
    required = forms.BooleanField(required=False, label="Applicants must answer it")
    content_fields = ("text", "hint", "word_limit")
    hide_optional = True

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["text"].error_messages["max_length"] = "The question must be 300 characters or fewer."

    def clean(self):
        cleaned = super().clean()
        if not self.is_blank and not (cleaned.get("text") or "").strip():
            self.add_error("text", "Enter the question, or clear the row to remove it.")
        return cleaned

    def row(self) -> QuestionRow:
        data = self.cleaned_data
        return QuestionRow(
            id=data.get("id"),
            text=data["text"].strip(),
            hint=data["hint"].strip(),
            word_limit=data.get("word_limit"),
            required=bool(data.get("required")),
        )


class _RowsFormSet(forms.BaseFormSet):
    noun = "Row"
    anchor = "rows"

    def kept_forms(self):
        return [form for form in self.forms if not form.is_blank]

    def rows(self) -> list:
        return [form.row() for form in self.kept_forms()]

    def show_service_errors(self, messages) -> None:
        """The service's messages about the list (the sum, a locked round) at the top of the list."""
        for message in messages:
            self._non_form_errors.append(message)

    def error_links(self) -> list[tuple[str, str]]:
        links = [(f"#{self.anchor}", str(error)) for error in self.non_form_errors()]
        for number, form in enumerate(self.forms, start=1):
            links.extend(form.error_links(prefix=f"{self.noun} {number}: "))
        return links

    def typed_rows(self) -> list[dict]:
        """What was typed in each row, unchecked, to show again with one more row (no JavaScript needed)."""
        return [{name: form[name].value() for name in form.fields} for form in self.forms]


class BaseCriteriaFormSet(_RowsFormSet):
    noun = "Criterion"
    anchor = "criteria"

    def clean(self):
        if any(self.errors):
            return
        kept = self.kept_forms()
        if not kept:
            raise forms.ValidationError(
                f"Add at least one criterion. The weights must add up to exactly {TOTAL_WEIGHT}."
            )
        total = sum(form.cleaned_data["weight"] for form in kept)
        if total != TOTAL_WEIGHT:
            raise forms.ValidationError(weights_message(total), code="weights")

    @property
    def typed_total(self) -> int | None:
        """The sum of the weights as typed, for the running total beside the list; None if any is not a number."""
        total = 0
        for form in self.forms:
            value = form["weight"].value()
            if value in (None, ""):
                continue
            try:
                total += int(str(value).strip())
            except ValueError:
                return None
        return total


class BaseQuestionsFormSet(_RowsFormSet):
    noun = "Question"
    anchor = "questions"


CriteriaFormSet = forms.formset_factory(
    CriterionForm, formset=BaseCriteriaFormSet, extra=0, max_num=30, validate_max=True, absolute_max=30
)
QuestionsFormSet = forms.formset_factory(
    QuestionForm, formset=BaseQuestionsFormSet, extra=0, max_num=30, validate_max=True, absolute_max=30
)


def criteria_initial(criteria, spare: int = 1) -> list[dict]:
    rows = [{"id": c.pk, "title": c.title, "description": c.description, "weight": c.weight} for c in criteria]
    return [*rows, *({} for _ in range(max(spare, 3 - len(rows))))]


def questions_initial(questions, spare: int = 1) -> list[dict]:
    rows = [
        {"id": q.pk, "text": q.text, "hint": q.hint, "word_limit": q.word_limit, "required": q.required}
        for q in questions
    ]
    return [*rows, *({"required": True} for _ in range(spare))]
