from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone
from simple_history.models import HistoricalRecords

from programmes.models.strategy import Objective, PriorityArea
from programmes.models.tags import InterventionType, PreventionLevel, TargetGroup


class ProgrammeStatus(models.TextChoices):
    PLANNED = "planned", "Planned"
    ACTIVE = "active", "Active"
    PAUSED = "paused", "Paused"
    CLOSED = "closed", "Closed"


class Rag(models.TextChoices):
    RED = "red", "Red"
    AMBER = "amber", "Amber"
    GREEN = "green", "Green"


class ProgrammeQuerySet(models.QuerySet):
    def active(self):
        return self.filter(status=ProgrammeStatus.ACTIVE)

    def for_listing(self):
        return self.select_related("lead_officer").prefetch_related("objectives")


class Programme(models.Model):
    title = models.CharField(max_length=200)
    description = models.TextField(blank=True)
    objectives = models.ManyToManyField(Objective, related_name="programmes")
    priority_areas = models.ManyToManyField(PriorityArea, related_name="programmes", blank=True)
    lead_officer = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="led_programmes")
    status = models.CharField(max_length=10, choices=ProgrammeStatus.choices, default=ProgrammeStatus.PLANNED)
    start_date = models.DateField()
    end_date = models.DateField()
    budget = models.DecimalField(
        "budget (£)",
        max_digits=14,
        decimal_places=2,
        validators=[MinValueValidator(Decimal("0"), "The budget cannot be negative.")],
    )
    boroughs = models.ManyToManyField("partners.Borough", related_name="programmes", blank=True)
    target_cohort = models.CharField(
        max_length=200, blank=True, help_text="Who the programme works with, e.g. young people aged 10 to 24."
    )
    intervention_types = models.ManyToManyField(InterventionType, related_name="programmes", blank=True)
    prevention_levels = models.ManyToManyField(PreventionLevel, related_name="programmes", blank=True)
    target_groups = models.ManyToManyField(TargetGroup, related_name="programmes", blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    history = HistoricalRecords(
        m2m_fields=[objectives, priority_areas, boroughs, intervention_types, prevention_levels, target_groups]
    )

    objects = ProgrammeQuerySet.as_manager()

    class Meta:
        ordering = ["title", "pk"]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("programmes:programme-detail", args=[self.pk])

    def clean(self):
        if self.start_date and self.end_date and self.end_date < self.start_date:
            raise ValidationError({"end_date": "The end date must be the same as or after the start date."})


# The programme's many-to-many choices, in the order forms, history and prefetches list them.
PROGRAMME_M2M_FIELDS = (
    "objectives",
    "priority_areas",
    "boroughs",
    "intervention_types",
    "prevention_levels",
    "target_groups",
)


class MilestoneQuerySet(models.QuerySet):
    def open(self):
        return self.filter(done_date__isnull=True)

    def late(self, today=None):
        return self.open().filter(due_date__lt=today or timezone.localdate())


class Milestone(models.Model):
    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="milestones")
    title = models.CharField(max_length=200)
    due_date = models.DateField()
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="owned_milestones")
    rag = models.CharField("RAG status", max_length=5, choices=Rag.choices, default=Rag.GREEN)
    done_date = models.DateField(null=True, blank=True)

    history = HistoricalRecords()

    objects = MilestoneQuerySet.as_manager()

    class Meta:
        ordering = ["due_date", "pk"]

    def __str__(self):
        return self.title

    @property
    def is_done(self) -> bool:
        return self.done_date is not None

    @property
    def is_late(self) -> bool:
        return not self.is_done and self.due_date < timezone.localdate()

    def clean(self):
        if self.done_date and self.done_date > timezone.localdate():
            raise ValidationError({"done_date": "The done date cannot be in the future."})
