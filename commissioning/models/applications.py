"""Applications: a partner organisation's bid to a funding round, from draft to decision."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from simple_history.models import HistoricalRecords

from commissioning.models.funds import MONEY
from commissioning.models.rounds import FundingRound, RoundQuestion


class ApplicationStatus(models.TextChoices):
    DRAFT = "draft", "Draft"
    SUBMITTED = "submitted", "Submitted"
    ELIGIBLE = "eligible", "Eligibility checked"
    INELIGIBLE = "ineligible", "Not eligible"
    ASSESSED = "assessed", "Assessed"
    RECOMMENDED = "recommended", "Recommended"
    AWARDED = "awarded", "Awarded"
    DECLINED = "declined", "Declined"
    WITHDRAWN = "withdrawn", "Withdrawn"


# Statuses in which the application is with the VRU and no decision has been made.
IN_PROGRESS = (
    ApplicationStatus.SUBMITTED,
    ApplicationStatus.ELIGIBLE,
    ApplicationStatus.ASSESSED,
    ApplicationStatus.RECOMMENDED,
)
DECIDED = (ApplicationStatus.AWARDED, ApplicationStatus.DECLINED, ApplicationStatus.INELIGIBLE)


class Recommendation(models.TextChoices):
    YES = "yes", "Yes, fund it"
    MAYBE = "maybe", "Maybe"
    NO = "no", "No, do not fund it"


class AgeBand(models.TextChoices):
    """The age bands reach is counted in: counts only, never names."""

    UNDER_10 = "under_10", "Under 10"
    AGED_10_14 = "10_14", "10 to 14"
    AGED_15_17 = "15_17", "15 to 17"
    AGED_18_24 = "18_24", "18 to 24"
    AGED_25_PLUS = "25_plus", "25 and over"


class ApplicationSection(models.TextChoices):
    """The task list's sections, in order."""

    ORGANISATION = "organisation", "Organisation details"
    PROJECT = "project", "The project"
    AREA = "area", "Boroughs and wards served"
    OBJECTIVES = "objectives", "Objectives addressed"
    BUDGET = "budget", "Budget"
    REACH = "reach", "Expected reach"
    QUESTIONS = "questions", "The round's questions"


class ApplicationQuerySet(models.QuerySet):
    def for_user(self, user):
        """Applications of the organisations the user belongs to."""
        return self.filter(organisation__memberships__user=user)


class Application(models.Model):
    round = models.ForeignKey(FundingRound, on_delete=models.PROTECT, related_name="applications")
    organisation = models.ForeignKey("partners.Organisation", on_delete=models.PROTECT, related_name="applications")
    reference = models.CharField(max_length=40, unique=True, editable=False)
    status = models.CharField(max_length=12, choices=ApplicationStatus.choices, default=ApplicationStatus.DRAFT)
    sections_completed = models.JSONField(
        default=list, blank=True, help_text="The task list's sections the applicant has marked complete."
    )

    # Organisation details: pre-filled from the organisation, confirmed or corrected for this bid.
    contact_name = models.CharField(max_length=200, blank=True)
    contact_role = models.CharField(max_length=200, blank=True)
    contact_email = models.EmailField(blank=True)
    contact_phone = models.CharField(max_length=30, blank=True)
    address = models.TextField(blank=True)
    postcode = models.CharField(max_length=10, blank=True)
    charity_number = models.CharField(max_length=12, blank=True)
    company_number = models.CharField(max_length=8, blank=True)

    # The project.
    project_title = models.CharField(max_length=200, blank=True)
    project_summary = models.CharField(max_length=500, blank=True, help_text="Published with the grant if awarded.")
    project_description = models.TextField(blank=True)
    start_date = models.DateField(null=True, blank=True)
    end_date = models.DateField(null=True, blank=True)

    boroughs = models.ManyToManyField("partners.Borough", related_name="applications", blank=True)
    wards = models.ManyToManyField("partners.Ward", related_name="applications", blank=True)
    objectives = models.ManyToManyField("programmes.Objective", related_name="applications", blank=True)
    amount_requested = models.DecimalField(
        **MONEY, default=0, help_text="The sum of the budget lines, kept in step by the services."
    )

    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    submitted_at = models.DateTimeField(null=True, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    withdrawn_at = models.DateTimeField(null=True, blank=True)
    withdrawn_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    # The eligibility check, by VRU staff.
    eligibility_notes = models.TextField(blank=True)
    eligibility_checked_at = models.DateTimeField(null=True, blank=True)
    eligibility_checked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    # Moderation: the panel's recommendation once the assessors have scored.
    panel_recommendation = models.CharField(max_length=5, choices=Recommendation.choices, blank=True)
    moderation_notes = models.TextField(blank=True)
    moderated_at = models.DateTimeField(null=True, blank=True)
    moderated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    # The decision, by a VRU manager. The reasons are shown to the applicant.
    decision_reasons = models.TextField(blank=True)
    decided_at = models.DateTimeField(null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    history = HistoricalRecords(m2m_fields=[boroughs, wards, objectives])

    objects = ApplicationQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["round", "organisation"],
                condition=~Q(status="withdrawn"),
                name="one_live_application_per_round_and_organisation",
            ),
        ]

    def __str__(self):
        return f"{self.reference}: {self.project_title or 'untitled'}"

    def get_absolute_url(self):
        return reverse("commissioning:application-detail", args=[self.pk])

    @property
    def is_editable(self) -> bool:
        return self.status == ApplicationStatus.DRAFT

    def is_complete(self, section) -> bool:
        return section in self.sections_completed


class BudgetCategory(models.TextChoices):
    STAFF = "staff", "Staff"
    DELIVERY = "delivery", "Delivery and activities"
    VENUE = "venue", "Venue"
    EQUIPMENT = "equipment", "Equipment and materials"
    TRAVEL = "travel", "Travel"
    EVALUATION = "evaluation", "Evaluation"
    OVERHEADS = "overheads", "Overheads"
    OTHER = "other", "Other"


class BudgetLine(models.Model):
    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="budget_lines")
    order = models.PositiveSmallIntegerField(default=0)
    category = models.CharField(max_length=12, choices=BudgetCategory.choices)
    description = models.CharField(max_length=200)
    amount = models.DecimalField(**MONEY)

    history = HistoricalRecords()

    class Meta:
        ordering = ["application", "order", "pk"]
        constraints = [models.CheckConstraint(condition=Q(amount__gt=0), name="budget_line_positive")]

    def __str__(self):
        return f"{self.get_category_display()}: {self.description}"


class ReachEstimate(models.Model):
    """How many young people the project expects to reach in an age band: a count, never names."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="reach")
    age_band = models.CharField(max_length=8, choices=AgeBand.choices)
    count = models.PositiveIntegerField()

    history = HistoricalRecords()

    class Meta:
        ordering = ["application", "age_band"]
        constraints = [models.UniqueConstraint(fields=["application", "age_band"], name="one_estimate_per_age_band")]

    def __str__(self):
        return f"{self.get_age_band_display()}: {self.count}"


class Answer(models.Model):
    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="answers")
    question = models.ForeignKey(RoundQuestion, on_delete=models.PROTECT, related_name="answers")
    text = models.TextField(blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["application", "question__order", "question__pk"]
        constraints = [models.UniqueConstraint(fields=["application", "question"], name="one_answer_per_question")]

    def __str__(self):
        return f"{self.application.reference}: {self.question}"
