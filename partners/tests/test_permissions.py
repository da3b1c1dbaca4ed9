import pytest
from django.contrib.auth.models import AnonymousUser

from partners.permissions import can_view_geography

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("role", ["admin", "staff", "manager", "prg", "partner"])
def test_every_signed_in_role_sees_the_geography(personas, role):
    assert can_view_geography(personas[role])


def test_anonymous_and_inactive_users_do_not(staff_user):
    assert not can_view_geography(AnonymousUser())
    staff_user.is_active = False
    assert not can_view_geography(staff_user)
