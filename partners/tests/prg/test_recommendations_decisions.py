"""A paper's recommendations and the decision on each, recorded by staff with its minute and history."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from partners.models import Decision, Recommendation
from partners.services import prg as services
from partners.tests.prg.factories import (
    DecisionFactory,
    MeetingFactory,
    PaperFactory,
    RecommendationFactory,
    days_from_today,
    local_datetime,
)

pytestmark = pytest.mark.django_db


def test_staff_add_recommendations_in_order(staff_client):
    paper = PaperFactory()
    url = reverse("partners:prg-recommendation-create", args=[paper.pk])

    staff_client.post(url, {"kind": "note", "text": "Note the context.", "order": ""})
    staff_client.post(url, {"kind": "confirm", "text": "Confirm support for the approach & principles.", "order": ""})
    response = staff_client.post(
        url, {"kind": "agree", "text": "Agree the objectives & key areas of work.", "order": ""}, follow=True
    )

    assert "Recommendation saved." in response.content.decode()
    assert list(paper.recommendations.values_list("order", "kind")) == [(1, "note"), (2, "confirm"), (3, "agree")]
    page = response.content.decode()
    assert page.index("Note the context.") < page.index("Confirm support") < page.index("Agree the objectives")


def test_a_recommendation_needs_its_kind_and_text(staff_client):
    paper = PaperFactory()

    response = staff_client.post(
        reverse("partners:prg-recommendation-create", args=[paper.pk]), {"kind": "", "text": " "}
    )

    page = response.content.decode()
    assert "Choose whether the group is asked to note, confirm or agree." in page
    assert "Enter the recommendation." in page
    assert not Recommendation.objects.exists()


def test_staff_record_a_decision_shown_under_the_paper_with_its_history(staff_client, staff_user):
    recommendation = RecommendationFactory(kind="agree", text="Agree the objectives & key areas of work.")
    url = reverse("partners:prg-decision-record", args=[recommendation.pk])

    staff_client.post(url, {"outcome": "agreed", "minute": "Agreed by all members."})
    response = staff_client.post(
        url, {"outcome": "agreed_with_changes", "minute": "Agreed, naming exclusions."}, follow=True
    )

    decision = Decision.objects.get()
    assert (decision.outcome, decision.minute, decision.recorded_by) == (
        "agreed_with_changes",
        "Agreed, naming exclusions.",
        staff_user,
    )
    page = response.content.decode()
    assert "Decision recorded." in page
    paper_section = page[page.index(f'id="paper-{recommendation.paper_id}"') :]
    assert "Agreed with changes" in paper_section
    assert "Agreed, naming exclusions." in paper_section
    history = page[page.index('id="history"') :]
    assert "Created: Decision on “Agree the objectives &amp; key areas of work.”" in history
    assert "Outcome: Agreed → Agreed with changes" in history
    assert "Minute: Agreed by all members. → Agreed, naming exclusions." in history
    assert "Staff Persona" in history


def test_the_same_decision_again_adds_no_history(staff_user):
    decision = DecisionFactory(outcome="agreed", minute="Agreed.")

    services.decision_record(
        user=staff_user, recommendation=decision.recommendation, outcome="agreed", minute="Agreed."
    )

    assert decision.history.count() == 1


def test_a_decision_before_the_meeting_is_refused(staff_client):
    meeting = MeetingFactory(starts_at=local_datetime(days_from_today(10)))
    recommendation = RecommendationFactory(paper__meeting=meeting)

    response = staff_client.post(
        reverse("partners:prg-decision-record", args=[recommendation.pk]), {"outcome": "agreed", "minute": "Agreed."}
    )

    page = response.content.decode()
    assert "A decision can only be recorded once the meeting has taken place" in page
    assert 'id="id_outcome-error"' in page
    assert not Decision.objects.exists()


def test_a_decision_needs_an_outcome_and_minute(staff_client):
    recommendation = RecommendationFactory()

    response = staff_client.post(
        reverse("partners:prg-decision-record", args=[recommendation.pk]), {"outcome": "", "minute": ""}
    )

    page = response.content.decode()
    assert "Choose the decision the group took." in page
    assert "Enter the minute that records the decision." in page
    assert not Decision.objects.exists()


def test_the_service_refuses_a_blank_minute(staff_user):
    recommendation = RecommendationFactory()

    with pytest.raises(ValidationError) as caught:
        services.decision_record(user=staff_user, recommendation=recommendation, outcome="agreed", minute="  ")

    assert caught.value.message_dict == {"minute": ["Enter the minute that records the decision."]}


def test_a_recommendation_with_a_decision_cannot_be_removed(staff_client):
    decided = DecisionFactory().recommendation
    undecided = RecommendationFactory(paper=decided.paper)

    staff_client.post(reverse("partners:prg-recommendation-delete", args=[decided.pk]))
    staff_client.post(reverse("partners:prg-recommendation-delete", args=[undecided.pk]))

    assert list(Recommendation.objects.all()) == [decided]
