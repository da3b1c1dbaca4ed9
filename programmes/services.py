"""Changes to programmes, milestones and indicators.

The pages, the API and the admin actions call these functions, so each rule is
written once. Each runs in one transaction: when anything is invalid nothing is
saved, and the ValidationError names the field at fault.
"""

from dataclasses import dataclass
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.formats import date_format

from programmes.models import PROGRAMME_M2M_FIELDS, Indicator, IndicatorValue, Milestone, Programme
from programmes.periods import FinancialQuarter
from vru.roles import vru_users
from vru.validators import check_bounds

PROGRAMME_FIELDS = (
    "title",
    "description",
    "lead_officer",
    "status",
    "start_date",
    "end_date",
    "budget",
    "target_cohort",
)
MILESTONE_FIELDS = ("title", "due_date", "owner", "rag", "done_date")
INDICATOR_FIELDS = ("name", "unit", "direction", "baseline", "aggregation", "counts_people")


@dataclass(frozen=True)
class PeriodValue:
    """An indicator's target and actual for one quarter; both empty removes the quarter."""

    period: FinancialQuarter
    target: Decimal | None = None
    actual: Decimal | None = None

    @property
    def is_empty(self) -> bool:
        return self.target is None and self.actual is None


def _unknown_fields(fields: dict, allowed) -> None:
    unknown = set(fields) - set(allowed)
    if unknown:
        raise TypeError(f"Unexpected fields: {', '.join(sorted(unknown))}")


def _check_values_inside_dates(programme: Programme) -> None:
    """Refuse new dates that would leave recorded indicator values outside the programme."""
    outside = sorted(
        {
            value.period
            for value in IndicatorValue.objects.filter(indicator__programme=programme)
            if not value.period.overlaps(programme.start_date, programme.end_date)
        }
    )
    if outside:
        periods = ", ".join(period.label for period in outside)
        field = "start_date" if outside[0].end < programme.start_date else "end_date"
        raise ValidationError(
            {
                field: f"Indicator values are recorded for {periods}, outside "
                f"{date_format(programme.start_date)} to {date_format(programme.end_date)}. "
                "Change those values first or choose dates that include them."
            }
        )


def _check_vru_officer(person, field: str, role: str) -> None:
    if person is not None and not vru_users().filter(pk=person.pk).exists():
        raise ValidationError({field: f"The {role} must be an active member of VRU staff."})


def _save_programme(programme: Programme, *, user, m2m: dict) -> Programme:
    if not m2m.get("objectives", True):
        raise ValidationError({"objectives": "Select at least one objective."})
    programme._history_user = user
    programme.full_clean(exclude=list(PROGRAMME_M2M_FIELDS))
    check_bounds(
        dates={"start_date": programme.start_date, "end_date": programme.end_date},
        amounts={"budget": programme.budget},
    )
    _check_vru_officer(programme.lead_officer, "lead_officer", "lead officer")
    if programme.pk:
        _check_values_inside_dates(programme)
    programme.save()
    for name, values in m2m.items():
        getattr(programme, name).set(values)
    return programme


@transaction.atomic
def programme_create(*, user, **fields) -> Programme:
    _unknown_fields(fields, PROGRAMME_FIELDS + PROGRAMME_M2M_FIELDS)
    m2m = {name: fields.pop(name, []) for name in PROGRAMME_M2M_FIELDS}
    if not m2m["objectives"]:
        raise ValidationError({"objectives": "Select at least one objective."})
    return _save_programme(Programme(**fields), user=user, m2m=m2m)


@transaction.atomic
def programme_update(*, programme: Programme, user, **fields) -> Programme:
    _unknown_fields(fields, PROGRAMME_FIELDS + PROGRAMME_M2M_FIELDS)
    m2m = {name: fields.pop(name) for name in PROGRAMME_M2M_FIELDS if name in fields}
    programme = Programme.objects.select_for_update().get(pk=programme.pk)
    for name, value in fields.items():
        setattr(programme, name, value)
    return _save_programme(programme, user=user, m2m=m2m)


@transaction.atomic
def milestone_save(*, programme: Programme, user, milestone: Milestone | None = None, **fields) -> Milestone:
    _unknown_fields(fields, MILESTONE_FIELDS)
    milestone = milestone or Milestone(programme=programme)
    if milestone.programme_id != programme.pk:
        raise ValidationError("This milestone belongs to another programme.")
    for name, value in fields.items():
        setattr(milestone, name, value)
    milestone._history_user = user
    milestone.full_clean()
    check_bounds(dates={"due_date": milestone.due_date, "done_date": milestone.done_date})
    _check_vru_officer(milestone.owner, "owner", "owner")
    milestone.save()
    return milestone


@transaction.atomic
def milestone_delete(*, milestone: Milestone, user) -> None:
    milestone._history_user = user
    milestone.delete()


def _period_errors(indicator: Indicator, values: list[PeriodValue]) -> dict[int, str]:
    """Errors by row, numbered as given: a period outside the programme, or the same period twice."""
    programme = indicator.programme
    errors, seen = {}, set()
    for index, value in enumerate(values):
        if value.is_empty:
            continue
        if value.period in seen:
            errors[index] = f"{value.period.label} is entered more than once."
        elif not value.period.overlaps(programme.start_date, programme.end_date):
            errors[index] = (
                f"{value.period.label} is outside the programme, which runs from "
                f"{date_format(programme.start_date)} to {date_format(programme.end_date)}."
            )
        seen.add(value.period)
    return errors


class IndicatorValuesError(ValidationError):
    """Invalid rows of an indicator's quarterly values, by their 0-based place in the list given."""

    def __init__(self, row_errors: dict[int, str]):
        self.row_errors = row_errors
        super().__init__({"values": [f"Row {index + 1}: {message}" for index, message in row_errors.items()]})


@transaction.atomic
def indicator_save(
    *,
    programme: Programme,
    user,
    indicator: Indicator | None = None,
    values: list[PeriodValue] | None = None,
    **fields,
) -> Indicator:
    """Create or change an indicator and, when ``values`` is given, its targets and actuals by quarter.

    ``values`` lists the quarters to keep: a quarter left out, or with neither a
    target nor an actual, is removed.
    """
    _unknown_fields(fields, INDICATOR_FIELDS)
    indicator = indicator or Indicator(programme=programme)
    if indicator.programme_id != programme.pk:
        raise ValidationError("This indicator belongs to another programme.")
    for name, value in fields.items():
        setattr(indicator, name, value)
    indicator._history_user = user
    indicator.full_clean()
    if values is not None:
        row_errors = _period_errors(indicator, values)
        if row_errors:
            raise IndicatorValuesError(row_errors)
    indicator.save()
    if values is not None:
        _replace_values(indicator, [value for value in values if not value.is_empty], user=user)
    return indicator


def _replace_values(indicator: Indicator, values: list[PeriodValue], *, user) -> None:
    existing = {value.period: value for value in indicator.values.all()}
    wanted = {value.period: value for value in values}
    for period, row in existing.items():
        if period not in wanted:
            row._history_user = user
            row.delete()
    for period, value in wanted.items():
        row = existing.get(period) or IndicatorValue(
            indicator=indicator, financial_year=period.year, quarter=period.quarter
        )
        if row.pk and row.target == value.target and row.actual == value.actual:
            continue
        row.target, row.actual = value.target, value.actual
        row._history_user = user
        row.full_clean(validate_unique=False)
        row.save()


@transaction.atomic
def indicator_delete(*, indicator: Indicator, user) -> None:
    for row in indicator.values.all():
        row._history_user = user
        row.delete()
    indicator._history_user = user
    indicator.delete()
