"""The Django admin for the strategy, tags and programmes, as the admin persona uses it."""

from datetime import date
from decimal import Decimal

import pytest
from django.apps import apps
from django.contrib import admin
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from simple_history.admin import SimpleHistoryAdmin

from partners.models import Borough
from programmes.models import Indicator, IndicatorValue, Milestone, Objective, PriorityArea, Programme
from programmes.tests.factories import IndicatorFactory, IndicatorValueFactory, MilestoneFactory, ProgrammeFactory

pytestmark = pytest.mark.django_db

REGISTERED = sorted(
    (model for model in admin.site._registry if model._meta.app_label == "programmes"),
    key=lambda model: model._meta.model_name,
)


def admin_url(model, view, *args):
    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_{view}", args=args)


@pytest.fixture
def admin_client(client, admin_user):
    client.force_login(admin_user)
    return client


@pytest.fixture
def programme():
    programme = ProgrammeFactory(
        title="Safer Schools Partnership", objectives=Objective.objects.filter(number__in=[5, 6])
    )
    MilestoneFactory(programme=programme, title="Partner schools signed up")
    indicator = IndicatorFactory(programme=programme, name="Pupils supported")
    IndicatorValueFactory(indicator=indicator, financial_year=2025, quarter=2)
    return programme


def test_every_programmes_model_is_registered():
    models = {
        model
        for model in apps.get_app_config("programmes").get_models()
        if not model._meta.model_name.startswith("historical")
    }
    assert models == set(REGISTERED)


def test_programmes_milestones_and_indicators_keep_their_history_in_the_admin():
    for model in (Programme, Milestone, Indicator, IndicatorValue):
        assert isinstance(admin.site._registry[model], SimpleHistoryAdmin), model


READ_ONLY = {"performancereport", "reportrequest", "populationimport", "populationfigure"}


@pytest.mark.parametrize("model", REGISTERED, ids=lambda model: model._meta.model_name)
def test_changelist_and_add_page_answer(admin_client, programme, model):
    assert admin_client.get(admin_url(model, "changelist")).status_code == 200
    assert admin_client.get(admin_url(model, "changelist"), {"q": "school"}).status_code == 200
    # Reports are snapshots and requests are made by the service: neither is added by hand.
    expected = 403 if model._meta.model_name in READ_ONLY else 200
    assert admin_client.get(admin_url(model, "add")).status_code == expected


def test_programme_change_page_shows_milestones_and_indicators_inline(admin_client, programme):
    response = admin_client.get(admin_url(Programme, "change", programme.pk))

    assert response.status_code == 200
    assert "milestones-TOTAL_FORMS" in response.text
    assert "indicators-TOTAL_FORMS" in response.text
    assert "Partner schools signed up" in response.text
    assert "Pupils supported" in response.text


def test_programme_history_page_answers(admin_client, programme):
    assert admin_client.get(admin_url(Programme, "history", programme.pk)).status_code == 200


def test_programme_changelist_shows_objective_numbers_and_lead_officer(admin_client, programme):
    response = admin_client.get(admin_url(Programme, "changelist"))

    assert "5, 6" in response.text
    assert programme.lead_officer.get_full_name() in response.text


def _changelist_queries(client) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(admin_url(Programme, "changelist"))
    assert response.status_code == 200
    return len(queries)


def test_programme_changelist_queries_do_not_grow_with_the_programmes(admin_client):
    objectives = list(Objective.objects.filter(number__in=[1, 4]))
    ProgrammeFactory.create_batch(5, objectives=objectives)
    with_5 = _changelist_queries(admin_client)
    ProgrammeFactory.create_batch(45, objectives=objectives)

    with_50 = _changelist_queries(admin_client)

    assert with_50 == with_5


def test_admin_adds_a_programme_and_the_history_names_them(admin_client, admin_user, staff_user):
    objective = Objective.objects.get(number=7)
    data = {
        "title": "Holiday activity programme 4–7pm",
        "description": "Free activities in the school holidays.",
        "lead_officer": staff_user.pk,
        "status": "active",
        "target_cohort": "Young people aged 10 to 18",
        "start_date": "2025-04-01",
        "end_date": "2026-03-31",
        "budget": "450000.00",
        "objectives": [objective.pk],
        "priority_areas": [PriorityArea.objects.get(number=2).pk],
        "boroughs": [Borough.objects.get(name="Newham").pk],
        "milestones-TOTAL_FORMS": "1",
        "milestones-INITIAL_FORMS": "0",
        "milestones-0-title": "Summer providers appointed",
        "milestones-0-due_date": "2025-05-31",
        "milestones-0-owner": staff_user.pk,
        "milestones-0-rag": "green",
        "indicators-TOTAL_FORMS": "0",
        "indicators-INITIAL_FORMS": "0",
    }

    response = admin_client.post(admin_url(Programme, "add"), data)

    assert response.status_code == 302, response.context["adminform"].form.errors
    programme = Programme.objects.get(title="Holiday activity programme 4–7pm")
    assert programme.budget == Decimal("450000.00")
    assert list(programme.objectives.all()) == [objective]
    assert programme.milestones.get().due_date == date(2025, 5, 31)
    assert programme.history.first().history_user == admin_user


