"""The assessment API: assessments (assign, declare, score), eligibility checks, moderations and decisions."""

from decimal import Decimal

import pytest

from commissioning.models import ApplicationStatus, Assessment, Grant
from commissioning.tests.assessment.conftest import ROLES, api_for
from commissioning.tests.assessment.factories import AssessmentFactory, application_at, declared, scored
from commissioning.tests.factories import FundFactory, recommended_application

pytestmark = pytest.mark.django_db
S = ApplicationStatus
ASSESSMENTS = "/api/v1/assessments/"


def criteria_of(application):
    return list(application.round.criteria.order_by("order", "pk"))


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize(
    ("path", "vru_status"),
    [
        (ASSESSMENTS, 200),
        ("/api/v1/eligibility-checks/", 400),
        ("/api/v1/moderations/", 400),
        ("/api/v1/decisions/", 400),
    ],
)
def test_who_may_call_each_endpoint(people, role, path, vru_status):
    client = api_for(people[role])
    response = client.get(path) if path == ASSESSMENTS else client.post(path, {}, format="json")
    expected = {"anonymous": 401, "prg": 403, "partner": 403, "other_partner": 403}.get(role, vru_status)
    if path == "/api/v1/decisions/" and role == "staff":
        expected = 403
    assert response.status_code == expected, (path, role, response.content)
    if role == "anonymous":
        assert response["WWW-Authenticate"] == "Token"


def test_posting_only_on_the_decision_endpoints(manager_user):
    client = api_for(manager_user)
    for path in ("/api/v1/eligibility-checks/", "/api/v1/moderations/", "/api/v1/decisions/"):
        assert client.get(path).status_code == 405


# --- Assessments -----------------------------------------------------------------------------------------


def test_others_scores_show_once_submitted_and_an_assessors_own_as_they_go(staff_user):
    application = application_at(S.ELIGIBLE)
    mine = scored(AssessmentFactory(application=application, assessor=staff_user), [2], submit=False)
    theirs_draft = scored(AssessmentFactory(application=application), [5], submit=False)
    theirs_done = scored(AssessmentFactory(application=application), [4, 3, 5])

    rows = {row["id"]: row for row in api_for(staff_user).get(ASSESSMENTS).json()["results"]}

    assert [s["score"] for s in rows[mine.pk]["scores"]] == [2]
    assert rows[mine.pk]["weighted_total"] is None
    assert rows[theirs_draft.pk]["scores"] == [] and rows[theirs_draft.pk]["comment"] == ""
    assert [s["score"] for s in rows[theirs_done.pk]["scores"]] == [4, 3, 5]
    assert rows[theirs_done.pk]["weighted_total"] == "78.0"
    assert rows[theirs_done.pk]["scores"][0]["criterion_title"] == "Need"


def test_filters(staff_user):
    application = application_at(S.ELIGIBLE)
    mine = AssessmentFactory(application=application, assessor=staff_user)
    scored(AssessmentFactory(application=application), [3, 3, 3])
    AssessmentFactory()
    client = api_for(staff_user)
    assert client.get(ASSESSMENTS, {"application": application.pk}).json()["count"] == 2
    assert client.get(ASSESSMENTS, {"round": application.round_id}).json()["count"] == 2
    assert [r["id"] for r in client.get(ASSESSMENTS, {"mine": "true"}).json()["results"]] == [mine.pk]
    assert client.get(ASSESSMENTS, {"submitted": "true"}).json()["count"] == 1


def test_staff_assign_and_remove_an_assessor(staff_user, manager_user):
    application = application_at(S.ELIGIBLE)
    client = api_for(staff_user)
    response = client.post(ASSESSMENTS, {"application": application.pk, "assessor": manager_user.pk}, format="json")
    assert response.status_code == 201, response.content
    assert response.json()["assessor_name"] == "Manager Persona"
    again = client.post(ASSESSMENTS, {"application": application.pk, "assessor": manager_user.pk}, format="json")
    assert again.status_code == 400 and "already assigned" in again.json()["assessor"][0]
    assert client.delete(f"{ASSESSMENTS}{response.json()['id']}/").status_code == 204
    assert not application.assessments.exists()


