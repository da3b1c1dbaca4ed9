"""Aims, objectives, their programmes and the programmes' milestones.

Four queries, whatever the number of programmes: aims, objectives, which aim each objective
serves, and which programmes each objective has (with the programmes' status and dates);
one more counts milestones per programme in the database.
"""

from dataclasses import dataclass, field
from datetime import date

from django.db.models import Count, Q

from programmes.models import Milestone, Objective, Programme, ProgrammeStatus, StrategicAim

MILESTONE_STATES = ("on_track", "late", "done")


@dataclass
class Strategy:
    """The strategy as the report needs it, for programmes running at any time from the financial year's start."""

    aims: list[dict]
    objectives: list[dict]
    programmes: dict[int, dict]
    window_start: date
    programmes_of: dict[int, list[int]] = field(default_factory=dict)

    def programmes_in(self, objective_pks, start: date, end: date) -> list[int]:
        """The programmes of these objectives that run at some time from ``start`` to ``end``, each once."""
        found = {
            pk
            for objective_pk in objective_pks
            for pk in self.programmes_of.get(objective_pk, [])
            if self.programmes[pk]["start_date"] <= end and start <= self.programmes[pk]["end_date"]
        }
        return sorted(found)

    def objectives_of(self, aim: dict) -> list[dict]:
        return [objective for objective in self.objectives if objective["pk"] in aim["objective_pks"]]


def strategy_scope(period) -> Strategy:
    # Programmes from the financial year's start: the RAG grid looks at each quarter of the year so far.
    window_start = date(period.financial_year, 4, 1)
    aims = [
        {**aim, "objective_pks": set()}
        for aim in StrategicAim.objects.order_by("number").values("pk", "number", "title")
    ]
    objectives = [
        {**objective, "aim_numbers": []}
        for objective in Objective.objects.order_by("number").values("pk", "number", "title")
    ]
    aim_by_pk = {aim["pk"]: aim for aim in aims}
    objective_by_pk = {objective["pk"]: objective for objective in objectives}
    for link in Objective.aims.through.objects.values("objective_id", "strategicaim_id"):
        aim = aim_by_pk[link["strategicaim_id"]]
        aim["objective_pks"].add(link["objective_id"])
        objective_by_pk[link["objective_id"]]["aim_numbers"].append(aim["number"])
    for objective in objectives:
        objective["aim_numbers"].sort()

    programmes: dict[int, dict] = {}
    programmes_of: dict[int, list[int]] = {}
    links = Programme.objectives.through.objects.filter(
        programme__start_date__lte=period.end, programme__end_date__gte=window_start
    ).values("objective_id", "programme_id", "programme__status", "programme__start_date", "programme__end_date")
    for link in links:
        programmes[link["programme_id"]] = {
            "status": link["programme__status"],
            "start_date": link["programme__start_date"],
            "end_date": link["programme__end_date"],
        }
        programmes_of.setdefault(link["objective_id"], []).append(link["programme_id"])
    return Strategy(
        aims=aims,
        objectives=objectives,
        programmes=programmes,
        window_start=window_start,
        programmes_of=programmes_of,
    )


def programme_counts(strategy: Strategy, programme_pks) -> dict:
    counts = dict.fromkeys(ProgrammeStatus.values, 0)
    for pk in programme_pks:
        counts[strategy.programmes[pk]["status"]] += 1
    counts["total"] = len(programme_pks)
    return counts


def milestone_counts(period) -> dict[int, dict]:
    """Per programme running in the period, its milestones as at the period's end.

    Done: done within the period. Late: not done by the end and due on or before it.
    On track: not done by the end and due after it. Done before the period: not counted.
    """
    open_at_end = Q(done_date__isnull=True) | Q(done_date__gt=period.end)
    rows = (
        Milestone.objects.filter(programme__start_date__lte=period.end, programme__end_date__gte=period.start)
        .order_by()
        .values("programme_id")
        .annotate(
            done=Count("pk", filter=Q(done_date__gte=period.start, done_date__lte=period.end)),
            late=Count("pk", filter=open_at_end & Q(due_date__lte=period.end)),
            on_track=Count("pk", filter=open_at_end & Q(due_date__gt=period.end)),
        )
    )
    return {row["programme_id"]: {state: row[state] for state in MILESTONE_STATES} for row in rows}


def milestone_totals(counts: dict[int, dict], programme_pks) -> dict:
    totals = dict.fromkeys(MILESTONE_STATES, 0)
    for pk in programme_pks:
        for state, number in counts.get(pk, {}).items():
            totals[state] += number
    return totals
