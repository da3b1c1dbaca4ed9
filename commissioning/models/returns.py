"""Quarterly monitoring returns: what a grantee spent and achieved, counted, never named."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from simple_history.models import HistoricalRecords

from commissioning.models.applications import AgeBand
from commissioning.models.funds import MONEY
from commissioning.models.grants import Grant
from programmes.periods import FinancialQuarter

# A return is due this many days after its quarter ends; after that it is overdue.
RETURN_DUE_DAYS = 14


class ReturnStatus(models.TextChoices):
    DRAFT = "draft", "Not submitted"
    SUBMITTED = "submitted", "Submitted"
    RETURNED = "returned", "Returned for revision"
    ACCEPTED = "accepted", "Accepted"


class MonitoringReturnQuerySet(models.QuerySet):
    def for_user(self, user):
        return self.filter(grant__organisation__memberships__user=user)

    def overdue(self, today):
        return self.filter(status=ReturnStatus.DRAFT, due_on__lt=today)


class MonitoringReturn(models.Model):
    """One grant's return for one financial quarter, created with the grant for every quarter it runs."""

    grant = models.ForeignKey(Grant, on_delete=models.CASCADE, related_name="returns")
    financial_year = models.PositiveSmallIntegerField()
    quarter = models.PositiveSmallIntegerField()
    due_on = models.DateField(help_text=f"{RETURN_DUE_DAYS} days after the quarter ends.")
    status = models.CharField(max_length=9, choices=ReturnStatus.choices, default=ReturnStatus.DRAFT)
    progress = models.TextField("progress narrative", blank=True)
    risks = models.TextField(blank=True)
    submitted_at = models.DateTimeField(null=True, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    reviewed_at = models.DateTimeField(null=True, blank=True, help_text="When it was accepted or returned.")
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    review_note = models.TextField(blank=True, help_text="What to change, when returned.")
    overdue_notice_sent_at = models.DateTimeField(
        null=True, blank=True, help_text="When the organisation was emailed that it is overdue: once only."
    )

    history = HistoricalRecords()

    objects = MonitoringReturnQuerySet.as_manager()

    class Meta:
        ordering = ["grant", "financial_year", "quarter"]
        constraints = [
            models.UniqueConstraint(fields=["grant", "financial_year", "quarter"], name="one_return_per_grant_quarter"),
            models.CheckConstraint(condition=Q(quarter__gte=1) & Q(quarter__lte=4), name="return_quarter_1_to_4"),
        ]

    def __str__(self):
        return f"{self.grant.identifier} {self.period.label}"

    def get_absolute_url(self):
        return reverse("commissioning:return-detail", args=[self.pk])

    @property
    def period(self) -> FinancialQuarter:
        return FinancialQuarter(self.financial_year, self.quarter)

    @property
    def is_editable(self) -> bool:
        return self.status in (ReturnStatus.DRAFT, ReturnStatus.RETURNED)

    def is_overdue(self, today) -> bool:
        return self.status == ReturnStatus.DRAFT and self.due_on < today


class ReturnSpend(models.Model):
    """Spend in the quarter against one of the application's budget lines."""

    monitoring_return = models.ForeignKey(MonitoringReturn, on_delete=models.CASCADE, related_name="spend")
    budget_line = models.ForeignKey("commissioning.BudgetLine", on_delete=models.PROTECT, related_name="spend")
    amount = models.DecimalField(**MONEY)

    history = HistoricalRecords()

    class Meta:
        ordering = ["monitoring_return", "budget_line__order", "budget_line__pk"]
        constraints = [
            models.UniqueConstraint(fields=["monitoring_return", "budget_line"], name="one_spend_per_budget_line"),
            models.CheckConstraint(condition=Q(amount__gte=0), name="spend_not_negative"),
        ]

    def __str__(self):
        return f"{self.budget_line}: {self.amount}"


class ReturnReach(models.Model):
    """Young people reached in the quarter in one borough and age band: a count only."""

    monitoring_return = models.ForeignKey(MonitoringReturn, on_delete=models.CASCADE, related_name="reach")
    borough = models.ForeignKey("partners.Borough", on_delete=models.PROTECT, related_name="+")
    age_band = models.CharField(max_length=8, choices=AgeBand.choices)
    count = models.PositiveIntegerField()

    history = HistoricalRecords()

    class Meta:
        ordering = ["monitoring_return", "borough__name", "age_band"]
        verbose_name_plural = "return reach"
        constraints = [
            models.UniqueConstraint(
                fields=["monitoring_return", "borough", "age_band"], name="one_reach_per_borough_age_band"
            ),
        ]

    def __str__(self):
        return f"{self.borough}, {self.get_age_band_display()}: {self.count}"


class ReturnIndicatorActual(models.Model):
    """The return's actual for one of the linked programme's indicators; rolled up once accepted."""

    monitoring_return = models.ForeignKey(MonitoringReturn, on_delete=models.CASCADE, related_name="indicator_actuals")
    indicator = models.ForeignKey("programmes.Indicator", on_delete=models.PROTECT, related_name="return_actuals")
    actual = models.DecimalField(max_digits=14, decimal_places=2)

    history = HistoricalRecords()

    class Meta:
        ordering = ["monitoring_return", "indicator__name"]
        constraints = [
            models.UniqueConstraint(fields=["monitoring_return", "indicator"], name="one_actual_per_indicator"),
        ]

    def __str__(self):
        return f"{self.indicator}: {self.actual}"
