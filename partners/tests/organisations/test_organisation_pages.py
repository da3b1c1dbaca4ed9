"""An organisation's page, and adding and editing organisations: what people see, what is saved, what is refused."""

import pytest
from django.urls import reverse

from partners.models import Borough, MembershipRole, Organisation
from partners.tests.organisations.factories import InvitationFactory
from partners.tests.organisations.utils import field_error, signed_in, summary_links

pytestmark = pytest.mark.django_db


def form_data(**overrides):
    data = {
        "name": "Brixton Academy Trust",
        "type": "education",
        "csp_borough": "",
        "charity_number": "",
        "company_number": "08123456",
        "boroughs_served": [Borough.objects.get(name="Lambeth").pk],
        "address": "Elm Park\nLondon",
        "postcode": "SW2 2EF",
        "website": "https://brixton-academy-trust.example.org",
    }
    return data | overrides


# --- The organisation's page -----------------------------------------------------------------


def test_staff_see_the_details_people_and_open_invitations(client, staff_user, lambeth, lambeth_admin):
    InvitationFactory(organisation=lambeth, email="new.person@lambeth.example.org", first_name="New")

    page = signed_in(client, staff_user).get(lambeth.get_absolute_url()).content.decode()

    assert '<h1 class="govuk-heading-l">Lambeth Community Safety Partnership</h1>' in page
    assert "Community Safety Partnership for" in page
    assert lambeth_admin.email in page
    assert lambeth_admin.get_full_name() in page
    assert "Organisation admin" in page
    assert "new.person@lambeth.example.org" in page
    assert "Invite a colleague" in page
    assert "Edit the organisation's details" in page
    assert 'href="/partners/"' in page, "breadcrumb back to the directory"


def test_a_contributor_sees_colleagues_but_cannot_manage_them(client, lambeth, lambeth_admin, lambeth_contributor):
    InvitationFactory(organisation=lambeth, email="secret.invitee@example.org")

    page = signed_in(client, lambeth_contributor).get(lambeth.get_absolute_url()).content.decode()

    assert lambeth_admin.email in page and lambeth_contributor.email in page
    assert "secret.invitee@example.org" not in page
    assert "Invite a colleague" not in page
    assert "Change role" not in page
    assert "Edit the organisation" not in page
    assert 'href="/partners/home/"' in page, "breadcrumb back to their home page"


def test_an_organisation_admin_can_manage_people(client, lambeth, lambeth_admin, lambeth_contributor):
    page = signed_in(client, lambeth_admin).get(lambeth.get_absolute_url()).content.decode()

    membership = lambeth.memberships.get(user=lambeth_contributor)
    assert reverse("partners:membership-edit", args=[lambeth.pk, membership.pk]) in page
    assert reverse("partners:organisation-invite", args=[lambeth.pk]) in page
    assert "No invitations waiting." in page


# --- Adding an organisation ---------------------------------------------------------------------


def test_staff_add_an_organisation(client, staff_user):
    response = signed_in(client, staff_user).post(
        reverse("partners:organisation-create"),
        form_data(charity_number=" 1123456-1 ", company_number="sc 123456", postcode="sw22ef"),
    )

    organisation = Organisation.objects.get(name="Brixton Academy Trust")
    assert response.status_code == 302
    assert response.url == organisation.get_absolute_url()
    assert (organisation.charity_number, organisation.company_number) == ("1123456-1", "SC123456")
    assert organisation.postcode == "SW2 2EF"
    assert list(organisation.boroughs_served.values_list("name", flat=True)) == ["Lambeth"]
    assert organisation.history.get().history_user == staff_user
    page = client.get(response.url).content.decode()
    assert "Brixton Academy Trust added to the directory." in page
    assert "Nobody acts for this organisation yet." in page


