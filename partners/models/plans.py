"""Borough violence reduction plans: written by each borough's Community Safety Partnership every
financial year in eight themes, assessed by the VRU, and updated every quarter."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from simple_history.models import HistoricalRecords

from programmes.models import Rag
from programmes.periods import financial_year_label


class PlanTheme(models.Model):
    """A theme of London's common template (the Violence and Vulnerability Action Plan)."""

    number = models.PositiveSmallIntegerField(unique=True)
    title = models.CharField(max_length=200, unique=True)
    description = models.TextField(blank=True)

    class Meta:
        ordering = ["number"]

    def __str__(self):
        return self.title


class GovernanceStandard(models.Model):
    """One of the minimum governance standards every plan must show it meets."""

    number = models.PositiveSmallIntegerField(unique=True)
    title = models.CharField(max_length=200, unique=True)
    description = models.TextField(blank=True)

    class Meta:
        ordering = ["number"]

    def __str__(self):
        return self.title


class PlanStatus(models.TextChoices):
    DRAFT = "draft", "Draft"
    SUBMITTED = "submitted", "Submitted"
    RETURNED = "returned", "Returned for changes"
    ACCEPTED = "accepted", "Accepted"


class Rating(models.TextChoices):
    GOOD = "good", "Good"
    REQUIRES_IMPROVEMENT = "requires_improvement", "Requires improvement"
    INADEQUATE = "inadequate", "Inadequate"


class BoroughPlanQuerySet(models.QuerySet):
    def for_user(self, user):
        """Plans of the boroughs whose Community Safety Partnership the user belongs to."""
        return self.filter(organisation__memberships__user=user)

    def editable(self):
        return self.filter(status__in=[PlanStatus.DRAFT, PlanStatus.RETURNED])


