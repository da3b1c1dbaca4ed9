"""The Partnership Reference Group: members, meetings, papers, recommendations, decisions and actions."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from simple_history.models import HistoricalRecords

from partners.storage import private_storage


class PrgRole(models.TextChoices):
    CHAIR = "chair", "Chair"
    MEMBER = "member", "Member"
    COMMUNITY = "community", "Community representative"
    YOUNG_PEOPLE = "young_people", "Young people's representative"
    OBSERVER = "observer", "Observer"


class PrgMemberQuerySet(models.QuerySet):
    def current(self, today=None):
        today = today or timezone.localdate()
        return self.filter(term_start__lte=today).filter(Q(term_end__isnull=True) | Q(term_end__gte=today))

    def past(self, today=None):
        return self.filter(term_end__lt=today or timezone.localdate())


class PrgMember(models.Model):
    name = models.CharField(max_length=200)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="prg_memberships",
        help_text="The member's account, if they sign in to read papers.",
    )
    organisation = models.ForeignKey(
        "partners.Organisation", on_delete=models.PROTECT, null=True, blank=True, related_name="prg_members"
    )
    job_title = models.CharField(max_length=200, blank=True)
    role = models.CharField(max_length=20, choices=PrgRole.choices, default=PrgRole.MEMBER)
    term_start = models.DateField()
    term_end = models.DateField(null=True, blank=True)

    history = HistoricalRecords()

    objects = PrgMemberQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = "PRG member"

    def __str__(self):
        return self.name


class Meeting(models.Model):
    title = models.CharField(max_length=200)
    starts_at = models.DateTimeField()
    place = models.CharField(max_length=200)
    minutes = models.TextField(blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["-starts_at"]

    def __str__(self):
        return f"{self.title} ({timezone.localtime(self.starts_at):%d %b %Y})"

    def get_absolute_url(self):
        return reverse("partners:meeting-detail", args=[self.pk])


class AgendaItem(models.Model):
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="agenda_items")
    order = models.PositiveSmallIntegerField()
    title = models.CharField(max_length=200)
    presenter = models.CharField(max_length=200, blank=True)

    class Meta:
        ordering = ["order", "pk"]
        constraints = [models.UniqueConstraint(fields=["meeting", "order"], name="one_agenda_item_per_place")]

    def __str__(self):
        return f"{self.order}. {self.title}"


class Attendance(models.Model):
    class Status(models.TextChoices):
        PRESENT = "present", "Present"
        APOLOGIES = "apologies", "Apologies"
        ABSENT = "absent", "Absent"

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="attendance")
    member = models.ForeignKey(PrgMember, on_delete=models.PROTECT, related_name="attendance")
    status = models.CharField(max_length=10, choices=Status.choices)

    class Meta:
        ordering = ["member__name"]
        constraints = [models.UniqueConstraint(fields=["meeting", "member"], name="one_attendance_per_member")]

    def __str__(self):
        return f"{self.member}: {self.get_status_display()}"


def paper_upload_to(instance, filename):
    return f"prg/papers/{instance.meeting_id}/{filename}"


class Paper(models.Model):
    """A meeting paper, kept in private storage and served only to VRU staff and PRG members."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="papers")
    agenda_item = models.ForeignKey(AgendaItem, on_delete=models.SET_NULL, null=True, blank=True, related_name="papers")
    title = models.CharField(max_length=200)
    file = models.FileField(storage=private_storage, upload_to=paper_upload_to, max_length=300)
    content_type = models.CharField(max_length=100, editable=False)
    size = models.PositiveIntegerField(editable=False)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["agenda_item__order", "title"]

    def __str__(self):
        return self.title


class RecommendationKind(models.TextChoices):
    NOTE = "note", "Note"
    CONFIRM = "confirm", "Confirm"
    AGREE = "agree", "Agree"


class Recommendation(models.Model):
    paper = models.ForeignKey(Paper, on_delete=models.CASCADE, related_name="recommendations")
    order = models.PositiveSmallIntegerField(default=0)
    kind = models.CharField(max_length=8, choices=RecommendationKind.choices)
    text = models.TextField()

    class Meta:
        ordering = ["order", "pk"]

    def __str__(self):
        return f"{self.get_kind_display()}: {self.text[:60]}"


class DecisionOutcome(models.TextChoices):
    AGREED = "agreed", "Agreed"
    AGREED_WITH_CHANGES = "agreed_with_changes", "Agreed with changes"
    NOT_AGREED = "not_agreed", "Not agreed"
    DEFERRED = "deferred", "Deferred"


class Decision(models.Model):
    recommendation = models.OneToOneField(Recommendation, on_delete=models.CASCADE, related_name="decision")
    outcome = models.CharField(max_length=20, choices=DecisionOutcome.choices)
    minute = models.TextField(help_text="The minute that records the decision.")
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords()

    def __str__(self):
        return f"{self.get_outcome_display()}: {self.recommendation}"


class ActionStatus(models.TextChoices):
    OPEN = "open", "Open"
    IN_PROGRESS = "in_progress", "In progress"
    DONE = "done", "Done"
    CANCELLED = "cancelled", "Cancelled"


class PrgActionQuerySet(models.QuerySet):
    def outstanding(self):
        return self.filter(status__in=[ActionStatus.OPEN, ActionStatus.IN_PROGRESS])

    def overdue(self, today=None):
        return self.outstanding().filter(due_date__lt=today or timezone.localdate())


class PrgAction(models.Model):
    """An entry in the PRG's action log."""

    action = models.TextField()
    owner = models.CharField(max_length=200, help_text="Who will do it, by name or role.")
    meeting = models.ForeignKey(Meeting, on_delete=models.PROTECT, related_name="actions")
    due_date = models.DateField()
    status = models.CharField(max_length=12, choices=ActionStatus.choices, default=ActionStatus.OPEN)
    notes = models.TextField(blank=True)

    history = HistoricalRecords()

    objects = PrgActionQuerySet.as_manager()

    class Meta:
        ordering = ["due_date", "pk"]
        verbose_name = "PRG action"

    def __str__(self):
        return self.action[:80]

    @property
    def is_overdue(self) -> bool:
        return self.status in (ActionStatus.OPEN, ActionStatus.IN_PROGRESS) and self.due_date < timezone.localdate()


class TaskAndFinishGroup(models.Model):
    name = models.CharField(max_length=200, unique=True)
    remit = models.TextField()
    members = models.ManyToManyField(PrgMember, related_name="task_and_finish_groups", blank=True)
    start_date = models.DateField()
    end_date = models.DateField()

    class Meta:
        ordering = ["-start_date"]

    def __str__(self):
        return self.name

    @property
    def is_closed(self) -> bool:
        return self.end_date < timezone.localdate()
