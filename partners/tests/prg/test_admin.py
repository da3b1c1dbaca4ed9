"""The PRG's admin: every model's pages, the meeting's inlines, and the same rules as the services."""

import pytest
from django.contrib import admin
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from simple_history.admin import SimpleHistoryAdmin

from partners.models import (
    AgendaItem,
    Attendance,
    Decision,
    Meeting,
    Paper,
    PrgAction,
    PrgMember,
    Recommendation,
    TaskAndFinishGroup,
)
from partners.tests.prg.conftest import stored_files
from partners.tests.prg.factories import (
    AgendaItemFactory,
    AttendanceFactory,
    MeetingFactory,
    PaperFactory,
    PrgActionFactory,
    days_from_today,
)
from vru.demo.prg import sample_xlsx

pytestmark = pytest.mark.django_db

PRG_MODELS = [
    AgendaItem,
    Attendance,
    Decision,
    Meeting,
    Paper,
    PrgAction,
    PrgMember,
    Recommendation,
    TaskAndFinishGroup,
]


def admin_url(model, view, *args):
    return reverse(f"admin:partners_{model._meta.model_name}_{view}", args=args)


@pytest.fixture
def admin_client(client, admin_user):
    client.force_login(admin_user)
    return client


@pytest.mark.parametrize("model", PRG_MODELS, ids=lambda model: model.__name__)
def test_every_prg_model_has_its_list_and_add_pages(admin_client, model):
    assert admin_client.get(admin_url(model, "changelist")).status_code == 200
    assert admin_client.get(admin_url(model, "add")).status_code == 200


def test_models_with_history_keep_the_history_page():
    for model in (Meeting, PrgMember, Decision, PrgAction):
        assert isinstance(admin.site._registry[model], SimpleHistoryAdmin), model


def test_a_meeting_shows_its_agenda_attendance_and_papers(admin_client):
    meeting = MeetingFactory()
    AgendaItemFactory(meeting=meeting, title="Welcome and apologies")
    AttendanceFactory(meeting=meeting, member__name="Dr Helen Marsh")
    PaperFactory(meeting=meeting, title="Approach paper")

    page = admin_client.get(admin_url(Meeting, "change", meeting.pk)).content.decode()

    assert "Welcome and apologies" in page
    assert "Dr Helen Marsh" in page
    assert "Approach paper" in page


def test_a_paper_uploaded_in_the_admin_is_checked_by_content(admin_client, media_root):
    meeting = MeetingFactory()
    data = {
        "meeting": meeting.pk,
        "agenda_item": "",
        "title": "Budget",
        # The recommendations inline's management form.
        "recommendations-TOTAL_FORMS": "0",
        "recommendations-INITIAL_FORMS": "0",
    }

    refused = admin_client.post(
        admin_url(Paper, "add"),
        {**data, "file": SimpleUploadedFile("budget.xlsx", b"plain text", content_type="text/plain")},
    )
    assert "The selected file must be a PDF, Word document (DOCX) or Excel spreadsheet (XLSX)." in (
        refused.content.decode()
    )
    assert not Paper.objects.exists()
    assert stored_files(media_root) == []

    content = sample_xlsx("Budget", [("Line", 1)])
    admin_client.post(admin_url(Paper, "add"), {**data, "file": SimpleUploadedFile("b.bin", content)})
    paper = Paper.objects.get()
    assert paper.content_type == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    assert paper.size == len(content)
    assert paper.file.name.endswith("/budget.xlsx")
    assert paper.uploaded_by.username == "admin"


def test_the_admin_refuses_what_the_services_refuse(admin_client):
    meeting = MeetingFactory()
    member = admin_client.post(
        admin_url(PrgMember, "add"),
        {"name": "X", "role": "member", "term_start": "2026-04-01", "term_end": "2026-03-01", "job_title": ""},
    )
    group = admin_client.post(
        admin_url(TaskAndFinishGroup, "add"),
        {"name": "X", "remit": "Y", "start_date": "2026-04-01", "end_date": "2026-03-01"},
    )
    action = admin_client.post(
        admin_url(PrgAction, "add"),
        {
            "action": "X",
            "owner": "Y",
            "meeting": meeting.pk,
            "due_date": "2000-01-01",
            "status": "open",
            "notes": "",
        },
    )

    assert "The end of the term must be the same as or after its start." in member.content.decode()
    assert "The end date must be the same as or after the start date." in group.content.decode()
    assert "The due date must be the same as or after the date of the meeting" in action.content.decode()
    assert not PrgMember.objects.exists() and not TaskAndFinishGroup.objects.exists()
    assert not PrgAction.objects.exists()


def test_action_log_admin_filters_overdue(admin_client):
    PrgActionFactory(action="Late", due_date=days_from_today(-1), meeting__starts_at=MeetingFactory().starts_at)
    PrgActionFactory(action="On time", due_date=days_from_today(5))

    response = admin_client.get(admin_url(PrgAction, "changelist"), {"overdue": "yes"})

    assert [action.action for action in response.context["cl"].result_list] == ["Late"]


def test_a_decision_added_in_the_admin_records_who_added_it(admin_client, admin_user):
    from partners.tests.prg.factories import RecommendationFactory

    recommendation = RecommendationFactory(text="Note the context.")

    response = admin_client.post(
        admin_url(Recommendation, "change", recommendation.pk),
        {
            "paper": recommendation.paper_id,
            "order": recommendation.order,
            "kind": recommendation.kind,
            "text": recommendation.text,
            "decision-TOTAL_FORMS": "1",
            "decision-INITIAL_FORMS": "0",
            "decision-0-outcome": "agreed",
            "decision-0-minute": "Noted by the group.",
        },
    )

    assert response.status_code == 302
    decision = Decision.objects.get()
    assert (decision.recorded_by, decision.minute) == (admin_user, "Noted by the group.")
    assert decision.history.get().history_user == admin_user
