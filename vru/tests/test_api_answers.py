"""What the schemathesis run found, each kept as a plain test: the API answers as its schema says."""

from datetime import UTC, datetime

import pytest
from rest_framework.test import APIClient

from commissioning.models import ApplicationStatus
from commissioning.tests.applications.factories import draft_application
from commissioning.tests.assessment.factories import AssessmentFactory, application_at, scored
from partners.tests.prg.factories import MeetingFactory, PrgActionFactory

pytestmark = pytest.mark.django_db


def api(user) -> APIClient:
    client = APIClient()
    client.force_authenticate(user)
    return client


def schema(user) -> dict:
    return api(user).get("/api/schema/", {"format": "json"}).json()


def test_a_date_time_is_always_rfc_3339(staff_user):
    """London time with its offset; before London kept GMT its offset had seconds, so such a time is in UTC."""
    old = MeetingFactory(starts_at=datetime(1800, 6, 1, 12, 0, tzinfo=UTC))
    new = MeetingFactory(starts_at=datetime(2026, 10, 14, 13, 0, tzinfo=UTC))

    assert api(staff_user).get(f"/api/v1/prg-meetings/{old.pk}/").json()["starts_at"] == "1800-06-01T12:00:00Z"
    assert api(staff_user).get(f"/api/v1/prg-meetings/{new.pk}/").json()["starts_at"] == "2026-10-14T14:00:00+01:00"


def test_an_assessment_without_a_recommendation_says_null_as_the_schema_declares(staff_user):
    application = application_at(ApplicationStatus.ELIGIBLE)
    unset = AssessmentFactory(application=application, assessor=staff_user)
    hidden = scored(AssessmentFactory(application=application), [3], recommendation="maybe", submit=False)
    given = scored(AssessmentFactory(application=application), [4, 3, 5], recommendation="yes")

    rows = {row["id"]: row for row in api(staff_user).get("/api/v1/assessments/").json()["results"]}

    assert rows[unset.pk]["recommendation"] is None
    assert rows[hidden.pk]["recommendation"] is None
    assert rows[given.pk]["recommendation"] == "yes"
    declared = schema(staff_user)["components"]["schemas"]["Assessment"]["properties"]["recommendation"]
    assert declared["nullable"] is True


def test_a_row_sent_in_a_patch_is_checked_whole():
    """A reach row without its age band was a 500; it is a 400 on the row's field, and nothing changes."""
    application = draft_application()
    response = api(application.created_by).patch(
        f"/api/v1/applications/{application.pk}/", {"reach": [{"count": 12}]}, format="json"
    )

    assert response.status_code == 400
    assert response.json() == {"reach": {"0": {"age_band": ["This field is required."]}}}
    assert not application.reach.exists()


@pytest.mark.parametrize(
    ("path", "query", "field"),
    [
        ("/api/v1/prg-actions/", {"overdue": "perhaps"}, "overdue"),  # a yes/no filter through a selector
        ("/api/v1/assessments/", {"submitted": "soon"}, "submitted"),  # a yes/no filter of the default backend
        ("/api/v1/programmes/", {"status": "dormant"}, "status"),  # an unknown choice
        ("/api/v1/milestones/", {"programme": "999999"}, "programme"),  # an unknown record
    ],
)
def test_a_filter_value_the_list_cannot_use_is_a_400_naming_it(staff_user, path, query, field):
    PrgActionFactory()
    response = api(staff_user).get(path, query)

    assert response.status_code == 400
    assert list(response.json()) == [field]


def test_a_yes_no_filter_still_reads_true_and_false(staff_user):
    PrgActionFactory()
    for value in ("true", "false", "True", "1", "0", ""):
        assert api(staff_user).get("/api/v1/prg-actions/", {"overdue": value}).status_code == 200


def test_an_address_under_api_that_nothing_answers_is_a_json_404(staff_user, settings):
    settings.DEBUG = False
    response = api(staff_user).get("/api/v1/programmes/1.5/")

    assert response.status_code == 404
    assert response.json() == {"detail": "Not found."}
    assert api(staff_user).get("/no-such-page/")["Content-Type"].startswith("text/html")


def test_the_schema_declares_each_operations_errors(staff_user):
    paths = schema(staff_user)["paths"]

    assert set(paths["/api/v1/programmes/"]["get"]["responses"]) == {"200", "400", "401", "403", "404"}
    assert set(paths["/api/v1/programmes/"]["post"]["responses"]) == {"201", "400", "401", "403"}
    assert set(paths["/api/v1/programmes/{id}/"]["get"]["responses"]) == {"200", "401", "403", "404"}
    assert set(paths["/api/v1/aims/"]["get"]["responses"]) == {"200", "401", "403", "404"}
    bad_request = paths["/api/v1/programmes/"]["post"]["responses"]["400"]["content"]["application/json"]["schema"]
    assert bad_request == {
        "anyOf": [{"$ref": "#/components/schemas/FieldErrors"}, {"$ref": "#/components/schemas/Error"}]
    }
