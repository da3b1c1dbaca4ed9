"""The PRG's demo data: plausible, written through the services, with real files, and made only once."""

import pytest
from django.apps import apps
from django.utils import timezone

from partners.files import check_paper_file
from partners.models import (
    Attendance,
    Decision,
    Meeting,
    OrganisationType,
    Paper,
    PrgAction,
    PrgMember,
    Recommendation,
    TaskAndFinishGroup,
)
from partners.tests.factories import OrganisationFactory
from partners.tests.prg.conftest import stored_files
from vru.demo import prg as demo
from vru.demo import seed as base_seed

pytestmark = pytest.mark.django_db

ORGANISATIONS = [
    "Metropolitan Police Service",
    "NHS London",
    "London Probation Service",
    "Lambeth Community Safety Partnership",
    "Southside Youth Trust",
]


@pytest.fixture
def users():
    accounts, _ = base_seed.ensure_accounts()
    staff, _ = base_seed.ensure_extra_staff()
    return {user.username: user for user in [*accounts, *staff]}


def counts() -> dict[str, int]:
    rows = {
        model.__name__: model.objects.count()
        for model in (PrgMember, Meeting, Paper, Recommendation, Decision, PrgAction, TaskAndFinishGroup, Attendance)
    }
    rows.update(
        {
            model._meta.label: model.objects.count()
            for model in apps.get_app_config("partners").get_models()
            if model._meta.model_name.startswith("historical")
        }
    )
    return rows


def test_seed_makes_the_prg_once(users, media_root):
    for name in ORGANISATIONS:
        OrganisationFactory(name=name, type=OrganisationType.OTHER)
    today = timezone.localdate()

    created = demo.seed(users, today)
    first = counts()
    files = stored_files(media_root)
    again = demo.seed(users, today)

    assert created > 0
    assert again == 0
    assert counts() == first
    assert stored_files(media_root) == files
    assert created == sum(
        first[name]
        for name in ("PrgMember", "Meeting", "Paper", "Recommendation", "Decision", "PrgAction", "TaskAndFinishGroup")
    ) + first["Attendance"] + sum(meeting.agenda_items.count() for meeting in Meeting.objects.all())


def test_seed_content(users, media_root):
    for name in ORGANISATIONS[:3]:  # the others are missing: their members are kept without the link
        OrganisationFactory(name=name, type=OrganisationType.OTHER)
    today = timezone.localdate()

    demo.seed(users, today)

    roles = set(PrgMember.objects.current().values_list("role", flat=True))
    assert {"chair", "member", "community", "young_people", "observer"} <= roles
    assert PrgMember.objects.past().count() == 1
    assert PrgMember.objects.get(user=users["prg"]).name == "Marcus Campbell"
    assert PrgMember.objects.get(name="Dr Amara Osei").organisation.name == "NHS London"
    assert PrgMember.objects.get(name="Bernadette Kelly").organisation is None

    now = timezone.now()
    past, upcoming = Meeting.objects.filter(starts_at__lt=now), Meeting.objects.filter(starts_at__gt=now)
    assert past.count() == 2 and upcoming.count() == 1
    assert all(meeting.minutes for meeting in past)
    assert not Decision.objects.filter(recommendation__paper__meeting__in=upcoming).exists()
    assert Decision.objects.filter(recommendation__paper__meeting__in=past).count() == 8
    texts = list(Recommendation.objects.values_list("text", flat=True))
    assert "Note the context." in texts
    assert "Confirm support for the approach & principles." in texts

    assert {paper.content_type for paper in Paper.objects.all()} == {
        "application/pdf",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    }
    for paper in Paper.objects.all():
        with paper.file.open("rb") as stored:
            assert check_paper_file(stored).content_type == paper.content_type

    assert PrgAction.objects.overdue().exists()
    assert PrgAction.objects.filter(status="done").exists()
    groups = {group.name: group.is_closed for group in TaskAndFinishGroup.objects.all()}
    assert sorted(groups.values()) == [False, True]
