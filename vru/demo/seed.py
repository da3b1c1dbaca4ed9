"""Writes the demo data through the services, adding only what is missing."""

from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management.base import CommandError

from partners.models import Borough
from programmes.models import (
    InterventionType,
    Objective,
    PreventionLevel,
    PriorityArea,
    Programme,
    TargetGroup,
)
from programmes.periods import FinancialQuarter, financial_year_of
from programmes.services import PeriodValue, indicator_save, milestone_save, programme_create
from vru.demo.data import ACCOUNTS, EXTRA_STAFF, PROGRAMMES, DemoIndicator, DemoProgramme
from vru.roles import GROUP_NAMES, Role


def ensure_accounts():
    User = get_user_model()
    users, created = [], []
    for account in ACCOUNTS:
        user = User.objects.filter(username=account.username).first()
        if user is None:
            user = User(
                username=account.username,
                first_name=account.first_name,
                last_name=account.last_name,
                email=account.email,
                is_superuser=account.role == Role.ADMIN,
                is_staff=account.role == Role.ADMIN,
            )
            user.set_password(settings.DEMO_PASSWORD)
            user.save()
            if account.role in GROUP_NAMES:
                user.groups.add(Group.objects.get(name=GROUP_NAMES[account.role]))
            created.append(user)
        users.append(user)
    return users, created


def ensure_extra_staff():
    User = get_user_model()
    group = Group.objects.get(name=GROUP_NAMES[Role.STAFF])
    users, created = [], []
    for username, first_name, last_name in EXTRA_STAFF:
        user = User.objects.filter(username=username).first()
        if user is None:
            user = User(
                username=username,
                first_name=first_name,
                last_name=last_name,
                email=f"{username}@example.org",
            )
            user.set_unusable_password()
            user.save()
            user.groups.add(group)
            created.append(user)
        users.append(user)
    return users, created


class _Lookup:
    """Reference data by name or number, failing clearly when the migrations' data is missing."""

    def __init__(self, model, field_name):
        self.label = model._meta.verbose_name_plural
        self.rows = {getattr(row, field_name): row for row in model.objects.all()}

    def __call__(self, keys):
        missing = [str(key) for key in keys if key not in self.rows]
        if missing:
            raise CommandError(f"These {self.label} are missing (run the migrations?): {', '.join(missing)}")
        return [self.rows[key] for key in keys]


def ensure_programmes(users, today: date) -> list[Programme]:
    existing = set(
        Programme.objects.filter(title__in=[spec.title for spec in PROGRAMMES]).values_list("title", flat=True)
    )
    todo = [spec for spec in PROGRAMMES if spec.title not in existing]
    if not todo:
        return []
    lookups = {
        "objectives": _Lookup(Objective, "number"),
        "priority_areas": _Lookup(PriorityArea, "number"),
        "boroughs": _Lookup(Borough, "name"),
        "intervention_types": _Lookup(InterventionType, "name"),
        "prevention_levels": _Lookup(PreventionLevel, "name"),
        "target_groups": _Lookup(TargetGroup, "name"),
    }
    return [_create_programme(spec, users, lookups, today) for spec in todo]


def _programme_dates(spec: DemoProgramme, today: date) -> tuple[date, date]:
    """Whole financial years from an April (or, for planned work, from the next quarter's start)."""
    if spec.starts_next_quarter:
        start = FinancialQuarter.containing(today).next().start
    else:
        start = date(financial_year_of(today) + spec.start_year, 4, 1)
    end = date(start.year + spec.years, start.month, start.day) - timedelta(days=1)
    return start, end


def _create_programme(spec: DemoProgramme, users, lookups, today: date) -> Programme:
    lead = users[spec.lead]
    start_date, end_date = _programme_dates(spec, today)
    programme = programme_create(
        user=lead,
        title=spec.title,
        description=spec.description,
        lead_officer=lead,
        status=spec.status,
        start_date=start_date,
        end_date=end_date,
        budget=spec.budget,
        target_cohort=spec.target_cohort,
        **{name: lookup(getattr(spec, name)) for name, lookup in lookups.items()},
    )
    for milestone in spec.milestones:
        milestone_save(
            programme=programme,
            user=lead,
            title=milestone.title,
            due_date=today + timedelta(days=milestone.due_in_days),
            owner=users[milestone.owner or spec.lead],
            rag=milestone.rag,
            done_date=None if milestone.done_days_ago is None else today - timedelta(days=milestone.done_days_ago),
        )
    for indicator in spec.indicators:
        indicator_save(
            programme=programme,
            user=lead,
            name=indicator.name,
            unit=indicator.unit,
            direction=indicator.direction,
            aggregation=indicator.aggregation,
            baseline=indicator.baseline,
            values=_period_values(indicator, start_date, end_date, today),
        )
    return programme


def _period_values(indicator: DemoIndicator, start: date, end: date, today: date) -> list[PeriodValue]:
    """A target for every quarter of the programme; an actual only for the quarters already over."""
    exponent = Decimal(1).scaleb(-indicator.places)
    values = []
    for index, period in enumerate(FinancialQuarter.between(start, end)):
        target = max(indicator.target + indicator.step * index, Decimal("0")).quantize(exponent)
        actual = None
        if period.end < today and indicator.performance:
            ratio = Decimal(indicator.performance[index % len(indicator.performance)])
            actual = (target * ratio).quantize(exponent, rounding=ROUND_HALF_UP)
        values.append(PeriodValue(period=period, target=target, actual=actual))
    return values
