"""The change history staff see, the London times in messages, and the permission rules this part added."""

from datetime import datetime, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from django.db.models import F

from commissioning.models import Application, ApplicationStatus, BudgetLine
from commissioning.permissions import can_see_decision, can_view_pipeline
from commissioning.selectors.applications import application_history
from commissioning.services import applications as services
from commissioning.services.applications import london_time
from commissioning.tests.applications.factories import (
    borough,
    complete_application,
    draft_application,
    submitted_application,
    with_status,
)

LONDON = ZoneInfo("Europe/London")


@pytest.mark.parametrize(
    ("moment", "text"),
    [
        (datetime(2027, 1, 30, 17, 0, tzinfo=LONDON), "5pm on 30 January 2027"),
        (datetime(2027, 1, 30, 9, 30, tzinfo=LONDON), "9:30am on 30 January 2027"),
        (datetime(2027, 6, 30, 12, 0, tzinfo=LONDON), "midday on 30 June 2027"),
        (datetime(2027, 7, 1, 0, 0, tzinfo=LONDON), "midnight on 30 June 2027"),
        (datetime(2027, 6, 30, 16, 0, tzinfo=ZoneInfo("UTC")), "5pm on 30 June 2027"),
        (datetime(2027, 6, 30, 0, 15, tzinfo=LONDON), "12:15am on 30 June 2027"),
    ],
)
def test_london_time_is_written_as_gov_uk_writes_it(moment, text):
    assert london_time(moment) == text


def earlier(application, minutes=10):
    """Move what is recorded so far back in time, as if the applicant came back later to carry on.

    Records a couple of seconds apart by the same person read as one change (one save writes a
    record for the fields and more for each list of choices), and a test saves faster than that.
    """
    for model in (Application, BudgetLine):
        model.history.filter(**{"id" if model is Application else "application_id": application.pk}).update(
            history_date=F("history_date") - timedelta(minutes=minutes)
        )


@pytest.mark.django_db
def test_the_history_says_who_changed_what(partner_user, staff_user, organisation, funding_round):
    application = draft_application(round=funding_round, organisation=organisation, user=partner_user)
    earlier(application)
    services.application_project_save(
        application=application, user=partner_user, mark_complete=False, project_title="Evening youth work"
    )
    earlier(application)
    services.application_area_save(
        application=application,
        user=partner_user,
        mark_complete=True,
        boroughs=[borough("Southwark")],
    )
    earlier(application)
    services.application_budget_save(
        application=application,
        user=partner_user,
        mark_complete=False,
        rows=[services.BudgetRow("staff", "Youth workers", Decimal("9000.00"))],
    )

    entries = application_history(application=application)

    assert entries[-1].action == "Created"
    assert entries[-1].who == "Partner Persona"
    changes = {(change.field, change.old, change.new) for entry in entries for change in entry.changes}
    assert ("Project title", "–", "Evening youth work") in changes
    assert ("Boroughs", "Lambeth", "Southwark") in changes
    assert ("Sections complete", "–", "Boroughs and wards served") in changes
    assert ("Amount requested", "£0.00", "£9,000.00") in changes
    assert any(entry.subject == "Budget line “Youth workers”" and entry.action == "Created" for entry in entries)
    assert all(entry.who == "Partner Persona" for entry in entries)


@pytest.mark.django_db
def test_the_history_shows_the_submission(partner_user, organisation, funding_round):
    application = complete_application(round=funding_round, organisation=organisation, user=partner_user)
    earlier(application)
    services.application_submit(application=application, user=partner_user)

    entries = application_history(application=application)

    latest = entries[0]
    assert latest.who == "Partner Persona"
    assert ("Status", "Draft", "Submitted") in {(c.field, c.old, c.new) for c in latest.changes}


@pytest.mark.django_db
def test_the_applicant_sees_the_decision_only_once_made(people, organisation, funding_round):
    application = submitted_application(round=funding_round, organisation=organisation, user=people["partner"])
    seen = {role: can_see_decision(user, application) for role, user in people.items() if user is not None}
    assert seen == {
        "admin": True,
        "staff": True,
        "manager": True,
        "prg": False,
        "partner": False,
        "other_partner": False,
    }
    for status in (ApplicationStatus.AWARDED, ApplicationStatus.DECLINED, ApplicationStatus.INELIGIBLE):
        decided = with_status(application, status)
        fresh = type(people["partner"]).objects.get(pk=people["partner"].pk)
        assert can_see_decision(fresh, decided)
        assert not can_see_decision(people["other_partner"], decided)
        assert not can_see_decision(people["prg"], decided)


@pytest.mark.django_db
def test_the_pipeline_is_for_vru_roles(people):
    assert {role: can_view_pipeline(user) for role, user in people.items() if user is not None} == {
        "admin": True,
        "staff": True,
        "manager": True,
        "prg": False,
        "partner": False,
        "other_partner": False,
    }
