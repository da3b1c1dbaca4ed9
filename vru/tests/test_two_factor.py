"""Two-factor authentication: required for VRU roles where the setting says so, offered to everyone."""

import re
from datetime import timedelta
from urllib.parse import quote

import pytest
from django.urls import reverse
from django.utils import timezone
from django_otp.oath import totp
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from partners.tests.organisations.utils import field_error, summary_links

pytestmark = pytest.mark.django_db

PASSWORD = "correct-horse-battery"
SETUP = reverse("two-factor:setup")
VERIFY = reverse("two-factor:verify")


@pytest.fixture
def required(settings):
    settings.TWO_FACTOR_REQUIRED_ROLES = ["admin", "manager", "staff"]


def sign_in(client, username):
    return client.post(reverse("login"), {"username": username, "password": PASSWORD})


def code_now(device, steps_ahead=0):
    # A code is accepted once; the next sign-in uses the app's next code, as it would half a minute later.
    return f"{totp(device.bin_key, drift=steps_ahead):06d}"


def set_up_app(client):
    client.get(SETUP)
    device = TOTPDevice.objects.get(confirmed=False)
    response = client.post(SETUP, {"code": code_now(device), "next": "/"})
    device.refresh_from_db()
    return device, response


def backup_codes_in(html):
    return re.findall(r"<li><code>([a-z2-7]{8})</code></li>", html)


def test_a_staff_member_cannot_get_past_the_password_alone(client, staff_user, admin_user, required):
    response = sign_in(client, "staff")

    assert response.url == f"{SETUP}?next=%2F"
    dashboard = client.get(reverse("programmes:dashboard"))
    assert dashboard.status_code == 302 and dashboard.url == f"{SETUP}?next=%2F"
    assert client.get("/programmes/").url == f"{SETUP}?next={quote('/programmes/', safe='')}"
    assert client.get("/api/v1/programmes/").status_code == 403
    client.post(reverse("logout"))

    sign_in(client, "admin")
    assert client.get("/admin/").url.startswith(SETUP), "the Django admin too"


def test_setting_up_the_app_shows_backup_codes_once_and_lets_them_in(client, staff_user, required):
    sign_in(client, "staff")

    page = client.get(SETUP).text
    assert "<svg" in page and 'class="segno"' in page, "the QR code is drawn inline"
    assert " style=" not in page.split("<main", 1)[1], "no inline style for the Content-Security-Policy to refuse"
    device = TOTPDevice.objects.get(user=staff_user, confirmed=False)
    wrong = client.post(SETUP, {"code": "000000", "next": "/"})
    assert field_error(wrong.text, "code").startswith("The code is not right")

    device.throttling_failure_timestamp = timezone.now() - timedelta(seconds=5)  # time passes after the wrong code
    device.save()
    response = client.post(SETUP, {"code": code_now(device), "next": "/"})

    assert response.url == f"{reverse('two-factor:backup-codes')}?next=%2F"
    codes_page = client.get(response.url).text
    assert len(set(backup_codes_in(codes_page))) == 10
    assert "This is the only time these codes are shown" in codes_page
    assert client.get(reverse("two-factor:backup-codes")).url == reverse("two-factor:account"), "shown once"
    assert client.get(reverse("programmes:dashboard")).status_code == 200
    assert "Backup codes left" in client.get(reverse("two-factor:account")).text


def test_signing_in_asks_for_the_code_and_refuses_a_wrong_one_beside_the_field(client, staff_user, required):
    sign_in(client, "staff")
    device, _ = set_up_app(client)
    client.post(reverse("logout"))

    response = sign_in(client, "staff")
    assert response.url == f"{VERIFY}?next=%2F"
    assert client.get(reverse("programmes:dashboard")).url == f"{VERIFY}?next=%2F"

    wrong = client.post(VERIFY, {"code": "123456", "next": "/"})
    assert wrong.status_code == 200
    assert field_error(wrong.text, "code") == (
        "The code is not right. Enter the 6-digit code your app shows now, or one of your backup codes."
    )
    assert summary_links(wrong.text)[0][0] == "#id_code"
    too_soon = client.post(VERIFY, {"code": code_now(device, steps_ahead=1), "next": "/"})
    assert field_error(too_soon.text, "code").startswith("Too many wrong codes. Wait")

    TOTPDevice.objects.filter(pk=device.pk).update(throttling_failure_timestamp=timezone.now() - timedelta(seconds=5))
    right = client.post(VERIFY, {"code": code_now(device, steps_ahead=1), "next": "/"})

    assert right.url == "/"
    assert client.get(reverse("programmes:dashboard")).status_code == 200


