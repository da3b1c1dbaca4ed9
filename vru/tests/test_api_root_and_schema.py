"""The API root, the OpenAPI schema and its documentation page."""

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

pytestmark = pytest.mark.django_db

ENDPOINTS = {
    "population-indicators",
    "population-figures",
    "population-imports",
    "reports",
    "report-requests",
    "aims",
    "objectives",
    "contextual-layers",
    "priority-areas",
    "intervention-types",
    "prevention-levels",
    "target-groups",
    "boroughs",
    "bcus",
    "wards",
    "programmes",
    "milestones",
    "indicators",
    "organisations",
    "memberships",
    "plans",
    "plan-actions",
    "prg-members",
    "prg-meetings",
    "prg-recommendations",
    "prg-actions",
    "prg-groups",
    "funds",
    "funding-rounds",
    "applications",
    "assessments",
    "eligibility-checks",
    "moderations",
    "decisions",
    "grants",
    "tranches",
    "monitoring-returns",
    "api-tokens",
}


def client_for(user):
    client = APIClient()
    client.force_login(user)
    return client


def test_api_root_lists_every_endpoint(partner_user):
    response = client_for(partner_user).get("/api/v1/")
    assert response.status_code == 200
    body = response.json()
    assert set(body) == ENDPOINTS
    assert body["programmes"] == "http://testserver/api/v1/programmes/"
    assert body["bcus"] == "http://testserver/api/v1/bcus/"


# Steps in an application's assessment, taken by POSTing one; they have no records of their own to read.
ACTION_ENDPOINTS = {"eligibility-checks", "moderations", "decisions"}


def test_api_root_needs_a_signed_in_user():
    response = APIClient().get("/api/v1/")
    assert response.status_code == 401
    assert response["WWW-Authenticate"] == "Token"


def test_schema_describes_the_api(staff_user):
    response = client_for(staff_user).get(reverse("api-schema"), {"format": "json"})
    assert response.status_code == 200
    schema = response.json()
    assert schema["info"]["title"] == "VRU programme management API"
    paths = set(schema["paths"])
    for name in ENDPOINTS:
        assert f"/api/v1/{name}/" in paths
        if name not in ACTION_ENDPOINTS:
            assert f"/api/v1/{name}/{{id}}/" in paths
    for name in ACTION_ENDPOINTS:
        assert set(schema["paths"][f"/api/v1/{name}/"]) == {"post"}
    parameters = {p["name"] for p in schema["paths"]["/api/v1/programmes/"]["get"]["parameters"]}
    expected = {"q", "objective", "priority_area", "status", "borough", "lead_officer", "intervention_type", "sort"}
    assert expected <= parameters
    assert "delete" not in schema["paths"]["/api/v1/programmes/{id}/"]
    assert {"cookieAuth", "tokenAuth"} <= set(schema["components"]["securitySchemes"])


def test_docs_are_served_without_a_cdn(staff_user):
    response = client_for(staff_user).get(reverse("api-docs"))
    assert response.status_code == 200
    html = response.content.decode()
    assert "/static/drf_spectacular_sidecar/swagger-ui-dist/" in html
    for cdn in ("cdn.jsdelivr.net", "unpkg.com", "cdnjs.cloudflare.com", "fonts.googleapis.com"):
        assert cdn not in html
    assert 'src="http' not in html
    assert 'href="http' not in html
