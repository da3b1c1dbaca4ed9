"""The monitoring-returns API: the pages' permissions (404 for another organisation's return), nested
figures written through the same service, submit, accept and return; 400 for a locked return."""

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from commissioning.models import ReturnStatus, TrancheStatus
from commissioning.services.returns import return_save
from commissioning.tests.grants.conftest import ROLES, expect
from commissioning.tests.grants.factories import grant_for, return_of, submitted
from partners.models import Borough
from programmes.tests.factories import IndicatorFactory, ProgrammeFactory

pytestmark = pytest.mark.django_db


def api_for(user) -> APIClient:
    client = APIClient()
    if user is not None:
        client.force_authenticate(user)
    return client


@pytest.fixture
def grant(org_a, org_b):
    grant_for(org_b)
    return grant_for(org_a)


@pytest.mark.parametrize("role", ROLES)
def test_who_reads_which_returns(people, grant, role):
    monitoring_return = return_of(grant)
    client = api_for(people[role])

    listing = client.get(reverse("api:monitoring-return-list"))
    detail = client.get(reverse("api:monitoring-return-detail", args=[monitoring_return.pk]))

    assert listing.status_code == expect(200, 403, 200, 200, anonymous=401)[role]
    assert detail.status_code == expect(200, 403, 200, 404, anonymous=401)[role]
    if listing.status_code == 200:
        grants = {row["grant"] for row in listing.json()["results"]}
        assert (grant.pk in grants) == (role != "other_partner")
        assert len(listing.json()["results"]) == (8 if role in ("admin", "staff", "manager") else 4)


def test_the_grantee_writes_the_figures_and_submits(people, grant):
    monitoring_return = return_of(grant)
    line = grant.application.budget_lines.order_by("order").first()
    lambeth = Borough.objects.get(name="Lambeth")
    client = api_for(people["partner"])
    url = reverse("api:monitoring-return-detail", args=[monitoring_return.pk])

    saved = client.patch(
        url,
        {
            "progress": "Twelve sessions.",
            "spend": [{"budget_line": line.pk, "amount": "1200.50"}],
            "reach": [{"borough": lambeth.pk, "age_band": "15_17", "count": 9}],
        },
        format="json",
    )
    kept = client.patch(url, {"risks": "Venue may close."}, format="json").json()
    sent = client.post(reverse("api:monitoring-return-submit", args=[monitoring_return.pk]))

    assert saved.status_code == 200
    assert saved.json()["spend"] == [
        {"budget_line": line.pk, "budget_line_description": "Two youth workers", "amount": "1200.50"}
    ]
    assert kept["reach"] == [{"borough": lambeth.pk, "borough_name": "Lambeth", "age_band": "15_17", "count": 9}]
    assert kept["progress"] == "Twelve sessions."
    assert sent.status_code == 200
    body = sent.json()
    assert (body["status"], body["submitted_by_name"], body["is_editable"]) == ("submitted", "Partner Persona", False)


def test_bad_figures_are_a_400_by_field_and_nothing_is_saved(people, grant, org_b):
    monitoring_return = return_of(grant)
    url = reverse("api:monitoring-return-detail", args=[monitoring_return.pk])
    client = api_for(people["partner"])
    line = grant.application.budget_lines.first()
    croydon = Borough.objects.get(name="Croydon")

    negative = client.patch(url, {"spend": [{"budget_line": line.pk, "amount": "-1"}]}, format="json")
    wrong_borough = client.patch(
        url,
        {"progress": "Saved?", "reach": [{"borough": croydon.pk, "age_band": "15_17", "count": 1}]},
        format="json",
    )
    bad_band = client.patch(url, {"reach": [{"borough": croydon.pk, "age_band": "teen", "count": 1}]}, format="json")

    assert negative.status_code == wrong_borough.status_code == bad_band.status_code == 400
    assert negative.json()["spend"] == {"0": {"amount": ["Ensure this value is greater than or equal to 0."]}}
    assert wrong_borough.json() == {"reach": [f"Borough {croydon.pk} is not one of the boroughs this grant serves."]}
    assert "age_band" in bad_band.json()["reach"]["0"]
    monitoring_return.refresh_from_db()
    assert monitoring_return.progress == ""


def test_indicator_actuals_for_the_linked_programme(people, grant):
    programme = ProgrammeFactory()
    indicator = IndicatorFactory(programme=programme)
    grant.programme = programme
    grant.save()
    monitoring_return = return_of(grant)

    response = api_for(people["partner"]).patch(
        reverse("api:monitoring-return-detail", args=[monitoring_return.pk]),
        {"indicator_actuals": [{"indicator": indicator.pk, "actual": "14.5"}]},
        format="json",
    )

    assert response.json()["indicator_actuals"] == [
        {"indicator": indicator.pk, "indicator_name": indicator.name, "actual": "14.50"}
    ]


def test_submitting_without_a_narrative_is_a_400(people, grant):
    response = api_for(people["partner"]).post(reverse("api:monitoring-return-submit", args=[return_of(grant).pk]))

    assert response.status_code == 400
    assert response.json() == {"progress": ["Enter the progress narrative: a return cannot be submitted without it."]}