class BoroughPlan(models.Model):
    borough = models.ForeignKey("partners.Borough", on_delete=models.PROTECT, related_name="plans")
    organisation = models.ForeignKey(
        "partners.Organisation",
        on_delete=models.PROTECT,
        related_name="plans",
        help_text="The borough's Community Safety Partnership, which writes the plan.",
    )
    financial_year = models.PositiveSmallIntegerField(help_text="The year the financial year starts: 2025 for 2025-26.")
    status = models.CharField(max_length=10, choices=PlanStatus.choices, default=PlanStatus.DRAFT)
    reference = models.CharField(max_length=40, unique=True, editable=False)
    copied_from = models.ForeignKey("self", on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    governance_completed = models.BooleanField(
        default=False, help_text="The partnership has marked the minimum governance standards section as complete."
    )
    submitted_at = models.DateTimeField(null=True, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    history = HistoricalRecords()

    objects = BoroughPlanQuerySet.as_manager()

    class Meta:
        ordering = ["-financial_year", "borough__name"]
        constraints = [
            models.UniqueConstraint(fields=["borough", "financial_year"], name="one_plan_per_borough_year"),
        ]

    def __str__(self):
        return f"{self.borough} violence reduction plan {self.year_label}"

    def get_absolute_url(self):
        return reverse("partners:plan-detail", args=[self.pk])

    @property
    def year_label(self) -> str:
        return financial_year_label(self.financial_year)

    @property
    def is_editable(self) -> bool:
        return self.status in (PlanStatus.DRAFT, PlanStatus.RETURNED)


class PlanSection(models.Model):
    """A theme of one plan as a task-list item: the partner marks it complete when done."""

    plan = models.ForeignKey(BoroughPlan, on_delete=models.CASCADE, related_name="sections")
    theme = models.ForeignKey(PlanTheme, on_delete=models.PROTECT, related_name="+")
    completed = models.BooleanField(default=False)

    history = HistoricalRecords()

    class Meta:
        ordering = ["theme__number"]
        constraints = [models.UniqueConstraint(fields=["plan", "theme"], name="one_section_per_theme")]

    def __str__(self):
        return f"{self.plan}: {self.theme}"


class PlanAction(models.Model):
    plan = models.ForeignKey(BoroughPlan, on_delete=models.CASCADE, related_name="actions")
    theme = models.ForeignKey(PlanTheme, on_delete=models.PROTECT, related_name="+")
    order = models.PositiveSmallIntegerField(default=0)
    action = models.TextField()
    outcome = models.TextField()
    lead = models.CharField("named lead", max_length=200, help_text="The person responsible, by role or name.")
    lead_organisations = models.CharField(max_length=300, help_text="The organisations leading it.")
    start_date = models.DateField()
    end_date = models.DateField()
    rag = models.CharField("RAG status", max_length=5, choices=Rag.choices, default=Rag.GREEN)

    history = HistoricalRecords()

    class Meta:
        ordering = ["theme__number", "order", "pk"]

    def __str__(self):
        return self.action[:80]


class GovernanceAnswer(models.Model):
    class Met(models.TextChoices):
        YES = "yes", "Yes"
        PARTLY = "partly", "Partly"
        NO = "no", "No"

    plan = models.ForeignKey(BoroughPlan, on_delete=models.CASCADE, related_name="governance_answers")
    standard = models.ForeignKey(GovernanceStandard, on_delete=models.PROTECT, related_name="+")
    met = models.CharField(max_length=6, choices=Met.choices)
    evidence = models.TextField(help_text="How the partnership meets the standard.")

    history = HistoricalRecords()

    class Meta:
        ordering = ["standard__number"]
        constraints = [models.UniqueConstraint(fields=["plan", "standard"], name="one_answer_per_standard")]

    def __str__(self):
        return f"{self.standard}: {self.get_met_display()}"


class AssessmentCriterion(models.Model):
    """A criterion VRU staff set for assessing plans."""

    title = models.CharField(max_length=200, unique=True)
    description = models.TextField(blank=True)
    order = models.PositiveSmallIntegerField(default=0)
    active = models.BooleanField(default=True)

    class Meta:
        ordering = ["order", "title"]
        verbose_name_plural = "assessment criteria"

    def __str__(self):
        return self.title


class AssessmentDecision(models.TextChoices):
    ACCEPT = "accept", "Accept the plan"
    RETURN = "return", "Return it for changes"


class PlanAssessment(models.Model):
    """The VRU's assessment of one submission of a plan; a returned plan is assessed again."""

    plan = models.ForeignKey(BoroughPlan, on_delete=models.CASCADE, related_name="assessments")
    assessor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    overall_rating = models.CharField(max_length=20, choices=Rating.choices, blank=True)
    feedback = models.TextField(blank=True)
    changes_required = models.TextField(blank=True, help_text="What the partnership must change, when returned.")
    decision = models.CharField(max_length=6, choices=AssessmentDecision.choices, blank=True)
    started_at = models.DateTimeField(auto_now_add=True)
    completed_at = models.DateTimeField(null=True, blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["-started_at"]
        get_latest_by = "started_at"

    def __str__(self):
        return f"Assessment of {self.plan} by {self.assessor}"


class ThemeRating(models.Model):
    assessment = models.ForeignKey(PlanAssessment, on_delete=models.CASCADE, related_name="theme_ratings")
    theme = models.ForeignKey(PlanTheme, on_delete=models.PROTECT, related_name="+")
    rating = models.CharField(max_length=20, choices=Rating.choices)
    comment = models.TextField(blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["theme__number"]
        constraints = [models.UniqueConstraint(fields=["assessment", "theme"], name="one_rating_per_theme")]

    def __str__(self):
        return f"{self.theme}: {self.get_rating_display()}"


class CriterionJudgement(models.Model):
    assessment = models.ForeignKey(PlanAssessment, on_delete=models.CASCADE, related_name="judgements")
    criterion = models.ForeignKey(AssessmentCriterion, on_delete=models.PROTECT, related_name="+")
    rating = models.CharField(max_length=20, choices=Rating.choices)
    comment = models.TextField(blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["criterion__order"]
        constraints = [models.UniqueConstraint(fields=["assessment", "criterion"], name="one_judgement_per_criterion")]

    def __str__(self):
        return f"{self.criterion}: {self.get_rating_display()}"


class ActionUpdate(models.Model):
    """An action's RAG and progress for one financial quarter, reported by the borough."""

    action = models.ForeignKey(PlanAction, on_delete=models.CASCADE, related_name="updates")
    financial_year = models.PositiveSmallIntegerField()
    quarter = models.PositiveSmallIntegerField(choices=[(q, f"Q{q}") for q in range(1, 5)])
    rag = models.CharField("RAG status", max_length=5, choices=Rag.choices)
    progress = models.TextField()
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    updated_at = models.DateTimeField(auto_now=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["financial_year", "quarter"]
        constraints = [
            models.UniqueConstraint(fields=["action", "financial_year", "quarter"], name="one_update_per_quarter")
        ]

    def __str__(self):
        return f"{self.action} {financial_year_label(self.financial_year)} Q{self.quarter}"


class PeerSession(models.Model):
    """A peer-to-peer session where boroughs share their plans' practice."""

    date = models.DateField()
    title = models.CharField(max_length=200)
    boroughs = models.ManyToManyField("partners.Borough", related_name="peer_sessions")
    notes = models.TextField(blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["-date"]

    def __str__(self):
        return f"{self.title} ({self.date})"
