"""The funding rounds' filters, shared by the rounds page and the API, and what a round's status means."""

from datetime import datetime

import django_filters
from django.db import models
from django.db.models import Q
from django.utils import timezone

from commissioning.models import Fund, FundingRound, GeographyLevel
from vru.forms import GovukFilterForm


class RoundStatus(models.TextChoices):
    """Where a round stands at a moment: not yet public, public but not yet open, taking applications, or closed."""

    UNPUBLISHED = "unpublished", "Unpublished"
    UPCOMING = "upcoming", "Opening soon"
    OPEN = "open", "Open"
    CLOSED = "closed", "Closed"


def status_condition(status: str, at: datetime) -> Q:
    """The rows in ``status`` at ``at``: the same rule as FundingRound.is_open() and has_closed()."""
    return {
        RoundStatus.UNPUBLISHED: Q(is_published=False),
        RoundStatus.UPCOMING: Q(is_published=True, opens_at__gt=at),
        RoundStatus.OPEN: Q(is_published=True, opens_at__lte=at, closes_at__gt=at),
        RoundStatus.CLOSED: Q(is_published=True, closes_at__lte=at),
    }[RoundStatus(status)]


class FundingRoundFilter(django_filters.FilterSet):
    """``status`` is judged at the moment of asking; ``fund`` and ``geography_level`` match exactly."""

    status = django_filters.ChoiceFilter(
        choices=RoundStatus.choices, method="by_status", label="Status", empty_label="Any status"
    )
    fund = django_filters.ModelChoiceFilter(queryset=Fund.objects.all(), label="Fund", empty_label="Any fund")
    geography_level = django_filters.ChoiceFilter(
        choices=GeographyLevel.choices, label="Geography level", empty_label="Any level"
    )

    class Meta:
        model = FundingRound
        form = GovukFilterForm
        fields = ["status", "fund", "geography_level"]

    def __init__(self, *args, at: datetime | None = None, **kwargs):
        self.at = at or timezone.now()
        super().__init__(*args, **kwargs)

    def by_status(self, queryset, name, value):
        return queryset.filter(status_condition(value, self.at)) if value else queryset
