"""Budgets, grants and returns: per objective, one row each with every figure a subquery; per fund, the same.

Two queries whatever the number of funds, grants, tranches or returns.
"""

from django.db.models import OuterRef, Q

from commissioning.models import Fund, FundAllocation, Grant, MonitoringReturn, ReturnStatus, Tranche, TrancheStatus
from programmes.models import Objective
from programmes.reporting.figures.common import count_of, money, start_of_day_after, sum_of

RETURN_STATES = ("due", "overdue", "accepted")


def _awarded_by_end(period):
    """Grants from the funds of the period's financial year awarded on or before its end (a London date)."""
    return Grant.objects.filter(
        fund__financial_year=period.financial_year, awarded_at__lt=start_of_day_after(period.end)
    )


def _paid_by_end(period):
    return Tranche.objects.filter(grant__in=_awarded_by_end(period), status=TrancheStatus.PAID, paid_on__lte=period.end)


def objective_money(period, *, today) -> dict[int, dict]:
    """Per objective: its budget, active grants and returns due in the period."""
    awarded = _awarded_by_end(period)
    paid = _paid_by_end(period)
    returns = MonitoringReturn.objects.filter(due_on__gte=period.start, due_on__lte=period.end)
    overdue = MonitoringReturn.objects.overdue(today)  # the rule the chasing emails use, in one place
    rows = Objective.objects.order_by().annotate(
        total=sum_of(
            FundAllocation.objects.filter(objective=OuterRef("pk"), fund__financial_year=period.financial_year),
            "amount",
        ),
        awarded=sum_of(awarded.filter(objective=OuterRef("pk")), "amount"),
        paid=sum_of(paid.filter(grant__objective=OuterRef("pk")), "amount"),
        grants_active=count_of(
            Grant.objects.filter(objective=OuterRef("pk"), start_date__lte=period.end, end_date__gte=period.start)
        ),
        returns_due=count_of(returns.filter(grant__objective=OuterRef("pk"))),
        returns_accepted=count_of(returns.filter(grant__objective=OuterRef("pk"), status=ReturnStatus.ACCEPTED)),
        returns_overdue=count_of(returns.filter(Q(pk__in=overdue.values("pk")), grant__objective=OuterRef("pk"))),
    )
    return {
        row["pk"]: {
            "budget": {"total": row["total"], "awarded": row["awarded"], "paid": row["paid"]},
            "grants_active": row["grants_active"],
            "returns": {state: row[f"returns_{state}"] for state in RETURN_STATES},
        }
        for row in rows.values(
            "pk",
            "total",
            "awarded",
            "paid",
            "grants_active",
            "returns_due",
            "returns_accepted",
            "returns_overdue",
        )
    }


def fund_rows(period) -> list[dict]:
    """Each fund of the period's financial year: its total, and what was awarded from it and paid by the end."""
    funds = (
        Fund.objects.filter(financial_year=period.financial_year)
        .order_by("name")
        .annotate(
            awarded=sum_of(_awarded_by_end(period).filter(fund=OuterRef("pk")), "amount"),
            paid=sum_of(_paid_by_end(period).filter(grant__fund=OuterRef("pk")), "amount"),
        )
    )
    return [
        {
            "name": fund.name,
            "financial_year": fund.year_label,
            "total": money(fund.total),
            "awarded": money(fund.awarded),
            "paid": money(fund.paid),
        }
        for fund in funds
    ]


def empty_money() -> dict:
    return {
        "budget": dict.fromkeys(("total", "awarded", "paid"), 0),
        "grants_active": 0,
        "returns": dict.fromkeys(RETURN_STATES, 0),
    }


def add_money(figures: list[dict]) -> dict:
    """Money, grants and returns summed over objectives: each grant counts against one objective only."""
    total = empty_money()
    for part in figures:
        for key in total["budget"]:
            total["budget"][key] += part["budget"][key]
        total["grants_active"] += part["grants_active"]
        for key in total["returns"]:
            total["returns"][key] += part["returns"][key]
    return total


def money_text(figures: dict) -> dict:
    return {**figures, "budget": {key: money(amount) for key, amount in figures["budget"].items()}}
