"""The commissioning demo: every stage the issue asks for, written through the services, for partner-a and
partner-b too, publishable as valid 360Giving data; and a second run creates and changes nothing."""

import json
from datetime import date
from decimal import Decimal
from io import StringIO

import pytest
from django.core.management import call_command

from commissioning.giving360 import build_package, dumps, package_errors
from commissioning.models import (
    Application,
    ApplicationStatus,
    Assessment,
    Fund,
    FundingRound,
    Grant,
    MonitoringReturn,
    ReturnStatus,
    Tranche,
    TrancheStatus,
)
from commissioning.selectors.transparency import published_grants
from partners.models import Ward
from programmes.periods import FinancialQuarter
from vru.demo import commissioning as demo_commissioning
from vru.demo import organisations as demo_organisations
from vru.demo import seed as demo_seed

pytestmark = pytest.mark.django_db

MODELS = [Ward, Fund, FundingRound, Application, Assessment, Grant, Tranche, MonitoringReturn]
HISTORIES = [Fund, FundingRound, Application, Assessment, Grant, Tranche, MonitoringReturn]


@pytest.fixture
def users():
    accounts, _ = demo_seed.ensure_accounts()
    staff, _ = demo_seed.ensure_extra_staff()
    users = {user.username: user for user in [*accounts, *staff]}
    demo_organisations.seed(users, date.today())
    return users


def snapshot() -> dict:
    return {
        **{model.__name__: model.objects.count() for model in MODELS},
        **{f"{model.__name__} history": model.history.count() for model in HISTORIES},
    }


# The first days of a quarter, the middle of one, and the last quarter of a financial year.
TODAYS = [date(2026, 4, 3), date(2026, 11, 21), date(2027, 2, 14)]


@pytest.mark.parametrize("today", TODAYS, ids=str)
def test_every_stage_is_there_and_a_second_run_changes_nothing(users, today):
    created = demo_commissioning.seed(users, today)
    assert created == 7 + 2 + 2 + 12 + 3  # wards, funds, rounds, applications, grants

    assert set(Application.objects.values_list("status", flat=True)) == set(ApplicationStatus.values)
    closed = FundingRound.objects.get(title="Safer neighbourhoods community grants")
    open_round = FundingRound.objects.get(title="Safer schools partnerships")
    now = demo_commissioning.Timeline.for_today(today).now
    assert closed.has_closed(now)
    assert open_round.is_open(now)
    assert open_round.closes_at.date() == date.fromordinal(today.toordinal() + 21)
    for funding_round in (closed, open_round):
        assert sum(funding_round.criteria.values_list("weight", flat=True)) == 100
        assert funding_round.questions.exists()

    before = snapshot()
    assert demo_commissioning.seed(users, today) == 0
    assert snapshot() == before


def test_the_funds_are_seed_003s(users):
    demo_commissioning.seed(users, date(2026, 11, 21))
    core, schools = Fund.objects.get(name="VRU core budget"), Fund.objects.get(name="MOPAC safer schools")
    assert core.total == Decimal("6800000.00")
    assert schools.total == Decimal("1000000.00")
    # The core budget is the year its grants started in (January 2026, three quarters back); schools' is this year.
    assert (core.financial_year, schools.financial_year) == (2025, 2026)
    assert sum(core.allocations.values_list("amount", flat=True)) == core.total
    assert schools.allocations.get().objective.number == 5


def test_partner_a_and_partner_b_each_have_applications_grants_and_returns(users):
    today = date(2026, 11, 21)
    demo_commissioning.seed(users, today)
    for username, organisation, draft_or_submitted in [
        ("partner-a", "Lambeth Community Safety Partnership", ApplicationStatus.DRAFT),
        ("partner-b", "Southside Youth Trust", ApplicationStatus.SUBMITTED),
    ]:
        user = users[username]
        statuses = set(Application.objects.for_user(user).values_list("status", flat=True))
        assert statuses == {ApplicationStatus.AWARDED, draft_or_submitted}
        grant = Grant.objects.for_user(user).get()
        assert grant.organisation.name == organisation
        assert MonitoringReturn.objects.for_user(user).count() == 4
        assert Application.objects.filter(organisation__name=organisation, created_by=user).count() == 2