@pytest.mark.parametrize("stage", ["submitted", "accepted"])
def test_a_submitted_or_accepted_return_is_a_400_to_change(people, grant, stage):
    monitoring_return = submitted(return_of(grant), user=people["partner"])
    if stage == "accepted":
        api_for(people["staff"]).post(reverse("api:monitoring-return-accept", args=[monitoring_return.pk]))
    client = api_for(people["partner"])

    patched = client.patch(
        reverse("api:monitoring-return-detail", args=[monitoring_return.pk]), {"progress": "Edit"}, format="json"
    )
    resubmitted = client.post(reverse("api:monitoring-return-submit", args=[monitoring_return.pk]))

    assert patched.status_code == resubmitted.status_code == 400
    message = patched.json()["non_field_errors"][0]
    assert ("accepted and is locked" in message) == (stage == "accepted")
    monitoring_return.refresh_from_db()
    assert monitoring_return.progress == "Ran twelve sessions in two youth clubs."


@pytest.mark.parametrize(("role", "status"), [("staff", 403), ("other_partner", 404), ("prg", 403), ("anonymous", 401)])
def test_only_the_grantee_writes_a_return(people, grant, role, status):
    monitoring_return = return_of(grant)

    response = api_for(people[role]).patch(
        reverse("api:monitoring-return-detail", args=[monitoring_return.pk]), {"progress": "Mine now"}, format="json"
    )

    assert response.status_code == status
    monitoring_return.refresh_from_db()
    assert monitoring_return.progress == ""


def test_staff_accept_a_submitted_return_and_its_payment_is_released(people, grant):
    monitoring_return = submitted(return_of(grant), user=people["partner"])

    response = api_for(people["staff"]).post(
        reverse("api:monitoring-return-accept", args=[monitoring_return.pk]), {"note": "Thorough."}, format="json"
    )

    body = response.json()
    assert (body["status"], body["reviewed_by_name"], body["review_note"]) == ("accepted", "Staff Persona", "Thorough.")
    payment = grant.tranches.get(condition_return=monitoring_return)
    assert (payment.status, payment.released_by) == (TrancheStatus.RELEASED, people["staff"])
    again = api_for(people["manager"]).post(reverse("api:monitoring-return-accept", args=[monitoring_return.pk]))
    assert again.status_code == 400


def test_staff_return_a_return_with_a_note(people, grant):
    monitoring_return = submitted(return_of(grant), user=people["partner"])
    url = reverse("api:monitoring-return-return", args=[monitoring_return.pk])
    client = api_for(people["staff"])

    missing = client.post(url, {}, format="json")
    done = client.post(url, {"note": "Add the venue spend."}, format="json")

    assert missing.status_code == 400 and "note" in missing.json()
    assert (done.json()["status"], done.json()["review_note"]) == ("returned", "Add the venue spend.")


@pytest.mark.parametrize(("role", "status"), [("partner", 403), ("other_partner", 404)])
def test_partners_cannot_review(people, grant, role, status):
    monitoring_return = submitted(return_of(grant), user=people["partner"])

    accept = api_for(people[role]).post(reverse("api:monitoring-return-accept", args=[monitoring_return.pk]))
    send_back = api_for(people[role]).post(
        reverse("api:monitoring-return-return", args=[monitoring_return.pk]), {"note": "x"}
    )

    assert accept.status_code == send_back.status_code == status
    monitoring_return.refresh_from_db()
    assert monitoring_return.status == ReturnStatus.SUBMITTED


def test_the_list_filters_by_status_quarter_and_grant(people, grant):
    submitted(return_of(grant), user=people["partner"])
    client = api_for(people["staff"])

    by_status = client.get(reverse("api:monitoring-return-list"), {"status": "submitted"}).json()["results"]
    by_grant = client.get(reverse("api:monitoring-return-list"), {"grant": grant.pk, "quarter": "2026-27 Q2"}).json()
    bad = client.get(reverse("api:monitoring-return-list"), {"status": "lost"})

    assert [(row["grant"], row["quarter"]) for row in by_status] == [(grant.pk, 1)]
    assert [(row["grant"], row["quarter"]) for row in by_grant["results"]] == [(grant.pk, 2)]
    assert bad.status_code == 400


# Every write endpoint against every role: (url of the return, body, what the return must be first, status by role).
WRITES = {
    "patch": (
        lambda r: reverse("api:monitoring-return-detail", args=[r.pk]),
        {"progress": "Written."},
        None,
        expect(403, 403, 200, 404, anonymous=401),
    ),
    "submit": (
        lambda r: reverse("api:monitoring-return-submit", args=[r.pk]),
        {},
        "written",
        expect(403, 403, 200, 404, anonymous=401),
    ),
    "accept": (
        lambda r: reverse("api:monitoring-return-accept", args=[r.pk]),
        {},
        "submitted",
        expect(200, 403, 403, 404, anonymous=401),
    ),
    "return": (
        lambda r: reverse("api:monitoring-return-return", args=[r.pk]),
        {"note": "Add the spend."},
        "submitted",
        expect(200, 403, 403, 404, anonymous=401),
    ),
}


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("name", list(WRITES))
def test_who_may_use_each_write_endpoint(people, grant, name, role):
    url_of, body, stage, expected = WRITES[name]
    monitoring_return = return_of(grant)
    if stage == "written":
        return_save(monitoring_return=monitoring_return, user=people["partner"], progress="Twelve sessions.")
    elif stage == "submitted":
        submitted(monitoring_return, user=people["partner"])
    method = "patch" if name == "patch" else "post"

    response = getattr(api_for(people[role]), method)(url_of(monitoring_return), body, format="json")

    assert response.status_code == expected[role]
