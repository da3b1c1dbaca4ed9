"""Writing and submitting a monitoring return: the grantee's part."""

from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format

from commissioning.models import (
    AgeBand,
    MonitoringReturn,
    ReturnIndicatorActual,
    ReturnReach,
    ReturnSpend,
    ReturnStatus,
)
from vru.validators import AMOUNT_MAX, amount_error

RETURN_LOCKED = "This return has been accepted and is locked: it can no longer be changed."
RETURN_SUBMITTED = "This return has been submitted: it can be changed again only if the VRU returns it for revision."


@dataclass(frozen=True)
class SpendRow:
    """Spend in the quarter against one of the application's budget lines; ``None`` clears it."""

    budget_line_id: int
    amount: Decimal | None


@dataclass(frozen=True)
class ReachRow:
    """Young people reached in one borough and age band: a count, never names; ``None`` clears it."""

    borough_id: int
    age_band: str
    count: int | None


@dataclass(frozen=True)
class ActualRow:
    """The quarter's actual for one of the linked programme's indicators; ``None`` clears it."""

    indicator_id: int
    actual: Decimal | None


def lock_return(monitoring_return: MonitoringReturn) -> MonitoringReturn:
    """The return, re-read and locked until the transaction ends, with its grant."""
    return (
        MonitoringReturn.objects.select_for_update(of=("self",))
        .select_related("grant__application", "grant__programme")
        .get(pk=monitoring_return.pk)
    )


def check_editable(monitoring_return: MonitoringReturn) -> None:
    if monitoring_return.status == ReturnStatus.ACCEPTED:
        raise ValidationError(RETURN_LOCKED, code="locked")
    if not monitoring_return.is_editable:
        raise ValidationError(RETURN_SUBMITTED, code="submitted")


def save_as(instance, user) -> None:
    """Save, with ``user`` recorded in the change history (the API and tasks have no request for it)."""
    instance._history_user = user
    instance.save()


def delete_as(instance, user) -> None:
    instance._history_user = user
    instance.delete()


def _row_errors(monitoring_return, spend, reach, actuals) -> dict[str, list[str]]:
    """What is wrong with the rows given: figures must belong to this grant and be 0 or more."""
    grant = monitoring_return.grant
    errors = defaultdict(list)
    if spend is not None:
        lines = {line.pk: line for line in grant.application.budget_lines.all()}
        seen = set()
        for row in spend:
            line = lines.get(row.budget_line_id)
            if line is None:
                errors["spend"].append(f"Budget line {row.budget_line_id} is not one of this grant's budget lines.")
            elif row.budget_line_id in seen:
                errors["spend"].append(f"The spend on “{line.description}” is given more than once.")
            elif row.amount is not None and row.amount < 0:
                errors["spend"].append(f"The spend on “{line.description}” must be £0 or more.")
            elif message := amount_error(row.amount, f"The spend on “{line.description}”"):
                errors["spend"].append(message)
            seen.add(row.budget_line_id)
    if reach is not None:
        boroughs = {borough.pk: borough for borough in grant.application.boroughs.all()}
        seen = set()
        for row in reach:
            borough = boroughs.get(row.borough_id)
            if borough is None:
                errors["reach"].append(f"Borough {row.borough_id} is not one of the boroughs this grant serves.")
            elif row.age_band not in AgeBand.values:
                errors["reach"].append(f"“{row.age_band}” is not an age band.")
            elif (row.borough_id, row.age_band) in seen:
                errors["reach"].append(
                    f"The count for {borough.name}, {AgeBand(row.age_band).label.lower()}, is given more than once."
                )
            elif row.count is not None and (row.count < 0 or int(row.count) != row.count):
                errors["reach"].append(
                    f"The count for {borough.name}, {AgeBand(row.age_band).label.lower()}, must be a whole number, "
                    "0 or more."
                )
            seen.add((row.borough_id, row.age_band))
    if actuals is not None:
        indicators = (
            {indicator.pk: indicator for indicator in grant.programme.indicators.all()} if grant.programme else {}
        )
        seen = set()
        for row in actuals:
            indicator = indicators.get(row.indicator_id)
            if indicator is None:
                errors["indicator_actuals"].append(
                    f"Indicator {row.indicator_id} is not an indicator of the programme this grant is linked to."
                )
            elif row.indicator_id in seen:
                errors["indicator_actuals"].append(f"The actual for “{indicator.name}” is given more than once.")
            elif row.actual is not None and abs(row.actual) > AMOUNT_MAX:
                errors["indicator_actuals"].append(
                    f"The actual for “{indicator.name}” must be {AMOUNT_MAX:,.0f} or less."
                )
            seen.add(row.indicator_id)
    return dict(errors)


