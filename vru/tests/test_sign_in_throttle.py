"""Sign-in is throttled per username and per address; password reset emails are limited."""

import logging
import re
from datetime import timedelta

import pytest
from axes.models import AccessAttempt, AccessFailureLog
from django.core import mail
from django.core.management import call_command
from django.urls import reverse

from vru.throttle import client_ip

pytestmark = pytest.mark.django_db

RIGHT = "correct-horse-battery"


def sign_in(client, username, password, address="203.0.113.9", **extra):
    return client.post(reverse("login"), {"username": username, "password": password}, REMOTE_ADDR=address, **extra)


def fail(client, username, times, address="203.0.113.9"):
    for _ in range(times):
        assert sign_in(client, username, "wrong", address).status_code in (200, 429)


def is_signed_in(client) -> bool:
    return client.get(reverse("programmes:dashboard")).status_code == 200


def test_after_five_failures_the_right_password_is_refused_with_a_message(client, manager_user, caplog):
    fail(client, "manager", 4)
    with caplog.at_level(logging.WARNING, logger="axes"):
        fifth = sign_in(client, "manager", "wrong")
    assert "Locking out" in caplog.text, "the lockout is logged"
    assert fifth.status_code == 429
    assert "Too many failed attempts to sign in" in fifth.text

    response = sign_in(client, "manager", RIGHT)

    html = response.text
    assert response.status_code == 429
    assert "There is a problem" in html
    summary = html.split("There is a problem")[1].split("</ul>")[0]
    [(anchor, message)] = re.findall(r'<li><a href="([^"]+)">([^<]+)</a></li>', summary)
    assert anchor == "#id_username"
    assert "Signing in is locked for 15 minutes, even with the right password" in message
    assert re.search(r"try again after \d\d:\d\d", message)
    assert 'value="manager"' in html
    assert not is_signed_in(client)
    assert AccessFailureLog.objects.filter(username="manager", locked_out=True).exists()


def test_a_username_is_locked_from_every_address(client, manager_user):
    fail(client, "manager", 5, address="203.0.113.9")

    assert sign_in(client, "manager", RIGHT, address="198.51.100.7").status_code == 429
    assert not is_signed_in(client)


def test_an_address_is_locked_for_every_username(client, manager_user, staff_user):
    for name in ("ann", "bob", "cat", "dan", "eve"):
        sign_in(client, name, "wrong", address="203.0.113.9")

    assert sign_in(client, "staff", RIGHT, address="203.0.113.9").status_code == 429
    assert sign_in(client, "staff", RIGHT, address="198.51.100.7").status_code == 302, "another address is not"


def test_the_lockout_ends_after_fifteen_minutes(client, manager_user):
    fail(client, "manager", 5)
    AccessAttempt.objects.update(attempt_time=AccessAttempt.objects.get().attempt_time - timedelta(minutes=16))

    assert sign_in(client, "manager", RIGHT).status_code == 302
    assert is_signed_in(client)


def test_fewer_failures_leave_sign_in_open(client, manager_user):
    fail(client, "manager", 4)

    assert sign_in(client, "manager", RIGHT).status_code == 302


def test_an_admin_lifts_a_lockout_with_the_command(client, manager_user):
    fail(client, "manager", 5)

    call_command("axes_reset_username", "manager")

    assert sign_in(client, "manager", RIGHT).status_code == 302


def test_the_admin_sign_in_is_throttled_too_and_answered_with_our_page(client, admin_user):
    for _ in range(5):
        client.post(reverse("admin:login"), {"username": "admin", "password": "wrong"}, REMOTE_ADDR="203.0.113.9")

    response = client.post(reverse("admin:login"), {"username": "admin", "password": RIGHT}, REMOTE_ADDR="203.0.113.9")

    assert response.status_code == 429
    assert "Signing in is locked for 15 minutes" in response.text
    assert "There is a problem" in response.text


def test_behind_the_proxy_the_address_is_the_one_the_proxy_saw(rf, settings):
    request = rf.get("/", REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR="6.6.6.6, 203.0.113.9")
    settings.BEHIND_TLS_PROXY = False
    assert client_ip(request) == "10.0.0.2", "the header is ignored when no proxy sets it"
    settings.BEHIND_TLS_PROXY = True
    assert client_ip(request) == "203.0.113.9", "the entry the proxy appended, not one the client wrote"


# --- Password reset ---------------------------------------------------------------------


def reset(client, email, address="203.0.113.9"):
    return client.post(reverse("password_reset"), {"email": email}, REMOTE_ADDR=address)


def test_eighty_reset_requests_for_one_address_send_three_emails(client, staff_user):
    answers = {(r.status_code, r.url) for r in (reset(client, "staff@example.org") for _ in range(80))}

    assert answers == {(302, reverse("password_reset_done"))}, "the same answer every time"
    assert len(mail.outbox) == 3
    assert {tuple(message.to) for message in mail.outbox} == {("staff@example.org",)}


def test_one_client_gets_ten_emails_an_hour_whatever_the_addresses(client, django_user_model):
    for n in range(12):
        django_user_model.objects.create_user(f"person{n}", f"person{n}@example.org", "x")

    for n in range(12):
        reset(client, f"person{n}@example.org", address="203.0.113.9")
    assert len(mail.outbox) == 10

    reset(client, "person11@example.org", address="198.51.100.7")
    assert len(mail.outbox) == 11, "another client is not held up"


def test_a_limited_request_for_an_unknown_address_looks_the_same(client, staff_user):
    for _ in range(5):
        reset(client, "nobody@example.org")
    limited_unknown = reset(client, "nobody@example.org")
    for _ in range(3):
        reset(client, "staff@example.org", address="198.51.100.7")
    limited_known = reset(client, "staff@example.org", address="198.51.100.7")

    assert (limited_unknown.status_code, limited_unknown.url) == (limited_known.status_code, limited_known.url)
    assert "Check your email" in client.get(limited_known.url).text
    assert len(mail.outbox) == 3