def test_bad_numbers_are_refused_beside_their_fields_and_nothing_is_saved(client, staff_user):
    response = signed_in(client, staff_user).post(
        reverse("partners:organisation-create"),
        form_data(charity_number="12-34", company_number="123", website="nope nope"),
    )

    html = response.content.decode()
    assert response.status_code == 200
    assert "<title>Error: Add an organisation" in html
    assert field_error(html, "charity_number") == (
        "Enter a charity number such as 1123456, 1123456-1, SC012345 or NIC100001."
    )
    assert (
        field_error(html, "company_number") == "Enter a company number of 8 characters, such as 01234567 or SC123456."
    )
    assert field_error(html, "website") == "Enter the website&#x27;s address, like https://www.example.org"
    assert [anchor for anchor, _ in summary_links(html)] == ["#id_charity_number", "#id_company_number", "#id_website"]
    assert 'value="12-34"' in html, "what the user typed is kept"
    assert not Organisation.objects.exists()


def test_the_service_rules_show_beside_the_field_too(client, staff_user, lambeth):
    signed_in(client, staff_user)

    response = client.post(
        reverse("partners:organisation-create"),
        form_data(postcode="SW2 ZZZ", csp_borough=Borough.objects.get(name="Croydon").pk),
    )

    html = response.content.decode()
    assert field_error(html, "postcode") == "Enter a real postcode, like SE11 5QY."
    assert "Only a local authority or Community Safety Partnership" in field_error(html, "csp_borough")
    assert summary_links(html)[0][0] == "#id_csp_borough"
    assert Organisation.objects.count() == 1

    response = client.post(
        reverse("partners:organisation-create"),
        form_data(name="lambeth community safety partnership", type="local_authority"),
    )
    assert field_error(response.content.decode(), "name") == (
        "An organisation called lambeth community safety partnership is already in the directory."
    )


def test_required_fields(client, staff_user):
    response = signed_in(client, staff_user).post(reverse("partners:organisation-create"), {})

    assert summary_links(response.content.decode()) == [
        ("#id_name", "Enter the organisation&#x27;s name."),
        ("#id_type", "Choose the type of organisation."),
    ]


# --- Editing ----------------------------------------------------------------------------------------


def test_an_organisation_admin_edits_their_details_but_not_which_borough_it_is_the_csp_for(
    client, lambeth, lambeth_admin
):
    form = signed_in(client, lambeth_admin).get(reverse("partners:organisation-edit", args=[lambeth.pk]))
    assert 'name="csp_borough"' not in form.content.decode()

    croydon = Borough.objects.get(name="Croydon")
    response = client.post(
        reverse("partners:organisation-edit", args=[lambeth.pk]),
        form_data(
            name=lambeth.name,
            type="local_authority",
            company_number="",
            csp_borough=croydon.pk,
            boroughs_served=[lambeth.csp_borough_id, croydon.pk],
        ),
    )

    assert response.status_code == 302
    lambeth.refresh_from_db()
    assert lambeth.csp_borough.name == "Lambeth", "the posted csp_borough is ignored"
    assert set(lambeth.boroughs_served.values_list("name", flat=True)) == {"Lambeth", "Croydon"}
    assert lambeth.history.first().history_user == lambeth_admin


def test_staff_see_and_set_the_csp_borough(client, staff_user, southside):
    page = signed_in(client, staff_user).get(reverse("partners:organisation-edit", args=[southside.pk]))
    assert "Not a Community Safety Partnership" in page.content.decode()


def test_a_contributor_cannot_edit(client, lambeth, lambeth_contributor):
    response = signed_in(client, lambeth_contributor).post(
        reverse("partners:organisation-edit", args=[lambeth.pk]), form_data(name="Taken over", type="police")
    )

    assert response.status_code == 403
    lambeth.refresh_from_db()
    assert lambeth.name == "Lambeth Community Safety Partnership"


def test_edit_keeps_the_name_in_the_page_when_the_new_one_is_refused(client, staff_user, southside, lambeth):
    response = signed_in(client, staff_user).post(
        reverse("partners:organisation-edit", args=[southside.pk]), form_data(name=lambeth.name, type="voluntary")
    )

    html = response.content.decode()
    assert field_error(html, "name") == "That organisation is already in the directory."
    southside.refresh_from_db()
    assert southside.name == "Southside Youth Trust"


def test_the_membership_role_labels_are_the_models(lambeth):
    assert dict(MembershipRole.choices) == {"contributor": "Contributor", "admin": "Organisation admin"}