def _replace(existing: dict, wanted: dict, *, make, value_field: str, user) -> None:
    """Make the return's rows (by key) match ``wanted``: a ``None`` or missing value removes the row."""
    for key, row in existing.items():
        if wanted.get(key) is None:
            delete_as(row, user)
    for key, value in wanted.items():
        if value is None:
            continue
        row = existing.get(key)
        if row is None:
            save_as(make(key, value), user)
        elif getattr(row, value_field) != value:
            setattr(row, value_field, value)
            save_as(row, user)


def _submit(monitoring_return: MonitoringReturn, user, today: date | None) -> None:
    """A return reports on a quarter, so it is submitted once the quarter is over, with its narrative."""
    period = monitoring_return.period
    if (today or timezone.localdate()) <= period.end:
        raise ValidationError(
            f"The {period.label} return can be submitted once the quarter has ended, on {date_format(period.end)}. "
            "You can save it and come back later.",
            code="quarter_not_ended",
        )
    if not monitoring_return.progress.strip():
        raise ValidationError({"progress": "Enter the progress narrative: a return cannot be submitted without it."})
    monitoring_return.status = ReturnStatus.SUBMITTED
    monitoring_return.submitted_at = timezone.now()
    monitoring_return.submitted_by = user
    save_as(monitoring_return, user)


@transaction.atomic
def return_save(
    *,
    monitoring_return: MonitoringReturn,
    user,
    progress: str | None = None,
    risks: str | None = None,
    spend: list[SpendRow] | None = None,
    reach: list[ReachRow] | None = None,
    actuals: list[ActualRow] | None = None,
    submit: bool = False,
    today: date | None = None,
) -> MonitoringReturn:
    """Save what the grantee has written, and submit the return when ``submit`` is true.

    A list given replaces the return's rows of that kind (a row left out, or with no
    value, is removed); ``None`` leaves them as they are. Submitting needs the progress
    narrative and the quarter to be over. All or nothing: when anything is refused,
    nothing is saved.
    """
    monitoring_return = lock_return(monitoring_return)
    check_editable(monitoring_return)
    errors = _row_errors(monitoring_return, spend, reach, actuals)
    if errors:
        raise ValidationError(errors)
    if progress is not None:
        monitoring_return.progress = progress.strip()
    if risks is not None:
        monitoring_return.risks = risks.strip()
    save_as(monitoring_return, user)
    pk = monitoring_return.pk
    if spend is not None:
        _replace(
            {row.budget_line_id: row for row in monitoring_return.spend.all()},
            {row.budget_line_id: row.amount for row in spend},
            make=lambda key, value: ReturnSpend(monitoring_return_id=pk, budget_line_id=key, amount=value),
            value_field="amount",
            user=user,
        )
    if reach is not None:
        _replace(
            {(row.borough_id, row.age_band): row for row in monitoring_return.reach.all()},
            {(row.borough_id, row.age_band): row.count for row in reach},
            make=lambda key, value: ReturnReach(
                monitoring_return_id=pk, borough_id=key[0], age_band=key[1], count=value
            ),
            value_field="count",
            user=user,
        )
    if actuals is not None:
        _replace(
            {row.indicator_id: row for row in monitoring_return.indicator_actuals.all()},
            {row.indicator_id: row.actual for row in actuals},
            make=lambda key, value: ReturnIndicatorActual(monitoring_return_id=pk, indicator_id=key, actual=value),
            value_field="actual",
            user=user,
        )
    if submit:
        _submit(monitoring_return, user, today)
    return monitoring_return


@transaction.atomic
def return_submit(*, monitoring_return: MonitoringReturn, user, today: date | None = None) -> MonitoringReturn:
    """Submit the return as it has been saved."""
    monitoring_return = lock_return(monitoring_return)
    check_editable(monitoring_return)
    _submit(monitoring_return, user, today)
    return monitoring_return
