"""The partner directory for VRU staff: filters, sorting, pages and the CSV export of exactly what is filtered."""

import csv
import io

import pytest
from django.urls import reverse

from partners.models import BasicCommandUnit, Borough, OrganisationType
from partners.tests.factories import OrganisationFactory
from partners.tests.organisations.utils import signed_in

pytestmark = pytest.mark.django_db


def serving(*boroughs, **fields):
    organisation = OrganisationFactory(**fields)
    organisation.boroughs_served.set(Borough.objects.filter(name__in=boroughs))
    return organisation


@pytest.fixture
def directory(db):
    """A handful of organisations whose filters pick out known sets."""
    return {
        "trust": serving("Lambeth", "Southwark", name="Southside Youth Trust", charity_number="1187654"),
        "academy": serving(
            "Lambeth",
            name="Brixton Academy Trust",
            type=OrganisationType.EDUCATION,
            charity_number="",
            company_number="08123456",
        ),
        "police": serving(name="Metropolitan Police Service", type=OrganisationType.POLICE, charity_number=""),
        "faith": serving("Croydon", name="Croydon Faith Forum", type=OrganisationType.FAITH, charity_number="1154321"),
        "hackney": serving("Hackney", name="Hackney Youth Club", charity_number="1099999"),
    }


def names(client, **query) -> list[str]:
    response = client.get(reverse("partners:directory"), query)
    assert response.status_code == 200
    return [organisation.name for organisation in response.context["organisations"]]


@pytest.fixture
def staff(client, staff_user):
    return signed_in(client, staff_user)


def test_everything_in_name_order(staff, directory):
    assert names(staff) == [
        "Brixton Academy Trust",
        "Croydon Faith Forum",
        "Hackney Youth Club",
        "Metropolitan Police Service",
        "Southside Youth Trust",
    ]


def test_sorted_by_name_backwards(staff, directory):
    assert names(staff, sort="-name")[0] == "Southside Youth Trust"


def test_filter_by_type(staff, directory):
    assert names(staff, type="voluntary") == ["Hackney Youth Club", "Southside Youth Trust"]
    assert names(staff, type="police") == ["Metropolitan Police Service"]


def test_filter_by_borough_served(staff, directory):
    lambeth = Borough.objects.get(name="Lambeth")
    assert names(staff, borough=lambeth.pk) == ["Brixton Academy Trust", "Southside Youth Trust"]


def test_filter_by_bcu_lists_each_organisation_once(staff, directory):
    central_south = BasicCommandUnit.objects.get(code="CS")  # Lambeth and Southwark

    response = staff.get(reverse("partners:directory"), {"bcu": central_south.pk})

    assert [o.name for o in response.context["organisations"]] == ["Brixton Academy Trust", "Southside Youth Trust"]
    assert "2 organisations" in response.text
    assert names(staff, bcu=BasicCommandUnit.objects.get(code="CE").pk) == ["Hackney Youth Club"]


def test_search_by_name_charity_or_company_number(staff, directory):
    assert names(staff, q="youth") == ["Hackney Youth Club", "Southside Youth Trust"]
    assert names(staff, q="1187654") == ["Southside Youth Trust"]
    assert names(staff, q="0812 3456") == ["Brixton Academy Trust"]


def test_filters_combine(staff, directory):
    lambeth = Borough.objects.get(name="Lambeth")
    assert names(staff, type="voluntary", borough=lambeth.pk, q="trust") == ["Southside Youth Trust"]


def test_an_invalid_filter_is_explained_and_shows_nothing(staff, directory):
    response = staff.get(reverse("partners:directory"), {"type": "pirate"})

    assert list(response.context["organisations"]) == []
    assert "There is a problem" in response.text
    assert "Select a valid choice. pirate is not one of the available choices." in response.text


def test_25_to_a_page(staff):
    for number in range(30):
        OrganisationFactory(name=f"Organisation {number:02d}")

    first = staff.get(reverse("partners:directory"))
    second = staff.get(reverse("partners:directory"), {"page": 2})

    assert len(first.context["organisations"]) == 25
    assert [o.name for o in second.context["organisations"]] == [f"Organisation {n}" for n in range(25, 30)]
    assert "30 organisations" in first.text


def test_the_directory_links_each_organisation_and_shows_its_boroughs(staff, directory):
    page = staff.get(reverse("partners:directory")).text

    assert f'href="{directory["trust"].get_absolute_url()}">Southside Youth Trust</a>' in page
    assert "Lambeth, Southwark" in page
    assert "London-wide" in page


# --- The CSV export ------------------------------------------------------------------------------


def export(client, **query):
    response = client.get(reverse("partners:directory-export"), query)
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    return list(csv.reader(io.StringIO(response.getvalue().decode("utf-8-sig"))))


def test_the_export_has_exactly_what_is_filtered(staff, directory):
    central_south = BasicCommandUnit.objects.get(code="CS")

    rows = export(staff, bcu=central_south.pk, sort="-name")

    assert rows[0][:3] == ["ID", "Name", "Type"]
    assert [row[1] for row in rows[1:]] == ["Southside Youth Trust", "Brixton Academy Trust"]
    trust = rows[1]
    assert trust[2] == "Voluntary and community sector"
    assert trust[4] == "1187654"
    assert trust[6] == "Lambeth; Southwark"


def test_the_export_keeps_spreadsheet_formulas_as_text(staff):
    OrganisationFactory(name='=HYPERLINK("http://evil.example")')

    rows = export(staff)

    assert rows[1][1].startswith("'=")


def test_the_export_refuses_invalid_filters(staff):
    response = staff.get(reverse("partners:directory-export"), {"borough": "999999"})

    assert response.status_code == 400
    assert "borough" in response.content.decode()


def test_partners_cannot_export(client, lambeth, southside_admin):
    response = signed_in(client, southside_admin).get(reverse("partners:directory-export"))

    assert response.status_code == 403
    assert lambeth.name not in response.content.decode()
