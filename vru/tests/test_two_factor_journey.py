"""In a real browser: a staff member whose role must use two-factor authentication sets up an app after the
password, keeps the backup codes, signs out and back in with a code. axe-core checks every page on the way,
and the Content-Security-Policy refuses nothing."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import expect

from vru.tests.factories import UserFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def test_a_staff_member_sets_up_an_app_and_signs_in_with_a_code(live_server, page, axe, settings):
    settings.TWO_FACTOR_REQUIRED_ROLES = ["staff"]
    staff = UserFactory(username="sam", first_name="Sam", last_name="Okoro", role="staff")
    staff.set_password("vru-demo-2026")
    staff.save()
    refused = []
    page.on(
        "console", lambda message: refused.append(message.text) if "Content-Security-Policy" in message.text else None
    )

    def sign_in():
        page.goto(f"{live_server.url}/accounts/login/")
        page.get_by_label("Username").fill("sam")
        page.get_by_label("Password").fill("vru-demo-2026")
        page.get_by_role("button", name="Sign in").click()

    sign_in()
    expect(page.get_by_role("heading", name="Set up two-factor authentication")).to_be_visible()
    expect(page.locator(".vru-qr svg")).to_be_visible()
    axe(page)
    page.goto(f"{live_server.url}/programmes/")
    expect(page.get_by_role("heading", name="Set up two-factor authentication")).to_be_visible()

    device = TOTPDevice.objects.get(user=staff, confirmed=False)
    page.get_by_label("Code").fill(f"{totp(device.bin_key):06d}")
    page.get_by_role("button", name="Turn on two-factor authentication").click()
    expect(page.get_by_role("heading", name="Your backup codes")).to_be_visible()
    expect(page.locator("#backup-codes li")).to_have_count(10)
    axe(page)
    page.get_by_role("button", name="I have kept my codes: continue").click()
    expect(page).to_have_url(re.compile(r"/programmes/$"))

    page.get_by_role("link", name="Two-factor authentication").click()
    expect(page.get_by_text("Backup codes left")).to_be_visible()
    axe(page)
    page.get_by_role("button", name="Sign out").click()

    sign_in()
    expect(page.get_by_role("heading", name="Enter your code")).to_be_visible()
    axe(page)
    page.get_by_label("Code").fill("000000")
    page.get_by_role("button", name="Continue").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("The code is not right")
    expect(page.locator("#id_code-error")).to_contain_text("The code is not right")
    axe(page)

    TOTPDevice.objects.filter(pk=device.pk).update(throttling_failure_timestamp=timezone.now() - timedelta(seconds=5))
    device.refresh_from_db()
    page.get_by_label("Code").fill(f"{totp(device.bin_key, drift=1):06d}")  # the app's next code
    page.get_by_role("button", name="Continue").click()
    expect(page.get_by_role("heading", name="Dashboard", level=1)).to_be_visible()
    assert refused == []