def test_a_backup_code_works_once(client, staff_user, required):
    sign_in(client, "staff")
    set_up_app(client)
    code = StaticToken.objects.filter(device__user=staff_user).first().token
    client.post(reverse("logout"))

    sign_in(client, "staff")
    first = client.post(VERIFY, {"code": code.upper(), "next": "/"})
    assert first.url == "/"
    assert "You used a backup code: it will not work again. 9 left" in client.get("/").text
    client.post(reverse("logout"))

    sign_in(client, "staff")
    again = client.post(VERIFY, {"code": code, "next": "/"})
    assert field_error(again.text, "code").startswith("The code is not right")
    assert client.get(reverse("programmes:dashboard")).status_code == 302


def test_new_backup_codes_replace_the_old(client, staff_user, required):
    sign_in(client, "staff")
    set_up_app(client)
    old = set(StaticToken.objects.values_list("token", flat=True))

    response = client.post(reverse("two-factor:backup-codes"))

    new = set(backup_codes_in(client.get(response.url).text))
    assert len(new) == 10 and not new & old
    assert set(StaticToken.objects.values_list("token", flat=True)) == new


def test_a_required_role_cannot_turn_it_off(client, staff_user, required):
    sign_in(client, "staff")
    set_up_app(client)

    assert "Turn off two-factor authentication" not in client.get(reverse("two-factor:account")).text
    response = client.post(reverse("two-factor:turn-off"))
    assert response.status_code == 400
    assert "Your role must use two-factor authentication" in response.text
    assert TOTPDevice.objects.filter(user=staff_user, confirmed=True).exists()


def test_without_the_requirement_a_password_is_enough_and_2fa_is_offered(client, partner_user, staff_user):
    assert sign_in(client, "staff").url == "/", "DEBUG's default: no role must"
    client.post(reverse("logout"))
    assert sign_in(client, "partner").url == reverse("partners:home")
    account = client.get(reverse("two-factor:account")).text
    assert "Set up two-factor authentication" in account

    device, _ = set_up_app(client)
    client.post(reverse("logout"))
    assert sign_in(client, "partner").url == f"{VERIFY}?next={quote(reverse('partners:home'), safe='')}"
    client.post(VERIFY, {"code": code_now(device, steps_ahead=1)})

    client.post(reverse("two-factor:turn-off"))
    assert not TOTPDevice.objects.filter(user=partner_user).exists()
    client.post(reverse("logout"))
    assert sign_in(client, "partner").url == reverse("partners:home")


def test_the_roles_that_must_use_it_come_from_the_environment(monkeypatch):
    import importlib

    import vru.settings

    monkeypatch.setenv("TWO_FACTOR_REQUIRED_ROLES", "Staff, prg")
    assert importlib.reload(vru.settings).TWO_FACTOR_REQUIRED_ROLES == ["staff", "prg"]
    monkeypatch.setenv("TWO_FACTOR_REQUIRED_ROLES", "none")
    assert importlib.reload(vru.settings).TWO_FACTOR_REQUIRED_ROLES == []
    monkeypatch.setenv("TWO_FACTOR_REQUIRED_ROLES", "staff,boss")
    with pytest.raises(Exception, match="TWO_FACTOR_REQUIRED_ROLES names unknown roles boss"):
        importlib.reload(vru.settings)
    monkeypatch.delenv("TWO_FACTOR_REQUIRED_ROLES")
    importlib.reload(vru.settings)
