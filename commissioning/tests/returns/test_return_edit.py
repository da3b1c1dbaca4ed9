"""The grantee's return: figures in a table of labelled inputs, "Save and come back later" and "Submit
return" (which needs the narrative and the quarter to be over); all or nothing."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from commissioning.models import ReturnReach, ReturnSpend, ReturnStatus
from commissioning.services.returns import (
    ActualRow,
    ReachRow,
    SpendRow,
    return_save,
    return_send_back,
    return_submit,
)
from commissioning.tests.grants.conftest import client_for
from commissioning.tests.grants.factories import AFTER_Q1, grant_for, return_of, submitted
from partners.models import Borough
from programmes.tests.factories import IndicatorFactory, ProgrammeFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def grant(org_a):
    return grant_for(org_a)


def form_data(monitoring_return, action="save", **extra):
    """A full POST of the return's form: £1,200.50 on staff, 7 young people aged 15 to 17 in Lambeth."""
    lines = list(monitoring_return.grant.application.budget_lines.order_by("order"))
    lambeth = Borough.objects.get(name="Lambeth")
    data = {f"spend_{line.pk}": "" for line in lines}
    data[f"spend_{lines[0].pk}"] = "1200.50"
    data[f"reach_{lambeth.pk}_15_17"] = "7"
    data.update(progress="Twelve sessions ran.", risks="", action=action)
    data.update(extra)
    return data


def test_the_form_has_a_labelled_input_for_every_borough_and_age_band(people, grant):
    monitoring_return = return_of(grant)

    response = client_for(people["partner"]).get(reverse("commissioning:return-edit", args=[monitoring_return.pk]))

    body = response.content.decode()
    for borough in ("Lambeth", "Southwark"):
        for band in ("under 10", "10 to 14", "15 to 17", "18 to 24", "25 and over"):
            assert f"Number of young people aged {band} reached in {borough}</label>" in body
    assert "Spend on Staff: Two youth workers" in body
    assert "£30,000.00 is budgeted for the whole grant" in body
    assert "Save and come back later" in body
    assert "Submit return" in body


def test_save_and_come_back_later_keeps_a_draft(people, grant):
    monitoring_return = return_of(grant)
    url = reverse("commissioning:return-edit", args=[monitoring_return.pk])
    client = client_for(people["partner"])

    response = client.post(url, form_data(monitoring_return, progress=""), follow=True)

    assert "Your 2026-27 Q1 return is saved. You can come back to it later." in response.content.decode()
    monitoring_return.refresh_from_db()
    assert monitoring_return.status == ReturnStatus.DRAFT
    assert [s.amount for s in monitoring_return.spend.all()] == [Decimal("1200.50")]
    reach = monitoring_return.reach.get()
    assert (reach.borough.name, reach.age_band, reach.count) == ("Lambeth", "15_17", 7)
    again = client.get(url).content.decode()
    assert 'value="1200.50"' in again and 'value="7"' in again


def test_submitting_needs_the_narrative(people, grant):
    monitoring_return = return_of(grant)

    response = client_for(people["partner"]).post(
        reverse("commissioning:return-edit", args=[monitoring_return.pk]),
        form_data(monitoring_return, action="submit", progress="  "),
    )

    body = response.content.decode()
    assert "There is a problem" in body
    assert body.count("Enter the progress narrative: a return cannot be submitted without it.") == 2
    assert 'href="#id_progress"' in body
    assert 'value="1200.50"' in body  # what was typed is kept
    monitoring_return.refresh_from_db()
    assert monitoring_return.status == ReturnStatus.DRAFT
    assert not monitoring_return.spend.exists()


def test_submitting_saves_the_figures_and_records_who_and_when(people, grant):
    monitoring_return = return_of(grant)

    response = client_for(people["partner"]).post(
        reverse("commissioning:return-edit", args=[monitoring_return.pk]),
        form_data(monitoring_return, action="submit"),
        follow=True,
    )

    body = response.content.decode()
    assert "Your 2026-27 Q1 return is submitted. The VRU will review it." in body
    monitoring_return.refresh_from_db()
    assert (monitoring_return.status, monitoring_return.submitted_by) == (ReturnStatus.SUBMITTED, people["partner"])
    assert monitoring_return.submitted_at is not None
    assert monitoring_return.spend.get().amount == Decimal("1200.50")
    assert "£1,200.50" in body  # the read-only page shows the figures


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("spend", "-1", "The spend on Staff: Two youth workers must be £0 or more."),
        ("spend", "12.345", "Enter the spend on Staff: Two youth workers with no more than 2 decimal places."),
        ("spend", "lots", "Enter the spend on Staff: Two youth workers as a number of pounds, like 1250.50."),
        ("reach", "-3", "The number of young people aged 15 to 17 reached in Lambeth must be 0 or more."),
        ("reach", "2.5", "Enter the number of young people aged 15 to 17 reached in Lambeth as a whole number"),
    ],
)
def test_bad_figures_are_refused_beside_the_input_and_nothing_is_saved(people, grant, field, value, message):
    monitoring_return = return_of(grant)
    data = form_data(monitoring_return)
    name = next(key for key in data if key.startswith(field) and data[key])
    data[name] = value

    response = client_for(people["partner"]).post(
        reverse("commissioning:return-edit", args=[monitoring_return.pk]), data
    )

    body = response.content.decode()
    assert body.count(message) == 2
    assert f'href="#id_{name}"' in body
    assert f'id="id_{name}-error"' in body
    assert "govuk-input--error" in body
    assert not ReturnSpend.objects.exists() and not ReturnReach.objects.exists()


