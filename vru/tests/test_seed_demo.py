"""``manage.py seed_demo``: demo accounts for every role and plausible programmes, made once."""

from io import StringIO

import pytest
from django.apps import apps
from django.contrib.auth import authenticate, get_user_model
from django.core.management import CommandError, call_command
from django.test import RequestFactory
from django.utils import timezone

from programmes.models import Indicator, IndicatorValue, Milestone, Objective, PriorityArea, Programme, ProgrammeStatus
from vru.roles import GROUP_NAMES, Role

pytestmark = pytest.mark.django_db


def _sign_in_request():
    # The sign-in throttle (django-axes) counts attempts by the request's address, so it needs one.
    return RequestFactory().post("/accounts/login/")


DEMO_ACCOUNTS = {
    "admin": None,
    "staff": Role.STAFF,
    "manager": Role.MANAGER,
    "prg": Role.PRG,
    "partner-a": Role.PARTNER,
    "partner-b": Role.PARTNER,
}


@pytest.fixture
def debug_on(settings):
    settings.DEBUG = True
    return settings


def seed() -> str:
    out = StringIO()
    call_command("seed_demo", stdout=out)
    return out.getvalue()


def history_counts() -> dict[str, int]:
    """Rows in every django-simple-history table, including the programme's lists of choices."""
    return {
        model._meta.label: model.objects.count()
        for model in apps.get_models()
        if model._meta.model_name.startswith("historical")
    }


def data_counts() -> dict[str, int]:
    return {
        "users": get_user_model().objects.count(),
        "programmes": Programme.objects.count(),
        "milestones": Milestone.objects.count(),
        "indicators": Indicator.objects.count(),
        "values": IndicatorValue.objects.count(),
        **history_counts(),
    }


def test_refuses_when_debug_is_off(settings):
    settings.DEBUG = False

    with pytest.raises(CommandError, match=r"only runs with DEBUG=1"):
        seed()

    assert not get_user_model().objects.exists()
    assert not Programme.objects.exists()


def test_makes_one_account_per_role_that_signs_in_with_the_demo_password(debug_on):
    debug_on.DEMO_PASSWORD = "a-demo-password-for-tests"

    output = seed()

    assert 'To try two-factor authentication, sign in and open "Two-factor authentication"' in output
    User = get_user_model()
    for username, role in DEMO_ACCOUNTS.items():
        user = User.objects.get(username=username)
        assert authenticate(_sign_in_request(), username=username, password="a-demo-password-for-tests") == user
        assert user.first_name and user.last_name and user.email.endswith("example.org")
        groups = set(user.groups.values_list("name", flat=True))
        if role is None:
            assert user.is_superuser and user.is_staff
            assert groups == set()
        else:
            assert not user.is_superuser and not user.is_staff
            assert groups == {GROUP_NAMES[role]}
        assert username in output
    assert User.objects.get(username="partner-a").email == "partner-a@lambeth.example.org"
    assert "a-demo-password-for-tests" in output


def test_extra_lead_officers_are_vru_staff_who_cannot_sign_in(debug_on):
    seed()

    leads = get_user_model().objects.filter(led_programmes__isnull=False).distinct()
    extras = leads.exclude(username__in=DEMO_ACCOUNTS)
    assert {"staff", "manager"} <= set(leads.values_list("username", flat=True))
    assert 2 <= extras.count() <= 3
    for user in extras:
        assert not user.has_usable_password()
        assert list(user.groups.values_list("name", flat=True)) == [GROUP_NAMES[Role.STAFF]]


def test_makes_programmes_under_every_objective_with_milestones_and_indicators(debug_on):
    seed()

    programmes = Programme.objects.prefetch_related("objectives", "priority_areas", "milestones", "indicators")
    assert 10 <= len(programmes) <= 14
    assert set(Objective.objects.filter(programmes__isnull=False).values_list("number", flat=True)) == set(range(1, 9))
    assert PriorityArea.objects.filter(programmes__isnull=True).count() == 0
    assert set(programmes.values_list("status", flat=True)) == set(ProgrammeStatus.values)
    assert programmes.filter(status=ProgrammeStatus.ACTIVE).count() > len(programmes) / 2
    for programme in programmes:
        assert 2 <= len(programme.milestones.all()) <= 4, programme
        assert 1 <= len(programme.indicators.all()) <= 2, programme
        assert programme.boroughs.exists() or programme.status == ProgrammeStatus.PLANNED, programme
        assert programme.start_date <= programme.end_date
    assert Milestone.objects.filter(done_date__isnull=False).exists()
    assert Milestone.objects.late().exists()
    assert set(Milestone.objects.values_list("rag", flat=True)) == {"red", "amber", "green"}


def test_indicators_have_targets_and_actuals_only_for_quarters_that_are_over(debug_on):
    seed()

    today = timezone.localdate()
    values = list(IndicatorValue.objects.select_related("indicator__programme"))
    assert values
    assert all(value.target is not None for value in values)
    assert any(value.actual is not None for value in values)
    for value in values:
        programme = value.indicator.programme
        assert value.period.overlaps(programme.start_date, programme.end_date)
        if value.actual is not None:
            assert value.period.end < today, value


def test_history_is_written_by_the_lead_officers(debug_on):
    seed()

    for programme in Programme.objects.select_related("lead_officer"):
        created = programme.history.get(history_type="+")
        assert created.history_user == programme.lead_officer
    assert not Milestone.history.filter(history_user__isnull=True).exists()
    assert not IndicatorValue.history.filter(history_user__isnull=True).exists()


def test_running_again_changes_nothing(debug_on):
    first_output = seed()
    before = data_counts()
    updated = dict(Programme.objects.values_list("pk", "updated_at"))

    second_output = seed()

    assert data_counts() == before
    assert dict(Programme.objects.values_list("pk", "updated_at")) == updated
    assert "nothing was changed" in second_output
    for username in DEMO_ACCOUNTS:
        assert username in first_output
        assert username in second_output
    assert second_output.count(debug_on.DEMO_PASSWORD) == len(DEMO_ACCOUNTS)


def test_running_again_keeps_a_password_someone_changed(debug_on):
    seed()
    user = get_user_model().objects.get(username="staff")
    user.set_password("a-new-password-of-their-own")
    user.save()

    output = seed()

    assert authenticate(_sign_in_request(), username="staff", password="a-new-password-of-their-own") is not None
    assert output.count(debug_on.DEMO_PASSWORD) == len(DEMO_ACCOUNTS) - 1
    assert "changed since seeding" in output


def test_adds_a_missing_programme_and_leaves_the_others_alone(debug_on):
    seed()
    removed = Programme.objects.get(title="Safer Schools Partnership")
    removed.milestones.all().delete()
    removed.indicators.all().delete()
    removed.delete()
    others = Programme.objects.count()
    other_history = Programme.history.exclude(title="Safer Schools Partnership").count()

    seed()

    assert Programme.objects.count() == others + 1
    assert Programme.objects.get(title="Safer Schools Partnership").milestones.exists()
    assert Programme.history.exclude(title="Safer Schools Partnership").count() == other_history
