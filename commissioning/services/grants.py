"""Changes to a grant after its award: the agreement and conditions, variations, and its payments.

Grants themselves are made only by ``commissioning.services.awards.application_award``.
The pages, the API and the admin call these functions, so each rule is written once.
Each runs in one transaction and locks the rows it decides on, so two people acting
on the same grant take turns; when anything is refused nothing is saved, and the
ValidationError names the field at fault.
"""

from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max, Sum
from django.utils import timezone
from django.utils.formats import date_format

from commissioning.models import (
    RETURN_DUE_DAYS,
    Fund,
    Grant,
    GrantVariation,
    MonitoringReturn,
    ReturnIndicatorActual,
    ReturnStatus,
    Tranche,
    TrancheCondition,
    TrancheStatus,
)
from commissioning.selectors.ledger import fund_available
from programmes.periods import FinancialQuarter
from vru.templatetags.vru_tags import money
from vru.validators import amount_error, check_bounds, date_bounds_error, grant_dates_errors

# simple-history keeps a change reason of at most this many characters.
CHANGE_REASON_LENGTH = 100


def _save(instance, user, *, reason: str = "", **kwargs) -> None:
    instance._history_user = user
    if reason:
        instance._change_reason = reason[:CHANGE_REASON_LENGTH]
    instance.save(**kwargs)


def _delete(instance, user) -> None:
    instance._history_user = user
    instance.delete()


def lock_grant(grant: Grant) -> Grant:
    """The grant, re-read and locked until the transaction ends."""
    return Grant.objects.select_for_update().get(pk=grant.pk)


def release_tranches(tranches, *, user, reason: str = "") -> list[Tranche]:
    """Release the scheduled tranches among ``tranches`` (a queryset): their condition has been met.

    Called inside the transaction that met the condition (the agreement recorded, the
    return accepted), so the release stands or falls with it.
    """
    now = timezone.now()
    released = []
    for tranche in tranches.select_for_update().filter(status=TrancheStatus.SCHEDULED).order_by("number"):
        tranche.status = TrancheStatus.RELEASED
        tranche.released_at = now
        tranche.released_by = user
        _save(tranche, user, reason=reason)
        released.append(tranche)
    return released


# --- The agreement, conditions and linked programme ---------------------------------------------


@transaction.atomic
def grant_update(
    *, grant: Grant, user, conditions: str, agreement_signed_on: date | None, programme, today: date | None = None
) -> Grant:
    """Change a grant's conditions, the date its agreement was signed and its linked programme.

    Recording the agreement date releases the payments whose condition is the signed
    agreement. The date cannot be in the future, nor be removed once a payment has
    been released on it. Changing the programme drops the indicator actuals that
    returns still being written gave for the old programme's indicators.
    """
    today = today or timezone.localdate()
    grant = lock_grant(grant)
    errors = {}
    if agreement_signed_on is not None and agreement_signed_on > today:
        errors["agreement_signed_on"] = "The date the agreement was signed must be today or in the past."
    elif message := date_bounds_error(agreement_signed_on):
        errors["agreement_signed_on"] = message
    if agreement_signed_on is None and grant.agreement_signed_on is not None:
        released = (
            grant.tranches.filter(condition=TrancheCondition.AGREEMENT_SIGNED)
            .exclude(status=TrancheStatus.SCHEDULED)
            .order_by("number")
            .first()
        )
        if released is not None:
            errors["agreement_signed_on"] = (
                f"The agreement date cannot be removed: payment {released.number} has been released on it."
            )
    if errors:
        raise ValidationError(errors)

    programme_changed = (programme.pk if programme else None) != grant.programme_id
    grant.conditions = (conditions or "").strip()
    grant.agreement_signed_on = agreement_signed_on
    grant.programme = programme
    _save(grant, user)
    if programme_changed:
        stale = ReturnIndicatorActual.objects.filter(
            monitoring_return__grant=grant,
            monitoring_return__status__in=[ReturnStatus.DRAFT, ReturnStatus.RETURNED],
        )
        if programme is not None:
            stale = stale.exclude(indicator__programme=programme)
        for actual in stale:
            _delete(actual, user)
    if grant.agreement_signed_on is not None:
        release_tranches(
            grant.tranches.filter(condition=TrancheCondition.AGREEMENT_SIGNED), user=user, reason="Agreement signed"
        )
    return grant


# --- Variations ---------------------------------------------------------------------------------


@dataclass
class VariationOutcome:
    """What a variation did besides changing the grant, for the page to tell the manager."""

    variation: GrantVariation
    changed_tranche: Tranche | None = None
    added_tranche: Tranche | None = None
    returns_added: list[FinancialQuarter] = field(default_factory=list)
    returns_removed: list[FinancialQuarter] = field(default_factory=list)
    tranches_made_manual: list[int] = field(default_factory=list)


