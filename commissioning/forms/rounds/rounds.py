"""A funding round's settings: fund, purpose, money, London opening and closing times, guidance, publishing.

The rules between fields (smallest ≤ largest ≤ envelope ≤ fund, closing after
opening, what publishing needs) are the service's; its errors come back beside
the fields here.
"""

from django import forms

from commissioning.forms.rounds.fields import (
    GovukDateField,
    GovukDateInput,
    MoneyField,
    TimeOfDayField,
    london_datetime,
    split_london,
)
from commissioning.models import Fund, FundingRound, GeographyLevel
from commissioning.services.rounds import pounds
from programmes.models import Objective, PriorityArea
from vru.forms import GovukFormMixin

OPENS_HINT = "London time, for example 9:00 or 9am."
CLOSES_HINT = "London time, for example 17:00 or 5pm. To close at the end of a day, use 23:59."
# Where the service's errors about the stored datetimes are shown on this form.
SERVICE_FIELD_MAP = {"opens_at": "opens_on", "closes_at": "closes_on"}


class DateAnchorsMixin:
    """The error summary links a date's error to its day box, where GOV.UK's pattern puts the focus."""

    def error_links(self, prefix: str = "") -> list[tuple[str, str]]:
        anchors = {
            f"#{self[name].auto_id}": f"#{self[name].auto_id}_day"
            for name, field in self.fields.items()
            if isinstance(field.widget, GovukDateInput)
        }
        return [(anchors.get(anchor, anchor), message) for anchor, message in super().error_links(prefix)]


class FundChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, fund):
        return f"{fund.name} ({fund.year_label}), {pounds(fund.total)}"


class RoundForm(DateAnchorsMixin, GovukFormMixin, forms.Form):
    fund = FundChoiceField(
        queryset=Fund.objects.order_by("-financial_year", "name"),
        empty_label="Choose the fund",
        error_messages={"required": "Choose the fund the round awards from."},
    )
    title = forms.CharField(max_length=200, error_messages={"required": "Enter the round's title."})
    summary = forms.CharField(
        max_length=300,
        help_text="One line, shown in the list of open rounds. 300 characters at most.",
        error_messages={
            "required": "Enter a one-line summary.",
            "max_length": "The summary must be 300 characters or fewer.",
        },
    )
    objectives = forms.ModelMultipleChoiceField(
        queryset=Objective.objects.order_by("number"),
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text="The objectives the round funds work towards. A round needs at least one before it is published.",
    )
    priority_areas = forms.ModelMultipleChoiceField(
        queryset=PriorityArea.objects.order_by("number"),
        widget=forms.CheckboxSelectMultiple,
        required=False,
        label="Priority areas",
    )
    geography_level = forms.ChoiceField(
        choices=GeographyLevel.choices,
        widget=forms.RadioSelect,
        label="Geography level",
        help_text="The level projects are funded at.",
        error_messages={"required": "Choose the geography level projects are funded at."},
    )
    budget_envelope = MoneyField(subject="Budget envelope", help_text="The most the round will award in all.")
    minimum_request = MoneyField(subject="Smallest request", label="Smallest request")
    maximum_request = MoneyField(subject="Largest request", label="Largest request")
    opens_on = GovukDateField(subject="Opening date", label="Opening date", help_text="For example, 1 9 2026")
    opens_time = TimeOfDayField(subject="Opening time", label="Opening time", help_text=OPENS_HINT)
    closes_on = GovukDateField(subject="Closing date", label="Closing date", help_text="For example, 30 1 2027")
    closes_time = TimeOfDayField(subject="Closing time", label="Closing time", help_text=CLOSES_HINT)
    guidance = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 10}),
        help_text="Published with the round. Separate paragraphs with a blank line.",
        error_messages={"required": "Enter the guidance for applicants."},
    )
    is_published = forms.BooleanField(
        required=False,
        label="Published",
        help_text="A published round is listed at /funding/ while it is open. It needs at least one objective "
        "and criteria whose weights add up to 100.",
    )

    def __init__(self, *args, funding_round: FundingRound | None = None, **kwargs):
        self.funding_round = funding_round
        if funding_round is not None:
            kwargs["initial"] = {**self.initial_from(funding_round), **(kwargs.get("initial") or {})}
        super().__init__(*args, **kwargs)
        if funding_round is None:
            # A new round has no criteria yet, so it cannot be published: it is published from its page.
            del self.fields["is_published"]
        for name in ("objectives", "priority_areas"):
            self.fields[name].css_group = "vru-columns-2"

    @staticmethod
    def initial_from(funding_round: FundingRound) -> dict:
        opens_on, opens_time = split_london(funding_round.opens_at)
        closes_on, closes_time = split_london(funding_round.closes_at)
        return {
            "fund": funding_round.fund_id,
            "title": funding_round.title,
            "summary": funding_round.summary,
            "objectives": list(funding_round.objectives.all()),
            "priority_areas": list(funding_round.priority_areas.all()),
            "geography_level": funding_round.geography_level,
            "budget_envelope": funding_round.budget_envelope,
            "minimum_request": funding_round.minimum_request,
            "maximum_request": funding_round.maximum_request,
            "opens_on": opens_on,
            "opens_time": opens_time,
            "closes_on": closes_on,
            "closes_time": closes_time,
            "guidance": funding_round.guidance,
            "is_published": funding_round.is_published,
        }

    def clean(self):
        cleaned = super().clean()
        for prefix in ("opens", "closes"):
            day, at = cleaned.get(f"{prefix}_on"), cleaned.get(f"{prefix}_time")
            if day is None or at is None:
                continue
            try:
                cleaned[f"{prefix}_at"] = london_datetime(day, at)
            except forms.ValidationError as error:
                self.add_error(f"{prefix}_time", error)
        return cleaned

    def service_fields(self) -> dict:
        data = self.cleaned_data
        fields = {
            name: data[name]
            for name in (
                "fund",
                "title",
                "summary",
                "objectives",
                "priority_areas",
                "geography_level",
                "budget_envelope",
                "minimum_request",
                "maximum_request",
                "opens_at",
                "closes_at",
                "guidance",
            )
        }
        fields["title"] = fields["title"].strip()
        fields["summary"] = fields["summary"].strip()
        if "is_published" in self.fields:
            fields["is_published"] = data["is_published"]
        return fields


class PublishForm(forms.Form):
    """The button on a round's page that publishes it or takes it down."""

    published = forms.TypedChoiceField(
        choices=[("1", "Publish"), ("0", "Unpublish")], coerce=lambda value: value == "1"
    )
