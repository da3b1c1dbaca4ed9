"""Grants awarded from applications, their payment schedules and the variations made to them."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from simple_history.models import HistoricalRecords

from commissioning.models.funds import MONEY, Fund


class GrantStatus(models.TextChoices):
    ACTIVE = "active", "Active"
    CLOSED = "closed", "Closed"


class GrantQuerySet(models.QuerySet):
    def for_user(self, user):
        return self.filter(organisation__memberships__user=user)


class Grant(models.Model):
    """An award. ``fund`` and ``organisation`` repeat the application's so that the fund can be
    locked and its ledger summed, and a partner's grants found, without joining through it."""

    application = models.OneToOneField("commissioning.Application", on_delete=models.PROTECT, related_name="grant")
    fund = models.ForeignKey(Fund, on_delete=models.PROTECT, related_name="grants")
    organisation = models.ForeignKey("partners.Organisation", on_delete=models.PROTECT, related_name="grants")
    objective = models.ForeignKey(
        "programmes.Objective",
        on_delete=models.PROTECT,
        related_name="grants",
        help_text="The objective the award counts against in the ledger.",
    )
    programme = models.ForeignKey(
        "programmes.Programme",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="grants",
        help_text="Accepted returns' indicator actuals roll up into this programme's indicators.",
    )
    identifier = models.CharField(max_length=60, unique=True, editable=False, help_text="The 360Giving grant id.")
    title = models.CharField(max_length=200)
    description = models.TextField()
    amount = models.DecimalField(**MONEY)
    start_date = models.DateField()
    end_date = models.DateField()
    conditions = models.TextField(blank=True)
    agreement_signed_on = models.DateField(null=True, blank=True)
    status = models.CharField(max_length=6, choices=GrantStatus.choices, default=GrantStatus.ACTIVE)
    awarded_at = models.DateTimeField()
    awarded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    history = HistoricalRecords()

    objects = GrantQuerySet.as_manager()

    class Meta:
        ordering = ["-awarded_at", "pk"]
        constraints = [
            models.CheckConstraint(condition=Q(amount__gt=0), name="grant_amount_positive"),
            models.CheckConstraint(condition=Q(end_date__gte=models.F("start_date")), name="grant_ends_after_start"),
        ]

    def __str__(self):
        return f"{self.identifier}: {self.title}"

    def get_absolute_url(self):
        return reverse("commissioning:grant-detail", args=[self.pk])


class TrancheCondition(models.TextChoices):
    AGREEMENT_SIGNED = "agreement_signed", "Grant agreement signed"
    RETURN_ACCEPTED = "return_accepted", "Monitoring return accepted"
    MANUAL = "manual", "Confirmed by VRU staff"


class TrancheStatus(models.TextChoices):
    SCHEDULED = "scheduled", "Scheduled"
    RELEASED = "released", "Released"
    PAID = "paid", "Paid"


class Tranche(models.Model):
    """A payment of the schedule: released when its condition is met, then marked paid."""

    grant = models.ForeignKey(Grant, on_delete=models.CASCADE, related_name="tranches")
    number = models.PositiveSmallIntegerField()
    amount = models.DecimalField(**MONEY)
    due_date = models.DateField()
    condition = models.CharField(max_length=16, choices=TrancheCondition.choices)
    condition_return = models.ForeignKey(
        "commissioning.MonitoringReturn",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="tranches",
        help_text="For a tranche released by an accepted return: which return.",
    )
    status = models.CharField(max_length=9, choices=TrancheStatus.choices, default=TrancheStatus.SCHEDULED)
    released_at = models.DateTimeField(null=True, blank=True)
    released_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    paid_on = models.DateField(null=True, blank=True)
    paid_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["grant", "number"]
        constraints = [
            models.UniqueConstraint(fields=["grant", "number"], name="one_tranche_number_per_grant"),
            models.CheckConstraint(condition=Q(amount__gt=0), name="tranche_amount_positive"),
            models.CheckConstraint(
                condition=~Q(condition="return_accepted") | Q(condition_return__isnull=False),
                name="return_tranche_names_its_return",
            ),
            models.CheckConstraint(
                condition=~Q(status="paid") | Q(paid_on__isnull=False), name="paid_tranche_has_date"
            ),
        ]

    def __str__(self):
        return f"{self.grant.identifier} tranche {self.number}"


class GrantVariation(models.Model):
    """A manager's change to a grant's amount or dates, with the reason; the old values are kept."""

    grant = models.ForeignKey(Grant, on_delete=models.CASCADE, related_name="variations")
    reason = models.TextField()
    old_amount = models.DecimalField(**MONEY)
    new_amount = models.DecimalField(**MONEY)
    old_start_date = models.DateField()
    new_start_date = models.DateField()
    old_end_date = models.DateField()
    new_end_date = models.DateField()
    made_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    made_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["grant", "-made_at", "-pk"]

    def __str__(self):
        return f"Variation of {self.grant.identifier} on {self.made_at:%d %b %Y}"
