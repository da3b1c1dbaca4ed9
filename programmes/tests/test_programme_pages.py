import csv
import io
import re
from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from partners.models import Borough
from programmes.models import InterventionType, Objective, PriorityArea, Programme
from programmes.tests.factories import MilestoneFactory, ProgrammeFactory

pytestmark = pytest.mark.django_db


def _summary_links(html: str) -> list[tuple[str, str]]:
    summary = html.split('class="govuk-error-summary"', 1)[1].split("</ul>", 1)[0]
    return re.findall(r'<a href="([^"]+)">([^<]+)</a>', summary)


def _form_data(staff_user, **overrides):
    data = {
        "title": "Safer Schools Partnership",
        "objectives": [Objective.objects.get(number=5).pk],
        "priority_areas": [PriorityArea.objects.get(number=4).pk],
        "lead_officer": staff_user.pk,
        "status": "active",
        "start_date": "2025-04-01",
        "end_date": "2027-03-31",
        "budget": "125000.50",
        "boroughs": [Borough.objects.get(name="Lambeth").pk],
        "target_cohort": "Pupils aged 11 to 16",
        "intervention_types": [InterventionType.objects.get(name="Mentoring").pk],
    }
    return data | overrides


def test_staff_create_a_programme_and_see_it(staff_client, staff_user):
    response = staff_client.post(reverse("programmes:programme-create"), _form_data(staff_user))
    programme = Programme.objects.get()
    assert response.status_code == 302
    assert response.url == programme.get_absolute_url()
    page = staff_client.get(response.url).content.decode()
    assert "Programme “Safer Schools Partnership” created." in page
    assert "£125,000.50" in page
    assert "Lambeth" in page
    assert "Mentoring (moderate impact)" in page
    assert "Created: Programme" in page


def test_bad_input_shows_every_problem_beside_the_field_and_at_the_top(staff_client, staff_user):
    data = _form_data(staff_user, title="", end_date="2024-03-31", budget="-5", objectives=[])
    response = staff_client.post(reverse("programmes:programme-create"), data)
    html = response.content.decode()
    assert response.status_code == 200
    assert "<title>Error: Add a programme" in html
    assert "There is a problem" in html
    assert _summary_links(html) == [
        ("#id_title", "Enter the programme&#x27;s title."),
        ("#id_objectives_0", "Select at least one objective."),
        ("#id_end_date", "The end date must be the same as or after the start date."),
        ("#id_budget", "The budget cannot be negative."),
    ]
    assert 'id="id_end_date-error"' in html
    assert 'id="id_budget-error"' in html
    assert 'value="-5"' in html, "what the user typed is kept"
    assert Programme.objects.count() == 0


def test_end_date_before_start_is_refused_with_the_rest_valid(staff_client, staff_user):
    response = staff_client.post(reverse("programmes:programme-create"), _form_data(staff_user, end_date="2025-01-01"))
    assert _summary_links(response.content.decode()) == [
        ("#id_end_date", "The end date must be the same as or after the start date.")
    ]
    assert Programme.objects.count() == 0


def test_edit_a_programme_and_see_the_change_history(staff_client, staff_user):
    programme = ProgrammeFactory(title="Holiday activities", budget=Decimal("50000"))
    url = reverse("programmes:programme-edit", args=[programme.pk])
    form = staff_client.get(url).content.decode()
    assert 'value="Holiday activities"' in form
    staff_client.post(url, _form_data(staff_user, title="Holiday activities 4–7pm", budget="60000"))
    programme.refresh_from_db()
    assert programme.title == "Holiday activities 4–7pm"
    page = staff_client.get(programme.get_absolute_url()).content.decode()
    history = page.split('id="history"', 1)[1]
    assert "Staff Persona" in history
    assert "Title: Holiday activities → Holiday activities 4–7pm" in history
    assert "£50,000.00 → £60,000.00" in history


def _titles(response) -> list[str]:
    return [p.title for p in response.context["programmes"]]


def test_list_filters_narrow_to_exactly_the_matching_programmes(staff_client, staff_user):
    lambeth = Borough.objects.get(name="Lambeth")
    mentoring = InterventionType.objects.get(name="Mentoring")
    a = ProgrammeFactory(title="Alpha schools", objectives=[Objective.objects.get(number=5)], boroughs=[lambeth])
    a.intervention_types.set([mentoring])
    a.priority_areas.set([PriorityArea.objects.get(number=4)])
    ProgrammeFactory(title="Bravo families", objectives=[Objective.objects.get(number=2)], status="planned")
    ProgrammeFactory(title="Charlie holidays", objectives=[Objective.objects.get(number=7)], lead_officer=staff_user)
    url = reverse("programmes:programme-list")
    cases = {
        "objective": (Objective.objects.get(number=5).pk, ["Alpha schools"]),
        "priority_area": (PriorityArea.objects.get(number=4).pk, ["Alpha schools"]),
        "status": ("planned", ["Bravo families"]),
        "borough": (lambeth.pk, ["Alpha schools"]),
        "lead_officer": (staff_user.pk, ["Charlie holidays"]),
        "intervention_type": (mentoring.pk, ["Alpha schools"]),
        "q": ("famil", ["Bravo families"]),
    }
    for name, (value, expected) in cases.items():
        assert _titles(staff_client.get(url, {name: value})) == expected, name
    assert _titles(staff_client.get(url)) == ["Alpha schools", "Bravo families", "Charlie holidays"]


