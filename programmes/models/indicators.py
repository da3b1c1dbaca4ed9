from django.core.exceptions import ObjectDoesNotExist, ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.formats import date_format
from simple_history.models import HistoricalRecords

from programmes.models.programme import Programme
from programmes.periods import FinancialQuarter


class Direction(models.TextChoices):
    UP = "up", "Higher is better"
    DOWN = "down", "Lower is better"


class Aggregation(models.TextChoices):
    SUM = "sum", "Sum of the quarters"
    LATEST = "latest", "Latest quarter"
    MEAN = "mean", "Mean of the quarters"


class Indicator(models.Model):
    """A measure of a programme from the Performance Framework, with a target and value per quarter."""

    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="indicators")
    name = models.CharField(max_length=200)
    unit = models.CharField(max_length=50, help_text="For example: young people, sessions, %.")
    direction = models.CharField(max_length=4, choices=Direction.choices, default=Direction.UP)
    baseline = models.DecimalField(max_digits=14, decimal_places=2, null=True, blank=True)
    aggregation = models.CharField(
        max_length=6,
        choices=Aggregation.choices,
        default=Aggregation.SUM,
        help_text="How the quarters add up to a year.",
    )
    counts_people = models.BooleanField(
        default=True,
        help_text="Counts people (young people reached, say): small counts are suppressed outside VRU staff. "
        "Untick for sessions, money or percentages.",
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["name", "pk"]

    def __str__(self):
        return self.name


class IndicatorValue(models.Model):
    """The target and the actual value of an indicator for one UK financial quarter."""

    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="values")
    financial_year = models.PositiveSmallIntegerField(
        validators=[MinValueValidator(2000), MaxValueValidator(2100)],
        help_text="The year the financial year starts: 2025 for 2025-26.",
    )
    quarter = models.PositiveSmallIntegerField(validators=[MinValueValidator(1), MaxValueValidator(4)])
    target = models.DecimalField(max_digits=14, decimal_places=2, null=True, blank=True)
    actual = models.DecimalField(max_digits=14, decimal_places=2, null=True, blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["financial_year", "quarter"]
        constraints = [
            models.UniqueConstraint(
                fields=["indicator", "financial_year", "quarter"], name="one_value_per_indicator_quarter"
            ),
        ]

    def __str__(self):
        return f"{self.indicator} {self.period}"

    @property
    def period(self) -> FinancialQuarter:
        return FinancialQuarter(self.financial_year, self.quarter)

    def clean(self):
        if self.financial_year is None or self.quarter not in (1, 2, 3, 4):
            return
        try:
            programme = self.indicator.programme
        except ObjectDoesNotExist:
            return  # an admin form is checked before its indicator, or that indicator's programme, is chosen
        if not self.period.overlaps(programme.start_date, programme.end_date):
            raise ValidationError(
                {
                    "quarter": f"{self.period.label} is outside the programme, which runs from "
                    f"{date_format(programme.start_date)} to {date_format(programme.end_date)}."
                }
            )
