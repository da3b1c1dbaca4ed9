"""The summary of an aim or objective (programmes, milestones, indicators, money, grants, returns, reach), its
indicators' rows, and two summaries side by side."""

from dataclasses import dataclass

from programmes.reporting.presenters.numbers import (
    NO_DATA,
    show,
    show_change,
    show_money,
    show_money_change,
    show_percent,
)

RAG_LABELS = {"green": "Green", "amber": "Amber", "red": "Red", "none": "No data"}


@dataclass(frozen=True)
class Measure:
    group: str
    label: str
    path: tuple[str, ...]
    is_money: bool = False

    def value_in(self, summary: dict | None):
        value = summary or {}
        for key in self.path:
            value = value.get(key) if isinstance(value, dict) else None
        return value

    def shown(self, value) -> str:
        return show_money(value) if self.is_money else show(value)


MEASURES = [
    *(
        Measure("Programmes", label, ("programmes", key))
        for key, label in (
            ("active", "active"),
            ("planned", "planned"),
            ("paused", "paused"),
            ("closed", "closed"),
            ("total", "in all"),
        )
    ),
    *(
        Measure("Milestones", label, ("milestones", key))
        for key, label in (("on_track", "on track"), ("late", "late"), ("done", "done"))
    ),
    *(Measure("Indicators", RAG_LABELS[key].lower(), ("indicators_rag", key)) for key in RAG_LABELS),
    *(
        Measure("Budget", label, ("budget", key), is_money=True)
        for key, label in (("total", "total"), ("awarded", "awarded"), ("paid", "paid"))
    ),
    Measure("Grants", "active", ("grants_active",)),
    *(
        Measure("Returns", label, ("returns", key))
        for key, label in (("due", "due"), ("overdue", "overdue"), ("accepted", "accepted"))
    ),
    Measure("Young people reached", "in all", ("reach_total",)),
]


def summary_view(summary: dict) -> dict:
    """The summary's figures written out, grouped as the page shows them."""
    groups: dict[str, list[tuple[str, object]]] = {}
    for measure in MEASURES:
        groups.setdefault(measure.group, []).append((measure.label, measure.shown(measure.value_in(summary))))
    rag = [
        {"rag": key, "label": RAG_LABELS[key], "count": show((summary.get("indicators_rag") or {}).get(key))}
        for key in RAG_LABELS
    ]
    return {
        "programmes": groups["Programmes"],
        "milestones": groups["Milestones"],
        "indicators_rag": rag,
        "budget": groups["Budget"],
        "grants_active": show(summary.get("grants_active")),
        "returns": groups["Returns"],
        "reach_total": show(summary.get("reach_total")),
    }


def indicator_rows(indicators: list[dict]) -> list[dict]:
    return [
        {
            "programme": row.get("programme", ""),
            "name": row.get("name", ""),
            "unit": row.get("unit", ""),
            "quarters": row.get("quarters") or NO_DATA,
            "target": show(row.get("target")),
            "actual": show(row.get("actual")),
            "percent": show_percent(row.get("percent_of_target")),
            "rag": row.get("rag") or "none",
            "rag_label": RAG_LABELS.get(row.get("rag") or "none", "No data"),
        }
        for row in indicators
    ]


def objective_label(objective: dict) -> str:
    return f"{objective['number']}. {objective['title']}"


def compare_rows(summary_a: dict | None, summary_b: dict | None) -> list[dict]:
    rows = []
    for measure in MEASURES:
        a, b = measure.value_in(summary_a), measure.value_in(summary_b)
        rows.append(
            {
                "group": measure.group,
                "label": measure.label,
                "is_money": measure.is_money,
                "a": measure.shown(a),
                "b": measure.shown(b),
                "change": show_money_change(b, a) if measure.is_money else show_change(b, a),
            }
        )
    return rows


def _paired(items_a: list[dict], items_b: list[dict], key: str) -> list[tuple[dict | None, dict | None]]:
    a_by_key = {item[key]: item for item in items_a}
    b_by_key = {item[key]: item for item in items_b}
    keys = list(a_by_key) + [k for k in b_by_key if k not in a_by_key]
    return [(a_by_key.get(k), b_by_key.get(k)) for k in keys]


def comparison(data_a: dict, data_b: dict) -> dict:
    """Two snapshots side by side: each aim's and objective's summary, and London's population figures."""

    def section(a, b, label):
        either = b or a
        return {
            "label": label(either),
            "rows": compare_rows((a or {}).get("summary"), (b or {}).get("summary")),
        }

    population = []
    for a, b in _paired(data_a.get("population", []), data_b.get("population", []), "code"):
        value_a = ((a or {}).get("london") or {}).get("value")
        value_b = ((b or {}).get("london") or {}).get("value")
        population.append(
            {
                "name": (b or a)["name"],
                "unit": (b or a).get("unit", ""),
                "is_demo": bool((a or {}).get("is_demo") or (b or {}).get("is_demo")),
                "a": show(value_a),
                "b": show(value_b),
                "change": show_change(value_b, value_a),
            }
        )
    return {
        "aims": [
            section(a, b, lambda aim: f"Aim {aim['number']}: {aim['title']}")
            for a, b in _paired(data_a.get("aims", []), data_b.get("aims", []), "number")
        ],
        "objectives": [
            section(a, b, lambda objective: f"Objective {objective['number']}: {objective['title']}")
            for a, b in _paired(data_a.get("objectives", []), data_b.get("objectives", []), "number")
        ],
        "population": population,
        "suppressed": bool(data_a.get("suppressed") or data_b.get("suppressed")),
    }
