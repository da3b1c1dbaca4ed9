"""Sessions end after an idle time and at most so many hours after signing in."""

import pytest
from django.conf import settings
from django.contrib.sessions.models import Session
from django.urls import reverse

from vru.session_limits import LAST_SEEN, SIGNED_IN_AT

pytestmark = pytest.mark.django_db


@pytest.fixture
def signed_in(client, staff_user):
    response = client.post(reverse("login"), {"username": "staff", "password": "correct-horse-battery"})
    assert response.status_code == 302
    return client


def move_back(client, key, minutes):
    """Time passes: the session's timestamp is moved into the past, in the session store itself."""
    session = client.session
    session[key] -= minutes * 60
    session.save()


def test_an_idle_session_is_signed_out_with_a_message(signed_in):
    move_back(signed_in, LAST_SEEN, 61)
    old_key = signed_in.session.session_key

    response = signed_in.get("/programmes/")

    assert response.status_code == 302
    assert response.url == f"{reverse('login')}?next=/programmes/"
    page = signed_in.get(response.url).text
    assert "You were signed out after 60 minutes without activity." in page
    assert signed_in.get("/programmes/").status_code == 302, "still signed out"
    assert not Session.objects.filter(session_key=old_key).exists(), "the old session is gone from the store"


def test_activity_keeps_the_session_going(signed_in):
    move_back(signed_in, LAST_SEEN, 59)
    before = signed_in.session[LAST_SEEN]

    assert signed_in.get("/programmes/").status_code == 200
    assert signed_in.session[LAST_SEEN] > before + 58 * 60, "the last activity moved on"
    move_back(signed_in, LAST_SEEN, 59)
    assert signed_in.get("/programmes/").status_code == 200


def test_the_idle_time_is_a_setting(signed_in, settings):
    settings.SESSION_IDLE_MINUTES = 15
    move_back(signed_in, LAST_SEEN, 16)

    response = signed_in.get("/", follow=True)

    assert "You were signed out after 15 minutes without activity." in response.text


def test_a_session_ends_twelve_hours_after_signing_in_however_active(signed_in):
    move_back(signed_in, SIGNED_IN_AT, 12 * 60 + 1)

    response = signed_in.get("/programmes/", follow=True)

    assert response.redirect_chain[0][0] == f"{reverse('login')}?next=/programmes/"
    assert "You were signed out 12 hours after signing in." in response.text


def test_an_expired_session_gets_401_from_the_api(signed_in):
    assert signed_in.get("/api/v1/programmes/").status_code == 200
    move_back(signed_in, LAST_SEEN, 61)

    assert signed_in.get("/api/v1/programmes/").status_code in (401, 403)


def test_the_cookie_lasts_no_longer_than_the_longest_session():
    assert settings.SESSION_COOKIE_AGE == settings.SESSION_MAX_HOURS * 60 * 60 == 12 * 60 * 60
