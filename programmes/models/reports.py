"""Performance reports: immutable dated snapshots, and the requests that ask Celery to build them."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.urls import reverse


class ReportKind(models.TextChoices):
    MONTH = "month", "Monthly"
    QUARTER = "quarter", "Quarterly"
    YEAR = "year", "Financial year"


class PerformanceReport(models.Model):
    """The figures of one period, frozen when built: the page, CSV and XLSX are all drawn from ``data``.

    There is one report per kind and period; once saved it is never changed.
    """

    kind = models.CharField(max_length=7, choices=ReportKind.choices)
    period_start = models.DateField()
    period_end = models.DateField()
    slug = models.CharField(max_length=10, help_text="2025-04, 2025-Q1 or 2025-26.")
    label = models.CharField(max_length=100)
    data = models.JSONField(encoder=DjangoJSONEncoder)
    built_at = models.DateTimeField()

    class Meta:
        ordering = ["-period_end", "kind"]
        constraints = [models.UniqueConstraint(fields=["kind", "period_start"], name="one_report_per_period")]

    def __str__(self):
        return f"Performance report {self.label}"

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise ValidationError("A published performance report is a snapshot and cannot be changed.")
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("programmes:report-detail", args=[self.kind, self.slug])


class RequestStatus(models.TextChoices):
    PENDING = "pending", "Waiting to be sent"
    SENT = "sent", "Queued"
    BUILDING = "building", "Building"
    DONE = "done", "Ready"
    FAILED = "failed", "Failed"


OPEN_STATUSES = (RequestStatus.PENDING, RequestStatus.SENT, RequestStatus.BUILDING)


class ReportRequest(models.Model):
    """An outbox row: a report asked for, kept until a worker has built it.

    It is written in the asker's transaction and sent to Celery after commit; if the broker
    cannot be reached it stays "pending", and the dispatcher sends it when the broker is back.
    """

    class Source(models.TextChoices):
        SCHEDULE = "schedule", "Schedule"
        STAFF = "staff", "Asked for by staff"
        COMMAND = "command", "Command line"

    kind = models.CharField(max_length=7, choices=ReportKind.choices)
    period_start = models.DateField()
    source = models.CharField(max_length=8, choices=Source.choices)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    status = models.CharField(max_length=8, choices=RequestStatus.choices, default=RequestStatus.PENDING)
    progress = models.PositiveSmallIntegerField(default=0, help_text="Per cent done.")
    stage = models.CharField(max_length=100, blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    send_attempts = models.PositiveSmallIntegerField(default=0)
    error = models.TextField(blank=True)
    report = models.ForeignKey(
        PerformanceReport, null=True, blank=True, on_delete=models.SET_NULL, related_name="requests"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["status", "created_at"])]

    def __str__(self):
        return f"{self.get_kind_display()} report from {self.period_start:%-d %b %Y} ({self.get_status_display()})"

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES
