"""Control characters: refused in every text field, pages and API alike; cleaned out of every download.

A control character (``\\x1b``, say) cannot be typed on purpose, shows as nothing, and an
XLSX cell cannot hold it: one in an organisation's address once made the public
360Giving workbook answer 500.
"""

import csv
import importlib
import io

import pytest
from django import forms
from django.urls import reverse
from openpyxl import load_workbook
from rest_framework import serializers
from rest_framework.test import APIClient

from commissioning.services import applications as application_services
from commissioning.tests.applications.factories import draft_application
from commissioning.tests.factories import FundingRoundFactory
from commissioning.tests.transparency.factories import charity_grant
from partners.models import Borough, Organisation
from partners.tests.factories import CspFactory, partner_of
from vru.api import InputRulesMixin
from vru.forms import GovukFormMixin
from vru.validators import CONTROL_CHARACTERS_MESSAGE, has_control_characters, writable_text

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("text", "refused"),
    [
        ("plain", False),
        ("a\ttab", False),
        ("two\nlines", False),
        ("two\r\nlines from a browser", False),
        ("escape \x1b[31m", True),
        ("bell\x07", True),
        ("a lone\rcarriage return", True),
        ("delete\x7f", True),
        ("C1 control\x85", True),
        ("café – £5 😀", False),
    ],
)
def test_which_text_is_refused(text, refused):
    assert has_control_characters(text) is refused


def test_a_download_keeps_the_text_without_what_it_cannot_hold():
    assert writable_text("Unit 4\x1b, Coldharbour\x00 Lane\r\n\tLondon\uffff") == "Unit 4, Coldharbour Lane\r\n\tLondon"


# --- Pages and API refuse them ---------------------------------------------------------------------


@pytest.fixture
def lambeth(db):
    borough = Borough.objects.get(name="Lambeth")
    organisation = CspFactory(csp_borough=borough, address="Old address")
    organisation.boroughs_served.set([borough])
    return organisation


def _organisation_form(organisation, address):
    return {
        "name": organisation.name,
        "type": "local_authority",
        "charity_number": "",
        "company_number": "",
        "boroughs_served": [organisation.csp_borough_id],
        "address": address,
        "postcode": "SW2 1RW",
        "website": "",
    }


def test_the_organisation_page_refuses_an_escape_character_and_saves_nothing(client, lambeth):
    client.force_login(partner_of(lambeth, username="joanna", role="admin"))

    response = client.post(
        reverse("partners:organisation-edit", args=[lambeth.pk]), _organisation_form(lambeth, "Elm Park\x1b\nLondon")
    )

    html = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in html
    assert f'<a href="#id_address">{CONTROL_CHARACTERS_MESSAGE}</a>' in html
    assert 'id="id_address-error"' in html
    lambeth.refresh_from_db()
    assert lambeth.address == "Old address"


def test_the_organisation_page_takes_tabs_and_lines(client, lambeth):
    client.force_login(partner_of(lambeth, username="joanna", role="admin"))

    response = client.post(
        reverse("partners:organisation-edit", args=[lambeth.pk]), _organisation_form(lambeth, "Elm Park\r\n\tLondon")
    )

    assert response.status_code == 302
    lambeth.refresh_from_db()
    assert lambeth.address == "Elm Park\r\n\tLondon"


def test_the_api_answers_400_naming_the_field_and_saves_nothing(lambeth):
    api = APIClient()
    api.force_login(partner_of(lambeth, username="joanna", role="admin"))
    url = reverse("api:organisation-detail", args=[lambeth.pk])

    refused = api.patch(url, {"address": "Elm Park\x1b", "name": "Lambeth\x07 CSP"}, format="json")

    assert refused.status_code == 400
    assert refused.json() == {"address": [CONTROL_CHARACTERS_MESSAGE], "name": [CONTROL_CHARACTERS_MESSAGE]}
    lambeth.refresh_from_db()
    assert (lambeth.address, lambeth.name) == ("Old address", "Lambeth Community Safety Partnership")

    accepted = api.patch(url, {"address": "Elm Park\n\tLondon"}, format="json")

    assert accepted.status_code == 200
    lambeth.refresh_from_db()
    assert lambeth.address == "Elm Park\n\tLondon"


def _project_classes(base):
    importlib.import_module("vru.urls")
    found, pending = set(), [base]
    while pending:
        for subclass in pending.pop().__subclasses__():
            pending.append(subclass)
            module = subclass.__module__
            if module.split(".")[0] in {"commissioning", "partners", "programmes", "vru"} and ".tests" not in module:
                found.add(subclass)
    return found


def test_every_serializer_of_the_project_refuses_control_characters():
    missing = [
        f"{cls.__module__}.{cls.__name__}"
        for cls in _project_classes(serializers.BaseSerializer)
        # vru.schema's serializers only describe responses in the OpenAPI schema; they never read input.
        if cls.__module__ != "vru.schema" and not issubclass(cls, InputRulesMixin | serializers.ListSerializer)
    ]
    assert missing == [], "derive these from vru.api.Serializer or vru.api.ModelSerializer"


def test_every_page_form_with_text_refuses_control_characters():
    missing = [
        f"{cls.__module__}.{cls.__name__}"
        for cls in _project_classes(forms.BaseForm)
        if ".admin" not in cls.__module__
        and not issubclass(cls, GovukFormMixin)
        and any(isinstance(field, forms.CharField) for field in cls.base_fields.values())
    ]
    assert missing == [], "mix vru.forms.GovukFormMixin into these"


# --- Records stored before the rule still download -------------------------------------------------


# getvalue(), not content: it reads a streamed download as well as a whole one.
def _workbook_cells(content: bytes) -> list:
    return [cell for row in load_workbook(io.BytesIO(content)).active.iter_rows(values_only=True) for cell in row]


def _csv_cells(text: str) -> list:
    return [cell for row in csv.reader(io.StringIO(text)) for cell in row]


def test_the_360giving_workbook_and_csv_drop_control_characters_from_an_old_record():
    grant = charity_grant()
    # As a record saved before the forms refused them would be: straight into the table.
    Organisation.objects.filter(pk=grant.organisation_id).update(address="Unit 4\x1b, 12 Coldharbour Lane\nLondon")

    xlsx = APIClient().get(reverse("commissioning:grants-360giving-xlsx"))
    as_csv = APIClient().get(reverse("commissioning:grants-360giving-csv"))

    assert xlsx.status_code == 200
    assert "Unit 4, 12 Coldharbour Lane, London" in _workbook_cells(xlsx.getvalue())
    assert as_csv.status_code == 200
    assert "Unit 4, 12 Coldharbour Lane, London" in _csv_cells(as_csv.getvalue().decode())
    assert b"\x1b" not in as_csv.getvalue()


def test_the_pipeline_workbook_drops_control_characters_from_an_old_title(staff_client):
    funding_round = FundingRoundFactory()
    application = draft_application(round=funding_round)
    application_services.application_project_save(
        application=application, user=application.created_by, mark_complete=False, project_title="Boxing"
    )
    type(application).objects.filter(pk=application.pk).update(project_title="Boxing\x1b after school")

    response = staff_client.get(
        reverse("commissioning:round-pipeline-export", args=[funding_round.pk]), {"format": "xlsx"}
    )

    assert response.status_code == 200
    assert "Boxing after school" in _workbook_cells(response.getvalue())
