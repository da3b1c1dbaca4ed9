"""API tokens as their owner, another user, an admin and an API client see them."""

import re
from datetime import timedelta

import pytest
from django.contrib.auth.tokens import default_token_generator
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from rest_framework.test import APIClient

from api_tokens.models import ApiToken, RevokedReason
from api_tokens.services import api_token_create

pytestmark = pytest.mark.django_db

PROGRAMMES = "/api/v1/programmes/"
TOKENS_API = "/api/v1/api-tokens/"
NEW_PASSWORD = "a much longer pass phrase"


def api_with(value: str) -> APIClient:
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {value}")
    return client


def test_a_token_works_and_its_last_use_is_noted(staff_user):
    new = api_token_create(user=staff_user, name="Nightly sync")
    assert new.token.last_used_at is None

    assert api_with(new.value).get(PROGRAMMES).status_code == 200

    new.token.refresh_from_db()
    assert new.token.last_used_at is not None
    assert new.token.expires_at.date() == (timezone.now() + timedelta(days=90)).date()


def test_an_expired_token_is_401(staff_user):
    new = api_token_create(user=staff_user, name="Old script")
    ApiToken.objects.filter(pk=new.token.pk).update(expires_at=timezone.now() - timedelta(seconds=1))

    response = api_with(new.value).get(PROGRAMMES)

    assert response.status_code == 401
    assert "expired" in response.json()["detail"]
    assert response["WWW-Authenticate"] == "Token"


def test_an_unknown_token_is_401(staff_user):
    assert api_with("vru_not-a-real-token").get(PROGRAMMES).status_code == 401


def test_the_database_never_holds_the_token(client, staff_user):
    client.force_login(staff_user)
    page = client.post(reverse("api_tokens:list"), {"name": "Returns upload"}).content.decode()
    value = re.search(r'id="token-value">(vru_[\w-]+)<', page).group(1)
    assert len(value) > 40

    with connection.cursor() as cursor:
        cursor.execute("SELECT * FROM api_tokens_apitoken")
        stored = " ".join(str(column) for row in cursor.fetchall() for column in row)
    assert value not in stored
    assert value[12:] not in stored  # nothing past the displayed prefix
    assert "Returns upload" in stored
    assert api_with(value).get(PROGRAMMES).status_code == 200


