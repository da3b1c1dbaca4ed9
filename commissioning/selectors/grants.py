"""Reads for the grant pages, exports and API, each in a fixed number of queries whatever the number of rows."""

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from decimal import Decimal

from django.db.models import Count, DecimalField, OuterRef, Prefetch, Q, Subquery, Sum, Value
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.text import Truncator

from commissioning.filters.grants import GrantFilter
from commissioning.models import (
    Grant,
    GrantVariation,
    MonitoringReturn,
    ReturnStatus,
    Tranche,
    TrancheStatus,
)
from partners.models import Borough, Organisation
from programmes.history import ACTIONS, Change
from programmes.history import HistoryEntry as BaseHistoryEntry
from programmes.periods import FinancialQuarter
from vru.roles import user_display_name, user_name_fields
from vru.templatetags.vru_tags import money

ZERO = Value(Decimal("0.00"), output_field=DecimalField(max_digits=14, decimal_places=2))


def paid_total():
    paid = (
        Tranche.objects.filter(grant=OuterRef("pk"), status=TrancheStatus.PAID)
        .order_by()
        .values("grant")
        .annotate(total=Sum("amount"))
        .values("total")
    )
    return Coalesce(Subquery(paid), ZERO)


def for_listing(queryset):
    """What a row of the list, an export or the API shows: the grant's fund, organisation, objective and
    programme, the boroughs served and ``paid`` (the total of its paid tranches)."""
    return (
        queryset.select_related("fund", "organisation", "objective", "programme", "application")
        .prefetch_related(Prefetch("application__boroughs", queryset=Borough.objects.order_by("name")))
        .annotate(paid=paid_total())
    )


def grant_filterset(*, filters=None, queryset, visible=None) -> GrantFilter:
    """The grant filter over ``queryset``; its organisation choices are those with a grant in ``visible``."""
    visible = queryset if visible is None else visible
    organisations = Organisation.objects.filter(pk__in=visible.values("organisation"))
    return GrantFilter(filters or None, queryset=for_listing(queryset), organisations=organisations)


def filtered_grants(filterset: GrantFilter):
    """The filter's grants; none at all when a filter value is invalid, rather than everything."""
    if filterset.is_bound and not filterset.is_valid():
        return filterset.queryset.none()
    return filterset.qs


@dataclass(frozen=True)
class GrantTotals:
    count: int
    awarded: Decimal
    paid: Decimal


def grant_totals(grants) -> GrantTotals:
    """How many grants, and what was awarded and paid, over every grant filtered (not one page)."""
    ids = grants.order_by().values("pk")
    awarded = Grant.objects.filter(pk__in=ids).aggregate(count=Count("pk"), total=Sum("amount"))
    paid = Tranche.objects.filter(grant__in=ids, status=TrancheStatus.PAID).aggregate(total=Sum("amount"))
    return GrantTotals(
        count=awarded["count"] or 0,
        awarded=awarded["total"] or Decimal("0.00"),
        paid=paid["total"] or Decimal("0.00"),
    )


# What the grants export writes, so a chunk of grants does not carry descriptions and applications.
GRANT_EXPORT_FIELDS = (
    "identifier",
    "title",
    "organisation__name",
    "fund__name",
    "objective__number",
    "objective__title",
    "programme__title",
    "application__id",
    "amount",
    "start_date",
    "end_date",
    "agreement_signed_on",
    "status",
    "awarded_at",
)


def payments_of(grants):
    """Every tranche of the grants, in the grants' order and then by number, for the payments export."""
    return (
        Tranche.objects.filter(grant__in=grants.order_by().values("pk"))
        .select_related("grant__organisation", "grant__fund", "condition_return", "released_by", "paid_by")
        .only(
            "number",
            "amount",
            "condition",
            "due_date",
            "status",
            "released_at",
            "paid_on",
            "grant__identifier",
            "grant__title",
            "grant__organisation__name",
            "grant__fund__name",
            "condition_return__financial_year",
            "condition_return__quarter",
            *user_name_fields("released_by", "paid_by"),
        )
        .order_by("grant__identifier", "number")
    )


# --- Change history ------------------------------------------------------------------------------

SHOWN_TEXT = 120


@dataclass
class HistoryEntry(BaseHistoryEntry):
    """A change, with the reason recorded for it (a variation's, or the note of a payment released by hand)."""

    reason: str = ""


def _display(model_field, row) -> str:
    if model_field.is_relation:
        related = getattr(row, model_field.name, None) if getattr(row, model_field.attname) else None
        if related is None:
            return "–"
        return user_display_name(related) if hasattr(related, "get_full_name") else str(related)
    value = getattr(row, model_field.attname)
    if value is None or value == "":
        return "–"
    if model_field.choices:
        return str(dict(model_field.flatchoices).get(value, value))
    if isinstance(value, Decimal):
        return money(value)
    if isinstance(value, datetime):
        return date_format(timezone.localtime(value), "j M Y H:i")
    if isinstance(value, date):
        return date_format(value)
    return Truncator(str(value)).chars(SHOWN_TEXT)


def _label(model_field) -> str:
    name = str(model_field.verbose_name)
    return name[:1].upper() + name[1:]


