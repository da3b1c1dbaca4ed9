"""Assessment: assessors assigned to an application declare conflicts, then score every criterion."""

from django.conf import settings
from django.core.validators import MaxValueValidator
from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords

from commissioning.models.applications import Application, Recommendation
from commissioning.models.rounds import Criterion

MAX_SCORE = 5


class Assessment(models.Model):
    """One assessor's assessment of one application.

    ``has_conflict`` is ``None`` until the assessor declares; a conflicted assessor
    may neither score nor see the other assessors' scores.
    """

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="assessments")
    assessor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="assessments")
    assigned_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    assigned_at = models.DateTimeField(auto_now_add=True)
    has_conflict = models.BooleanField(null=True, blank=True)
    conflict_details = models.TextField(blank=True)
    conflict_declared_at = models.DateTimeField(null=True, blank=True)
    recommendation = models.CharField(max_length=5, choices=Recommendation.choices, blank=True)
    comment = models.TextField(blank=True, help_text="The assessor's overall view.")
    submitted_at = models.DateTimeField(null=True, blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["application", "assigned_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["application", "assessor"], name="one_assessment_per_assessor"),
            # Only a declared, unconflicted assessor can have finished scoring.
            models.CheckConstraint(
                condition=Q(submitted_at__isnull=True) | Q(has_conflict=False),
                name="submitted_assessment_has_no_conflict",
            ),
        ]

    def __str__(self):
        return f"{self.application.reference} by {self.assessor}"

    @property
    def is_declared(self) -> bool:
        return self.has_conflict is not None

    @property
    def is_submitted(self) -> bool:
        return self.submitted_at is not None


class CriterionScore(models.Model):
    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="scores")
    criterion = models.ForeignKey(Criterion, on_delete=models.PROTECT, related_name="scores")
    score = models.PositiveSmallIntegerField(validators=[MaxValueValidator(MAX_SCORE)])
    comment = models.TextField()

    history = HistoricalRecords()

    class Meta:
        ordering = ["assessment", "criterion__order", "criterion__pk"]
        constraints = [
            models.UniqueConstraint(fields=["assessment", "criterion"], name="one_score_per_criterion"),
            models.CheckConstraint(condition=Q(score__lte=MAX_SCORE), name="score_0_to_5"),
        ]

    def __str__(self):
        return f"{self.criterion}: {self.score}"
