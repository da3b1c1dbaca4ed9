"""Partner organisations and the people who act for them."""

import hashlib
import secrets

from django.conf import settings
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from simple_history.models import HistoricalRecords

# England and Wales charity numbers have six or seven digits, with an optional
# "-N" for a linked charity; Scotland's start SC, Northern Ireland's NIC.
charity_number_validator = RegexValidator(
    r"^(\d{6,7}(-\d{1,2})?|SC\d{6}|NIC\d{6})$",
    "Enter a charity number such as 1123456, 1123456-1, SC012345 or NIC100001.",
)
# Companies House numbers: eight digits, or two letters (SC, NI, OC…) and six digits.
company_number_validator = RegexValidator(
    r"^(\d{8}|[A-Z]{2}\d{6})$",
    "Enter a company number of 8 characters, such as 01234567 or SC123456.",
)


class OrganisationType(models.TextChoices):
    LOCAL_AUTHORITY = "local_authority", "Local authority or Community Safety Partnership"
    POLICE = "police", "Police"
    HEALTH = "health", "Health"
    EDUCATION = "education", "Education"
    PROBATION = "probation", "Probation"
    VOLUNTARY = "voluntary", "Voluntary and community sector"
    GRASSROOTS = "grassroots", "Grassroots"
    FAITH = "faith", "Faith"
    FUNDER = "funder", "Funder"
    OTHER = "other", "Other"


class OrganisationQuerySet(models.QuerySet):
    def for_user(self, user):
        """The organisations a user belongs to."""
        return self.filter(memberships__user=user)


class Organisation(models.Model):
    name = models.CharField(max_length=200, unique=True)
    type = models.CharField(max_length=20, choices=OrganisationType.choices)
    charity_number = models.CharField(max_length=12, blank=True, validators=[charity_number_validator])
    company_number = models.CharField(max_length=8, blank=True, validators=[company_number_validator])
    csp_borough = models.OneToOneField(
        "partners.Borough",
        verbose_name="Community Safety Partnership for",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="csp",
        help_text="Only for a borough's Community Safety Partnership, which submits its violence reduction plan.",
    )
    boroughs_served = models.ManyToManyField("partners.Borough", related_name="organisations_serving", blank=True)
    address = models.TextField(blank=True)
    postcode = models.CharField(max_length=10, blank=True)
    website = models.URLField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    history = HistoricalRecords()

    objects = OrganisationQuerySet.as_manager()

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("partners:organisation-detail", args=[self.pk])


class MembershipRole(models.TextChoices):
    CONTRIBUTOR = "contributor", "Contributor"
    ADMIN = "admin", "Organisation admin"


class Membership(models.Model):
    """A user acting for an organisation; an organisation admin may invite colleagues."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships")
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="memberships")
    role = models.CharField(max_length=12, choices=MembershipRole.choices, default=MembershipRole.CONTRIBUTOR)
    created_at = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["organisation__name", "user__last_name", "user__first_name"]
        constraints = [models.UniqueConstraint(fields=["user", "organisation"], name="one_membership_per_organisation")]

    def __str__(self):
        return f"{self.user} at {self.organisation}"


class InvitationQuerySet(models.QuerySet):
    def usable(self):
        return self.filter(accepted_at__isnull=True, expires_at__gt=timezone.now())


class Invitation(models.Model):
    """A one-time link, sent by email, for a colleague to set a password and join an organisation.

    Only a hash of the token is kept, so the database alone cannot be used to accept it.
    """

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="invitations")
    email = models.EmailField()
    first_name = models.CharField(max_length=150)
    last_name = models.CharField(max_length=150)
    role = models.CharField(max_length=12, choices=MembershipRole.choices, default=MembershipRole.CONTRIBUTOR)
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    invited_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField()
    accepted_at = models.DateTimeField(null=True, blank=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    objects = InvitationQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "email"],
                condition=Q(accepted_at__isnull=True),
                name="one_open_invitation_per_email",
            )
        ]

    def __str__(self):
        return f"{self.email} to {self.organisation}"

    @staticmethod
    def new_token() -> tuple[str, str]:
        """A fresh token for the link, and the hash to store."""
        token = secrets.token_urlsafe(32)
        return token, Invitation.hash_token(token)

    @staticmethod
    def hash_token(token: str) -> str:
        return hashlib.sha256(token.encode()).hexdigest()
