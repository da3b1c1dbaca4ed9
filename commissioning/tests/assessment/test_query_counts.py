"""Each assessment page, the export and the API list run the same number of SQL queries with few rows as with many."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from commissioning.models import ApplicationStatus, Criterion
from commissioning.tests.assessment.conftest import api_for, client_for
from commissioning.tests.assessment.factories import AssessmentFactory, application_at, declared, scored
from vru.tests.factories import UserFactory

pytestmark = pytest.mark.django_db
S = ApplicationStatus
# A ceiling that catches a query per row long before a page gets slow; the same at both sizes.
MAX_QUERIES = 25


def application_with(assessors: int, criteria: int, status=S.ASSESSED):
    application = application_at(status)
    for order in range(3, criteria):
        Criterion.objects.create(round=application.round, order=order, title=f"Extra {order}", weight=5)
    for number in range(assessors):
        scored(AssessmentFactory(application=application), [number % 6] * criteria)
    declared(AssessmentFactory(application=application), conflict=True)
    declared(AssessmentFactory(application=application))
    return application


def assignments_of(user, count: int):
    for number in range(count):
        state = number % 3
        assessment = AssessmentFactory(assessor=user)
        if state == 1:
            scored(assessment, [3, 2], submit=False)
        elif state == 2:
            declared(assessment, conflict=True)


def count(client, url, params=None) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, params or {})
        response.getvalue()  # a streamed download reads its rows while it is sent
    assert response.status_code == 200, url
    return len(queries)


def measured(django_assert_max_num_queries, build, measure) -> None:
    counts = []
    for size in (2, 12):
        target = build(size)
        with django_assert_max_num_queries(MAX_QUERIES):
            counts.append(measure(target))
    assert counts[0] == counts[1], counts


APPLICATION_PAGES = {
    "summary": ("staff", "application-assessment", S.ASSESSED),
    "moderation": ("staff", "application-moderate", S.ASSESSED),
    "decision": ("manager", "application-decide", S.RECOMMENDED),
    "assessors": ("staff", "application-assessors", S.ELIGIBLE),
}


@pytest.mark.parametrize("name", list(APPLICATION_PAGES))
def test_application_pages_do_not_grow_with_assessors_or_criteria(personas, django_assert_max_num_queries, name):
    role, url_name, status = APPLICATION_PAGES[name]
    client = client_for(personas[role])
    for number in range(10):
        UserFactory(role="staff", username=f"more-staff-{number}")  # more people to choose from

    def build(size):
        return application_with(size, max(3, size), status=status)

    measured(
        django_assert_max_num_queries,
        build,
        lambda application: count(client, reverse(f"commissioning:{url_name}", args=[application.pk])),
    )


def test_the_score_page_does_not_grow_with_criteria(staff_user, django_assert_max_num_queries):
    client = client_for(staff_user)

    def build(size):
        application = application_with(0, size, status=S.ELIGIBLE)
        return scored(AssessmentFactory(application=application, assessor=staff_user), [2] * size, submit=False)

    measured(
        django_assert_max_num_queries,
        build,
        lambda assessment: count(client, reverse("commissioning:assessment-score", args=[assessment.pk])),
    )


def test_the_assessment_list_does_not_grow(staff_user, django_assert_max_num_queries):
    client = client_for(staff_user)
    counts = []
    for size in (3, 30):
        assignments_of(staff_user, size - sum(1 for _ in staff_user.assessments.all()))
        with django_assert_max_num_queries(MAX_QUERIES):
            counts.append(count(client, reverse("commissioning:assessment-list")))
    assert counts[0] == counts[1], counts


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_the_export_does_not_grow(staff_user, django_assert_max_num_queries, fmt):
    client = client_for(staff_user)
    first = application_with(2, 3)
    counts = []
    for size in (3, 30):
        while first.round.applications.count() < size:
            application = application_at(S.ASSESSED, round=first.round)
            scored(AssessmentFactory(application=application), [3, 3, 3])
        with django_assert_max_num_queries(MAX_QUERIES):
            url = reverse("commissioning:round-assessments-export", args=[first.round_id])
            counts.append(count(client, url, {"format": fmt}))
    assert counts[0] == counts[1], counts


def test_the_api_list_does_not_grow(staff_user, django_assert_max_num_queries):
    client = api_for(staff_user)
    counts = []
    for size in (3, 30):
        while staff_user.assessments.count() < size:
            scored(AssessmentFactory(assessor=staff_user), [4, 4, 4])
        with django_assert_max_num_queries(MAX_QUERIES):
            counts.append(count(client, "/api/v1/assessments/"))
    assert counts[0] == counts[1], counts
