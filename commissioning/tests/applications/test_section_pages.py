"""Each section's page: what it shows, the two ways to save, and every problem beside its field and in the
summary, with what was typed kept and nothing saved."""

import re
from decimal import Decimal
from html import unescape

import pytest
from django.urls import reverse

from commissioning.models import Application, BudgetLine, GeographyLevel, ReachEstimate
from commissioning.tests.applications.factories import WardFactory, borough, draft_application
from commissioning.tests.factories import FundingRoundFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def application(partner_user, organisation, funding_round):
    return draft_application(round=funding_round, organisation=organisation, user=partner_user)


def url(application, section):
    return reverse("commissioning:application-section", args=[application.pk, section])


def summary_links(html: str) -> list[tuple[str, str]]:
    summary = html.split('class="govuk-error-summary"', 1)[1].split("</ul>", 1)[0]
    return [(anchor, unescape(text)) for anchor, text in re.findall(r'<a href="([^"]+)">([^<]+)</a>', summary)]


def reload(application):
    return Application.objects.get(pk=application.pk)


ORGANISATION = {
    "contact_name": "Sam Lee",
    "contact_role": "Project manager",
    "contact_email": "sam@example.org",
    "contact_phone": "020 7946 0000",
    "address": "1 Kennington Road\nLondon",
    "postcode": "se11 5qy",
    "charity_number": "1123456",
    "company_number": "",
}


def test_the_organisation_page_is_pre_filled(partner_client, application):
    page = partner_client.get(url(application, "organisation")).content.decode()

    assert '<h1 class="govuk-heading-l">Organisation details</h1>' in page
    assert 'value="Partner Persona"' in page
    assert 'value="SE11 5QY"' in page
    assert "Registered charity number (optional)" in page
    assert "Contact name (optional)" not in page, "needed to complete, so never labelled optional"
    assert 'autocomplete="email"' in page


def test_save_and_come_back_later_leaves_the_section_in_progress(partner_client, application):
    response = partner_client.post(url(application, "organisation"), {**ORGANISATION, "step": "later"})

    assert response.url == application.get_absolute_url()
    assert reload(application).postcode == "SE11 5QY"
    task_list = partner_client.get(response.url).content.decode()
    assert "“Organisation details” saved. It is not marked as complete yet." in task_list
    assert re.search(r'id="organisation-status">\s*<strong class="govuk-tag govuk-tag--teal">In progress', task_list)


def test_save_and_mark_as_complete(partner_client, application):
    partner_client.post(url(application, "organisation"), {**ORGANISATION, "step": "complete"})

    assert reload(application).sections_completed == ["organisation"]
    task_list = partner_client.get(application.get_absolute_url()).content.decode()
    assert re.search(r'id="organisation-status">\s*Completed', task_list)


def test_problems_are_beside_the_field_and_in_the_summary_and_what_was_typed_is_kept(partner_client, application):
    data = {**ORGANISATION, "contact_email": "sam.example.org", "contact_role": "", "step": "complete"}

    response = partner_client.post(url(application, "organisation"), data)

    html = response.content.decode()
    assert response.status_code == 200
    assert "<title>Error: " in html
    assert summary_links(html) == [
        ("#id_contact_role", "Enter the contact's role in your organisation."),
        ("#id_contact_email", "Enter an email address in the correct format, like name@example.org."),
    ]
    assert 'id="id_contact_email-error"' in html
    assert 'value="sam.example.org"' in html
    assert "govuk-input--error" in html
    assert reload(application).contact_email == "partner@example.org"


def test_the_project_dates_are_read_and_checked(partner_client, application):
    data = {
        "project_title": "Evening youth work",
        "project_summary": "",
        "project_description": "",
        "start_date": "2027-04-01",
        "end_date": "not a date",
        "step": "later",
    }
    response = partner_client.post(url(application, "project"), data)
    assert summary_links(response.content.decode()) == [
        ("#id_end_date", "Enter the end date as a real date, like 31 March 2028.")
    ]

    response = partner_client.post(url(application, "project"), {**data, "end_date": "2027-03-31"})
    assert summary_links(response.content.decode()) == [("#id_end_date", "The end date must be after the start date.")]

    partner_client.post(url(application, "project"), {**data, "end_date": "2028-03-31"})
    assert reload(application).end_date.isoformat() == "2028-03-31"


