"""Submitting an application before its round closes, and withdrawing it."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from commissioning.models import IN_PROGRESS, Application, ApplicationStatus, FundingRound
from commissioning.services.applications.rules import london_time
from commissioning.services.applications.writing import check_editable, lock_application

# Until a decision is made the applicant may withdraw: a draft they will not finish, or a bid with the VRU.
WITHDRAWABLE = (ApplicationStatus.DRAFT, *IN_PROGRESS)


def closed_message(round: FundingRound) -> str:
    return f"This round closed at {london_time(round.closes_at)}. Applications can no longer be submitted."


@transaction.atomic
def application_submit(*, application: Application, user, at=None) -> Application:
    """Send the application to the VRU; from then on it is read only.

    Refused at or after the round's closing time (``at``, now by default, is when the
    applicant pressed the button), and, with every reason, while a section is not
    complete.
    """
    at = at or timezone.now()
    application = lock_application(application)
    check_editable(application)
    round = application.round
    if round.has_closed(at):
        raise ValidationError(closed_message(round), code="closed")
    if not round.is_open(at):
        raise ValidationError("This round is not taking applications.", code="not_open")
    from commissioning.selectors.applications import application_overview

    problems = application_overview(application=application).problems
    if problems:
        raise ValidationError([problem.message for problem in problems], code="incomplete")
    application.status = ApplicationStatus.SUBMITTED
    application.submitted_at = at
    application.submitted_by = user
    application._history_user = user
    application.save(update_fields=["status", "submitted_at", "submitted_by", "updated_at"])
    return application


@transaction.atomic
def application_withdraw(*, application: Application, user) -> Application:
    """Withdraw the application: the VRU stops considering it, and the organisation may apply to the round again."""
    application = lock_application(application)
    if application.status == ApplicationStatus.WITHDRAWN:
        raise ValidationError("This application has already been withdrawn.", code="withdrawn")
    if application.status not in WITHDRAWABLE:
        raise ValidationError(
            "A decision has been made on this application, so it can no longer be withdrawn.", code="decided"
        )
    application.status = ApplicationStatus.WITHDRAWN
    application.withdrawn_at = timezone.now()
    application.withdrawn_by = user
    application._history_user = user
    application.save(update_fields=["status", "withdrawn_at", "withdrawn_by", "updated_at"])
    return application
