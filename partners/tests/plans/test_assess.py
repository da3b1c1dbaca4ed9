"""The VRU assesses a submitted plan: criteria, themes, overall, feedback; accepts it or returns it,
and the partnership sees the outcome. Every assessment is kept."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from partners.models import (
    AssessmentCriterion,
    CriterionJudgement,
    PlanAssessment,
    PlanStatus,
    PlanTheme,
    ThemeRating,
)
from partners.services.plans import plan_submit
from partners.tests.plans.conftest import client_for
from partners.tests.plans.factories import ready_plan
from partners.tests.plans.test_theme_page import summary_links

pytestmark = pytest.mark.django_db


def assessment_data(decision="accept", changes="", **overrides) -> dict:
    data = {"overall_rating": "good", "feedback": "Strong on enforcement; thin on victims.", "decision": decision}
    data["changes_required"] = changes
    for criterion in AssessmentCriterion.objects.filter(active=True):
        data[f"criterion_{criterion.pk}_rating"] = "good"
        data[f"criterion_{criterion.pk}_comment"] = f"On {criterion.title.lower()}: fine."
    for theme in PlanTheme.objects.all():
        data[f"theme_{theme.pk}_rating"] = "requires_improvement" if theme.number == 6 else "good"
        data[f"theme_{theme.pk}_comment"] = ""
    return data | overrides


@pytest.fixture
def plan(lambeth_csp):
    return ready_plan(organisation=lambeth_csp, status=PlanStatus.SUBMITTED)


def url(plan):
    return reverse("partners:plan-assess", args=[plan.pk])


def test_the_assessment_page_asks_for_every_active_criterion_and_theme(staff_client, plan):
    AssessmentCriterion.objects.filter(title="Voice").update(active=False)

    page = staff_client.get(url(plan)).content.decode()

    assert "Assess the Lambeth plan" in page
    for title in ("Evidence", "Partnership", "Outcomes", "Deliverability"):
        assert f"Rating for “{title}”" in page
    assert "Rating for “Voice”" not in page
    for theme in PlanTheme.objects.all():
        assert f"Rating for “{theme.title}”" in page


def test_staff_accept_a_plan_and_the_partnership_sees_the_feedback(staff_client, staff_user, partner_client, plan):
    response = staff_client.post(url(plan), assessment_data())

    assert response.url == plan.get_absolute_url()
    plan.refresh_from_db()
    assert plan.status == PlanStatus.ACCEPTED
    assert plan.decided_by == staff_user
    assessment = PlanAssessment.objects.get()
    assert assessment.decision == "accept" and assessment.completed_at is not None
    assert ThemeRating.objects.filter(assessment=assessment).count() == 8
    assert CriterionJudgement.objects.filter(assessment=assessment).count() == 5

    page = partner_client.get(plan.get_absolute_url()).content.decode()
    assert "Feedback from the VRU" in page
    assert "Strong on enforcement; thin on victims." in page
    assert "Requires improvement" in page
    assert "On evidence: fine." in page
    assert "Give the quarterly update" in page


def test_returning_needs_what_to_change_and_saves_nothing_without_it(staff_client, plan):
    response = staff_client.post(url(plan), assessment_data(decision="return"))

    assert summary_links(response.content.decode()) == [
        ("#id_changes_required", "Say what the partnership must change before it resubmits the plan.")
    ]
    assert not PlanAssessment.objects.exists()
    plan.refresh_from_db()
    assert plan.status == PlanStatus.SUBMITTED


def test_missing_ratings_are_each_named(staff_client, plan):
    theme = PlanTheme.objects.get(number=6)
    data = assessment_data(feedback="")
    del data[f"theme_{theme.pk}_rating"]

    links = summary_links(staff_client.post(url(plan), data).content.decode())

    assert (f"#id_theme_{theme.pk}_rating_0", "Rate the theme “Supporting victims”.") in links
    assert ("#id_feedback", "Enter your feedback for the partnership.") in links
    assert not PlanAssessment.objects.exists()


def test_a_returned_plan_is_editable_again_shows_what_to_change_and_is_assessed_again(
    staff_client, partner_client, partner_user, plan
):
    staff_client.post(url(plan), assessment_data(decision="return", changes="Add an action on victims of knife crime."))
    plan.refresh_from_db()
    assert plan.status == PlanStatus.RETURNED

    page = partner_client.get(plan.get_absolute_url()).content.decode()
    assert "Returned for changes" in page
    assert "Add an action on victims of knife crime." in page
    assert "govuk-task-list" in page, "the partnership can change it again"
    assert partner_client.get(reverse("partners:plan-theme", args=[plan.pk, 6])).status_code == 200

    plan_submit(plan=plan, user=partner_user)
    plan.refresh_from_db()
    assert plan.status == PlanStatus.SUBMITTED and plan.decided_at is None
    staff_client.post(url(plan), assessment_data(feedback="Now a good plan."))

    plan.refresh_from_db()
    assert plan.status == PlanStatus.ACCEPTED
    assert list(PlanAssessment.objects.order_by("started_at").values_list("decision", flat=True)) == [
        "return",
        "accept",
    ]
    page = partner_client.get(plan.get_absolute_url()).content.decode()
    assert "Now a good plan." in page
    assert "Earlier assessment" in page


def test_only_a_submitted_plan_can_be_assessed(staff_client, staff_user, lambeth_csp):
    from partners.services.plans import plan_assess

    draft = ready_plan(organisation=lambeth_csp)

    assert staff_client.get(url(draft)).url == draft.get_absolute_url()
    with pytest.raises(ValidationError, match="Only a submitted plan can be assessed"):
        plan_assess(
            plan=draft,
            user=staff_user,
            decision="accept",
            overall_rating="good",
            feedback="x",
            theme_ratings=[],
            judgements=[],
        )
    assert not PlanAssessment.objects.exists()


def test_partners_cannot_assess(partner_client, other_partner, plan):
    assert partner_client.post(url(plan), assessment_data()).status_code == 403
    assert client_for(other_partner).post(url(plan), assessment_data()).status_code == 404
    assert not PlanAssessment.objects.exists()