def test_the_area_page_lists_the_wards_of_the_saved_boroughs(partner_client, application):
    WardFactory(name="Brixton Acre Lane", borough=borough("Lambeth"))
    WardFactory(name="Thornton Heath", borough=borough("Croydon"))

    page = partner_client.get(url(application, "area")).content.decode()

    assert "Wards in Lambeth (optional)" in page
    assert "Brixton Acre Lane" in page
    assert "Thornton Heath" not in page
    assert "save the boroughs first" in page


def test_show_the_wards_lists_the_ticked_boroughs_wards_without_saving(partner_client, application):
    thornton = WardFactory(name="Thornton Heath", borough=borough("Croydon"))

    response = partner_client.post(url(application, "area"), {"boroughs": [borough("Croydon").pk], "step": "wards"})

    html = response.content.decode()
    assert "Wards in Croydon" in html
    assert f'value="{thornton.pk}"' in html
    assert "There is a problem" not in html
    assert list(reload(application).boroughs.all()) == [borough("Lambeth")], "nothing saved"


def test_a_ward_outside_the_chosen_boroughs_is_refused(partner_client, partner_user, organisation):
    ward_round = FundingRoundFactory(geography_level=GeographyLevel.WARD)
    application = draft_application(round=ward_round, organisation=organisation, user=partner_user)
    brixton = WardFactory(name="Brixton Acre Lane", borough=borough("Lambeth"))

    page = partner_client.get(url(application, "area")).content.decode()
    assert "Wards in Lambeth (optional)" not in page, "a ward-level round needs a ward"

    response = partner_client.post(
        url(application, "area"), {"boroughs": [borough("Croydon").pk], "wards": [brixton.pk], "step": "complete"}
    )
    assert summary_links(response.content.decode()) == [
        (
            "#id_wards_0",
            "Brixton Acre Lane is in Lambeth, which you have not chosen. Choose its borough or untick the ward.",
        )
    ]

    partner_client.post(
        url(application, "area"), {"boroughs": [borough("Lambeth").pk], "wards": [brixton.pk], "step": "complete"}
    )
    saved = reload(application)
    assert list(saved.wards.all()) == [brixton]
    assert saved.sections_completed == ["area"]


def test_objectives_offer_only_the_rounds(partner_client, application):
    page = partner_client.get(url(application, "objectives")).content.decode()
    assert page.count('type="checkbox"') == application.round.objectives.count()

    response = partner_client.post(url(application, "objectives"), {"step": "complete"})
    assert summary_links(response.content.decode()) == [
        ("#id_objectives_0", "Choose at least one objective the project addresses.")
    ]

    objective = application.round.objectives.first()
    partner_client.post(url(application, "objectives"), {"objectives": [objective.pk], "step": "complete"})
    assert list(reload(application).objectives.all()) == [objective]


def budget_row(index, **values):
    fields = {"id": "", "category": "staff", "description": "Two youth workers", "amount": "30000.00"} | values
    return {f"lines-{index}-{name}": value for name, value in fields.items()}


def budget(*rows, step="later"):
    data = {"lines-TOTAL_FORMS": str(len(rows)), "lines-INITIAL_FORMS": "0", "step": step}
    for row in rows:
        data |= row
    return data


def test_the_budget_page_shows_the_rounds_limits_and_a_blank_line(partner_client, application):
    page = partner_client.get(url(application, "budget")).content.decode()

    assert "between <strong>£5,000.00</strong> and <strong>£100,000.00</strong>" in page
    assert 'name="lines-TOTAL_FORMS" value="1"' in page
    assert "Add another line" in page


def test_add_another_line_keeps_what_was_typed(partner_client, application):
    response = partner_client.post(url(application, "budget"), budget(budget_row(0, amount="12.5"), step="add"))

    html = response.content.decode()
    assert 'name="lines-TOTAL_FORMS" value="2"' in html
    assert 'value="12.5"' in html
    assert "There is a problem" not in html
    assert not BudgetLine.objects.filter(application=application).exists()


