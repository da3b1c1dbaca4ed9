"""Who may see and change the strategy and programmes: the one place these rules live.

The pages, the API and the exports all ask these functions.
"""

from django.http import Http404

from programmes.models import Programme
from vru.roles import Role, is_vru, roles_of


def can_view_strategy(user) -> bool:
    """Aims, objectives and priority areas are the VRU's public strategy: any signed-in user."""
    return user.is_authenticated and user.is_active


def can_view_programmes(user) -> bool:
    """Programmes, their budgets and milestones are the VRU's own working records."""
    return is_vru(user)


def can_change_programmes(user) -> bool:
    return is_vru(user)


def programmes_visible_to(user):
    return Programme.objects.all() if can_view_programmes(user) else Programme.objects.none()


def get_programme_for_user(user, pk, queryset=None) -> Programme:
    """The programme, or 404 for anyone who may not see it."""
    queryset = queryset if queryset is not None else Programme.objects.all()
    if not can_view_programmes(user):
        raise Http404("No such programme.")
    try:
        return queryset.get(pk=pk)
    except (Programme.DoesNotExist, ValueError, TypeError):
        raise Http404("No such programme.") from None


# --- Performance reports and population indicators ------------------------------------------


def can_view_reports(user) -> bool:
    """Published performance reports are for VRU staff and PRG members."""
    return is_vru(user) or Role.PRG in roles_of(user)


def can_request_reports(user) -> bool:
    """Asking for a report to be built now, and watching it build, is VRU work."""
    return is_vru(user)


def sees_exact_counts(user) -> bool:
    """VRU staff see counts of people as they are; PRG members see them with small counts suppressed."""
    return is_vru(user)


def can_view_population(user) -> bool:
    return is_vru(user)


def can_import_population(user) -> bool:
    return is_vru(user)


def get_report_for_user(user, kind, slug, queryset=None):
    """The published report of ``kind`` for the period ``slug``, or 404 for anyone who may not see it."""
    from programmes.models import PerformanceReport

    queryset = queryset if queryset is not None else PerformanceReport.objects.all()
    if not can_view_reports(user):
        raise Http404("No such report.")
    try:
        return queryset.get(kind=kind, slug=slug)
    except PerformanceReport.DoesNotExist:
        raise Http404("No such report.") from None


def get_report_request_for_user(user, pk):
    from programmes.models import ReportRequest

    if not can_request_reports(user):
        raise Http404("No such request.")
    try:
        return ReportRequest.objects.select_related("report").get(pk=pk)
    except (ReportRequest.DoesNotExist, ValueError, TypeError):
        raise Http404("No such request.") from None


def get_population_import_for_user(user, pk):
    from programmes.models import PopulationImport

    if not can_import_population(user):
        raise Http404("No such import.")
    try:
        return PopulationImport.objects.get(pk=pk)
    except (PopulationImport.DoesNotExist, ValueError, TypeError):
        raise Http404("No such import.") from None
