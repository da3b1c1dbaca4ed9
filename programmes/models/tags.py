"""Tags the VRU's evidence work uses to describe programmes."""

from django.db import models


class ImpactBand(models.TextChoices):
    HIGH = "high", "High"
    MODERATE = "moderate", "Moderate"
    LOW = "low", "Low"
    INSUFFICIENT = "insufficient", "Insufficient evidence"


class InterventionType(models.Model):
    """An approach from the Youth Endowment Fund Toolkit, with the toolkit's impact band."""

    name = models.CharField(max_length=100, unique=True)
    impact_band = models.CharField(max_length=20, choices=ImpactBand.choices)
    description = models.TextField(blank=True)

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name


class PreventionLevel(models.Model):
    name = models.CharField(max_length=50, unique=True)
    description = models.TextField(blank=True)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["order", "name"]

    def __str__(self):
        return self.name


class TargetGroup(models.Model):
    name = models.CharField(max_length=100, unique=True)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["order", "name"]

    def __str__(self):
        return self.name
