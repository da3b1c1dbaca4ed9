"""The Django admin for plans: every list and change page answers with data in it, search and filters work,
and a plan's status and decisions change only through the plan services (never typed in the admin)."""

import pytest
from django.urls import reverse

from partners.models import (
    ActionUpdate,
    AssessmentCriterion,
    BoroughPlan,
    CriterionJudgement,
    GovernanceAnswer,
    GovernanceStandard,
    PeerSession,
    PlanAction,
    PlanAssessment,
    PlanSection,
    PlanTheme,
    ThemeRating,
)
from partners.tests.plans.factories import (
    ActionUpdateFactory,
    BoroughPlanFactory,
    PlanAssessmentFactory,
    borough,
    csp_of,
    ready_plan,
)
from vru.tests.admin_form import admin_form_data

pytestmark = pytest.mark.django_db

MODELS = [
    PlanTheme,
    GovernanceStandard,
    AssessmentCriterion,
    BoroughPlan,
    PlanSection,
    PlanAction,
    GovernanceAnswer,
    PlanAssessment,
    ThemeRating,
    CriterionJudgement,
    ActionUpdate,
    PeerSession,
]


def admin_url(model, view, *args):
    return reverse(f"admin:partners_{model._meta.model_name}_{view}", args=args)


@pytest.fixture
def admin_client(client, admin_user):
    client.force_login(admin_user)
    return client


@pytest.fixture
def data(lambeth_csp, staff_user):
    from partners.services.plans import RatingRow, peer_session_create, plan_assess

    plan = ready_plan(organisation=lambeth_csp, status="submitted")
    plan_assess(
        plan=plan,
        user=staff_user,
        decision="accept",
        overall_rating="good",
        feedback="Good.",
        theme_ratings=[RatingRow(theme, "good") for theme in PlanTheme.objects.all()],
        judgements=[RatingRow(c, "good") for c in AssessmentCriterion.objects.filter(active=True)],
    )
    ActionUpdateFactory(action=plan.actions.first())
    peer_session_create(
        user=staff_user,
        date=plan.created_at.date(),
        title="Sharing sweeps",
        boroughs=[borough("Lambeth"), borough("Croydon")],
    )
    return plan


@pytest.mark.parametrize("model", MODELS, ids=lambda model: model._meta.model_name)
def test_list_change_and_add_pages_answer_with_data(admin_client, data, model):
    assert admin_client.get(admin_url(model, "changelist")).status_code == 200
    added_elsewhere = model in (BoroughPlan, PlanAssessment)
    assert admin_client.get(admin_url(model, "add")).status_code == (403 if added_elsewhere else 200)
    obj = model.objects.first()
    assert admin_client.get(admin_url(model, "change", obj.pk)).status_code == 200


def test_the_plan_page_has_its_sections_actions_and_answers_inline(admin_client, data):
    page = admin_client.get(admin_url(BoroughPlan, "change", data.pk)).content.decode()

    assert 'name="sections-TOTAL_FORMS" value="8"' in page
    assert 'name="actions-TOTAL_FORMS" value="8"' in page
    assert 'name="governance_answers-TOTAL_FORMS" value="3"' in page


def test_search_plans_by_reference_and_filter_by_status(admin_client, data):
    BoroughPlanFactory(organisation=csp_of("Croydon"))

    found = admin_client.get(admin_url(BoroughPlan, "changelist"), {"q": data.reference}).context["cl"].result_list
    accepted = admin_client.get(admin_url(BoroughPlan, "changelist"), {"status__exact": "accepted"}).context["cl"]

    assert list(found) == [data]
    assert list(accepted.result_list) == [data]


def test_a_plans_status_and_decision_cannot_be_typed_in_the_admin(admin_client, data):
    assessment = data.assessments.get()
    plan_page = admin_client.get(admin_url(BoroughPlan, "change", data.pk)).content.decode()
    assessment_page = admin_client.get(admin_url(PlanAssessment, "change", assessment.pk)).content.decode()
    assert 'name="status"' not in plan_page
    assert 'name="decision"' not in assessment_page

    plan_post = {**admin_form_data(admin_client.get(admin_url(BoroughPlan, "change", data.pk))), "status": "draft"}
    assessment_post = {
        **admin_form_data(admin_client.get(admin_url(PlanAssessment, "change", assessment.pk))),
        "decision": "return",
    }
    assert admin_client.post(admin_url(BoroughPlan, "change", data.pk), plan_post).status_code == 302
    assert admin_client.post(admin_url(PlanAssessment, "change", assessment.pk), assessment_post).status_code == 302

    data.refresh_from_db()
    assessment.refresh_from_db()
    assert (data.status, assessment.decision) == ("accepted", "accept")


def test_staff_set_the_criteria_in_the_admin(admin_client):
    criterion = AssessmentCriterion.objects.get(title="Voice")

    page = admin_client.get(admin_url(AssessmentCriterion, "changelist")).content.decode()

    assert 'name="form-0-active"' in page
    assert criterion.title in page


def test_the_assessment_page_has_its_ratings_inline(admin_client, data):
    assessment = PlanAssessmentFactory(plan=data)
    page = admin_client.get(
        admin_url(PlanAssessment, "change", PlanAssessment.objects.exclude(pk=assessment.pk).get().pk)
    ).content.decode()

    assert 'name="theme_ratings-TOTAL_FORMS" value="8"' in page
    assert 'name="judgements-TOTAL_FORMS" value="5"' in page