def entries_of(rows, *, model, fields: list[str], subject_of) -> list[HistoryEntry]:
    """simple-history's records of ``model`` as entries, each saying which of ``fields`` changed.

    The records are compared row by row here, as ``programmes.history`` does, rather than
    with ``diff_against``, which queries once per record.
    """
    model_fields = [model._meta.get_field(name) for name in fields]
    entries = []
    ordered = sorted(rows, key=lambda r: (r.id, r.history_date, r.history_id))
    previous_id, previous = None, None
    for row in ordered:
        if row.id != previous_id:
            previous_id, previous = row.id, None
        shown = {_label(f): _display(f, row) for f in model_fields}
        changes = []
        if row.history_type == "~" and previous is not None:
            changes = [Change(name, previous[name], value) for name, value in shown.items() if previous[name] != value]
            if not changes:
                previous = shown
                continue
        entries.append(
            HistoryEntry(
                when=row.history_date,
                who=user_display_name(row.history_user) if row.history_user else "System",
                subject=subject_of(row),
                action=ACTIONS[row.history_type],
                changes=changes,
                object_key=(model.__name__, row.id),
                reason=row.history_change_reason or "",
            )
        )
        previous = shown
    return entries


# --- One grant ---------------------------------------------------------------------------------


def grant_detail_queryset():
    return Grant.objects.select_related(
        "fund", "organisation", "objective", "programme", "application", "awarded_by"
    ).annotate(paid=paid_total())


@dataclass
class GrantOverview:
    grant: Grant
    tranches: list[Tranche]
    returns: list[MonitoringReturn]
    variations: list[GrantVariation]
    boroughs: list[Borough]
    scheduled: Decimal = Decimal("0.00")
    released: Decimal = Decimal("0.00")
    paid: Decimal = Decimal("0.00")
    history: list[HistoryEntry] = field(default_factory=list)

    @property
    def schedule_total(self) -> Decimal:
        return self.scheduled + self.released + self.paid


def grant_overview(*, grant: Grant, with_history: bool = False) -> GrantOverview:
    """The grant's payment schedule, returns by quarter, variations and (for staff) change history."""
    tranches = list(grant.tranches.select_related("condition_return", "released_by", "paid_by").order_by("number"))
    returns = list(grant.returns.select_related("submitted_by", "reviewed_by").order_by("financial_year", "quarter"))
    variations = list(grant.variations.select_related("made_by"))
    boroughs = list(grant.application.boroughs.order_by("name"))
    overview = GrantOverview(grant=grant, tranches=tranches, returns=returns, variations=variations, boroughs=boroughs)
    for tranche in tranches:
        setattr(overview, tranche.status, getattr(overview, tranche.status) + tranche.amount)
    if with_history:
        overview.history = grant_history(grant=grant)
    return overview


GRANT_TRACKED = {
    Grant: ["amount", "start_date", "end_date", "conditions", "agreement_signed_on", "programme", "status"],
    Tranche: ["amount", "due_date", "condition", "status", "released_at", "released_by", "paid_on", "paid_by"],
    MonitoringReturn: ["status", "submitted_at", "submitted_by", "reviewed_at", "reviewed_by", "review_note"],
}


def grant_history(*, grant: Grant, limit: int = 100) -> list[HistoryEntry]:
    """The latest changes to the grant, its payments and the status of its returns, newest first."""
    grant_rows = Grant.history.filter(id=grant.pk).select_related("history_user", "programme")
    tranche_rows = Tranche.history.filter(grant_id=grant.pk).select_related("history_user", "released_by", "paid_by")
    return_rows = MonitoringReturn.history.filter(grant_id=grant.pk).select_related(
        "history_user", "submitted_by", "reviewed_by"
    )
    entries = [
        *entries_of(grant_rows, model=Grant, fields=GRANT_TRACKED[Grant], subject_of=lambda r: "Grant"),
        *entries_of(
            tranche_rows, model=Tranche, fields=GRANT_TRACKED[Tranche], subject_of=lambda r: f"Payment {r.number}"
        ),
        *entries_of(
            return_rows,
            model=MonitoringReturn,
            fields=GRANT_TRACKED[MonitoringReturn],
            subject_of=lambda r: f"{FinancialQuarter(r.financial_year, r.quarter).label} return",
        ),
    ]
    return sorted(entries, key=lambda entry: entry.when, reverse=True)[:limit]


# --- A partner's home-page panel --------------------------------------------------------------------

# Returns due within this many days are listed on a partner's home page, with any overdue or returned.
DUE_SOON_DAYS = 31


@dataclass
class GrantsPanel:
    grants: list[Grant]
    returns_due: list[MonitoringReturn]
    today: date

    @property
    def anything(self) -> bool:
        return bool(self.grants)


def grants_panel(*, user, today: date, grants) -> GrantsPanel:
    """A partner's grants (``grants``: those visible to them) and the returns they owe: drafts overdue or due
    within a month, and any returned for revision."""
    grant_list = list(
        grants.select_related("organisation").annotate(paid=paid_total()).order_by("-start_date", "identifier")
    )
    returns_due = list(
        MonitoringReturn.objects.filter(grant__in=[g.pk for g in grant_list])
        .filter(
            Q(status=ReturnStatus.RETURNED)
            | Q(status=ReturnStatus.DRAFT, due_on__lte=today + timedelta(days=DUE_SOON_DAYS))
        )
        .select_related("grant")
        .order_by("due_on", "grant__identifier")
    )
    return GrantsPanel(grants=grant_list, returns_due=returns_due, today=today)