def test_indicator_actuals_of_the_linked_programme_are_asked_for(people, grant):
    programme = ProgrammeFactory(start_date=date(2026, 4, 1))
    indicator = IndicatorFactory(programme=programme, name="Young people mentored", unit="young people")
    grant.programme = programme
    grant.save()
    monitoring_return = return_of(grant)
    url = reverse("commissioning:return-edit", args=[monitoring_return.pk])

    body = client_for(people["partner"]).get(url).content.decode()
    client_for(people["partner"]).post(url, form_data(monitoring_return, **{f"actual_{indicator.pk}": "14"}))

    assert "Young people mentored (young people)" in body
    assert monitoring_return.indicator_actuals.get().actual == Decimal("14")


def test_a_return_is_submitted_once_its_quarter_is_over(grant, partner_user):
    monitoring_return = return_of(grant, 2)
    return_save(monitoring_return=monitoring_return, user=partner_user, progress="Going well.")

    with pytest.raises(ValidationError) as error:
        return_submit(monitoring_return=monitoring_return, user=partner_user, today=date(2026, 9, 30))

    assert error.value.messages == [
        "The 2026-27 Q2 return can be submitted once the quarter has ended, on 30 Sep 2026. "
        "You can save it and come back later."
    ]
    return_submit(monitoring_return=monitoring_return, user=partner_user, today=date(2026, 10, 1))
    monitoring_return.refresh_from_db()
    assert monitoring_return.status == ReturnStatus.SUBMITTED


def test_the_service_keeps_only_figures_that_belong_to_the_grant(grant, org_b, partner_user):
    monitoring_return = return_of(grant)
    stranger = grant_for(org_b).application.budget_lines.first()
    croydon = Borough.objects.get(name="Croydon")
    indicator = IndicatorFactory()

    with pytest.raises(ValidationError) as error:
        return_save(
            monitoring_return=monitoring_return,
            user=partner_user,
            spend=[SpendRow(stranger.pk, Decimal("1"))],
            reach=[ReachRow(croydon.pk, "15_17", 3)],
            actuals=[ActualRow(indicator.pk, Decimal("1"))],
        )

    errors = error.value.message_dict
    assert errors["spend"] == [f"Budget line {stranger.pk} is not one of this grant's budget lines."]
    assert errors["reach"] == [f"Borough {croydon.pk} is not one of the boroughs this grant serves."]
    assert "not an indicator of the programme" in errors["indicator_actuals"][0]
    assert not ReturnSpend.objects.exists()


def test_a_list_replaces_the_figures_and_a_blank_clears_one(grant, partner_user):
    monitoring_return = return_of(grant)
    staff_line, venue_line = grant.application.budget_lines.order_by("order")
    return_save(
        monitoring_return=monitoring_return,
        user=partner_user,
        spend=[SpendRow(staff_line.pk, Decimal("100")), SpendRow(venue_line.pk, Decimal("0"))],
    )

    return_save(
        monitoring_return=monitoring_return,
        user=partner_user,
        spend=[SpendRow(staff_line.pk, None), SpendRow(venue_line.pk, Decimal("50"))],
    )
    return_save(monitoring_return=monitoring_return, user=partner_user, progress="Kept the spend.")

    assert [(s.budget_line_id, s.amount) for s in monitoring_return.spend.all()] == [(venue_line.pk, Decimal("50"))]
    assert monitoring_return.spend.get().history.first().history_user == partner_user


def test_a_returned_return_is_written_again_with_the_vru_note_shown(people, grant):
    monitoring_return = submitted(return_of(grant), user=people["partner"])
    return_send_back(monitoring_return=monitoring_return, user=people["staff"], note="Add the venue spend.")
    url = reverse("commissioning:return-edit", args=[monitoring_return.pk])

    body = client_for(people["partner"]).get(url).content.decode()
    client_for(people["partner"]).post(url, form_data(monitoring_return, action="submit"))

    assert "What the VRU asked you to change" in body and "Add the venue spend." in body
    monitoring_return.refresh_from_db()
    assert monitoring_return.status == ReturnStatus.SUBMITTED


def test_a_submitted_return_refuses_any_change(grant, partner_user):
    monitoring_return = submitted(return_of(grant), user=partner_user)

    with pytest.raises(ValidationError) as error:
        return_save(monitoring_return=monitoring_return, user=partner_user, progress="Sneaky edit", today=AFTER_Q1)

    assert error.value.code == "submitted"
    monitoring_return.refresh_from_db()
    assert monitoring_return.progress == "Ran twelve sessions in two youth clubs."
