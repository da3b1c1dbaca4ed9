"""The Django admin refuses what every page refuses: control characters in text, dates outside the
years the site works with and amounts past the cap, beside the field, with nothing saved."""

import pytest
from django.contrib import admin
from django.urls import reverse

from partners.models import Organisation
from partners.tests.factories import OrganisationFactory
from vru.admin import InputRulesAdminFormMixin
from vru.tests.admin_form import admin_form_data
from vru.validators import CONTROL_CHARACTERS_MESSAGE

pytestmark = pytest.mark.django_db


def test_every_registered_admin_form_and_inline_form_applies_the_input_rules():
    missing = [
        f"{model.__name__}: {form.__name__}"
        for model, model_admin in admin.site._registry.items()
        for form in [model_admin.form, *(inline.form for inline in model_admin.inlines)]
        if not issubclass(form, InputRulesAdminFormMixin)
    ]
    assert missing == []


def _post_organisation(client, organisation, **changes):
    url = reverse("admin:partners_organisation_change", args=[organisation.pk])
    data = admin_form_data(client.get(url))
    data.update(changes)
    return client.post(url, data)


def test_an_escape_character_in_an_organisations_address_is_refused_in_the_admin(admin_client):
    organisation = OrganisationFactory(address="1 High Street")

    response = _post_organisation(admin_client, organisation, address="1 High Street\x1b[2J")

    assert response.status_code == 200
    assert CONTROL_CHARACTERS_MESSAGE in response.content.decode()
    assert Organisation.objects.get(pk=organisation.pk).address == "1 High Street"


def test_tab_and_new_lines_are_kept_in_the_admin(admin_client):
    organisation = OrganisationFactory(address="1 High Street")

    response = _post_organisation(admin_client, organisation, address="1 High Street\r\nLambeth\tSE1")

    assert response.status_code == 302
    assert Organisation.objects.get(pk=organisation.pk).address == "1 High Street\r\nLambeth\tSE1"