def test_admin_cannot_make_a_non_vru_user_lead_officer(admin_client, partner_user):
    data = {
        "title": "A programme",
        "lead_officer": partner_user.pk,
        "status": "planned",
        "start_date": "2025-04-01",
        "end_date": "2026-03-31",
        "budget": "1000.00",
        "objectives": [Objective.objects.get(number=1).pk],
        "milestones-TOTAL_FORMS": "0",
        "milestones-INITIAL_FORMS": "0",
        "indicators-TOTAL_FORMS": "0",
        "indicators-INITIAL_FORMS": "0",
    }

    response = admin_client.post(admin_url(Programme, "add"), data)

    assert response.status_code == 200
    assert "lead_officer" in response.context["adminform"].form.errors
    assert not Programme.objects.exists()


def test_admin_refuses_an_end_date_before_the_start(admin_client, staff_user):
    data = {
        "title": "A programme",
        "lead_officer": staff_user.pk,
        "status": "planned",
        "start_date": "2025-04-01",
        "end_date": "2025-03-31",
        "budget": "1000.00",
        "objectives": [Objective.objects.get(number=1).pk],
        "milestones-TOTAL_FORMS": "0",
        "milestones-INITIAL_FORMS": "0",
        "indicators-TOTAL_FORMS": "0",
        "indicators-INITIAL_FORMS": "0",
    }

    response = admin_client.post(admin_url(Programme, "add"), data)

    assert response.status_code == 200
    assert "end_date" in response.context["adminform"].form.errors
    assert not Programme.objects.exists()


def test_milestone_done_filter(admin_client, programme):
    MilestoneFactory(programme=programme, title="Launch event held", done_date=date(2025, 6, 1))

    done = admin_client.get(admin_url(Milestone, "changelist"), {"done": "yes"})
    late = admin_client.get(admin_url(Milestone, "changelist"), {"done": "late"})

    assert [m.title for m in done.context["cl"].result_list] == ["Launch event held"]
    assert [m.title for m in late.context["cl"].result_list] == ["Partner schools signed up"]


@pytest.mark.parametrize("view", ["changelist", "add"])
def test_staff_without_admin_access_are_sent_to_the_admin_sign_in(client, staff_user, view):
    client.force_login(staff_user)

    response = client.get(admin_url(Programme, view))

    assert response.status_code == 302
    assert response.url.startswith(reverse("admin:login"))


def test_a_value_sent_without_its_indicator_is_an_error_not_a_crash(admin_client):
    response = admin_client.post(
        admin_url(IndicatorValue, "add"), {"financial_year": "2025", "quarter": "1", "target": "30"}
    )

    assert response.status_code == 200
    assert "indicator" in response.context["adminform"].form.errors
    assert not IndicatorValue.objects.exists()


def test_an_indicator_sent_without_its_programme_is_an_error_not_a_crash(admin_client):
    data = {
        "name": "Young people reached",
        "unit": "young people",
        "direction": "up",
        "aggregation": "sum",
        "values-TOTAL_FORMS": "1",
        "values-INITIAL_FORMS": "0",
        "values-0-financial_year": "2025",
        "values-0-quarter": "1",
        "values-0-target": "30",
    }

    response = admin_client.post(admin_url(Indicator, "add"), data)

    assert response.status_code == 200
    assert "programme" in response.context["adminform"].form.errors
    assert not Indicator.objects.exists()


def test_admin_refuses_a_value_outside_the_programme(admin_client, programme):
    indicator = programme.indicators.get()
    data = {"indicator": indicator.pk, "financial_year": "2020", "quarter": "1", "target": "30"}

    response = admin_client.post(admin_url(IndicatorValue, "add"), data)

    assert response.status_code == 200
    assert "quarter" in response.context["adminform"].form.errors