def test_list_sorts_and_paginates(staff_client):
    for n in range(30):
        ProgrammeFactory(title=f"P{n:02d}", budget=Decimal(1000 + n))
    url = reverse("programmes:programme-list")
    first = staff_client.get(url, {"sort": "-budget"})
    assert _titles(first)[:2] == ["P29", "P28"]
    assert "30 programmes" in first.content.decode()
    second = staff_client.get(url, {"sort": "-budget", "page": 2})
    assert _titles(second) == ["P04", "P03", "P02", "P01", "P00"]


def test_invalid_filter_value_is_explained(staff_client):
    response = staff_client.get(reverse("programmes:programme-list"), {"status": "exploded"})
    html = response.content.decode()
    assert "There is a problem" in html
    assert "Select a valid choice" in html
    assert "No programmes match these filters." in html
    csv_response = staff_client.get(reverse("programmes:programme-export"), {"status": "exploded"})
    assert csv_response.status_code == 400
    assert "status: Select a valid choice" in csv_response.content.decode()


def test_csv_export_has_exactly_what_is_filtered(staff_client):
    ProgrammeFactory(title="=HYPERLINK(1)", status="active", budget=Decimal("1234.5"))
    ProgrammeFactory(title="Paused work", status="paused")
    response = staff_client.get(reverse("programmes:programme-export"), {"status": "active"})
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    rows = list(csv.reader(io.StringIO(response.getvalue().decode("utf-8-sig"))))
    assert rows[0][:3] == ["ID", "Title", "Status"]
    assert len(rows) == 2
    assert rows[1][1] == "'=HYPERLINK(1)", "formulas are escaped"
    assert rows[1][7] == "1234.50"
    listed = staff_client.get(reverse("programmes:programme-list"), {"status": "active"})
    assert [r[1].lstrip("'") for r in rows[1:]] == _titles(listed)


def test_objective_page_lists_its_programmes(staff_client):
    ProgrammeFactory(title="Safer Schools Partnership", objectives=[Objective.objects.get(number=5)])
    ProgrammeFactory(title="Parenting network", objectives=[Objective.objects.get(number=2)])
    html = staff_client.get(reverse("programmes:objective-detail", args=[5])).content.decode()
    assert "Keeping schools safe, keeping young people in school and improving alternatives" in html
    assert "Institutions and systems" in html
    assert "Inclusive education" in html
    assert "To reduce the number of young people excluded" in html
    assert "Safer Schools Partnership" in html
    assert "Parenting network" not in html


def test_dashboard_counts_active_programmes_budget_and_milestone_rag(staff_client):
    today = timezone.localdate()
    schools = Objective.objects.get(number=5)
    active = ProgrammeFactory(objectives=[schools], budget=Decimal("1000.50"))
    ProgrammeFactory(objectives=[schools, Objective.objects.get(number=6)], budget=Decimal("2000"))
    ProgrammeFactory(objectives=[schools], status="closed", budget=Decimal("99999"))
    MilestoneFactory(programme=active, rag="red", due_date=today - timedelta(days=3))
    MilestoneFactory(programme=active, rag="amber", due_date=today + timedelta(days=3))
    MilestoneFactory(programme=active, rag="green", done_date=today - timedelta(days=1))
    response = staff_client.get(reverse("programmes:dashboard"))
    summaries = {s.objective.number: s for s in response.context["dashboard"].objectives}
    assert summaries[5].active_programmes == 2
    assert summaries[5].budget == Decimal("3000.50")
    assert summaries[6].active_programmes == 1
    assert summaries[5].milestones == {"red": 1, "amber": 1, "green": 0}
    assert (summaries[5].late_milestones, summaries[5].done_milestones) == (1, 1)
    html = response.content.decode()
    assert "£3,000.50" in html
    assert "1 red" in html and "1 late, 1 done" in html
    assert response.context["dashboard"].active_programmes == 2


def test_milestone_add_change_and_delete(staff_client, staff_user):
    programme = ProgrammeFactory()
    create = reverse("programmes:milestone-create", args=[programme.pk])
    bad = staff_client.post(create, {"title": "", "due_date": "not a date", "owner": staff_user.pk, "rag": "green"})
    assert _summary_links(bad.content.decode()) == [
        ("#id_title", "Enter the milestone."),
        ("#id_due_date", "Enter the due date as a real date."),
    ]
    staff_client.post(create, {"title": "Launch", "due_date": "2025-06-01", "owner": staff_user.pk, "rag": "amber"})
    milestone = programme.milestones.get()
    edit = reverse("programmes:milestone-edit", args=[programme.pk, milestone.pk])
    data = {"title": "Launch", "due_date": "2025-06-01", "owner": staff_user.pk, "rag": "green"}
    staff_client.post(edit, data | {"done_date": (date.today() + timedelta(days=30)).isoformat()})
    milestone.refresh_from_db()
    assert milestone.done_date is None
    staff_client.post(edit, data | {"done_date": "2025-06-02"})
    milestone.refresh_from_db()
    assert (milestone.rag, milestone.done_date) == ("green", date(2025, 6, 2))
    delete = reverse("programmes:milestone-delete", args=[programme.pk, milestone.pk])
    assert "Delete the milestone “Launch”?" in staff_client.get(delete).content.decode()
    staff_client.post(delete)
    assert not programme.milestones.exists()
    history = staff_client.get(programme.get_absolute_url()).content.decode().split('id="history"', 1)[1]
    assert "Deleted: Milestone “Launch”" in history
