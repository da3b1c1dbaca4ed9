"""The applications API as a client sees it: who reads which, drafts started and changed by their organisation
only, 400 with the field for bad input, 400 once submitted, and 404 for another organisation's."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone
from rest_framework.test import APIClient

from commissioning.models import Application, ApplicationStatus, BudgetLine
from commissioning.tests.applications.factories import (
    borough,
    complete_application,
    draft_application,
    submitted_application,
    with_status,
)
from commissioning.tests.factories import FundingRoundFactory

pytestmark = pytest.mark.django_db

LIST = reverse("api:application-list")


def api(user):
    client = APIClient()
    if user is not None:
        client.force_login(user)
    return client


def detail(application, action=None):
    if action:
        return reverse(f"api:application-{action}", args=[application.pk])
    return reverse("api:application-detail", args=[application.pk])


@pytest.fixture
def mine(partner_user, organisation, funding_round):
    return draft_application(round=funding_round, organisation=organisation, user=partner_user)


@pytest.fixture
def theirs(other_partner, other_organisation, funding_round):
    return draft_application(round=funding_round, organisation=other_organisation, user=other_partner)


READ = {
    # role: (list status, which are seen, detail of "mine")
    "admin": (200, "both", 200),
    "staff": (200, "both", 200),
    "manager": (200, "both", 200),
    "prg": (403, None, 403),
    "partner": (200, "mine", 200),
    "other_partner": (200, "theirs", 404),
    "anonymous": (401, None, 401),
}


@pytest.mark.parametrize("role", list(READ))
def test_who_reads_which_applications(people, mine, theirs, role):
    list_status, seen, detail_status = READ[role]
    client = api(people[role])

    response = client.get(LIST)

    assert response.status_code == list_status
    if seen:
        ids = {row["id"] for row in response.json()["results"]}
        assert ids == {"both": {mine.pk, theirs.pk}, "mine": {mine.pk}, "theirs": {theirs.pk}}[seen]
    assert client.get(detail(mine)).status_code == detail_status
    if role == "anonymous":
        assert response["WWW-Authenticate"] == "Token"


def test_an_application_carries_every_section(partner_user, organisation, funding_round):
    application = complete_application(round=funding_round, organisation=organisation, user=partner_user)

    body = api(partner_user).get(detail(application)).json()

    assert body["reference"] == application.reference
    assert body["status"] == "draft"
    assert body["is_editable"] is True
    assert body["sections_completed"] == [
        "organisation",
        "project",
        "area",
        "objectives",
        "budget",
        "reach",
        "questions",
    ]
    assert body["amount_requested"] == "40000.00"
    assert [line["amount"] for line in body["budget_lines"]] == ["39000.00", "1000.00"]
    assert body["reach"] == [{"age_band": "10_14", "count": 40}, {"age_band": "15_17", "count": 60}]
    assert body["boroughs"] == [borough("Lambeth").pk]
    assert len(body["answers"]) == 2
    assert body["decision_reasons"] == ""


WRITE = {
    # role: status of starting a draft for Southside Youth Trust
    "admin": 403,
    "staff": 403,
    "manager": 403,
    "prg": 403,
    "partner": 201,
    "other_partner": 400,  # Southside is "does not exist" to them
    "anonymous": 401,
}


@pytest.mark.parametrize("role", list(WRITE))
def test_who_starts_a_draft(people, organisation, funding_round, role):
    response = api(people[role]).post(LIST, {"round": funding_round.pk, "organisation": organisation.pk}, format="json")

    assert response.status_code == WRITE[role]
    assert Application.objects.count() == (1 if WRITE[role] == 201 else 0)
    if role == "partner":
        body = response.json()
        assert body["reference"] == f"APP-{body['id']:06d}"
        assert body["postcode"] == "SE11 5QY"
    if role == "other_partner":
        assert "organisation" in response.json()


def test_a_closed_round_or_a_second_draft_is_a_400(partner_user, organisation, mine):
    client = api(partner_user)
    again = client.post(LIST, {"round": mine.round_id, "organisation": organisation.pk}, format="json")
    assert again.status_code == 400
    assert mine.reference in again.json()["organisation"][0]

    closed = FundingRoundFactory(
        opens_at=timezone.now() - timedelta(days=30), closes_at=timezone.now() - timedelta(days=1)
    )
    response = client.post(LIST, {"round": closed.pk, "organisation": organisation.pk}, format="json")
    assert response.status_code == 400
    assert response.json()["round"][0].startswith("This round closed at ")


def test_the_organisation_changes_its_draft_section_by_section(partner_user, mine):
    client = api(partner_user)

    response = client.patch(
        detail(mine),
        {
            "contact_phone": "020 7946 0000",
            "project_title": "Evening youth work",
            "budget_lines": [{"category": "staff", "description": "Youth workers", "amount": "12000.00"}],
            "reach": [{"age_band": "15_17", "count": 30}],
        },
        format="json",
    )

    assert response.status_code == 200, response.json()
    body = response.json()
    assert body["amount_requested"] == "12000.00"
    assert body["project_title"] == "Evening youth work"
    assert body["sections_completed"] == []
    mine.refresh_from_db()
    assert mine.contact_phone == "020 7946 0000"
    assert mine.history.latest().history_user == partner_user


def test_sections_are_marked_complete_by_sending_the_list(partner_user, mine):
    client = api(partner_user)
    objective = mine.round.objectives.first()

    response = client.patch(
        detail(mine),
        {"objectives": [objective.pk], "sections_completed": ["objectives", "area"]},
        format="json",
    )

    assert response.status_code == 200, response.json()
    assert response.json()["sections_completed"] == ["area", "objectives"]

    refused = client.patch(detail(mine), {"sections_completed": ["area", "objectives", "budget"]}, format="json")
    assert refused.status_code == 400
    assert refused.json() == {"budget_lines": ["Add at least one budget line."]}
    mine.refresh_from_db()
    assert mine.sections_completed == ["area", "objectives"]


def test_bad_input_is_a_400_by_field_and_nothing_is_saved(partner_user, mine):
    question = mine.round.questions.first()
    question.word_limit = 2
    question.save()

    response = api(partner_user).patch(
        detail(mine),
        {
            "contact_name": "Changed",
            "contact_email": "not an email",
            "budget_lines": [
                {"category": "staff", "description": "Fine", "amount": "100.00"},
                {"category": "staff", "description": "", "amount": "-1.00"},
            ],
            "reach": [{"age_band": "10_14", "count": 5}],
            "answers": [{"question": question.pk, "text": "far too many words"}],
        },
        format="json",
    )

    assert response.status_code == 400
    body = response.json()
    assert body["contact_email"] == ["Enter an email address in the correct format, like name@example.org."]
    assert body["budget_lines"] == {
        "1": {"description": ["Enter what this line pays for."], "amount": ["The amount must be more than £0."]}
    }
    assert body["answers"] == {
        str(question.pk): [f"Your answer to “{question.text}” must be 2 words or fewer. It has 4."]
    }
    mine.refresh_from_db()
    assert mine.contact_name == "Partner Persona", "all or nothing: the valid changes are not kept either"
    assert not BudgetLine.objects.filter(application=mine).exists()
    assert not mine.reach.exists()


def test_nested_lists_are_checked_for_repeats(partner_user, mine):
    response = api(partner_user).patch(
        detail(mine),
        {"reach": [{"age_band": "10_14", "count": 5}, {"age_band": "10_14", "count": 6}]},
        format="json",
    )
    assert response.status_code == 400
    assert response.json() == {"reach": ["Give each age band once."]}


def test_staff_cannot_change_an_application(staff_user, mine):
    response = api(staff_user).patch(detail(mine), {"project_title": "Staff edit"}, format="json")
    assert response.status_code == 403
    mine.refresh_from_db()
    assert mine.project_title == ""


def test_another_organisation_gets_404_when_writing(other_partner, mine):
    client = api(other_partner)
    assert client.patch(detail(mine), {"project_title": "Hijack"}, format="json").status_code == 404
    assert client.post(detail(mine, "submit")).status_code == 404
    assert client.post(detail(mine, "withdraw")).status_code == 404
    mine.refresh_from_db()
    assert (mine.project_title, mine.status) == ("", ApplicationStatus.DRAFT)


def test_submit_and_withdraw(partner_user, organisation, funding_round):
    application = complete_application(round=funding_round, organisation=organisation, user=partner_user)
    client = api(partner_user)

    submitted = client.post(detail(application, "submit"))
    assert submitted.status_code == 200
    assert submitted.json()["status"] == "submitted"

    withdrawn = client.post(detail(application, "withdraw"))
    assert withdrawn.status_code == 200
    assert withdrawn.json()["status"] == "withdrawn"
    assert client.post(detail(application, "withdraw")).json() == {
        "non_field_errors": ["This application has already been withdrawn."]
    }


def test_an_incomplete_draft_is_not_submitted(partner_user, mine):
    response = api(partner_user).post(detail(mine, "submit"))
    assert response.status_code == 400
    assert "Fill in “Budget” and mark it as complete." in response.json()["non_field_errors"]


def test_a_submitted_application_can_no_longer_be_changed(partner_user, organisation, funding_round):
    application = submitted_application(round=funding_round, organisation=organisation, user=partner_user)

    response = api(partner_user).patch(detail(application), {"project_title": "Late change"}, format="json")

    assert response.status_code == 400
    assert response.json() == {
        "non_field_errors": ["This application has been submitted and can no longer be changed."]
    }
    application.refresh_from_db()
    assert application.project_title == "Evening detached youth work"


def test_the_reasons_show_once_decided(partner_user, organisation, funding_round):
    application = submitted_application(round=funding_round, organisation=organisation, user=partner_user)
    with_status(application, ApplicationStatus.RECOMMENDED, decision_reasons="Strong bid.")
    client = api(partner_user)
    assert client.get(detail(application)).json()["decision_reasons"] == ""

    with_status(application, ApplicationStatus.DECLINED)
    assert client.get(detail(application)).json()["decision_reasons"] == "Strong bid."


def test_the_list_filters_as_the_pipeline_does(staff_user, mine, theirs, funding_round):
    client = api(staff_user)
    with_status(theirs, ApplicationStatus.SUBMITTED, amount_requested=Decimal("60000.00"))

    assert {row["id"] for row in client.get(LIST, {"status": "submitted"}).json()["results"]} == {theirs.pk}
    assert {row["id"] for row in client.get(LIST, {"amount_min": "50000"}).json()["results"]} == {theirs.pk}
    assert client.get(LIST, {"round": funding_round.pk}).json()["count"] == 2
    assert client.get(LIST, {"q": mine.reference}).json()["count"] == 1
    bad = client.get(LIST, {"status": "lost"})
    assert bad.status_code == 400
    assert "status" in bad.json()


def test_applications_cannot_be_deleted_or_replaced(partner_user, mine):
    client = api(partner_user)
    assert client.delete(detail(mine)).status_code == 405
    assert client.put(detail(mine), {}, format="json").status_code == 405
