"""Where a round stands: its status at a moment, and whether partners have applied or submitted to it."""

from datetime import datetime
from decimal import Decimal

from django.db.models import Case, CharField, Q, QuerySet, Sum, Value, When
from django.utils import timezone

from commissioning.filters.rounds import RoundStatus, status_condition
from commissioning.models import Application, ApplicationStatus, FundingRound, Grant

_BEYOND_DRAFT = [
    status for status in ApplicationStatus if status not in (ApplicationStatus.DRAFT, ApplicationStatus.WITHDRAWN)
]


def received(prefix: str = "") -> Q:
    """Applications the VRU has received: submitted, whatever has happened since, even if then withdrawn.

    ``prefix`` is the path to the application from the rows filtered, such as ``"applications__"``.
    """
    return Q(**{f"{prefix}status__in": _BEYOND_DRAFT}) | Q(
        **{f"{prefix}status": ApplicationStatus.WITHDRAWN, f"{prefix}submitted_at__isnull": False}
    )


# --- Rules the services ask -------------------------------------------------------------------


def round_has_applications(funding_round: FundingRound) -> bool:
    return Application.objects.filter(round=funding_round).exists()


def round_has_submissions(funding_round: FundingRound) -> bool:
    """Whether any application to the round has been submitted (even if since withdrawn): its scores and answers
    refer to the round's criteria and questions as they were."""
    return Application.objects.filter(received(), round=funding_round).exists()


def round_awarded(funding_round: FundingRound) -> Decimal:
    return Grant.objects.filter(application__round=funding_round).aggregate(total=Sum("amount"))["total"] or Decimal(
        "0"
    )


# --- Status -------------------------------------------------------------------------------------


def with_status(queryset: QuerySet, at: datetime | None = None) -> QuerySet:
    """Rounds annotated with ``round_status``, a RoundStatus value, at ``at`` (now by default)."""
    at = at or timezone.now()
    return queryset.annotate(
        round_status=Case(
            *(When(status_condition(status, at), then=Value(status.value)) for status in RoundStatus),
            output_field=CharField(),
        )
    )


def round_status(funding_round: FundingRound, at: datetime | None = None) -> RoundStatus:
    """The status of one round already loaded, by the same rule as ``with_status``."""
    at = at or timezone.now()
    if not funding_round.is_published:
        return RoundStatus.UNPUBLISHED
    if funding_round.opens_at > at:
        return RoundStatus.UPCOMING
    return RoundStatus.CLOSED if funding_round.has_closed(at) else RoundStatus.OPEN
