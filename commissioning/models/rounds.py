"""Funding rounds (calls): what a fund will pay for, when, and how applications are judged."""

from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from simple_history.models import HistoricalRecords

from commissioning.models.funds import MONEY, Fund


class GeographyLevel(models.TextChoices):
    WARD = "ward", "Ward"
    BOROUGH = "borough", "Borough"
    MULTI_BOROUGH = "multi_borough", "Multi-borough"


class FundingRoundQuerySet(models.QuerySet):
    def published(self):
        return self.filter(is_published=True)

    def open(self, at=None):
        """Published rounds taking applications now: opened, and not yet closed."""
        at = at or timezone.now()
        return self.published().filter(opens_at__lte=at, closes_at__gt=at)


class FundingRound(models.Model):
    fund = models.ForeignKey(Fund, on_delete=models.PROTECT, related_name="rounds")
    title = models.CharField(max_length=200)
    summary = models.CharField(max_length=300, help_text="One line for the list of open rounds.")
    objectives = models.ManyToManyField("programmes.Objective", related_name="funding_rounds")
    priority_areas = models.ManyToManyField("programmes.PriorityArea", related_name="funding_rounds", blank=True)
    geography_level = models.CharField(max_length=13, choices=GeographyLevel.choices)
    budget_envelope = models.DecimalField(**MONEY)
    minimum_request = models.DecimalField(**MONEY)
    maximum_request = models.DecimalField(**MONEY)
    opens_at = models.DateTimeField(help_text="London time.")
    closes_at = models.DateTimeField(help_text="London time. Applications submitted at or after this are refused.")
    guidance = models.TextField(help_text="Published guidance: paragraphs separated by a blank line.")
    is_published = models.BooleanField(
        default=False, help_text="Published rounds are listed at /funding/ while they are open."
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    history = HistoricalRecords()

    objects = FundingRoundQuerySet.as_manager()

    class Meta:
        ordering = ["-closes_at", "title"]
        constraints = [
            models.CheckConstraint(
                condition=Q(minimum_request__gte=0)
                & Q(maximum_request__gte=models.F("minimum_request"))
                & Q(budget_envelope__gte=models.F("maximum_request")),
                name="round_requests_within_envelope",
            ),
            models.CheckConstraint(condition=Q(closes_at__gt=models.F("opens_at")), name="round_closes_after_opening"),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("commissioning:round-detail", args=[self.pk])

    def get_public_url(self):
        return reverse("commissioning:funding-round", args=[self.pk])

    def is_open(self, at=None) -> bool:
        at = at or timezone.now()
        return self.is_published and self.opens_at <= at < self.closes_at

    def has_closed(self, at=None) -> bool:
        return (at or timezone.now()) >= self.closes_at


class Criterion(models.Model):
    """A published, weighted assessment criterion: a round's weights add up to 100."""

    round = models.ForeignKey(FundingRound, on_delete=models.CASCADE, related_name="criteria")
    order = models.PositiveSmallIntegerField(default=0)
    title = models.CharField(max_length=200)
    description = models.TextField(blank=True, help_text="What assessors look for.")
    weight = models.PositiveSmallIntegerField(help_text="Percent of the total score; a round's weights add up to 100.")

    history = HistoricalRecords()

    class Meta:
        ordering = ["round", "order", "pk"]
        verbose_name_plural = "criteria"
        constraints = [
            models.CheckConstraint(condition=Q(weight__gte=1) & Q(weight__lte=100), name="criterion_weight_1_to_100"),
        ]

    def __str__(self):
        return f"{self.title} ({self.weight}%)"


class RoundQuestion(models.Model):
    """A question of the round's own that every application answers."""

    round = models.ForeignKey(FundingRound, on_delete=models.CASCADE, related_name="questions")
    order = models.PositiveSmallIntegerField(default=0)
    text = models.CharField(max_length=300)
    hint = models.TextField(blank=True)
    word_limit = models.PositiveSmallIntegerField(null=True, blank=True)
    required = models.BooleanField(default=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["round", "order", "pk"]

    def __str__(self):
        return self.text