def test_the_budget_is_saved_whole_and_the_total_requested_kept(partner_client, application):
    data = budget(
        budget_row(0),
        budget_row(1, category="evaluation", description="Evaluation", amount="2500.50"),
        budget_row(2, category="", description="", amount=""),
        step="complete",
    )

    partner_client.post(url(application, "budget"), data)

    saved = reload(application)
    assert saved.amount_requested == Decimal("32500.50")
    assert saved.sections_completed == ["budget"]
    assert BudgetLine.objects.filter(application=application).count() == 2


def test_one_bad_line_saves_nothing(partner_client, application):
    partner_client.post(url(application, "budget"), budget(budget_row(0, amount="10000")))
    line = BudgetLine.objects.get(application=application)

    data = budget(
        budget_row(0, id=str(line.pk), amount="20000"),
        budget_row(1, description="", amount="-3"),
        step="later",
    )
    data["lines-INITIAL_FORMS"] = "1"
    response = partner_client.post(url(application, "budget"), data)

    assert summary_links(response.content.decode()) == [
        ("#id_lines-1-description", "Line 2: Enter what this line pays for."),
        ("#id_lines-1-amount", "Line 2: The amount must be more than £0."),
    ]
    assert BudgetLine.objects.get(application=application).amount == Decimal("10000.00")
    assert reload(application).amount_requested == Decimal("10000.00")


def test_a_total_outside_the_range_names_both_limits(partner_client, application):
    response = partner_client.post(url(application, "budget"), budget(budget_row(0, amount="150000"), step="complete"))

    links = summary_links(response.content.decode())
    assert links[0][0] == "#budget-lines"
    assert "£150,000.00" in links[0][1]
    assert "between £5,000.00 and £100,000.00" in links[0][1]
    assert not BudgetLine.objects.filter(application=application).exists()


def test_a_line_can_be_removed(partner_client, application):
    partner_client.post(url(application, "budget"), budget(budget_row(0), budget_row(1, amount="500")))
    first, second = BudgetLine.objects.filter(application=application)
    data = budget(budget_row(0, id=str(first.pk)), budget_row(1, id=str(second.pk), amount="500", DELETE="on"))
    data["lines-INITIAL_FORMS"] = "2"

    partner_client.post(url(application, "budget"), data)

    assert list(BudgetLine.objects.filter(application=application)) == [first]
    assert reload(application).amount_requested == Decimal("30000.00")


def test_reach_takes_whole_numbers(partner_client, application):
    response = partner_client.post(
        url(application, "reach"), {"under_10": "", "10_14": "twelve", "15_17": "-2", "step": "later"}
    )
    assert summary_links(response.content.decode()) == [
        ("#id_10_14", "Enter the number of young people aged 10 to 14 as a whole number, like 25."),
        ("#id_15_17", "The number of young people aged 15 to 17 must be 0 or more."),
    ]

    response = partner_client.post(url(application, "reach"), {"under_10": "0", "step": "complete"})
    assert "Enter how many young people you expect to reach in at least one age band." in response.content.decode()

    partner_client.post(url(application, "reach"), {"10_14": "40", "18_24": "0", "step": "complete"})
    assert dict(ReachEstimate.objects.filter(application=application).values_list("age_band", "count")) == {
        "10_14": 40,
        "18_24": 0,
    }


def test_the_questions_page_has_a_box_per_question_with_its_limits(partner_client, application):
    required, optional = application.round.questions.all()
    optional.word_limit = 3
    optional.hint = "Name organisations, not people."
    optional.save()

    page = partner_client.get(url(application, "questions")).content.decode()
    assert f"{optional.text} (optional)" in page
    assert "Name organisations, not people. No more than 3 words." in page

    response = partner_client.post(
        url(application, "questions"),
        {f"question_{optional.pk}": "one two three four", "step": "complete"},
    )
    assert summary_links(response.content.decode()) == [
        (f"#id_question_{required.pk}", f"Answer “{required.text}”."),
        (f"#id_question_{optional.pk}", f"Your answer to “{optional.text}” must be 3 words or fewer. It has 4."),
    ]
    assert "one two three four" in response.content.decode()

    partner_client.post(url(application, "questions"), {f"question_{required.pk}": "A youth panel", "step": "complete"})
    assert reload(application).sections_completed == ["questions"]


def test_an_unknown_section_is_not_found(partner_client, application):
    response = partner_client.get(f"/commissioning/applications/{application.pk}/finances/")
    assert response.status_code == 404
