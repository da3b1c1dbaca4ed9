"""PRG meetings: the list, a meeting's page, its details and agenda, and its attendance."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect

from partners.forms.prg import AgendaFormSet, AttendanceForm, MeetingForm, initial_agenda
from partners.models import Meeting
from partners.selectors import prg as selectors
from partners.services import prg as services
from partners.views.prg.access import error_links_of, prg_editor_required, prg_viewer_required, render_prg
from partners.views.prg.actions import ACTION_COLUMNS
from vru.forms import apply_model_errors

PAGE_SIZE = 25


@prg_viewer_required
def meeting_list(request):
    page = Paginator(selectors.meeting_list(), PAGE_SIZE).get_page(request.GET.get("page"))
    return render_prg(request, "partners/prg/meeting_list.html", {"page": page, "meetings": page.object_list})


@prg_viewer_required
def meeting_detail(request, pk: int):
    meeting = get_object_or_404(selectors.meeting_detail_queryset(), pk=pk)
    return render_prg(
        request,
        "partners/prg/meeting_detail.html",
        {"page": selectors.meeting_page(meeting=meeting), "columns": ACTION_COLUMNS},
    )


@prg_editor_required
def meeting_edit(request, pk: int | None = None):
    meeting = get_object_or_404(Meeting, pk=pk) if pk else None
    data = request.POST or None
    form = MeetingForm(data, instance=meeting)
    agenda = AgendaFormSet(data, prefix="agenda", initial=None if data else initial_agenda(meeting))
    if request.method == "POST" and form.is_valid() and agenda.is_valid():
        try:
            meeting = services.meeting_save(
                user=request.user, meeting=meeting, agenda=agenda.agenda_rows(), **form.service_fields()
            )
        except services.AgendaError as error:
            agenda.show_agenda_errors(error.agenda_errors)
        except ValidationError as error:
            apply_model_errors(form, error, {"starts_at": "date"})
        else:
            messages.success(request, f"Meeting “{meeting.title}” saved.")
            return redirect(meeting)
    return render_prg(
        request,
        "partners/prg/meeting_form.html",
        {"form": form, "agenda": agenda, "meeting": meeting, "error_links": error_links_of(form, agenda)},
    )


@prg_editor_required
def attendance_edit(request, pk: int):
    meeting = get_object_or_404(Meeting, pk=pk)
    members = services.attendance_members(meeting).order_by("name")
    recorded = dict(meeting.attendance.values_list("member_id", "status"))
    form = AttendanceForm(request.POST or None, members=members, recorded=recorded)
    if request.method == "POST" and form.is_valid():
        try:
            services.attendance_record(user=request.user, meeting=meeting, statuses=form.statuses())
        except ValidationError as error:
            apply_model_errors(form, error)
        else:
            messages.success(request, "Attendance saved.")
            return redirect(f"{meeting.get_absolute_url()}#attendance")
    return render_prg(
        request,
        "partners/prg/attendance_form.html",
        {"form": form, "meeting": meeting, "error_links": error_links_of(form)},
    )
