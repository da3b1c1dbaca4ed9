"""The grants panel of a partner's home page (``{% load grant_tags %}{% grants_panel %}``): their grants and
the returns they owe, with links; nothing for anyone else."""

from datetime import timedelta

import pytest
from django.template import Context, Template
from django.test import RequestFactory
from django.urls import reverse
from django.utils import timezone

from commissioning.models import MonitoringReturn
from commissioning.services.returns import return_send_back
from commissioning.tests.grants.factories import grant_for, return_of, submitted

pytestmark = pytest.mark.django_db

PANEL = Template("{% load grant_tags %}{% grants_panel %}")


def render_for(user) -> str:
    request = RequestFactory().get("/")
    request.user = user
    return PANEL.render(Context({"request": request}))


@pytest.fixture
def grant(org_a, org_b, people):
    grant_for(org_b, project_title="Their boxing club")
    grant = grant_for(org_a, project_title="Detached youth work")
    today = timezone.localdate()
    MonitoringReturn.objects.update(due_on=today + timedelta(days=90))
    q1 = submitted(return_of(grant, 1), user=people["partner"])
    return_send_back(monitoring_return=q1, user=people["staff"], note="Add the spend.")
    overdue, soon = return_of(grant, 2), return_of(grant, 3)
    overdue.due_on, soon.due_on = today - timedelta(days=2), today + timedelta(days=10)
    overdue.save()
    soon.save()
    return grant


def test_a_partner_sees_their_grants_and_the_returns_they_owe(people, grant):
    html = render_for(people["partner"])

    assert "Detached youth work" in html and "Their boxing club" not in html
    assert "£40,000.00" in html
    for quarter in (1, 2, 3):
        assert reverse("commissioning:return-edit", args=[return_of(grant, quarter).pk]) in html
    assert reverse("commissioning:return-edit", args=[return_of(grant, 4).pk]) not in html  # not due for months
    assert 'govuk-tag--red">Overdue' in html
    assert 'govuk-tag--orange">Returned for revision' in html
    # What is owed comes soonest due first.
    assert html.index(str(return_of(grant, 2).pk) + "/edit/") < html.index(str(return_of(grant, 3).pk) + "/edit/")


@pytest.mark.parametrize("role", ["staff", "prg", "other_partner"])
def test_no_panel_for_anyone_else_or_a_partner_without_grants(people, grant, role):
    html = render_for(people[role])

    assert "Detached youth work" not in html
    if role == "other_partner":
        assert "Their boxing club" in html
    else:
        assert html.strip() == ""
