"""Saving each section: formats checked on every save, required answers only to mark a section complete,
nothing saved when anything is wrong, and a saved-for-later section no longer complete."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError

from commissioning.models import (
    Application,
    GeographyLevel,
)
from commissioning.services import applications as services
from commissioning.tests.applications.factories import WardFactory, borough, draft_application
from commissioning.tests.factories import FundingRoundFactory
from programmes.models import Objective

pytestmark = pytest.mark.django_db


@pytest.fixture
def application(partner_user, organisation, funding_round):
    return draft_application(round=funding_round, organisation=organisation, user=partner_user)


def reload(application) -> Application:
    return Application.objects.get(pk=application.pk)


def errors_of(call, **kwargs) -> dict:
    with pytest.raises(ValidationError) as error:
        call(**kwargs)
    return error.value.message_dict


# --- Organisation details ---------------------------------------------------------------------------------


def test_organisation_details_are_tidied_and_saved(application, partner_user):
    services.application_organisation_save(
        application=application,
        user=partner_user,
        mark_complete=True,
        contact_name="  Sam Lee ",
        contact_role="Director",
        contact_phone="+44 20 7946 0000",
        postcode="se115qy",
        charity_number="sc 012345",
        company_number="sc123456",
    )

    saved = reload(application)
    assert (saved.contact_name, saved.postcode, saved.charity_number, saved.company_number) == (
        "Sam Lee",
        "SE11 5QY",
        "SC012345",
        "SC123456",
    )
    assert saved.sections_completed == ["organisation"]
    assert saved.history.latest().history_user == partner_user


def test_saving_for_later_checks_formats_but_not_required_answers(application, partner_user):
    errors = errors_of(
        services.application_organisation_save,
        application=application,
        user=partner_user,
        mark_complete=False,
        contact_name="",
        contact_email="sam.example.org",
        contact_phone="call me",
        postcode="not a postcode",
        charity_number="12",
        company_number="123",
    )

    assert errors == {
        "contact_email": ["Enter an email address in the correct format, like name@example.org."],
        "contact_phone": ["Enter a telephone number, like 020 7946 0000 or +44 7700 900 982."],
        "postcode": ["Enter a real postcode, like SE11 5QY."],
        "charity_number": ["Enter a charity number such as 1123456, 1123456-1, SC012345 or NIC100001."],
        "company_number": ["Enter a company number of 8 characters, such as 01234567 or SC123456."],
    }
    assert reload(application).contact_name == "Partner Persona", "nothing is saved"


def test_marking_complete_needs_every_required_answer(application, partner_user):
    errors = errors_of(
        services.application_organisation_save,
        application=application,
        user=partner_user,
        mark_complete=True,
        contact_role="",
        address="",
    )

    assert errors == {
        "contact_role": ["Enter the contact's role in your organisation."],
        "contact_phone": ["Enter the contact's telephone number."],
        "address": ["Enter your organisation's address."],
    }
    services.application_organisation_save(application=application, user=partner_user, mark_complete=False)
    assert reload(application).sections_completed == []


def test_long_values_are_refused_with_the_limit(application, partner_user):
    errors = errors_of(
        services.application_organisation_save,
        application=application,
        user=partner_user,
        mark_complete=False,
        contact_name="x" * 201,
    )
    assert errors == {"contact_name": ["The contact's name must be 200 characters or fewer."]}


def test_unknown_fields_are_a_programming_error(application, partner_user):
    with pytest.raises(TypeError):
        services.application_organisation_save(
            application=application, user=partner_user, mark_complete=False, status="awarded"
        )


# --- The project ------------------------------------------------------------------------------------------


def test_the_project_needs_an_end_after_its_start_and_a_short_summary(application, partner_user):
    errors = errors_of(
        services.application_project_save,
        application=application,
        user=partner_user,
        mark_complete=False,
        project_summary="x" * 501,
        start_date=date(2027, 4, 1),
        end_date=date(2027, 4, 1),
    )
    assert errors == {
        "project_summary": ["The summary must be 500 characters or fewer. It has 501."],
        "end_date": ["The end date must be after the start date."],
    }


def test_a_complete_project_has_every_answer(application, partner_user):
    errors = errors_of(
        services.application_project_save,
        application=application,
        user=partner_user,
        mark_complete=True,
        project_title="  Evening   youth work ",
    )
    assert set(errors) == {"project_summary", "project_description", "start_date", "end_date"}

    services.application_project_save(
        application=application,
        user=partner_user,
        mark_complete=False,
        project_title="  Evening   youth work ",
    )
    assert reload(application).project_title == "Evening youth work"


# --- Boroughs and wards -----------------------------------------------------------------------------------


def area_errors(application, user, *, complete=True, **values):
    return errors_of(
        services.application_area_save, application=application, user=user, mark_complete=complete, **values
    )


def test_a_borough_level_round_funds_exactly_one_borough(application, partner_user):
    lambeth, croydon = borough("Lambeth"), borough("Croydon")
    errors = area_errors(application, partner_user, boroughs=[lambeth, croydon], wards=[])
    assert errors["boroughs"][0].startswith("This round funds work in a single borough: choose one borough, not 2.")
    assert area_errors(application, partner_user, boroughs=[], wards=[]) == {
        "boroughs": ["Choose the boroughs the project serves."]
    }

    services.application_area_save(application=application, user=partner_user, mark_complete=True, boroughs=[lambeth])

    assert reload(application).sections_completed == ["area"]


def test_a_multi_borough_round_needs_two_boroughs(partner_user, organisation):
    application = draft_application(
        round=FundingRoundFactory(geography_level=GeographyLevel.MULTI_BOROUGH), organisation=organisation
    )
    assert area_errors(application, partner_user, boroughs=[borough("Lambeth")]) == {
        "boroughs": ["This round funds work across boroughs: choose at least two boroughs."]
    }
    services.application_area_save(
        application=application,
        user=partner_user,
        mark_complete=True,
        boroughs=[borough("Lambeth"), borough("Southwark")],
    )


def test_a_ward_level_round_needs_a_ward_inside_a_chosen_borough(partner_user, organisation):
    application = draft_application(
        round=FundingRoundFactory(geography_level=GeographyLevel.WARD), organisation=organisation
    )
    brixton = WardFactory(name="Brixton Acre Lane", borough=borough("Lambeth"))
    thornton = WardFactory(name="Thornton Heath", borough=borough("Croydon"))

    assert area_errors(application, partner_user, boroughs=[borough("Lambeth")], wards=[]) == {
        "wards": ["This round funds work in particular wards: choose at least one ward."]
    }
    assert area_errors(application, partner_user, complete=False, boroughs=[borough("Lambeth")], wards=[thornton]) == {
        "wards": ["Thornton Heath is in Croydon, which you have not chosen. Choose its borough or untick the ward."]
    }

    services.application_area_save(
        application=application, user=partner_user, mark_complete=True, boroughs=[borough("Lambeth")], wards=[brixton]
    )
    assert list(reload(application).wards.all()) == [brixton]


def test_saving_the_same_area_writes_no_change_to_the_history(application, partner_user):
    before = application.history.count()
    services.application_area_save(
        application=application, user=partner_user, mark_complete=False, boroughs=[borough("Lambeth")], wards=[]
    )
    assert application.history.count() == before + 1, "one record for the section's status, none for the lists"


# --- Objectives -------------------------------------------------------------------------------------------


def test_objectives_are_the_rounds_own(application, partner_user):
    outside = Objective.objects.exclude(pk__in=application.round.objectives.all()).first()
    assert errors_of(
        services.application_objectives_save,
        application=application,
        user=partner_user,
        mark_complete=False,
        objectives=[outside],
    ) == {"objectives": ["Choose only objectives this round funds."]}
    assert errors_of(
        services.application_objectives_save,
        application=application,
        user=partner_user,
        mark_complete=True,
        objectives=[],
    ) == {"objectives": ["Choose at least one objective the project addresses."]}

    inside = application.round.objectives.first()
    services.application_objectives_save(
        application=application, user=partner_user, mark_complete=True, objectives=[inside]
    )
    assert list(reload(application).objectives.all()) == [inside]
