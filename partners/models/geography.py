from django.core.validators import RegexValidator
from django.db import models

ons_borough_code = RegexValidator(r"^E09\d{6}$", "Enter an ONS local authority code such as E09000001.")


class BasicCommandUnit(models.Model):
    """One of the Metropolitan Police's Basic Command Units, each covering two to four boroughs."""

    code = models.CharField(max_length=8, unique=True)
    name = models.CharField(max_length=100, unique=True)

    class Meta:
        ordering = ["name"]
        verbose_name = "Basic Command Unit"

    def __str__(self):
        return self.name


class Borough(models.Model):
    """A London local authority area: the 32 boroughs and the City of London."""

    name = models.CharField(max_length=100, unique=True)
    ons_code = models.CharField("ONS code", max_length=9, unique=True, validators=[ons_borough_code])
    bcu = models.ForeignKey(
        BasicCommandUnit,
        verbose_name="Basic Command Unit",
        on_delete=models.PROTECT,
        related_name="boroughs",
        null=True,
        blank=True,
        help_text="Empty for the City of London, which has its own police force.",
    )

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name
