"""The funds pages' forms: a fund's details and what it sets aside for each objective.

They check what was typed; ``commissioning.services.rounds`` checks the rules
(a total below what is awarded, allocations past the total) and its errors are
shown beside these fields.
"""

from decimal import Decimal

from django import forms

from commissioning.forms.rounds.fields import MoneyField
from commissioning.models import Fund
from commissioning.services.rounds import pounds
from vru.forms import GovukFormMixin


class FundForm(GovukFormMixin, forms.ModelForm):
    total = MoneyField(subject="Total", help_text="In pounds: everything that can be awarded from this fund.")
    financial_year = forms.IntegerField(
        label="Financial year",
        min_value=2000,
        max_value=2100,
        help_text="The year it starts: 2026 for 2026-27.",
        widget=forms.TextInput(attrs={"class": "govuk-input--width-4", "inputmode": "numeric", "spellcheck": "false"}),
        error_messages={
            "required": "Enter the financial year the fund is for.",
            "invalid": "Enter the financial year as the year it starts, like 2026.",
            "min_value": "Enter a financial year from 2000 to 2100.",
            "max_value": "Enter a financial year from 2000 to 2100.",
        },
    )

    class Meta:
        model = Fund
        fields = ["name", "source", "financial_year", "total", "description"]
        widgets = {"description": forms.Textarea(attrs={"rows": 4})}
        help_texts = {
            "name": "For example: VRU core budget 2026-27.",
            "description": "What the fund is for, and any conditions that come with the money.",
        }
        error_messages = {
            "name": {"required": "Enter the fund's name.", "unique": "A fund with this name already exists."},
            "source": {"required": "Enter where the money comes from."},
        }

    def service_fields(self) -> dict:
        return {name: self.cleaned_data[name] for name in self.Meta.fields}


class FundAllocationsForm(GovukFormMixin, forms.Form):
    """An amount for each objective; empty sets nothing aside. Together they may not pass the fund's total."""

    hide_optional = True

    def __init__(self, *args, fund: Fund, objectives, current: dict[int, Decimal], **kwargs):
        super().__init__(*args, **kwargs)
        self.fund = fund
        self.objectives = list(objectives)
        for objective in self.objectives:
            self.fields[self.field_name(objective)] = MoneyField(
                subject=f"Allocation to objective {objective.number}",
                label=str(objective),
                required=False,
                initial=current.get(objective.pk),
            )

    @staticmethod
    def field_name(objective) -> str:
        return f"objective_{objective.pk}"

    def clean(self):
        cleaned = super().clean()
        if self.errors:
            return cleaned
        allocated = sum((amount for amount in self.amounts().values() if amount), Decimal("0"))
        if allocated > self.fund.total:
            self.add_error(
                None,
                f"The allocations add up to {pounds(allocated)}, which is more than the fund's total of "
                f"{pounds(self.fund.total)}. Reduce them by {pounds(allocated - self.fund.total)}.",
            )
        return cleaned

    def amounts(self) -> dict:
        return {objective: self.cleaned_data.get(self.field_name(objective)) for objective in self.objectives}

    def allocations(self) -> list[tuple]:
        return list(self.amounts().items())

    def error_links(self, prefix: str = "") -> list[tuple[str, str]]:
        # A message about the sum belongs to the whole set: link it to the first amount.
        first = f"#{self[self.field_name(self.objectives[0])].auto_id}" if self.objectives else "#main-content"
        return [
            (first if anchor == "#main-content" else anchor, message) for anchor, message in super().error_links(prefix)
        ]
