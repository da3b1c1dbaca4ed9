"""The security headers on a page, a download, the admin, the API and its docs, signed in and not."""

import re

import pytest
from django.test import Client
from django.urls import path, reverse
from rest_framework.test import APIClient

from api_tokens.services import api_token_create

pytestmark = pytest.mark.django_db

NO_STORE = "private, no-store"


def _fails(request):
    raise RuntimeError("a bug")


urlpatterns = [path("fails/", _fails)]  # for the 500 test below, under @pytest.mark.urls


def directives(response) -> dict[str, str]:
    header = response["Content-Security-Policy"]
    return {part.split()[0]: part.strip() for part in header.split(";") if part.strip()}


def assert_strict_csp(response):
    policy = directives(response)
    assert policy["default-src"] == "default-src 'self'"
    assert re.fullmatch(r"script-src 'self'( 'nonce-[\w+/=]+')?", policy["script-src"])
    assert policy["style-src"] == "style-src 'self'"
    assert policy["img-src"] == "img-src 'self' data:"
    assert policy["object-src"] == "object-src 'none'"
    assert policy["base-uri"] == "base-uri 'self'"
    assert policy["form-action"] == "form-action 'self'"
    assert policy["frame-ancestors"] == "frame-ancestors 'none'"
    assert "unsafe-inline" not in response["Content-Security-Policy"]
    assert "unsafe-eval" not in response["Content-Security-Policy"]


def assert_permissions_policy(response):
    policy = dict(item.split("=") for item in response["Permissions-Policy"].split(", "))
    for feature in ("camera", "microphone", "geolocation", "payment", "usb"):
        assert policy[feature] == "()"


def test_a_signed_in_page(staff_client):
    response = staff_client.get(reverse("programmes:dashboard"))
    assert response.status_code == 200
    assert_strict_csp(response)
    assert_permissions_policy(response)
    assert response["Cache-Control"] == NO_STORE
    # The one inline script carries this response's nonce, and nothing else is inline.
    nonce = re.search(r"'nonce-([\w+/=]+)'", response["Content-Security-Policy"]).group(1)
    body = response.content.decode()
    assert re.findall(r"<script(?: [^>]*)?>(?!</script>)", body) == [f'<script nonce="{nonce}">']
    assert " style=" not in body
    assert (
        staff_client.get(reverse("programmes:dashboard"))["Content-Security-Policy"]
        != response["Content-Security-Policy"]
    )


def test_a_public_page_signed_out_keeps_its_caching(client):
    response = client.get("/funding/")
    assert response.status_code == 200
    assert_strict_csp(response)
    assert_permissions_policy(response)
    assert "no-store" not in response.get("Cache-Control", "")


def test_a_public_page_signed_in_is_private(staff_client):
    assert staff_client.get("/funding/")["Cache-Control"] == NO_STORE


def test_errors_carry_the_policy(client, staff_client):
    missing = staff_client.get("/no-such-page/")
    assert missing.status_code == 404
    assert_strict_csp(missing)
    assert missing["Cache-Control"] == NO_STORE
    assert_strict_csp(client.post(reverse("login"), {"username": "x"}, HTTP_X_CSRFTOKEN="wrong"))


@pytest.mark.urls(__name__)
def test_a_server_error_page_carries_the_policy_and_no_inline_style():
    response = Client(raise_request_exception=False).get("/fails/")
    assert response.status_code == 500
    assert_strict_csp(response)
    assert_permissions_policy(response)
    assert "Sorry, there is a problem with the service" in response.content.decode()
    assert " style=" not in response.content.decode()


def test_a_signed_in_download(staff_client):
    response = staff_client.get(reverse("programmes:programme-export"))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert response["Cache-Control"] == NO_STORE
    assert_strict_csp(response)


def test_the_360giving_open_data_may_be_cached_publicly(client, staff_client):
    for url in ("/grants/360giving.json", "/grants/360giving.csv", "/grants/360giving.xlsx"):
        for who in (client, staff_client):
            response = who.get(url)
            assert response.status_code == 200
            assert response["Cache-Control"] == "public, max-age=3600", url
            assert_permissions_policy(response)


def test_the_admin(client, admin_user):
    client.force_login(admin_user)
    for url in (reverse("admin:index"), reverse("admin:programmes_performancereport_changelist")):
        response = client.get(url)
        assert response.status_code == 200
        assert_strict_csp(response)
        assert response["Cache-Control"] == NO_STORE
        assert " style=" not in response.content.decode()


def test_the_api_with_a_token(staff_user):
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {api_token_create(user=staff_user, name='t').value}")
    response = client.get("/api/v1/programmes/")
    assert response.status_code == 200
    assert_strict_csp(response)
    assert_permissions_policy(response)
    assert response["Cache-Control"] == NO_STORE
    refused = APIClient().get("/api/v1/programmes/")
    assert refused.status_code == 401
    assert_strict_csp(refused)


def test_the_api_docs_load_their_script_from_the_site(staff_client):
    page = staff_client.get(reverse("api-docs"))
    assert page.status_code == 200
    assert_strict_csp(page)
    assert page["Cache-Control"] == NO_STORE
    body = page.content.decode()
    assert "<style" not in body
    assert re.findall(r"<script>", body) == []
    script_url = re.search(r'<script src="([^"]*script=[^"]*)"', body).group(1).replace("&amp;", "&")
    script = staff_client.get(script_url)
    assert script.status_code == 200
    assert script["Content-Type"].startswith("application/javascript")
    assert "SwaggerUIBundle" in script.content.decode()
