"""Awarding and declining applications: the decisions a VRU manager makes.

An award locks its fund's row before reading what is left of it, so two managers
awarding from the same fund at the same moment take turns: the second sees the
first award and is refused if the fund would go past its total.
"""

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import ROUND_DOWN, Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.formats import number_format
from simple_history.utils import bulk_create_with_history

from commissioning.models import (
    RETURN_DUE_DAYS,
    Application,
    ApplicationStatus,
    Fund,
    Grant,
    MonitoringReturn,
    Tranche,
    TrancheCondition,
)
from commissioning.selectors.ledger import fund_available
from programmes.periods import FinancialQuarter
from vru.validators import amount_error, date_bounds_error, grant_dates_errors

PENNY = Decimal("0.01")
NOT_READY_FOR_DECISION = "Only an application the panel has recommended can be awarded or declined."


@dataclass(frozen=True)
class TrancheSpec:
    """One payment of a schedule; ``quarter`` names the return whose acceptance releases it."""

    amount: Decimal
    due_date: date
    condition: str
    quarter: FinancialQuarter | None = None


def grant_identifier(application: Application) -> str:
    """The 360Giving grant id: the publisher's prefix and the application's reference."""
    return f"{settings.GRANTS_ID_PREFIX}-{application.reference}"


def return_quarters(start: date, end: date) -> list[FinancialQuarter]:
    return FinancialQuarter.between(start, end)


def default_schedule(amount: Decimal, start: date, end: date) -> list[TrancheSpec]:
    """A first payment when the agreement is signed, then one after each quarter's return is accepted.

    The award is split into equal tranches in pence; what does not divide goes on the first.
    The last quarter's return releases nothing: the grant has been paid by then.
    """
    quarters = return_quarters(start, end)
    count = len(quarters)
    share = (amount / count).quantize(PENNY, rounding=ROUND_DOWN)
    first = amount - share * (count - 1)
    specs = [TrancheSpec(first, start, TrancheCondition.AGREEMENT_SIGNED)]
    for quarter in quarters[:-1]:
        specs.append(
            TrancheSpec(share, quarter.end + timedelta(days=RETURN_DUE_DAYS), TrancheCondition.RETURN_ACCEPTED, quarter)
        )
    return specs


def _money(amount: Decimal) -> str:
    return f"£{number_format(amount, decimal_pos=2, force_grouping=True)}"


def check_schedule(amount: Decimal, start: date, end: date, tranches: list[TrancheSpec]) -> None:
    """The schedule adds up to the award, and each return-released tranche names a quarter of the grant."""
    if not tranches:
        raise ValidationError({"tranches": "Add at least one payment to the schedule."})
    scheduled = sum((spec.amount for spec in tranches), Decimal("0"))
    if scheduled != amount:
        raise ValidationError(
            {
                "tranches": f"The payments add up to {_money(scheduled)}, but the award is {_money(amount)}. "
                "Change them so they add up to the award."
            },
            code="schedule_total",
        )
    quarters = set(return_quarters(start, end))
    for number, spec in enumerate(tranches, start=1):
        if spec.amount <= 0:
            raise ValidationError({"tranches": f"Payment {number} must be more than £0."})
        if message := date_bounds_error(spec.due_date):
            raise ValidationError({"tranches": f"Payment {number}: {message}"})
        if spec.condition == TrancheCondition.RETURN_ACCEPTED and spec.quarter not in quarters:
            raise ValidationError(
                {"tranches": f"Payment {number} must name a quarter the grant runs in, for its return."}
            )


def _save(instance, user):
    """Save with the decision-maker recorded in the change history, whichever way the request came."""
    instance._history_user = user
    instance.save()
    return instance


def _lock_for_decision(application: Application) -> Application:
    locked = Application.objects.select_for_update().select_related("round").get(pk=application.pk)
    if locked.status != ApplicationStatus.RECOMMENDED:
        raise ValidationError(NOT_READY_FOR_DECISION, code="not_recommended")
    return locked


