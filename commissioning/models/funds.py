"""Funds: the budget lines the VRU awards grants from."""

from django.db import models
from django.urls import reverse
from simple_history.models import HistoricalRecords

from programmes.periods import financial_year_label

MONEY = {"max_digits": 14, "decimal_places": 2}


class Fund(models.Model):
    """A budget line, such as the VRU core budget for a year: awards from it can never pass its total."""

    name = models.CharField(max_length=200, unique=True)
    source = models.CharField(max_length=200, help_text="Where the money comes from, such as MOPAC or the Home Office.")
    financial_year = models.PositiveSmallIntegerField(help_text="The year the financial year starts: 2025 for 2025-26.")
    total = models.DecimalField(**MONEY)
    description = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["-financial_year", "name"]
        constraints = [models.CheckConstraint(condition=models.Q(total__gte=0), name="fund_total_not_negative")]

    def __str__(self):
        return f"{self.name} ({self.year_label})"

    def get_absolute_url(self):
        return reverse("commissioning:fund-detail", args=[self.pk])

    @property
    def year_label(self) -> str:
        return financial_year_label(self.financial_year)


class FundAllocation(models.Model):
    """The part of a fund set aside for one objective, which the per-objective ledger reads."""

    fund = models.ForeignKey(Fund, on_delete=models.CASCADE, related_name="allocations")
    objective = models.ForeignKey("programmes.Objective", on_delete=models.PROTECT, related_name="fund_allocations")
    amount = models.DecimalField(**MONEY)

    history = HistoricalRecords()

    class Meta:
        ordering = ["fund", "objective__number"]
        constraints = [
            models.UniqueConstraint(fields=["fund", "objective"], name="one_allocation_per_fund_objective"),
            models.CheckConstraint(condition=models.Q(amount__gte=0), name="allocation_not_negative"),
        ]

    def __str__(self):
        return f"{self.fund}: {self.objective}"
