"""The London view: every borough's plan for a year, theme by theme, and what is missing.

Five queries whatever the number of boroughs, plans, actions and updates.
"""

from dataclasses import dataclass
from datetime import date

from partners.models import ActionUpdate, Borough, BoroughPlan, PlanAction, PlanStatus, PlanTheme
from partners.selectors.plans.listing import last_completed_quarter
from programmes.models import Rag
from programmes.periods import FinancialQuarter

# Worst first: a theme shows the worst of its actions' latest RAGs.
RAG_SEVERITY = {Rag.RED: 0, Rag.AMBER: 1, Rag.GREEN: 2}
# A draft is the partnership's work in progress (a copy of last year's starts all green), so only
# plans that have been submitted show their RAGs.
RAG_SHOWN_FOR = {PlanStatus.SUBMITTED, PlanStatus.RETURNED, PlanStatus.ACCEPTED}


@dataclass
class BoroughRow:
    borough: Borough
    plan: BoroughPlan | None
    rags: list[str | None]
    actions: int = 0
    updated: int = 0

    @property
    def plan_missing(self) -> bool:
        """No plan submitted this year: none started, a draft, or one returned for changes."""
        return self.plan is None or self.plan.status in (PlanStatus.DRAFT, PlanStatus.RETURNED)

    @property
    def plan_state(self) -> str:
        return self.plan.get_status_display() if self.plan else "Not started"

    @property
    def shows_rags(self) -> bool:
        return self.plan is not None and self.plan.status in RAG_SHOWN_FOR


@dataclass
class LondonView:
    year: int
    themes: list[PlanTheme]
    rows: list[BoroughRow]
    due_quarter: FinancialQuarter | None

    @property
    def missing_plans(self) -> list[BoroughRow]:
        return [row for row in self.rows if row.plan_missing]

    @property
    def missing_updates(self) -> list[BoroughRow]:
        """Accepted plans without an update on every action for the last completed quarter."""
        if self.due_quarter is None:
            return []
        return [
            row
            for row in self.rows
            if row.plan is not None and row.plan.status == PlanStatus.ACCEPTED and row.updated < row.actions
        ]

    @property
    def status_counts(self) -> list[tuple[str, int]]:
        """How many boroughs' plans are at each stage, latest stage first."""
        counts = dict.fromkeys(reversed(PlanStatus.values), 0)
        missing = 0
        for row in self.rows:
            if row.plan is None:
                missing += 1
            else:
                counts[row.plan.status] += 1
        labels = dict(PlanStatus.choices)
        return [(labels[status], n) for status, n in counts.items()] + [("Not started", missing)]


def worst(rags) -> str | None:
    rags = [rag for rag in rags if rag]
    return min(rags, key=RAG_SEVERITY.__getitem__) if rags else None


def london_view(*, year: int, today: date) -> LondonView:
    themes = list(PlanTheme.objects.all())
    boroughs = list(Borough.objects.order_by("name"))
    plans = {
        plan.borough_id: plan for plan in BoroughPlan.objects.filter(financial_year=year).select_related("organisation")
    }
    actions = list(PlanAction.objects.filter(plan__financial_year=year).values("pk", "plan_id", "theme_id", "rag"))
    latest: dict[int, tuple[int, int, str]] = {}
    due_quarter = last_completed_quarter(year=year, today=today)
    updated_for_due: set[int] = set()
    updates = ActionUpdate.objects.filter(action__plan__financial_year=year).values(
        "action_id", "financial_year", "quarter", "rag"
    )
    for update in updates:
        key = (update["financial_year"], update["quarter"], update["rag"])
        if update["action_id"] not in latest or key[:2] > latest[update["action_id"]][:2]:
            latest[update["action_id"]] = key
        if due_quarter and (update["financial_year"], update["quarter"]) == (due_quarter.year, due_quarter.quarter):
            updated_for_due.add(update["action_id"])

    by_plan: dict[int, dict[int, list[str]]] = {}
    counts: dict[int, list[int]] = {}
    for action in actions:
        rag = latest[action["pk"]][2] if action["pk"] in latest else action["rag"]
        by_plan.setdefault(action["plan_id"], {}).setdefault(action["theme_id"], []).append(rag)
        tally = counts.setdefault(action["plan_id"], [0, 0])
        tally[0] += 1
        tally[1] += action["pk"] in updated_for_due

    rows = []
    for borough in boroughs:
        plan = plans.get(borough.pk)
        themes_of_plan = by_plan.get(plan.pk, {}) if plan else {}
        total, updated = counts.get(plan.pk, [0, 0]) if plan else (0, 0)
        rows.append(
            BoroughRow(
                borough=borough,
                plan=plan,
                rags=[worst(themes_of_plan.get(theme.pk, [])) for theme in themes],
                actions=total,
                updated=updated,
            )
        )
    return LondonView(year=year, themes=themes, rows=rows, due_quarter=due_quarter)
