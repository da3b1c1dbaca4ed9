"""Population indicators: borough-level public figures, such as knife crime with injury victims
under 25, imported from CSV files per month or per quarter."""

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.utils import timezone
from simple_history.models import HistoricalRecords

from programmes.models.indicators import Direction


class Frequency(models.TextChoices):
    MONTH = "month", "Monthly"
    QUARTER = "quarter", "Quarterly (financial quarters)"


class PopulationIndicator(models.Model):
    code = models.SlugField(
        max_length=60, unique=True, help_text="How import files name it, e.g. knife-crime-injury-victims-u25."
    )
    name = models.CharField(max_length=200, unique=True)
    unit = models.CharField(max_length=50, help_text="What is counted, e.g. victims, offences, admissions.")
    frequency = models.CharField(max_length=7, choices=Frequency.choices, default=Frequency.MONTH)
    direction = models.CharField(max_length=4, choices=Direction.choices, default=Direction.DOWN)
    counts_people = models.BooleanField(
        default=True,
        help_text="Figures about people have small counts suppressed wherever they leave VRU staff.",
    )
    source = models.CharField(max_length=200, blank=True, help_text="Who publishes the figures.")
    description = models.TextField(blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name


class ImportStatus(models.TextChoices):
    QUEUED = "queued", "Waiting to start"
    RUNNING = "running", "Checking rows"
    DONE = "done", "Imported"
    FAILED = "failed", "Not imported"


class PopulationImport(models.Model):
    """One upload of a figures file: its text, its progress, and what it changed or why it was refused."""

    file_name = models.CharField(max_length=255)
    content = models.TextField(help_text="The file as uploaded, kept so the import can be checked later.")
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    is_demo = models.BooleanField(default=False, help_text="Made-up figures for the demonstration site.")
    status = models.CharField(max_length=7, choices=ImportStatus.choices, default=ImportStatus.QUEUED)
    total_rows = models.PositiveIntegerField(default=0)
    processed_rows = models.PositiveIntegerField(default=0)
    created_count = models.PositiveIntegerField(default=0)
    updated_count = models.PositiveIntegerField(default=0)
    unchanged_count = models.PositiveIntegerField(default=0)
    errors = models.JSONField(default=list, blank=True, help_text="Each bad row: row, column and message.")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(
        default=timezone.now,
        help_text="The import's last sign of life: one with no progress for POPULATION_IMPORT_STALE_MINUTES is failed.",
    )
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return f"{self.file_name} ({self.get_status_display()})"

    @property
    def percent_done(self) -> int:
        if self.status in (ImportStatus.DONE, ImportStatus.FAILED):
            return 100
        if not self.total_rows:
            return 0
        return min(100, self.processed_rows * 100 // self.total_rows)


class PopulationFigure(models.Model):
    """One borough's figure for one month or financial quarter."""

    indicator = models.ForeignKey(PopulationIndicator, on_delete=models.CASCADE, related_name="figures")
    borough = models.ForeignKey("partners.Borough", on_delete=models.PROTECT, related_name="population_figures")
    period_start = models.DateField()
    period_end = models.DateField()
    value = models.DecimalField(
        max_digits=14, decimal_places=2, validators=[MinValueValidator(0, "A figure cannot be negative.")]
    )
    is_demo = models.BooleanField(default=False, help_text="Made-up figures for the demonstration site.")
    source_import = models.ForeignKey(
        PopulationImport, null=True, blank=True, on_delete=models.SET_NULL, related_name="figures"
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["indicator", "period_start", "borough__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["indicator", "borough", "period_start"], name="one_population_figure_per_period"
            ),
            models.CheckConstraint(condition=models.Q(value__gte=0), name="population_figure_not_negative"),
            models.CheckConstraint(
                condition=models.Q(period_end__gte=models.F("period_start")), name="population_period_in_order"
            ),
        ]
        indexes = [models.Index(fields=["indicator", "period_start"])]

    def __str__(self):
        return f"{self.indicator} · {self.borough} · {self.period_start:%b %Y}"
