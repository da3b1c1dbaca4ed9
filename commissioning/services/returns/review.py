"""Reviewing a submitted return: VRU staff accept it (releasing its payments and rolling its indicator
actuals up into the programme's) or return it to the grantee with a note."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Sum
from django.utils import timezone
from django.utils.formats import date_format

from commissioning.models import MonitoringReturn, ReturnIndicatorActual, ReturnStatus
from commissioning.services.grants import release_tranches
from commissioning.services.returns.writing import lock_return, save_as
from programmes.models import Indicator
from programmes.services import IndicatorValuesError, PeriodValue, indicator_save


def _lock_for_review(monitoring_return: MonitoringReturn) -> MonitoringReturn:
    monitoring_return = lock_return(monitoring_return)
    if monitoring_return.status != ReturnStatus.SUBMITTED:
        raise ValidationError(
            f"Only a submitted return can be reviewed; this one is “{monitoring_return.get_status_display().lower()}”.",
            code="not_submitted",
        )
    return monitoring_return


@transaction.atomic
def return_accept(*, monitoring_return: MonitoringReturn, user, note: str = "") -> MonitoringReturn:
    """Accept a submitted return: it is locked from now on, the payments waiting on it are released
    (by the person accepting it) and its indicator actuals roll up into the programme's indicators."""
    monitoring_return = _lock_for_review(monitoring_return)
    monitoring_return.status = ReturnStatus.ACCEPTED
    monitoring_return.reviewed_at = timezone.now()
    monitoring_return.reviewed_by = user
    monitoring_return.review_note = (note or "").strip()
    save_as(monitoring_return, user)
    release_tranches(
        monitoring_return.tranches.all(), user=user, reason=f"{monitoring_return.period.label} return accepted"
    )
    roll_up_indicator_actuals(monitoring_return=monitoring_return, user=user)
    return monitoring_return


@transaction.atomic
def return_send_back(*, monitoring_return: MonitoringReturn, user, note: str) -> MonitoringReturn:
    """Return a submitted return to the grantee for revision, with a note saying what to change."""
    if not (note or "").strip():
        raise ValidationError({"note": "Enter a note saying what the grantee must change."})
    monitoring_return = _lock_for_review(monitoring_return)
    monitoring_return.status = ReturnStatus.RETURNED
    monitoring_return.reviewed_at = timezone.now()
    monitoring_return.reviewed_by = user
    monitoring_return.review_note = note.strip()
    save_as(monitoring_return, user)
    return monitoring_return


def roll_up_indicator_actuals(*, monitoring_return: MonitoringReturn, user) -> list[Indicator]:
    """Write the programme's figure for each indicator the accepted return gives an actual for.

    The rule: for each ReturnIndicatorActual of the return, the IndicatorValue of that
    indicator for the return's financial year and quarter gets ``actual`` = the SUM of
    that indicator's actuals over every ACCEPTED return for the same quarter (whichever
    grant it comes from), so several grants feeding one programme add up. The value is
    created when missing; its target is kept. The figure is recomputed from all the
    accepted returns, never incremented, so accepting is safe to repeat and a figure
    staff typed in for the quarter is replaced by the returns' total.

    The indicators' rows are locked (in id order) before summing, so two returns of
    the same quarter accepted at once take turns and the second sees the first. It
    writes through ``programmes.services.indicator_save``, so the programme's history
    records who changed the figure. Refused, with nothing saved, when the quarter is
    outside the programme's dates.
    """
    indicator_ids = list(monitoring_return.indicator_actuals.values_list("indicator_id", flat=True))
    if not indicator_ids:
        return []
    period = monitoring_return.period
    indicators = list(
        Indicator.objects.select_for_update(of=("self",))
        .select_related("programme")
        .filter(pk__in=indicator_ids)
        .order_by("pk")
    )
    totals = dict(
        ReturnIndicatorActual.objects.filter(
            indicator_id__in=indicator_ids,
            monitoring_return__status=ReturnStatus.ACCEPTED,
            monitoring_return__financial_year=period.year,
            monitoring_return__quarter=period.quarter,
        )
        .values("indicator_id")
        .annotate(total=Sum("actual"))
        .values_list("indicator_id", "total")
    )
    for indicator in indicators:
        programme = indicator.programme
        if not period.overlaps(programme.start_date, programme.end_date):
            raise ValidationError(
                f"The indicator actuals cannot roll up: {period.label} is outside the programme “{programme}”, "
                f"which runs from {date_format(programme.start_date)} to {date_format(programme.end_date)}. "
                "Change the programme's dates or the grant's linked programme first."
            )
        values = {value.period: value for value in indicator.values.all()}
        current = values.get(period)
        values[period] = PeriodValue(period, current.target if current else None, totals[indicator.pk])
        kept = [PeriodValue(p, v.target, v.actual) for p, v in sorted(values.items())]
        try:
            indicator_save(programme=programme, user=user, indicator=indicator, values=kept)
        except IndicatorValuesError as error:
            raise ValidationError(
                f"The indicator actuals of “{indicator.name}” cannot roll up: {error.messages[0]}"
            ) from error
    return indicators
