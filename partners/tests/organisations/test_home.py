"""A partner user's home page: the organisations they act for."""

import pytest
from django.urls import reverse

from partners.models import MembershipRole
from partners.tests.factories import partner_of
from partners.tests.organisations.utils import signed_in

pytestmark = pytest.mark.django_db


def test_a_partner_sees_each_of_their_organisations_with_a_link_and_their_role(client, lambeth, southside):
    person = partner_of(lambeth, username="both", role=MembershipRole.ADMIN)
    southside.memberships.create(user=person, role=MembershipRole.CONTRIBUTOR)

    page = signed_in(client, person).get(reverse("partners:home")).text

    assert "Your home page" in page
    assert f'href="{lambeth.get_absolute_url()}">{lambeth.name}</a>' in page
    assert f'href="{southside.get_absolute_url()}">{southside.name}</a>' in page
    assert "for Lambeth" in page
    assert "you are an organisation admin" in page and "you are a contributor" in page
    assert page.index(lambeth.name) < page.index(southside.name)


def test_a_partner_sees_only_their_own_organisations(client, lambeth, southside, southside_admin):
    page = signed_in(client, southside_admin).get(reverse("partners:home")).text

    assert southside.name in page
    assert lambeth.name not in page


def test_a_partner_with_no_organisation_is_told_what_to_do(client, partner_user):
    page = signed_in(client, partner_user).get(reverse("partners:home")).text

    assert "You do not act for any organisation yet." in page
