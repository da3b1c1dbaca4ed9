"""Demo commissioning: wards, funds, a closed and an open round, applications at every stage, grants with
tranches and returns; see vru/demo/seed.py for the conventions.

London wards for Lambeth, Southwark and Tower Hamlets come from the sample ONS lookup in
docs/, through the importer. The "VRU core budget" (£6.8m, for the year its grants
started) funds a closed round, "Safer neighbourhoods community grants", whose
applications reached every stage: submitted, not eligible, eligible (one assessor
conflicted), assessed, recommended, awarded, declined and withdrawn. Its three grants,
to Southside Youth Trust (``partner-b``), Lambeth's partnership (``partner-a``) and a
grassroots group, started three quarters ago: payments made and released, returns
accepted, one awaiting review, one returned and one overdue. "MOPAC safer schools"
(£1m, this year) funds an open round closing in three weeks, with ``partner-b``'s
application submitted and ``partner-a``'s in draft.

Everything is written through ``commissioning.services`` (and the ward importer), at the
moment it would have happened (see ``timeline``). A fund or round already there, found by
its name or title, is left alone, as is an organisation's application to a round: a second
run creates and changes nothing.
"""

from datetime import date

from django.conf import settings
from django.core.management.base import CommandError

from commissioning.models import Application, Fund, FundingRound
from commissioning.services import rounds as round_services
from partners.models import Organisation
from partners.services.wards import wards_import
from programmes.models import Objective, PriorityArea
from programmes.periods import financial_year_of
from vru.demo.commissioning import applications
from vru.demo.commissioning.application_data import APPLICATIONS
from vru.demo.commissioning.data import CLOSED_ROUND, FUNDS, OPEN_ROUND, DemoFund, DemoRound
from vru.demo.commissioning.grants import follow_up
from vru.demo.commissioning.timeline import Timeline, clock

__all__ = ["Timeline", "seed"]

WARD_SAMPLE = settings.BASE_DIR / "docs" / "sample-ons-ward-lookup-2024.csv"


def seed(users: dict, today: date) -> int:
    """Add what is missing and return how many records were created; never change what is there."""
    timeline = Timeline.for_today(today)
    created = _ensure_wards()
    funds, count = _ensure_funds(users, timeline)
    created += count
    rounds = {}
    for spec, at, opens, closes in (
        (CLOSED_ROUND, timeline.set_up, timeline.closed_opens, timeline.closed_closes),
        (OPEN_ROUND, timeline.open_set_up, timeline.open_opens, timeline.open_closes),
    ):
        rounds[spec.key], count = _ensure_round(spec, funds[spec.fund], users, at=at, opens=opens, closes=closes)
        created += count
    for spec in APPLICATIONS:
        created += _ensure_application(spec, rounds[spec.round], users, timeline)
    return created


def _ensure_wards() -> int:
    with WARD_SAMPLE.open(encoding="utf-8-sig", newline="") as stream:
        return wards_import(stream=stream).created


def _ensure_funds(users, timeline: Timeline) -> tuple[dict[str, Fund], int]:
    # The core budget is the year its grants started in; the safer schools money is this year's.
    years = {"core": financial_year_of(timeline.grant_start), "schools": financial_year_of(timeline.today)}
    funds, created = {}, 0
    for spec in FUNDS:
        fund = Fund.objects.filter(name=spec.name).first()
        if fund is None:
            fund = _create_fund(spec, years[spec.key], users["manager"], at=timeline.set_up)
            created += 1
        funds[spec.key] = fund
    return funds, created


def _create_fund(spec: DemoFund, year: int, user, *, at) -> Fund:
    objectives = {objective.number: objective for objective in Objective.objects.filter(number__in=spec.allocations)}
    missing = set(spec.allocations) - set(objectives)
    if missing:
        raise CommandError(f"These objectives are missing (run the migrations?): {sorted(missing)}")
    with clock(at):
        fund = round_services.fund_create(
            user=user,
            name=spec.name,
            source=spec.source,
            financial_year=year,
            total=spec.total,
            description=spec.description,
        )
        round_services.fund_allocations_set(
            fund=fund,
            user=user,
            allocations=[(objectives[number], amount) for number, amount in spec.allocations.items()],
        )
    return fund


def _ensure_round(spec: DemoRound, fund: Fund, users, *, at, opens, closes) -> tuple[FundingRound, int]:
    funding_round = FundingRound.objects.filter(title=spec.title).first()
    if funding_round is not None:
        return funding_round, 0
    staff = users["staff"]
    with clock(at):
        funding_round = round_services.round_create(
            user=staff,
            fund=fund,
            title=spec.title,
            summary=spec.summary,
            geography_level=spec.geography_level,
            budget_envelope=spec.budget_envelope,
            minimum_request=spec.minimum_request,
            maximum_request=spec.maximum_request,
            opens_at=opens,
            closes_at=closes,
            guidance=spec.guidance,
            objectives=Objective.objects.filter(number__in=spec.objectives),
            priority_areas=PriorityArea.objects.filter(number__in=spec.priority_areas),
        )
        round_services.round_criteria_set(
            funding_round=funding_round,
            user=staff,
            criteria=[
                round_services.CriterionRow(title=title, weight=weight, description=description)
                for title, weight, description in spec.criteria
            ],
        )
        round_services.round_questions_set(
            funding_round=funding_round,
            user=staff,
            questions=[
                round_services.QuestionRow(text=text, hint=hint, word_limit=limit, required=required)
                for text, hint, limit, required in spec.questions
            ],
        )
        funding_round = round_services.round_set_published(funding_round=funding_round, user=staff, published=True)
    return funding_round, 1


def _ensure_application(spec, funding_round: FundingRound, users, timeline: Timeline) -> int:
    organisation = Organisation.objects.filter(name=spec.organisation).first()
    if organisation is None:
        raise CommandError(f"The organisation {spec.organisation!r} is missing: seed the organisations first.")
    if Application.objects.filter(round=funding_round, organisation=organisation).exists():
        return 0
    if spec.round == CLOSED_ROUND.key:
        dates = (timeline.grant_start, timeline.grant_end)
        with clock(timeline.written):
            application = applications.write(
                spec, funding_round=funding_round, organisation=organisation, users=users, dates=dates
            )
        with clock(timeline.submitted):
            application = applications.submit(spec, application, users=users)
        grant = applications.decide(spec, application, users=users, timeline=timeline, grant_dates=dates)
        if grant is None:
            return 1
        follow_up(spec, grant, users=users, timeline=timeline)
        return 2
    with clock(timeline.now):
        application = applications.write(
            spec, funding_round=funding_round, organisation=organisation, users=users, dates=timeline.open_grant_dates
        )
        if spec.stage != "draft":
            applications.submit(spec, application, users=users)
    return 1