def _vary_errors(grant: Grant, fund: Fund, *, reason, amount, start_date, end_date) -> dict[str, str]:
    errors = {}
    if not (reason or "").strip():
        errors["reason"] = "Enter the reason for the variation."
    if amount is None or amount <= 0:
        errors["amount"] = "Enter an amount of more than £0."
    if start_date is None:
        errors["start_date"] = "Enter the start date."
    if end_date is None:
        errors["end_date"] = "Enter the end date."
    elif start_date is not None and end_date < start_date:
        errors["end_date"] = "The end date must be the same as or after the start date."
    for name, message in grant_dates_errors(start_date, end_date).items():
        errors.setdefault(name, message)
    if "amount" not in errors and (message := amount_error(amount)):
        errors["amount"] = message
    if errors:
        return errors
    if (amount, start_date, end_date) == (grant.amount, grant.start_date, grant.end_date):
        return {"__all__": "Change the amount or the dates: they are the same as now."}
    if amount != grant.amount:
        available = fund_available(fund, excluding=grant)
        paid = grant.tranches.filter(status=TrancheStatus.PAID).aggregate(total=Sum("amount"))["total"] or 0
        if amount > available:
            errors["amount"] = (
                f"The grant cannot be more than {money(available)}: that is what {fund.name}, "
                f"which has {money(fund.total)} in all, has left besides this grant."
            )
        elif amount < paid:
            errors["amount"] = f"The grant cannot be less than the {money(paid)} already paid."
    return errors


def _check_returns_inside(returns, quarters: set[FinancialQuarter], start_date: date) -> None:
    """A return that has been submitted (whatever became of it) must stay inside the grant."""
    outside = [r for r in returns if r.status != ReturnStatus.DRAFT and r.period not in quarters]
    if not outside:
        return
    errors = {}
    for monitoring_return in outside:
        period = monitoring_return.period
        name = "start_date" if period.end < start_date else "end_date"
        errors.setdefault(name, []).append(
            f"The {period.label} return has been submitted, so the grant must still cover "
            f"{date_format(period.start)} to {date_format(period.end)}."
        )
    raise ValidationError(errors)


def _apply_difference(grant: Grant, difference: Decimal, *, user, today: date) -> tuple[Tranche | None, Tranche | None]:
    """Put a change of amount on the last payment still to be released, or a new payment when there is none.

    Returns (the tranche changed, the tranche added).
    """
    if difference == 0:
        return None, None
    last = grant.tranches.select_for_update().filter(status=TrancheStatus.SCHEDULED).order_by("-number").first()
    if last is None:
        if difference < 0:
            raise ValidationError(
                {"amount": "Every payment has been released or paid, so the grant cannot be reduced."}
            )
        number = (grant.tranches.aggregate(last=Max("number"))["last"] or 0) + 1
        added = Tranche(
            grant=grant, number=number, amount=difference, due_date=today, condition=TrancheCondition.MANUAL
        )
        _save(added, user, reason="Added by a variation")
        return None, added
    new_amount = last.amount + difference
    if new_amount <= 0:
        raise ValidationError(
            {
                "amount": f"The reduction of {money(-difference)} would leave payment {last.number}, the last one "
                f"still to be released, at {money(new_amount)}. Reduce the grant by less than {money(last.amount)}."
            }
        )
    last.amount = new_amount
    _save(last, user, reason="Changed by a variation")
    return last, None


def _move_returns(grant: Grant, returns, new: set[FinancialQuarter], *, user, outcome) -> None:
    """Add a draft return for each new quarter; delete the drafts of quarters the grant no longer covers."""
    for quarter in sorted(new - {r.period for r in returns}):
        monitoring_return = MonitoringReturn(
            grant=grant,
            financial_year=quarter.year,
            quarter=quarter.quarter,
            due_on=quarter.end + timedelta(days=RETURN_DUE_DAYS),
        )
        _save(monitoring_return, user)
        outcome.returns_added.append(quarter)
    gone = [r for r in returns if r.status == ReturnStatus.DRAFT and r.period not in new]
    for monitoring_return in gone:
        # A payment waiting on a return that no longer exists is released by VRU staff instead.
        for tranche in monitoring_return.tranches.select_for_update().filter(status=TrancheStatus.SCHEDULED):
            tranche.condition = TrancheCondition.MANUAL
            tranche.condition_return = None
            _save(tranche, user, reason=f"Its {monitoring_return.period.label} return was removed by a variation")
            outcome.tranches_made_manual.append(tranche.number)
        outcome.returns_removed.append(monitoring_return.period)
        _delete(monitoring_return, user)


