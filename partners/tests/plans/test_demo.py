"""The demo plans: every stage the brief asks for, written through the services, and a second run changes nothing."""

from datetime import date

import pytest

from partners.models import (
    ActionUpdate,
    BoroughPlan,
    Membership,
    MembershipRole,
    PeerSession,
    PlanAction,
    PlanAssessment,
    PlanSection,
    PlanStatus,
)
from partners.selectors.plans import london_view, plan_overview
from partners.tests.plans.factories import csp_of
from vru.demo import plans as demo_plans
from vru.demo import seed as demo_seed

pytestmark = pytest.mark.django_db

BOROUGHS = ["Lambeth", "Croydon", "Southwark", "Hackney", "Newham", "Haringey", "Westminster", "Tower Hamlets"]
HISTORIES = [BoroughPlan, PlanSection, PlanAction, PlanAssessment, ActionUpdate]


@pytest.fixture
def users():
    accounts, _ = demo_seed.ensure_accounts()
    staff, _ = demo_seed.ensure_extra_staff()
    users = {user.username: user for user in [*accounts, *staff]}
    for name in BOROUGHS:
        csp_of(name)
    Membership.objects.create(user=users["partner-a"], organisation=csp_of("Lambeth"), role=MembershipRole.ADMIN)
    return users


def history_rows() -> int:
    return sum(model.history.count() for model in HISTORIES)


@pytest.mark.parametrize("today", [date(2026, 5, 10), date(2026, 11, 21), date(2027, 2, 1)], ids=str)
def test_every_stage_is_there_and_a_second_run_changes_nothing(users, today):
    created = demo_plans.seed(users, today)
    this_year = today.year if today.month >= 4 else today.year - 1

    assert created > 100
    stages = dict(BoroughPlan.objects.filter(financial_year=this_year).values_list("borough__name", "status"))
    assert stages == {
        "Lambeth": PlanStatus.DRAFT,
        "Croydon": PlanStatus.SUBMITTED,
        "Southwark": PlanStatus.RETURNED,
        "Hackney": PlanStatus.ACCEPTED,
        "Newham": PlanStatus.ACCEPTED,
        "Haringey": PlanStatus.DRAFT,
    }
    last_year = BoroughPlan.objects.get(borough__name="Lambeth", financial_year=this_year - 1)
    assert last_year.status == PlanStatus.ACCEPTED
    assert last_year.assessments.get().assessor == users["manager"]
    assert ActionUpdate.objects.filter(action__plan=last_year).values("quarter").distinct().count() == 4
    lambeth = BoroughPlan.objects.get(borough__name="Lambeth", financial_year=this_year)
    assert lambeth.copied_from == last_year
    statuses = [task.status for task in plan_overview(plan=lambeth).tasks[:8]]
    assert statuses[:2] == ["Completed", "Completed"] and "Completed" not in statuses[2:]
    assert ActionUpdate.objects.filter(action__plan__borough__name="Hackney").exists()
    assert ActionUpdate.objects.filter(action__plan__borough__name="Newham").exists()
    southwark = BoroughPlan.objects.get(borough__name="Southwark", financial_year=this_year)
    assert "youth forum" in southwark.assessments.get().changes_required
    assert PeerSession.objects.count() == 2
    missing = {row.borough.name for row in london_view(year=this_year, today=today).missing_plans}
    assert {"Westminster", "Tower Hamlets", "Lambeth", "Haringey", "Southwark"} <= missing
    assert lambeth.history.first().history_user == users["partner-a"]

    rows, history = sum(model.objects.count() for model in demo_plans.COUNTED), history_rows()
    assert demo_plans.seed(users, today) == 0
    assert sum(model.objects.count() for model in demo_plans.COUNTED) == rows
    assert history_rows() == history


def test_a_missing_partnership_is_skipped(users):
    from partners.models import Organisation

    BoroughPlan.objects.all().delete()
    Organisation.objects.filter(csp_borough__name="Croydon").delete()

    demo_plans.seed(users, date(2026, 11, 21))

    assert not BoroughPlan.objects.filter(borough__name="Croydon").exists()
    assert BoroughPlan.objects.filter(borough__name="Hackney").exists()
