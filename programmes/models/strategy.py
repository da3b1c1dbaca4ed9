"""The VRU's strategy: aims, objectives, contextual layers and priority areas.

Loaded as data by migrations for London and editable in the admin, so that
another unit can describe its own strategy without a code change.
"""

from django.db import models


class StrategicAim(models.Model):
    number = models.PositiveSmallIntegerField(unique=True)
    title = models.CharField(max_length=200)
    description = models.TextField(blank=True)

    class Meta:
        ordering = ["number"]
        verbose_name = "strategic aim"

    def __str__(self):
        return self.title


class ContextualLayer(models.Model):
    """A layer of the contextual safeguarding approach, from the child outwards."""

    number = models.PositiveSmallIntegerField(unique=True)
    name = models.CharField(max_length=100, unique=True)
    description = models.TextField(blank=True)

    class Meta:
        ordering = ["number"]

    def __str__(self):
        return self.name


class PriorityArea(models.Model):
    number = models.PositiveSmallIntegerField(unique=True)
    title = models.CharField(max_length=200, unique=True)
    description = models.TextField(blank=True)

    class Meta:
        ordering = ["number"]

    def __str__(self):
        return self.title


class Objective(models.Model):
    number = models.PositiveSmallIntegerField(unique=True)
    title = models.CharField(max_length=200)
    summary = models.CharField(max_length=300, blank=True, help_text="The line under the objective's title.")
    contextual_layer = models.ForeignKey(ContextualLayer, on_delete=models.PROTECT, related_name="objectives")
    key_activities = models.TextField(help_text="One activity a line.")
    rationale = models.TextField("Why", help_text="Paragraphs separated by a blank line.")
    priority_areas = models.ManyToManyField(PriorityArea, related_name="objectives", blank=True)
    aims = models.ManyToManyField(
        StrategicAim,
        related_name="objectives",
        blank=True,
        help_text="The strategic aims this objective serves: the performance report groups objectives by aim.",
    )

    class Meta:
        ordering = ["number"]

    def __str__(self):
        return f"{self.number}. {self.title}"

    @property
    def key_activity_list(self) -> list[str]:
        return [line.strip() for line in self.key_activities.splitlines() if line.strip()]

    @property
    def rationale_paragraphs(self) -> list[str]:
        return [part.strip() for part in self.rationale.split("\n\n") if part.strip()]