def test_assigning_out_of_turn_or_a_partner_is_a_400(staff_user, partner_user):
    submitted = application_at(S.SUBMITTED)
    client = api_for(staff_user)
    response = client.post(ASSESSMENTS, {"application": submitted.pk, "assessor": staff_user.pk}, format="json")
    assert response.status_code == 400 and "found eligible" in response.json()["non_field_errors"][0]
    eligible = application_at(S.ELIGIBLE)
    response = client.post(ASSESSMENTS, {"application": eligible.pk, "assessor": partner_user.pk}, format="json")
    assert response.status_code == 400 and "assessors" in response.json()
    assert not Assessment.objects.exists()


def test_a_started_assessor_cannot_be_removed(staff_user):
    assessment = declared(AssessmentFactory())
    response = api_for(staff_user).delete(f"{ASSESSMENTS}{assessment.pk}/")
    assert response.status_code == 400
    assert Assessment.objects.filter(pk=assessment.pk).exists()


def test_the_assessor_declares_and_scores_through_the_api(staff_user):
    assessment = AssessmentFactory(assessor=staff_user)
    client = api_for(staff_user)
    url = f"{ASSESSMENTS}{assessment.pk}/"
    response = client.post(f"{url}declare/", {"has_conflict": False}, format="json")
    assert response.status_code == 200 and response.json()["has_conflict"] is False
    assert (
        client.post(f"{url}declare/", {"has_conflict": True, "conflict_details": "x"}, format="json").status_code == 400
    )

    need, evidence, value = criteria_of(assessment.application)
    partial = {"scores": [{"criterion": need.pk, "score": 4, "comment": "Clear need."}], "recommendation": "maybe"}
    assert client.post(f"{url}scores/", partial, format="json").status_code == 200
    submit = {**partial, "submit": True}
    response = client.post(f"{url}scores/", submit, format="json")
    assert response.status_code == 400
    body = response.json()
    assert body["scores"][str(evidence.pk)]["score"] == ["Choose a score for “Evidence”."]
    assert body["comment"] == ["Enter your overall comment on the application."]

    full = {
        "scores": [
            {"criterion": need.pk, "score": 4, "comment": "Clear need."},
            {"criterion": evidence.pk, "score": 3, "comment": "Some."},
            {"criterion": value.pk, "score": 5, "comment": "Cheap."},
        ],
        "recommendation": "yes",
        "comment": "Fund it.",
        "submit": True,
    }
    response = client.post(f"{url}scores/", full, format="json")
    assert response.status_code == 200
    assert response.json()["weighted_total"] == "78.0" and response.json()["submitted_at"]
    assert client.post(f"{url}scores/", full, format="json").status_code == 400  # submitted: no more changes


def test_a_score_out_of_range_is_a_400(staff_user):
    assessment = declared(AssessmentFactory(assessor=staff_user))
    need = criteria_of(assessment.application)[0]
    response = api_for(staff_user).post(
        f"{ASSESSMENTS}{assessment.pk}/scores/", {"scores": [{"criterion": need.pk, "score": 6}]}, format="json"
    )
    assert response.status_code == 400 and "scores" in response.json()


def test_someone_elses_assessment_is_not_theirs_to_write(manager_user):
    assessment = AssessmentFactory()
    client = api_for(manager_user)
    assert (
        client.post(f"{ASSESSMENTS}{assessment.pk}/declare/", {"has_conflict": False}, format="json").status_code == 403
    )
    assert client.post(f"{ASSESSMENTS}{assessment.pk}/scores/", {"scores": []}, format="json").status_code == 403
    assessment.refresh_from_db()
    assert assessment.has_conflict is None


# --- Eligibility, moderation and decisions ---------------------------------------------------------------


def test_eligibility_check(staff_user):
    application = application_at(S.SUBMITTED)
    client = api_for(staff_user)
    response = client.post(
        "/api/v1/eligibility-checks/", {"application": application.pk, "eligible": False}, format="json"
    )
    assert response.status_code == 400 and "notes" in response.json()
    payload = {"application": application.pk, "eligible": False, "notes": "Outside London."}
    response = client.post("/api/v1/eligibility-checks/", payload, format="json")
    assert response.status_code == 201
    assert response.json() == {
        "application": application.pk,
        "reference": application.reference,
        "status": "ineligible",
    }
    assert client.post("/api/v1/eligibility-checks/", payload, format="json").status_code == 400


def test_moderation(staff_user):
    application = application_at(S.ASSESSED)
    payload = {"application": application.pk, "recommendation": "yes", "notes": "Unanimous."}
    response = api_for(staff_user).post("/api/v1/moderations/", payload, format="json")
    assert response.status_code == 201 and response.json()["status"] == "recommended"
    assert api_for(staff_user).post("/api/v1/moderations/", payload, format="json").status_code == 400


