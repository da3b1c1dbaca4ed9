import re

import pytest
from django.core import mail
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_sign_in_page_is_public_and_other_pages_are_not(client):
    assert client.get(reverse("login")).status_code == 200
    response = client.get(reverse("programmes:programme-list"))
    assert response.status_code == 302
    assert response.url == f"{reverse('login')}?next=/programmes/"


def test_sign_in_takes_you_where_you_were_going(client, staff_user):
    response = client.post(
        reverse("login"), {"username": "staff", "password": "correct-horse-battery", "next": "/programmes/"}
    )
    assert response.status_code == 302
    assert response.url == "/programmes/"


def test_wrong_password_is_explained_at_the_top_and_keeps_the_username(client, staff_user):
    response = client.post(reverse("login"), {"username": "staff", "password": "wrong"})
    html = response.content.decode()
    assert "There is a problem" in html
    assert '<a href="#id_username">Enter a correct username and password. Both are case-sensitive.</a>' in html
    assert 'value="staff"' in html


def test_sign_out_needs_a_post_and_ends_the_session(client, staff_user):
    client.force_login(staff_user)
    assert client.post(reverse("logout")).status_code == 302
    assert client.get(reverse("programmes:dashboard")).status_code == 302


def test_password_change(client, staff_user):
    client.force_login(staff_user)
    short = client.post(
        reverse("password_change"),
        {"old_password": "correct-horse-battery", "new_password1": "short", "new_password2": "short"},
    )
    assert "There is a problem" in short.content.decode()
    client.post(
        reverse("password_change"),
        {
            "old_password": "correct-horse-battery",
            "new_password1": "a much longer pass phrase",
            "new_password2": "a much longer pass phrase",
        },
    )
    staff_user.refresh_from_db()
    assert staff_user.check_password("a much longer pass phrase")


def test_password_reset_by_email(client, staff_user):
    response = client.post(reverse("password_reset"), {"email": "staff@example.org"})
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    assert mail.outbox[0].subject == "Reset your VRU programme management password"
    link = re.search(r"http://testserver(/accounts/reset/\S+/)", mail.outbox[0].body).group(1)
    form_url = client.get(link).url  # Django swaps the token for a session value
    client.post(form_url, {"new_password1": "brand new pass phrase", "new_password2": "brand new pass phrase"})
    staff_user.refresh_from_db()
    assert staff_user.check_password("brand new pass phrase")
    assert "This link has expired" in client.get(link, follow=True).content.decode()


def test_api_docs_send_people_to_sign_in_and_the_api_answers_401(client):
    docs = client.get(reverse("api-docs"))
    assert docs.status_code == 302
    assert docs.url.startswith(reverse("login"))
    assert client.get(reverse("api-schema")).status_code in (401, 403)
    assert client.get("/api/v1/programmes/").status_code == 401


@pytest.mark.parametrize(
    ("role", "landing", "menu"),
    [
        (
            "admin",
            "/",
            [
                "Dashboard",
                "Programmes",
                "Reports",
                "Funding",
                "Grants",
                "Partners",
                "Borough plans",
                "PRG",
                "API",
                "Admin",
            ],
        ),
        (
            "staff",
            "/",
            ["Dashboard", "Programmes", "Reports", "Funding", "Grants", "Partners", "Borough plans", "PRG", "API"],
        ),
        (
            "manager",
            "/",
            ["Dashboard", "Programmes", "Reports", "Funding", "Grants", "Partners", "Borough plans", "PRG", "API"],
        ),
        ("prg", "/partners/prg/", ["PRG", "Reports", "Strategy"]),
        ("partner", "/partners/home/", ["Home", "Funding", "Grants", "Strategy"]),
    ],
)
def test_each_role_lands_on_its_own_part_and_sees_its_menu(client, personas, role, landing, menu):
    response = client.post(reverse("login"), {"username": personas[role].username, "password": "correct-horse-battery"})
    assert response.url == landing
    page = client.get(reverse("programmes:dashboard")).content.decode()
    navigation = page.split('id="navigation"', 1)[1].split("</ul>", 1)[0]
    assert re.findall(r'class="govuk-service-navigation__link" href="[^"]+"[^>]*>([^<]+)</a>', navigation) == menu
