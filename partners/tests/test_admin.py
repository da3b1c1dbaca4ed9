"""The Django admin for London's boroughs and Basic Command Units."""

import pytest
from django.apps import apps
from django.contrib import admin
from django.urls import reverse

from partners.models import BasicCommandUnit, Borough, BoroughPlan, PlanAssessment

pytestmark = pytest.mark.django_db

REGISTERED = sorted(
    (model for model in admin.site._registry if model._meta.app_label == "partners"),
    key=lambda model: model._meta.model_name,
)


def admin_url(model, view, *args):
    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_{view}", args=args)


@pytest.fixture
def admin_client(client, admin_user):
    client.force_login(admin_user)
    return client


def test_every_partners_model_is_registered():
    models = {
        model
        for model in apps.get_app_config("partners").get_models()
        if not model._meta.model_name.startswith("historical")
    }
    assert models <= set(REGISTERED)
    assert {Borough, BasicCommandUnit} <= set(REGISTERED)


@pytest.mark.parametrize("model", REGISTERED, ids=lambda model: model._meta.model_name)
def test_changelist_and_add_page_answer(admin_client, model):
    assert admin_client.get(admin_url(model, "changelist")).status_code == 200
    # Plans and assessments start on the plan pages, through their services, never in the admin.
    added_elsewhere = model in (BoroughPlan, PlanAssessment)
    assert admin_client.get(admin_url(model, "add")).status_code == (403 if added_elsewhere else 200)


def test_borough_search_by_ons_code(admin_client):
    response = admin_client.get(admin_url(Borough, "changelist"), {"q": "E09000022"})

    assert [borough.name for borough in response.context["cl"].result_list] == ["Lambeth"]


def test_borough_filter_by_bcu(admin_client):
    bcu = BasicCommandUnit.objects.get(code="CS")

    response = admin_client.get(admin_url(Borough, "changelist"), {"bcu__id__exact": bcu.pk})

    assert [borough.name for borough in response.context["cl"].result_list] == ["Lambeth", "Southwark"]


def test_bcu_changelist_counts_the_boroughs(admin_client):
    response = admin_client.get(admin_url(BasicCommandUnit, "changelist"))

    counts = {bcu.code: bcu.borough_count for bcu in response.context["cl"].result_list}
    assert len(counts) == 12
    assert counts["CS"] == 2
    assert counts["SW"] == 4
    assert sum(counts.values()) == 32


def test_bcu_change_page_lists_its_boroughs_read_only(admin_client):
    bcu = BasicCommandUnit.objects.get(code="CW")

    response = admin_client.get(admin_url(BasicCommandUnit, "change", bcu.pk))

    assert response.status_code == 200
    for name in ("Hammersmith and Fulham", "Kensington and Chelsea", "Westminster"):
        assert name in response.text
    assert 'name="boroughs-0-name"' not in response.text


def test_staff_without_admin_access_are_sent_to_the_admin_sign_in(client, staff_user):
    client.force_login(staff_user)

    response = client.get(admin_url(Borough, "changelist"))

    assert response.status_code == 302
    assert response.url.startswith(reverse("admin:login"))
