"""Lists of applications: a round's pipeline, the application list, their exports, the API and a partner's
home-page panel. Each runs a fixed number of queries whatever the number of rows."""

from dataclasses import dataclass, field

from django.db.models import Count, F, Prefetch

from commissioning.filters.applications import ApplicationFilter
from commissioning.models import Application, ApplicationStatus, FundingRound
from partners.models import Borough, Organisation, Ward
from programmes.models import Objective
from vru.exports import rows_of


def for_listing(queryset):
    """What a row shows: the round, the organisation, the boroughs, wards and objectives.

    The rows are picked by a subquery, so a queryset that joined memberships (a
    partner's own applications) can neither repeat nor narrow them.
    """
    return (
        Application.objects.filter(pk__in=queryset.values("pk"))
        .select_related("round", "organisation")
        .prefetch_related(
            Prefetch("boroughs", queryset=Borough.objects.order_by("name")),
            Prefetch("wards", queryset=Ward.objects.order_by("name")),
            Prefetch("objectives", queryset=Objective.objects.order_by("number")),
        )
        .order_by(F("submitted_at").desc(nulls_last=True), "-created_at", "-pk")
    )


def application_filterset(*, filters=None, queryset=None, round: FundingRound | None = None) -> ApplicationFilter:
    """The filters over ``queryset`` (every application by default); for one ``round``, its applications."""
    queryset = queryset if queryset is not None else Application.objects.all()
    if round is not None:
        queryset = queryset.filter(round=round)
    return ApplicationFilter(filters or None, queryset=for_listing(queryset), round=round)


def filtered_applications(filterset: ApplicationFilter):
    """The filter's applications; none at all when a filter value is invalid, rather than everything."""
    if filterset.is_bound and not filterset.is_valid():
        return filterset.queryset.none()
    return filterset.qs


@dataclass(frozen=True)
class StatusCount:
    status: str
    label: str
    count: int


def status_counts(*, round: FundingRound) -> list[StatusCount]:
    """How many of the round's applications are in each status: every status, in order, zeros too."""
    counts = dict(Application.objects.filter(round=round).values_list("status").annotate(total=Count("pk")).order_by())
    return [StatusCount(status.value, status.label, counts.get(status.value, 0)) for status in ApplicationStatus]


EXPORT_HEADERS = [
    "Reference",
    "Funding round",
    "Organisation",
    "Organisation type",
    "Project title",
    "Amount requested (£)",
    "Status",
    "Boroughs",
    "Wards",
    "Objectives",
    "Start date",
    "End date",
    "Submitted",
]


def export_rows(applications):
    """One row per application, as the pipeline's CSV and XLSX downloads show them, read a chunk at a time
    with only the columns written."""
    columns = applications.only(
        "reference",
        "round__title",
        "organisation__name",
        "organisation__type",
        "project_title",
        "amount_requested",
        "status",
        "start_date",
        "end_date",
        "submitted_at",
    )
    for application in rows_of(columns):
        yield [
            application.reference,
            application.round.title,
            application.organisation.name,
            application.organisation.get_type_display(),
            application.project_title,
            application.amount_requested,
            application.get_status_display(),
            "; ".join(borough.name for borough in application.boroughs.all()),
            "; ".join(ward.name for ward in application.wards.all()),
            "; ".join(str(objective.number) for objective in application.objectives.all()),
            application.start_date,
            application.end_date,
            application.submitted_at,
        ]


# --- A partner's home page --------------------------------------------------------------------------------


@dataclass
class OpenRound:
    round: FundingRound
    organisations: list[Organisation]


@dataclass
class ApplicationsPanel:
    drafts: list[Application] = field(default_factory=list)
    sent: list[Application] = field(default_factory=list)
    open_rounds: list[OpenRound] = field(default_factory=list)

    @property
    def anything(self) -> bool:
        return bool(self.drafts or self.sent or self.open_rounds)


SENT_SHOWN = 10


def applications_panel(*, user, at=None) -> ApplicationsPanel:
    """A partner user's drafts, the applications their organisations have sent, and the open rounds any of
    their organisations has not applied to yet."""
    organisations = list(Organisation.objects.for_user(user).order_by("name"))
    if not organisations:
        return ApplicationsPanel()
    applications = list(
        Application.objects.filter(organisation__in=organisations)
        .select_related("round", "organisation")
        .order_by("-created_at", "-pk")
    )
    live = {(a.round_id, a.organisation_id) for a in applications if a.status != ApplicationStatus.WITHDRAWN}
    open_rounds = []
    for round in FundingRound.objects.open(at).select_related("fund").order_by("closes_at", "title"):
        free = [organisation for organisation in organisations if (round.pk, organisation.pk) not in live]
        if free:
            open_rounds.append(OpenRound(round, free))
    return ApplicationsPanel(
        drafts=[a for a in applications if a.status == ApplicationStatus.DRAFT],
        sent=[a for a in applications if a.submitted_at is not None][:SENT_SHOWN],
        open_rounds=open_rounds,
    )