@transaction.atomic
def grant_vary(
    *,
    grant: Grant,
    user,
    reason: str,
    amount: Decimal | None = None,
    start_date: date | None = None,
    end_date: date | None = None,
    today: date | None = None,
) -> VariationOutcome:
    """Vary a grant's amount and/or dates, with a reason; a value not given stays as it is.

    The fund's row is locked first, as an award locks it, so a variation and an award
    from the same fund take turns and together can never take the fund past its
    total. Refused when the amount would do so, is less than has been paid, or cannot
    be taken from the payments still to be released; and when the dates would leave
    out a quarter whose return has been submitted. The difference in amount goes on
    the last payment still to be released (or a new payment confirmed by VRU staff).
    New quarters get draft returns; drafts of quarters left out are deleted, and a
    payment that waited on one becomes a payment VRU staff release. The old and new
    values are kept in a GrantVariation.
    """
    today = today or timezone.localdate()
    Fund.objects.select_for_update().get(pk=grant.fund_id)
    grant = Grant.objects.select_for_update().select_related("fund").get(pk=grant.pk)
    amount = grant.amount if amount is None else amount
    start_date = grant.start_date if start_date is None else start_date
    end_date = grant.end_date if end_date is None else end_date
    errors = _vary_errors(grant, grant.fund, reason=reason, amount=amount, start_date=start_date, end_date=end_date)
    if errors:
        raise ValidationError(errors)
    # Locked so that a return cannot be submitted while this decides whether it may be removed.
    returns = list(grant.returns.select_for_update().order_by("financial_year", "quarter"))
    new_quarters = set(FinancialQuarter.between(start_date, end_date))
    _check_returns_inside(returns, new_quarters, start_date)

    reason = reason.strip()
    variation = GrantVariation(
        grant=grant,
        reason=reason,
        old_amount=grant.amount,
        new_amount=amount,
        old_start_date=grant.start_date,
        new_start_date=start_date,
        old_end_date=grant.end_date,
        new_end_date=end_date,
        made_by=user,
    )
    outcome = VariationOutcome(variation=variation)
    outcome.changed_tranche, outcome.added_tranche = _apply_difference(
        grant, amount - grant.amount, user=user, today=today
    )
    if new_quarters != {r.period for r in returns}:
        _move_returns(grant, returns, new_quarters, user=user, outcome=outcome)
    grant.amount, grant.start_date, grant.end_date = amount, start_date, end_date
    _save(grant, user, reason=f"Variation: {reason}")
    variation.save()
    return outcome


# --- Payments -----------------------------------------------------------------------------------


def _lock_tranche(tranche: Tranche) -> Tranche:
    return Tranche.objects.select_for_update().select_related("grant").get(pk=tranche.pk)


@transaction.atomic
def tranche_release(*, tranche: Tranche, user, note: str = "") -> Tranche:
    """Release a payment whose condition is a VRU confirmation; the note is kept in its history."""
    tranche = _lock_tranche(tranche)
    if tranche.condition != TrancheCondition.MANUAL:
        raise ValidationError(
            f"Payment {tranche.number} is released automatically when its condition is met "
            f"({tranche.get_condition_display().lower()}), not by hand.",
            code="not_manual",
        )
    if tranche.status != TrancheStatus.SCHEDULED:
        raise ValidationError(f"Payment {tranche.number} has already been released.", code="released")
    note = (note or "").strip()
    if len(note) > CHANGE_REASON_LENGTH:
        raise ValidationError({"note": f"The note must be {CHANGE_REASON_LENGTH} characters or fewer."})
    tranche.status = TrancheStatus.RELEASED
    tranche.released_at = timezone.now()
    tranche.released_by = user
    _save(tranche, user, reason=note or "Released by VRU staff")
    return tranche


@transaction.atomic
def tranche_pay(*, tranche: Tranche, user, paid_on: date | None, today: date | None = None) -> Tranche:
    """Record that a released payment was made, and on what date (not in the future).

    The date may come before the release was recorded here: records are often brought up
    to date after the money has gone.
    """
    today = today or timezone.localdate()
    tranche = _lock_tranche(tranche)
    if tranche.status == TrancheStatus.PAID:
        raise ValidationError(
            f"Payment {tranche.number} was marked paid on {date_format(tranche.paid_on)}.", code="paid"
        )
    if tranche.status != TrancheStatus.RELEASED:
        raise ValidationError(
            f"Payment {tranche.number} has not been released yet: it can be marked paid once it is.",
            code="not_released",
        )
    if paid_on is None:
        raise ValidationError({"paid_on": "Enter the date the payment was made."})
    if paid_on > today:
        raise ValidationError({"paid_on": "The date the payment was made must be today or in the past."})
    check_bounds(dates={"paid_on": paid_on})
    tranche.status = TrancheStatus.PAID
    tranche.paid_on = paid_on
    tranche.paid_by = user
    _save(tranche, user)
    return tranche
