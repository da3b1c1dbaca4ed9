"""The public page of awarded grants at /grants/ and each grant's page: for everyone, and only awards."""

from datetime import datetime
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from commissioning.models import ApplicationStatus, Grant
from commissioning.services.awards import application_decline
from commissioning.tests.factories import ApplicationFactory, recommended_application
from commissioning.tests.transparency.conftest import ROLES
from commissioning.tests.transparency.factories import WardFactory, charity_grant, council_grant, grant_in, many_grants
from partners.models import Borough
from programmes.models import Objective
from vru.tests.factories import UserFactory

pytestmark = pytest.mark.django_db

LIST = reverse("commissioning:grants-published")


def detail(grant):
    return reverse("commissioning:published-grant", args=[grant.pk])


def rows(response) -> list[str]:
    """The grant titles listed, in order."""
    return [grant.title for grant in response.context["grants"]]


def awarded_in(grant, year, month=6):
    Grant.objects.filter(pk=grant.pk).update(awarded_at=timezone.make_aware(datetime(year, month, 15, 10)))


@pytest.mark.parametrize("role", ROLES)
def test_everyone_sees_the_published_grants(as_role, role):
    grant = charity_grant(boroughs=["Lambeth", "Southwark"])
    client = as_role(role, grant)
    response = client.get(LIST)
    assert response.status_code == 200
    page = response.content.decode()
    assert grant.title in page
    assert "Southside Youth Trust" in page
    assert "£40,000.00" in page
    assert "Lambeth, Southwark" in page
    assert grant.application.round.title in page
    assert reverse("commissioning:grants-360giving-json") in page
    assert reverse("commissioning:grants-360giving-csv") in page
    assert reverse("commissioning:grants-360giving-xlsx") in page


@pytest.mark.parametrize("role", ROLES)
def test_everyone_sees_a_grants_page(as_role, role):
    ward = WardFactory(name="Brixton Acre Lane", ons_code="E05014085", borough=Borough.objects.get(name="Lambeth"))
    grant = charity_grant(boroughs=["Southwark"], wards=[ward])
    response = as_role(role, grant).get(detail(grant))
    assert response.status_code == 200
    page = response.content.decode()
    assert f'<h1 class="govuk-heading-l">{grant.title}</h1>' in page
    assert grant.identifier in page
    assert "GB-CHC-1187654" in page
    assert "Charity number 1187654" in page
    assert "£40,000.00" in page
    assert 'Brixton Acre Lane <span class="govuk-body-s">(ward, E05014085)</span>' in page
    assert 'Southwark <span class="govuk-body-s">(borough, E09000028)</span>' in page


def test_a_council_recipient_page_shows_its_register_identifier(client):
    grant = council_grant("Lambeth")
    assert "GB-LAE-LBH" in client.get(detail(grant)).content.decode()


def test_an_unknown_grant_is_404(client):
    assert client.get(reverse("commissioning:published-grant", args=[999999])).status_code == 404


def test_nothing_but_awards_is_published(client):
    awarded = grant_in()
    ApplicationFactory(project_title="Draft project")
    recommended_application(project_title="Recommended project")
    declined = recommended_application(project_title="Declined project")
    application_decline(application=declined, user=UserFactory(role="manager"), reasons="Out of scope.")
    withdrawn = ApplicationFactory(project_title="Withdrawn project", status=ApplicationStatus.WITHDRAWN)
    assert withdrawn.status == "withdrawn"
    response = client.get(LIST)
    assert rows(response) == [awarded.title]
    page = response.content.decode()
    for title in ["Draft project", "Recommended project", "Declined project", "Withdrawn project"]:
        assert title not in page
    assert "1 grant, £40,000.00 in all" in page


def test_with_no_grants_there_is_nothing_to_download(client):
    recommended_application()
    page = client.get(LIST).content.decode()
    assert "No grants have been awarded yet." in page
    assert "360giving.json" not in page


def test_newest_awards_come_first(client):
    older, newer = grant_in(), grant_in()
    awarded_in(older, 2025)
    awarded_in(newer, 2026)
    assert rows(client.get(LIST)) == [newer.title, older.title]