def test_grants_have_tranches_and_returns_at_every_stage(users):
    today = date(2026, 11, 21)
    demo_commissioning.seed(users, today)
    assert Grant.objects.count() == 3
    returns = MonitoringReturn.objects.all()
    assert returns.filter(status=ReturnStatus.ACCEPTED).count() == 4
    assert returns.filter(status=ReturnStatus.SUBMITTED).get().grant.organisation.name == "Southside Youth Trust"
    assert returns.filter(status=ReturnStatus.RETURNED).get().grant.organisation.name == (
        "Peckham Mothers Against Violence"
    )
    overdue = returns.overdue(today)
    assert "Lambeth Community Safety Partnership" in set(overdue.values_list("grant__organisation__name", flat=True))
    assert set(Tranche.objects.values_list("status", flat=True)) == set(TrancheStatus.values)
    assert Tranche.objects.filter(status=TrancheStatus.PAID).count() == 6  # each grant's first two payments
    for grant in Grant.objects.all():
        assert sum(grant.tranches.values_list("amount", flat=True)) == grant.amount
        assert grant.agreement_signed_on < grant.start_date
        # Awarded before the grant started, and its returns reviewed after each quarter ended.
        assert grant.awarded_at.date() < grant.start_date
        for monitoring_return in grant.returns.exclude(status=ReturnStatus.DRAFT):
            assert monitoring_return.submitted_at.date() > monitoring_return.period.end


def test_the_assessments_show_scores_and_a_conflict(users):
    demo_commissioning.seed(users, date(2026, 11, 21))
    hackney = Application.objects.get(organisation__name="Hackney Community Safety Partnership")
    assert hackney.status == ApplicationStatus.ELIGIBLE
    conflicted = hackney.assessments.get(has_conflict=True)
    assert conflicted.assessor.username == "aisha.khan"
    in_progress = hackney.assessments.get(has_conflict=False)
    assert in_progress.submitted_at is None
    assert in_progress.scores.count() == 2
    assessed = Application.objects.get(status=ApplicationStatus.ASSESSED)
    assert assessed.assessments.filter(submitted_at__isnull=False).count() == 2
    recommended = Application.objects.get(status=ApplicationStatus.RECOMMENDED)
    assert recommended.panel_recommendation == "yes"
    declined = Application.objects.get(status=ApplicationStatus.DECLINED)
    assert "have not agreed to take part" in declined.decision_reasons


def test_the_demo_grants_are_valid_360giving_data(users):
    demo_commissioning.seed(users, date(2026, 11, 21))
    package = json.loads(dumps(build_package(published_grants(), base_url="http://localhost:8000")))
    assert package_errors(package) == []
    ids = {record["recipientOrganization"][0]["id"] for record in package["grants"]}
    peckham = Grant.objects.get(organisation__name="Peckham Mothers Against Violence").organisation
    assert ids == {"GB-CHC-1187654", "GB-LAE-LBH", f"360G-londonvru-org-{peckham.pk}"}
    codes = {place["geoCode"] for record in package["grants"] for place in record["beneficiaryLocation"]}
    assert {"E09000022", "E09000028", "E05014085", "E05014111", "E05011110", "E05011103"} <= codes


@pytest.mark.parametrize(
    "today, first",
    [(date(2026, 11, 21), FinancialQuarter(2025, 4)), (date(2026, 4, 1), FinancialQuarter(2025, 2))],
    ids=str,
)
def test_the_demo_grants_run_from_three_quarters_back_to_this_one(today, first):
    timeline = demo_commissioning.Timeline.for_today(today)
    assert timeline.grant_quarters[0] == first
    assert timeline.grant_quarters[-1] == FinancialQuarter.containing(today)
    assert timeline.grant_start == first.start
    assert timeline.grant_end == FinancialQuarter.containing(today).end
    assert timeline.closed_closes < timeline.after_closing(45) < timeline.agreement_signed < timeline.first_payment


def test_seed_demo_twice_adds_nothing_the_second_time(settings):
    settings.DEBUG = True
    first, second = StringIO(), StringIO()
    call_command("seed_demo", stdout=first)
    before = snapshot()
    call_command("seed_demo", stdout=second)
    assert "Created" in first.getvalue()
    assert "The demo data is already there; nothing was changed." in second.getvalue()
    assert snapshot() == before
    assert before["Grant"] == 3
