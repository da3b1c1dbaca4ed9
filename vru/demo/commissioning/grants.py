"""The demo's grants after their award: the agreement signed, tranches paid, and a year's returns so far."""

from decimal import ROUND_DOWN, Decimal

from commissioning.models import Grant, Tranche, TrancheCondition, TrancheStatus
from commissioning.services import grants as grant_services
from commissioning.services import returns as return_services
from vru.demo.commissioning.application_data import DemoApplication
from vru.demo.commissioning.timeline import Timeline, clock

PENNY = Decimal("0.01")
PROGRESS = {
    0: "Sessions started on time and were well attended; the youth panel chose the first term's activities.",
    1: "Numbers grew over the quarter as schools referred more young people; two workers completed training.",
    2: "A steady quarter: regulars keep coming and bring friends; we adjusted the evening times for winter.",
}
RISKS = "Recruiting a replacement youth worker may take a month; sessional staff cover in the meantime."
RETURN_NOTE = "Please add the spend on the venue, and the numbers reached in each age band."


def follow_up(spec: DemoApplication, grant: Grant, *, users, timeline: Timeline) -> None:
    """Sign the agreement and pay the first tranche, then write and review the returns the spec lists."""
    staff = users["staff"]
    with clock(timeline.agreement_signed) as at:
        grant_services.grant_update(
            grant=grant, user=staff, conditions=grant.conditions, agreement_signed_on=at.date(), programme=None
        )
    with clock(timeline.first_payment) as at:
        first = grant.tranches.get(condition=TrancheCondition.AGREEMENT_SIGNED)
        grant_services.tranche_pay(tranche=first, user=staff, paid_on=at.date())

    writer = users[spec.writer]
    returns = list(grant.returns.order_by("financial_year", "quarter"))
    for index, (state, monitoring_return) in enumerate(zip(spec.returns, returns, strict=False)):
        if state == "draft":
            continue  # not written: overdue once 14 days have passed since the quarter ended
        quarter = monitoring_return.period
        with clock(timeline.return_submitted(quarter)):
            return_services.return_save(
                monitoring_return=monitoring_return,
                user=writer,
                progress=PROGRESS[index % len(PROGRESS)],
                risks=RISKS,
                spend=_spend(grant),
                reach=_reach(grant),
                submit=True,
            )
        if state == "submitted":
            continue
        with clock(timeline.return_reviewed(quarter)):
            if state == "returned":
                return_services.return_send_back(monitoring_return=monitoring_return, user=staff, note=RETURN_NOTE)
                continue
            return_services.return_accept(monitoring_return=monitoring_return, user=staff, note="Thank you.")
        # The first quarter's tranche has been paid; later ones are released and waiting for payment.
        if index == 0:
            with clock(timeline.tranche_paid(quarter)) as at:
                for tranche in Tranche.objects.filter(
                    condition_return=monitoring_return, status=TrancheStatus.RELEASED
                ):
                    grant_services.tranche_pay(tranche=tranche, user=staff, paid_on=at.date())


def _spend(grant: Grant) -> list:
    """A quarter of each budget line, in proportion to what was awarded."""
    application = grant.application
    share = grant.amount / application.amount_requested / 4
    return [
        return_services.SpendRow(budget_line_id=line.pk, amount=(line.amount * share).quantize(PENNY, ROUND_DOWN))
        for line in application.budget_lines.all()
    ]


def _reach(grant: Grant) -> list:
    """A quarter of the young people the application expected to reach, in its first borough: counts only."""
    application = grant.application
    borough = application.boroughs.order_by("name").first()
    return [
        return_services.ReachRow(borough_id=borough.pk, age_band=estimate.age_band, count=estimate.count // 4)
        for estimate in application.reach.all()
        if estimate.count >= 4
    ]