def test_changing_the_password_on_the_page_stops_the_token(client, staff_user):
    new = api_token_create(user=staff_user, name="Sync")
    client.force_login(staff_user)
    client.post(
        reverse("password_change"),
        {"old_password": "correct-horse-battery", "new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
    )
    assert api_with(new.value).get(PROGRAMMES).status_code == 401
    new.token.refresh_from_db()
    assert new.token.revoked_reason == RevokedReason.PASSWORD_CHANGED


def test_a_password_reset_stops_the_token(client, staff_user):
    new = api_token_create(user=staff_user, name="Sync")
    uid = urlsafe_base64_encode(force_bytes(staff_user.pk))
    link = reverse("password_reset_confirm", args=[uid, default_token_generator.make_token(staff_user)])
    form_url = client.get(link).url
    client.post(form_url, {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD})
    staff_user.refresh_from_db()
    assert staff_user.check_password(NEW_PASSWORD)
    assert api_with(new.value).get(PROGRAMMES).status_code == 401


def test_an_admin_setting_the_password_stops_the_token(client, admin_user, staff_user):
    new = api_token_create(user=staff_user, name="Sync")
    client.force_login(admin_user)
    client.post(
        reverse("admin:auth_user_password_change", args=[staff_user.pk]),
        {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD, "usable_password": "true"},
    )
    staff_user.refresh_from_db()
    assert staff_user.check_password(NEW_PASSWORD)
    assert api_with(new.value).get(PROGRAMMES).status_code == 401


def test_disabling_the_account_stops_the_token(staff_user):
    new = api_token_create(user=staff_user, name="Sync")
    staff_user.is_active = False
    staff_user.save()

    assert api_with(new.value).get(PROGRAMMES).status_code == 401
    new.token.refresh_from_db()
    assert new.token.revoked_reason == RevokedReason.ACCOUNT_DISABLED
    # Enabling the account again does not bring the token back.
    staff_user.is_active = True
    staff_user.save()
    assert api_with(new.value).get(PROGRAMMES).status_code == 401


def test_other_saves_of_the_user_keep_the_token(client, staff_user):
    new = api_token_create(user=staff_user, name="Sync")
    client.force_login(staff_user)  # updates last_login
    staff_user.first_name = "Dana"
    staff_user.save()
    assert api_with(new.value).get(PROGRAMMES).status_code == 200


# --- The page -----------------------------------------------------------------------------------


def test_the_page_makes_lists_and_revokes_a_token(client, partner_user):
    client.force_login(partner_user)
    created = client.post(reverse("api_tokens:list"), {"name": "Returns upload"}).content.decode()
    assert "it is shown only once" in created
    value = re.search(r'id="token-value">(vru_[\w-]+)<', created).group(1)

    listing = client.get(reverse("api_tokens:list")).content.decode()
    assert "Returns upload" in listing
    assert value[:12] in listing
    assert value not in listing

    token = ApiToken.objects.get()
    after = client.post(reverse("api_tokens:revoke", args=[token.pk]), follow=True).content.decode()
    assert "Token “Returns upload” revoked" in after
    assert "You have no tokens." in after
    assert api_with(value).get(TOKENS_API).status_code == 401


def test_a_token_needs_a_name(client, staff_user):
    client.force_login(staff_user)
    page = client.post(reverse("api_tokens:list"), {"name": "  "}).content.decode()
    assert "There is a problem" in page
    assert "Enter a name for the token" in page
    assert not ApiToken.objects.exists()


def test_nobody_sees_or_revokes_anothers_token(client, staff_user, admin_user):
    theirs = api_token_create(user=staff_user, name="Staff sync")
    client.force_login(admin_user)  # an admin too: others' tokens are managed in the admin only

    assert "Staff sync" not in client.get(reverse("api_tokens:list")).content.decode()
    assert client.get(reverse("api_tokens:revoke", args=[theirs.token.pk])).status_code == 404
    assert client.post(reverse("api_tokens:revoke", args=[theirs.token.pk])).status_code == 404

    api = APIClient()
    api.force_authenticate(admin_user)
    assert api.get(TOKENS_API).json()["results"] == []
    assert api.get(f"{TOKENS_API}{theirs.token.pk}/").status_code == 404
    assert api.delete(f"{TOKENS_API}{theirs.token.pk}/").status_code == 404

    theirs.token.refresh_from_db()
    assert theirs.token.revoked_at is None


# --- The API ------------------------------------------------------------------------------------


def test_the_api_makes_a_token_from_a_session_only(client, staff_user):
    client.force_login(staff_user)
    made = client.post(TOKENS_API, {"name": "CLI"}, content_type="application/json")
    assert made.status_code == 201
    value = made.json()["token"]

    token_client = api_with(value)
    listed = token_client.get(TOKENS_API).json()["results"]
    assert [(row["name"], row["prefix"]) for row in listed] == [("CLI", value[:12])]
    assert "token" not in listed[0]
    refused = token_client.post(TOKENS_API, {"name": "Another"}, format="json")
    assert refused.status_code == 403
    assert ApiToken.objects.count() == 1

    assert token_client.delete(f"{TOKENS_API}{listed[0]['id']}/").status_code == 204
    assert token_client.get(TOKENS_API).status_code == 401


def test_the_api_refuses_a_token_without_a_name(client, staff_user):
    client.force_login(staff_user)
    response = client.post(TOKENS_API, {"name": ""}, content_type="application/json")
    assert response.status_code == 400
    assert "name" in response.json()


# --- The admin ----------------------------------------------------------------------------------


def test_an_admin_revokes_anyones_token_and_makes_none(client, admin_user, staff_user):
    new = api_token_create(user=staff_user, name="Staff sync")
    client.force_login(admin_user)
    changelist = reverse("admin:api_tokens_apitoken_changelist")
    assert "Staff sync" in client.get(changelist).content.decode()
    assert client.get(reverse("admin:api_tokens_apitoken_add")).status_code == 403

    client.post(changelist, {"action": "revoke", "_selected_action": [new.token.pk]})

    new.token.refresh_from_db()
    assert new.token.revoked_reason == RevokedReason.BY_ADMIN
    assert api_with(new.value).get(PROGRAMMES).status_code == 401


def test_a_token_costs_one_query_and_notes_its_use_at_most_every_few_minutes(staff_user):
    client = api_with(api_token_create(user=staff_user, name="Sync").value)

    def token_queries():
        with CaptureQueriesContext(connection) as queries:
            assert client.get("/api/v1/aims/").status_code == 200
        return [q["sql"].split()[0] for q in queries.captured_queries if "api_tokens_apitoken" in q["sql"]]

    assert token_queries() == ["SELECT", "UPDATE"]  # first use noted
    assert token_queries() == ["SELECT"]  # used again a moment later: nothing written


@pytest.mark.parametrize("how", ["page", "api"])
def test_a_name_with_control_characters_is_refused(client, staff_user, how):
    client.force_login(staff_user)
    if how == "page":
        response = client.post(reverse("api_tokens:list"), {"name": "Sync\x1b"})
        assert "There is a problem" in response.content.decode()
    else:
        response = client.post(TOKENS_API, {"name": "Sync\x1b"}, content_type="application/json")
        assert response.status_code == 400
        assert "name" in response.json()
    assert not ApiToken.objects.exists()
