"""Factories for the PRG tests: members, meetings, papers with real small files, decisions, actions, groups."""

from datetime import datetime, time, timedelta

import factory
from django.core.files.base import ContentFile
from django.utils import timezone

from partners.files import DOCX, PDF, XLSX
from partners.models import (
    ActionStatus,
    AgendaItem,
    Attendance,
    Decision,
    DecisionOutcome,
    Meeting,
    Paper,
    PrgAction,
    PrgMember,
    PrgRole,
    Recommendation,
    RecommendationKind,
    TaskAndFinishGroup,
)
from partners.tests.factories import OrganisationFactory
from vru.demo.prg import sample_docx, sample_pdf, sample_xlsx
from vru.tests.factories import UserFactory


def local_datetime(day, hour=14, minute=0):
    """A London wall-clock time on ``day``, as an aware datetime."""
    return timezone.make_aware(datetime.combine(day, time(hour, minute)))


def days_from_today(days: int):
    return timezone.localdate() + timedelta(days=days)


class PrgMemberFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PrgMember

    name = factory.Faker("name", locale="en_GB")
    organisation = factory.SubFactory(OrganisationFactory)
    job_title = "Partnership lead"
    role = PrgRole.MEMBER
    term_start = factory.LazyFunction(lambda: days_from_today(-400))
    term_end = None


class MeetingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Meeting

    title = factory.Sequence(lambda n: f"Quarterly meeting {n}")
    starts_at = factory.LazyFunction(lambda: local_datetime(days_from_today(-30)))
    place = "City Hall, Committee Room 4"
    minutes = ""


class AgendaItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AgendaItem

    meeting = factory.SubFactory(MeetingFactory)
    order = factory.Sequence(lambda n: n + 1)
    title = factory.Sequence(lambda n: f"Agenda item {n}")
    presenter = "Chair"


class AttendanceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Attendance

    meeting = factory.SubFactory(MeetingFactory)
    member = factory.SubFactory(PrgMemberFactory)
    status = Attendance.Status.PRESENT


SAMPLES = {
    "pdf": (PDF, lambda title: sample_pdf(title, ["A line of the paper."])),
    "docx": (DOCX, lambda title: sample_docx(title, ["A paragraph of the paper."])),
    "xlsx": (XLSX, lambda title: sample_xlsx(title, [("Line", "Amount"), ("Direct services", 100)])),
}


class PaperFactory(factory.django.DjangoModelFactory):
    """A paper whose file is a real small PDF (or ``kind="docx"``/``"xlsx"``) saved in the storage."""

    class Meta:
        model = Paper

    class Params:
        kind = "pdf"

    meeting = factory.SubFactory(MeetingFactory)
    title = factory.Sequence(lambda n: f"Paper {n}")
    uploaded_by = factory.SubFactory(UserFactory, role="staff")
    content_type = factory.LazyAttribute(lambda o: SAMPLES[o.kind][0])
    file = factory.LazyAttribute(lambda o: ContentFile(SAMPLES[o.kind][1](o.title), name=f"paper.{o.kind}"))
    size = factory.LazyAttribute(lambda o: o.file.size)


class RecommendationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Recommendation

    paper = factory.SubFactory(PaperFactory)
    order = factory.Sequence(lambda n: n + 1)
    kind = RecommendationKind.NOTE
    text = factory.Sequence(lambda n: f"Note the context {n}.")


class DecisionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Decision

    recommendation = factory.SubFactory(RecommendationFactory)
    outcome = DecisionOutcome.AGREED
    minute = "Agreed by the group."
    recorded_by = factory.SubFactory(UserFactory, role="staff")


class PrgActionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PrgAction

    action = factory.Sequence(lambda n: f"Action number {n}")
    owner = "VRU Head of Partnerships"
    meeting = factory.SubFactory(MeetingFactory)
    due_date = factory.LazyFunction(lambda: days_from_today(30))
    status = ActionStatus.OPEN
    notes = ""


class TaskAndFinishGroupFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = TaskAndFinishGroup
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"Task and finish group {n}")
    remit = "Look at one strand of work and report back."
    start_date = factory.LazyFunction(lambda: days_from_today(-30))
    end_date = factory.LazyFunction(lambda: days_from_today(60))

    @factory.post_generation
    def members(self, create, extracted, **kwargs):
        if create and extracted:
            self.members.set(extracted)
