"""Every role against every assessment page: what each may open, 403 for VRU people and partners of the
applicant where the page is not theirs, 404 (never the record) for anyone who may not see the application."""

import pytest
from django.urls import reverse

from commissioning.models import ApplicationStatus
from commissioning.tests.assessment.conftest import ROLES, client_for
from commissioning.tests.assessment.factories import AssessmentFactory, application_at, declared, scored

pytestmark = pytest.mark.django_db
S = ApplicationStatus
VRU = ("admin", "staff", "manager")


def expect(admin, staff, manager, prg, partner, other):
    return {
        "admin": admin,
        "staff": staff,
        "manager": manager,
        "prg": prg,
        "partner": partner,
        "other_partner": other,
        "anonymous": 302,
    }


STAFF_PAGE = expect(200, 200, 200, 404, 403, 404)
MANAGER_PAGE = expect(200, 403, 200, 404, 403, 404)
VRU_ONLY = expect(200, 200, 200, 403, 403, 403)
ASSESSOR_PAGE = expect(403, 200, 403, 404, 404, 404)  # the assessor is staff


def assessment_of(application, staff, *, state):
    assessment = AssessmentFactory(application=application, assessor=staff)
    if state == "declared":
        declared(assessment)
    return assessment


# name: (application status, assessor state, url of (application, assessment), status by role)
PAGES = {
    "application-eligibility": (
        S.SUBMITTED,
        None,
        lambda a, x: reverse("commissioning:application-eligibility", args=[a.pk]),
        STAFF_PAGE,
    ),
    "application-assessors": (
        S.ELIGIBLE,
        None,
        lambda a, x: reverse("commissioning:application-assessors", args=[a.pk]),
        STAFF_PAGE,
    ),
    "application-assessment": (
        S.ASSESSED,
        None,
        lambda a, x: reverse("commissioning:application-assessment", args=[a.pk]),
        STAFF_PAGE,
    ),
    "application-moderate": (
        S.ASSESSED,
        None,
        lambda a, x: reverse("commissioning:application-moderate", args=[a.pk]),
        STAFF_PAGE,
    ),
    "application-decide": (
        S.RECOMMENDED,
        None,
        lambda a, x: reverse("commissioning:application-decide", args=[a.pk]),
        MANAGER_PAGE,
    ),
    "assessment-list": (S.ELIGIBLE, "new", lambda a, x: reverse("commissioning:assessment-list"), VRU_ONLY),
    "assessment-conflict": (
        S.ELIGIBLE,
        "new",
        lambda a, x: reverse("commissioning:assessment-conflict", args=[x.pk]),
        ASSESSOR_PAGE,
    ),
    "assessment-score": (
        S.ELIGIBLE,
        "declared",
        lambda a, x: reverse("commissioning:assessment-score", args=[x.pk]),
        ASSESSOR_PAGE,
    ),
    "round-assessments-export": (
        S.ASSESSED,
        None,
        lambda a, x: reverse("commissioning:round-assessments-export", args=[a.round_id]),
        VRU_ONLY,
    ),
}


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("name", list(PAGES))
def test_who_may_open_each_assessment_page(people, organisation, staff_user, name, role):
    status, state, url_of, expected = PAGES[name]
    application = application_at(status, organisation=organisation, project_title="Secret Southside project")
    if status in (S.ASSESSED, S.RECOMMENDED):
        scored(AssessmentFactory(application=application), [4, 3, 5])
    assessment = assessment_of(application, staff_user, state=state) if state else None

    response = client_for(people[role]).get(url_of(application, assessment))

    assert response.status_code == expected[role], (name, role)
    if expected[role] == 302:
        assert response.url.startswith(reverse("login"))
    if expected[role] in (403, 404):
        assert "Secret Southside project" not in response.content.decode()


@pytest.mark.parametrize("role", ROLES)
def test_posting_is_refused_alike(people, organisation, role):
    """A write is refused as the page is, and changes nothing."""
    application = application_at(S.SUBMITTED, organisation=organisation)
    response = client_for(people[role]).post(
        reverse("commissioning:application-eligibility", args=[application.pk]), {"eligible": "yes"}
    )
    application.refresh_from_db()
    if role in VRU:
        assert response.status_code == 302 and application.status == S.ELIGIBLE
    else:
        assert response.status_code in (302, 403, 404) and application.status == S.SUBMITTED


def test_a_partner_of_another_organisation_gets_404_on_every_page_of_the_application(other_partner, organisation):
    application = application_at(S.RECOMMENDED, organisation=organisation, project_title="Secret Southside project")
    assessment = scored(AssessmentFactory(application=application), [4, 4, 4])
    client = client_for(other_partner)
    for name in ("eligibility", "assessors", "assessment", "moderate", "decide"):
        response = client.get(reverse(f"commissioning:application-{name}", args=[application.pk]))
        assert response.status_code == 404, name
        assert "Secret Southside project" not in response.content.decode()
    for name in ("conflict", "score"):
        assert client.get(reverse(f"commissioning:assessment-{name}", args=[assessment.pk])).status_code == 404
    remove = reverse("commissioning:application-assessor-remove", args=[application.pk, assessment.pk])
    assert client.post(remove).status_code == 404