def test_a_manager_awards_with_the_default_schedule(manager_user):
    application = recommended_application()
    payload = {
        "application": application.pk,
        "outcome": "award",
        "amount": "40000.00",
        "objective": application.objectives.first().pk,
    }
    response = api_for(manager_user).post("/api/v1/decisions/", payload, format="json")
    assert response.status_code == 201, response.content
    body = response.json()
    grant = Grant.objects.get(application=application)
    assert body["status"] == "awarded" and body["grant"] == {
        "id": grant.pk,
        "identifier": grant.identifier,
        "amount": "40000.00",
    }
    assert grant.tranches.count() == 4 and (grant.start_date, grant.end_date) == (
        application.start_date,
        application.end_date,
    )


def test_a_manager_awards_with_their_own_schedule(manager_user):
    application = recommended_application()
    payload = {
        "application": application.pk,
        "outcome": "award",
        "amount": "40000.00",
        "objective": application.objectives.first().pk,
        "tranches": [
            {"amount": "25000.00", "due_date": "2026-04-01", "condition": "agreement_signed"},
            {"amount": "15000.00", "due_date": "2026-10-14", "condition": "return_accepted", "quarter": "2026-27 Q2"},
        ],
    }
    assert api_for(manager_user).post("/api/v1/decisions/", payload, format="json").status_code == 201
    grant = Grant.objects.get(application=application)
    assert list(grant.tranches.values_list("amount", "condition_return__quarter")) == [
        (Decimal("25000.00"), None),
        (Decimal("15000.00"), 2),
    ]


def test_an_award_over_the_fund_is_a_400_on_amount_with_nothing_saved(manager_user):
    fund = FundFactory(total=Decimal("10000.00"))
    application = recommended_application(round__fund=fund)
    payload = {
        "application": application.pk,
        "outcome": "award",
        "amount": "20000.00",
        "objective": application.objectives.first().pk,
    }
    response = api_for(manager_user).post("/api/v1/decisions/", payload, format="json")
    assert response.status_code == 400
    assert "£10,000.00 left" in response.json()["amount"][0]
    assert not Grant.objects.exists()
    application.refresh_from_db()
    assert application.status == S.RECOMMENDED


def test_a_bad_quarter_or_missing_amount_is_a_400(manager_user):
    application = recommended_application()
    client = api_for(manager_user)
    response = client.post("/api/v1/decisions/", {"application": application.pk, "outcome": "award"}, format="json")
    assert set(response.json()) == {"amount", "objective"}
    payload = {
        "application": application.pk,
        "outcome": "award",
        "amount": "40000.00",
        "objective": application.objectives.first().pk,
        "tranches": [{"amount": "40000.00", "due_date": "2026-04-01", "condition": "return_accepted", "quarter": "Q5"}],
    }
    response = client.post("/api/v1/decisions/", payload, format="json")
    assert response.status_code == 400
    assert response.json()["tranches"] == {"0": {"quarter": ["Give the quarter of the return, such as 2026-27 Q1."]}}
    assert not Grant.objects.exists()


def test_decline_needs_reasons(manager_user):
    application = recommended_application()
    client = api_for(manager_user)
    response = client.post("/api/v1/decisions/", {"application": application.pk, "outcome": "decline"}, format="json")
    assert response.status_code == 400 and response.json()["reasons"] == [
        "Enter the reasons, which the applicant will see."
    ]
    payload = {"application": application.pk, "outcome": "decline", "reasons": "Too little evidence."}
    response = client.post("/api/v1/decisions/", payload, format="json")
    assert response.status_code == 201 and response.json()["grant"] is None
    application.refresh_from_db()
    assert (application.status, application.decision_reasons) == (S.DECLINED, "Too little evidence.")


def test_staff_cannot_decide(staff_user):
    application = recommended_application()
    payload = {"application": application.pk, "outcome": "decline", "reasons": "No."}
    assert api_for(staff_user).post("/api/v1/decisions/", payload, format="json").status_code == 403
    application.refresh_from_db()
    assert application.status == S.RECOMMENDED


def test_the_schema_describes_the_endpoints(staff_user):
    schema = api_for(staff_user).get("/api/schema/", {"format": "json"}).json()
    paths = schema["paths"]
    assert "/api/v1/assessments/{id}/scores/" in paths and "/api/v1/assessments/{id}/declare/" in paths
    assert set(paths["/api/v1/decisions/"]) == {"post"}
    assert "put" not in paths["/api/v1/assessments/{id}/"]