@transaction.atomic
def application_award(
    *,
    application: Application,
    user,
    amount: Decimal,
    objective,
    start_date: date,
    end_date: date,
    conditions: str = "",
    tranches: list[TrancheSpec] | None = None,
    programme=None,
    reasons: str = "",
) -> Grant:
    """Award the application: a grant with its payment schedule and a return for every quarter it runs.

    Refused, with nothing saved, when the amount is more than was asked for or than the
    fund has left, or when the schedule does not add up to it.
    """
    application = _lock_for_decision(application)
    fund = Fund.objects.select_for_update().get(pk=application.round.fund_id)
    errors = {}
    if amount is None or amount <= 0:
        errors["amount"] = "Enter an amount of more than £0."
    elif message := amount_error(amount):
        errors["amount"] = message
    elif amount > application.amount_requested:
        errors["amount"] = f"The award cannot be more than the {_money(application.amount_requested)} requested."
    else:
        available = fund_available(fund)
        if amount > available:
            errors["amount"] = (
                f"The award cannot be more than the {_money(available)} left in {fund.name}, "
                f"which has {_money(fund.total)} in all."
            )
    if not start_date:
        errors["start_date"] = "Enter the start date."
    if not end_date:
        errors["end_date"] = "Enter the end date."
    elif start_date and end_date < start_date:
        errors["end_date"] = "The end date must be the same as or after the start date."
    for name, message in grant_dates_errors(start_date, end_date).items():
        errors.setdefault(name, message)
    if not application.objectives.filter(pk=getattr(objective, "pk", None)).exists():
        errors["objective"] = "Choose one of the objectives the application addresses."
    if errors:
        raise ValidationError(errors)
    tranches = default_schedule(amount, start_date, end_date) if tranches is None else tranches
    check_schedule(amount, start_date, end_date, tranches)

    now = timezone.now()
    grant = _save(
        Grant(
            application=application,
            fund=fund,
            organisation_id=application.organisation_id,
            objective=objective,
            programme=programme,
            identifier=grant_identifier(application),
            title=application.project_title,
            description=application.project_summary or application.project_description,
            amount=amount,
            start_date=start_date,
            end_date=end_date,
            conditions=conditions,
            awarded_at=now,
            awarded_by=user,
        ),
        user,
    )
    returns = {
        quarter: _save(
            MonitoringReturn(
                grant=grant,
                financial_year=quarter.year,
                quarter=quarter.quarter,
                due_on=quarter.end + timedelta(days=RETURN_DUE_DAYS),
            ),
            user,
        )
        for quarter in return_quarters(start_date, end_date)
    }
    # bulk_create sends no signals, so the tranches' first history rows are written here.
    bulk_create_with_history(
        [
            Tranche(
                grant=grant,
                number=number,
                amount=spec.amount,
                due_date=spec.due_date,
                condition=spec.condition,
                condition_return=returns.get(spec.quarter)
                if spec.condition == TrancheCondition.RETURN_ACCEPTED
                else None,
            )
            for number, spec in enumerate(tranches, start=1)
        ],
        Tranche,
        default_user=user,
    )
    application._history_user = user
    application.status = ApplicationStatus.AWARDED
    application.decision_reasons = reasons
    application.decided_at = now
    application.decided_by = user
    application.save(update_fields=["status", "decision_reasons", "decided_at", "decided_by", "updated_at"])
    return grant


@transaction.atomic
def application_decline(*, application: Application, user, reasons: str) -> Application:
    """Decline the application with reasons, which the applicant sees."""
    if not (reasons or "").strip():
        raise ValidationError({"reasons": "Enter the reasons, which the applicant will see."})
    application = _lock_for_decision(application)
    application._history_user = user
    application.status = ApplicationStatus.DECLINED
    application.decision_reasons = reasons.strip()
    application.decided_at = timezone.now()
    application.decided_by = user
    application.save(update_fields=["status", "decision_reasons", "decided_at", "decided_by", "updated_at"])
    return application
