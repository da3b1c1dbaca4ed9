"""Every role against every programme page: the rules in programmes/permissions.py, seen through the pages."""

import pytest
from django.urls import reverse

from programmes import permissions
from programmes.tests.factories import IndicatorFactory, MilestoneFactory, ProgrammeFactory

pytestmark = pytest.mark.django_db

VRU = {"admin", "staff", "manager"}


@pytest.mark.parametrize("role", ["admin", "staff", "manager", "prg", "partner"])
def test_permission_functions_for_every_role(personas, role):
    user = personas[role]
    assert permissions.can_view_strategy(user)
    assert permissions.can_view_programmes(user) is (role in VRU)
    assert permissions.can_change_programmes(user) is (role in VRU)


def test_anonymous_and_inactive_users_have_no_access(staff_user, django_user_model):
    from django.contrib.auth.models import AnonymousUser

    assert not permissions.can_view_strategy(AnonymousUser())
    assert not permissions.can_view_programmes(AnonymousUser())
    staff_user.is_active = False
    staff_user.save()
    fresh = django_user_model.objects.get(pk=staff_user.pk)
    assert not permissions.can_view_programmes(fresh)


def _programme_urls():
    milestone = MilestoneFactory()
    programme = milestone.programme
    indicator = IndicatorFactory(programme=programme)
    return [
        reverse("programmes:programme-list"),
        reverse("programmes:programme-export"),
        reverse("programmes:programme-create"),
        reverse("programmes:programme-detail", args=[programme.pk]),
        reverse("programmes:programme-edit", args=[programme.pk]),
        reverse("programmes:milestone-create", args=[programme.pk]),
        reverse("programmes:milestone-edit", args=[programme.pk, milestone.pk]),
        reverse("programmes:milestone-delete", args=[programme.pk, milestone.pk]),
        reverse("programmes:indicator-create", args=[programme.pk]),
        reverse("programmes:indicator-edit", args=[programme.pk, indicator.pk]),
        reverse("programmes:indicator-delete", args=[programme.pk, indicator.pk]),
    ]


@pytest.mark.parametrize("role", ["admin", "staff", "manager", "prg", "partner"])
def test_programme_pages_open_for_vru_roles_only(client, personas, role):
    client.force_login(personas[role])
    for url in _programme_urls():
        response = client.get(url)
        expected = 200 if role in VRU else 403
        assert response.status_code == expected, url


@pytest.mark.parametrize("role", ["prg", "partner"])
def test_non_vru_roles_cannot_change_a_programme_by_posting(client, personas, role):
    programme = ProgrammeFactory(title="Untouched")
    client.force_login(personas[role])
    response = client.post(reverse("programmes:programme-edit", args=[programme.pk]), {"title": "Changed"})
    assert response.status_code == 403
    programme.refresh_from_db()
    assert programme.title == "Untouched"


@pytest.mark.parametrize("role", ["admin", "staff", "manager", "prg", "partner"])
def test_dashboard_and_objective_pages_show_figures_to_vru_roles_only(client, personas, role):
    ProgrammeFactory(title="Safer Schools Partnership")
    client.force_login(personas[role])
    dashboard = client.get(reverse("programmes:dashboard")).content.decode()
    objective = client.get(reverse("programmes:objective-detail", args=[5])).content.decode()
    assert "Keeping schools safe" in dashboard
    assert "Developing safer schools" in objective
    assert ("budget of active programmes" in dashboard) is (role in VRU)
    assert ("Safer Schools Partnership" in objective) is (role in VRU)


def test_anonymous_visitors_are_sent_to_sign_in(client):
    programme = ProgrammeFactory()
    for url in [
        reverse("programmes:dashboard"),
        reverse("programmes:programme-list"),
        reverse("programmes:programme-detail", args=[programme.pk]),
        reverse("programmes:programme-export"),
        reverse("programmes:objective-detail", args=[1]),
    ]:
        response = client.get(url)
        assert response.status_code == 302
        assert response.url.startswith(reverse("login"))


def test_unknown_programme_or_objective_is_404(staff_client):
    assert staff_client.get(reverse("programmes:programme-detail", args=[999999])).status_code == 404
    assert staff_client.get(reverse("programmes:objective-detail", args=[9])).status_code == 404


def test_milestone_of_another_programme_is_404(staff_client):
    milestone = MilestoneFactory()
    other = ProgrammeFactory()
    url = reverse("programmes:milestone-edit", args=[other.pk, milestone.pk])
    assert staff_client.get(url).status_code == 404
