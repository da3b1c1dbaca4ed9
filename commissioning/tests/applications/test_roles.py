"""Every role against every application page: what each may open, and 404 (never the record) for a partner
of another organisation, a PRG member, or a guessed id."""

import pytest
from django.urls import reverse

from commissioning.tests.applications.conftest import ROLES, client_for
from commissioning.tests.applications.factories import complete_application, draft_application, submitted_application

pytestmark = pytest.mark.django_db

VRU = {"admin", "staff", "manager"}


def expect(vru, prg, partner, other):
    return {**dict.fromkeys(VRU, vru), "prg": prg, "partner": partner, "other_partner": other, "anonymous": 302}


def section(name):
    return lambda application, funding_round: reverse("commissioning:application-section", args=[application.pk, name])


def named(name):
    return lambda application, funding_round: reverse(f"commissioning:{name}", args=[application.pk])


def of_round(name):
    return lambda application, funding_round: reverse(f"commissioning:{name}", args=[funding_round.pk])


# page: (state of the application it needs, method, url, status by role)
PAGES = {
    "application-list": (
        "draft",
        "get",
        lambda application, funding_round: reverse("commissioning:application-list"),
        expect(200, 403, 200, 200),
    ),
    "application-start": ("draft", "get", of_round("application-start"), expect(403, 403, 302, 200)),
    "application-detail": ("draft", "get", named("application-detail"), expect(200, 404, 200, 404)),
    "application-detail-submitted": ("submitted", "get", named("application-detail"), expect(200, 404, 200, 404)),
    **{
        f"application-section-{name}": ("draft", "get", section(name), expect(403, 404, 200, 404))
        for name in ("organisation", "project", "area", "objectives", "budget", "reach", "questions")
    },
    "application-section-post": ("draft", "post", section("project"), expect(403, 404, 302, 404)),
    "application-check": ("draft", "get", named("application-check"), expect(403, 404, 200, 404)),
    "application-submit": ("complete", "post", named("application-submit"), expect(403, 404, 302, 404)),
    "application-submitted": ("submitted", "get", named("application-submitted"), expect(403, 404, 200, 404)),
    "application-withdraw": ("submitted", "get", named("application-withdraw"), expect(403, 404, 200, 404)),
    "application-withdraw-post": ("submitted", "post", named("application-withdraw"), expect(403, 404, 302, 404)),
    "round-pipeline": ("submitted", "get", of_round("round-pipeline"), expect(200, 403, 403, 403)),
    "round-pipeline-export": ("submitted", "get", of_round("round-pipeline-export"), expect(200, 403, 403, 403)),
}
MAKERS = {"draft": draft_application, "complete": complete_application, "submitted": submitted_application}


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("name", list(PAGES))
def test_who_may_open_each_application_page(people, organisation, other_organisation, funding_round, name, role):
    state, method, url_of, expected = PAGES[name]
    application = MAKERS[state](round=funding_round, organisation=organisation, user=people["partner"])
    data = {"step": "later", "project_title": "Changed by a visitor"} if name == "application-section-post" else {}

    response = getattr(client_for(people[role]), method)(url_of(application, funding_round), data)

    assert response.status_code == expected[role]
    if expected[role] == 302 and role == "anonymous":
        assert response.url.startswith(reverse("login"))
    if expected[role] in (403, 404):
        assert application.reference not in response.content.decode()
        application.refresh_from_db()
        assert application.project_title != "Changed by a visitor"


def test_another_organisations_partner_gets_404_for_every_page_of_the_application(
    other_partner, people, organisation, funding_round
):
    application = submitted_application(round=funding_round, organisation=organisation, user=people["partner"])
    client = client_for(other_partner)

    for name in ("application-detail", "application-check", "application-submitted", "application-withdraw"):
        response = client.get(reverse(f"commissioning:{name}", args=[application.pk]))
        assert response.status_code == 404, name
        assert application.reference not in response.content.decode()
    assert client.post(reverse("commissioning:application-withdraw", args=[application.pk])).status_code == 404
    application.refresh_from_db()
    assert application.status == "submitted"


def test_a_guessed_id_is_not_found(partner_client):
    assert partner_client.get(reverse("commissioning:application-detail", args=[999999])).status_code == 404
