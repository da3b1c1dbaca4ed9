from django.core.validators import RegexValidator
from django.db import models

ons_borough_code = RegexValidator(r"^E09\d{6}$", "Enter an ONS local authority code such as E09000001.")
ons_ward_code = RegexValidator(r"^E05\d{6}$", "Enter an ONS ward code such as E05014099.")
lae_code_validator = RegexValidator(
    r"^[A-Z]{3}$", "Enter the three-letter code of the local-authority-eng register, such as LBH."
)


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
    lae_code = models.CharField(
        "local authority register code",
        max_length=3,
        blank=True,
        validators=[lae_code_validator],
        help_text="The council's code in the local-authority-eng register, which gives its GB-LAE organisation id.",
    )

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name


class Ward(models.Model):
    """An electoral ward: the smallest area a funding round can be targeted at.

    Loaded from the ONS Ward to Local Authority District lookup with ``import_wards``.
    """

    name = models.CharField(max_length=100)
    ons_code = models.CharField("ONS code", max_length=9, unique=True, validators=[ons_ward_code])
    borough = models.ForeignKey(Borough, on_delete=models.PROTECT, related_name="wards")

    class Meta:
        ordering = ["borough__name", "name"]
        constraints = [models.UniqueConstraint(fields=["borough", "name"], name="one_ward_name_per_borough")]

    def __str__(self):
        return f"{self.name} ({self.borough})"