def test_filter_by_financial_year_of_award(client):
    march, april = grant_in(), grant_in()
    # 31 March 2026 is in 2025-26; 1 April 2026 in 2026-27, London time.
    Grant.objects.filter(pk=march.pk).update(awarded_at=timezone.make_aware(datetime(2026, 3, 31, 23, 30)))
    Grant.objects.filter(pk=april.pk).update(awarded_at=timezone.make_aware(datetime(2026, 4, 1, 0, 30)))
    response = client.get(LIST, {"year": 2025})
    assert rows(response) == [march.title]
    assert rows(client.get(LIST, {"year": 2026})) == [april.title]
    choices = [label for value, label in response.context["filter_form"].fields["year"].choices]
    assert choices == ["Any year", "2026-27", "2025-26"]
    assert "1 grant matches, £40,000.00 in all" in response.content.decode()


def test_filter_by_borough_finds_grants_serving_its_wards(client):
    lambeth = Borough.objects.get(name="Lambeth")
    by_borough = grant_in(boroughs=[lambeth])
    by_ward = grant_in(wards=[WardFactory(borough=lambeth), WardFactory(borough=lambeth)])
    elsewhere = grant_in(boroughs=["Hackney"])
    titles = rows(client.get(LIST, {"borough": lambeth.pk}))
    assert sorted(titles) == sorted([by_borough.title, by_ward.title])
    assert elsewhere.title not in titles


def test_filter_by_objective(client):
    five, six = Objective.objects.get(number=5), Objective.objects.get(number=6)
    fifth = grant_in(objectives=[five])
    both = grant_in(objectives=[five, six])
    sixth = grant_in(objectives=[six])
    assert sorted(rows(client.get(LIST, {"objective": five.pk}))) == sorted([fifth.title, both.title])
    assert sorted(rows(client.get(LIST, {"objective": six.pk}))) == sorted([both.title, sixth.title])


def test_search_by_title_recipient_or_identifier(client):
    grant = charity_grant()
    other = grant_in()
    assert rows(client.get(LIST, {"q": "southside"})) == [grant.title]
    assert rows(client.get(LIST, {"q": grant.identifier})) == [grant.title]
    assert rows(client.get(LIST, {"q": other.title})) == [other.title]


def test_an_invalid_filter_is_shown_and_lists_nothing(client):
    grant_in()
    response = client.get(LIST, {"borough": "999999", "year": "1900", "objective": "x"})
    assert response.status_code == 200
    assert rows(response) == []
    page = response.content.decode()
    assert "<title>Error: Grants awarded" in page
    assert "There is a problem" in page
    # Each beside its field and in the summary at the top, linking to the field.
    for field, message in [
        ("year", "Choose a financial year from the list."),
        ("borough", "Choose a borough from the list."),
        ("objective", "Choose an objective from the list."),
    ]:
        assert page.count(message) == 2
        assert f'<li><a href="#id_{field}">{message}</a></li>' in page
        assert f'<p id="id_{field}-error" class="govuk-error-message">' in page
    assert "0 grants match, £0.00 in all" in page


def test_filters_keep_what_was_chosen(client):
    lambeth = Borough.objects.get(name="Lambeth")
    grant_in(boroughs=[lambeth])
    page = client.get(LIST, {"borough": lambeth.pk, "q": "Project"}).content.decode()
    assert f'<option value="{lambeth.pk}" selected>Lambeth</option>' in page
    assert 'value="Project"' in page
    assert "Clear filters" in page


def test_the_list_pages_by_25(client):
    many_grants(30)
    first = client.get(LIST)
    assert len(rows(first)) == 25
    assert "30 grants, £300,000.00 in all" in first.content.decode()
    second = client.get(LIST, {"page": 2})
    assert len(rows(second)) == 5
    assert not set(rows(first)) & set(rows(second))
    assert 'aria-label="Page 2"' in first.content.decode()


def test_the_pages_only_read(client):
    grant = grant_in()
    assert client.post(LIST).status_code == 405
    assert client.post(detail(grant)).status_code == 405
    assert Grant.objects.get().amount == Decimal("40000.00")
