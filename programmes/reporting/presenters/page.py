"""The report page: every section of a snapshot made ready to show, with its charts drawn."""

from decimal import Decimal

from programmes.reporting.presenters.numbers import money, show, show_change, show_money
from programmes.reporting.presenters.summaries import RAG_LABELS, indicator_rows, objective_label, summary_view

DIRECTION_LABELS = {"up": "Higher is better", "down": "Lower is better"}
REACH_FIGURE = "reach"


def rag_grid_view(objectives: list[dict]) -> dict:
    from programmes.reporting import charts

    quarters: list[str] = []
    rows = []
    for objective in objectives:
        cells = {}
        for cell in objective.get("rag_by_quarter", []):
            if cell["quarter"] not in quarters:
                quarters.append(cell["quarter"])
            cells[cell["quarter"]] = cell
        rows.append({"label": objective_label(objective), "cells": cells})
    table = [
        {
            "label": row["label"],
            "cells": [
                {
                    "rag": row["cells"][quarter]["rag"],
                    "label": RAG_LABELS.get(row["cells"][quarter]["rag"], "No data"),
                    "counts": ", ".join(
                        f"{show(row['cells'][quarter].get(key))} {RAG_LABELS[key].lower()}" for key in RAG_LABELS
                    ),
                }
                if quarter in row["cells"]
                else None
                for quarter in quarters
            ],
        }
        for row in rows
    ]
    svg = (
        charts.rag_grid(rows, quarters, chart_id="rag-grid", title="Indicators' RAG by objective and quarter")
        if quarters
        else ""
    )
    return {"quarters": quarters, "rows": table, "svg": svg}


MONEY_KEYS = ("total", "awarded", "paid")


def _fund_totals(funds: list[dict]) -> dict:
    return {
        key: show_money(sum((money(fund.get(key)) or Decimal("0") for fund in funds), Decimal("0")))
        for key in MONEY_KEYS
    }


def budget_view(data: dict) -> dict:
    funds = [
        {
            "name": fund["name"],
            "financial_year": fund.get("financial_year", ""),
            **{key: show_money(fund.get(key)) for key in MONEY_KEYS},
        }
        for fund in data.get("funds", [])
    ]
    objectives = [
        {
            "label": objective_label(objective),
            **{key: show_money(objective.get("summary", {}).get("budget", {}).get(key)) for key in MONEY_KEYS},
        }
        for objective in data.get("objectives", [])
    ]
    return {"funds": funds, "fund_totals": _fund_totals(data.get("funds", [])), "objectives": objectives}


def reach_view(reach: dict | None, period: dict) -> dict | None:
    from programmes.reporting import charts

    if not reach:
        return None
    bands = reach.get("age_bands", [])
    figure_label = f"Young people reached, {period.get('short_label', '')}"
    return {
        "svg": charts.tile_map(
            {row["code"]: row.get("total") for row in reach.get("boroughs", [])},
            chart_id="reach-map",
            title=f"Map of London's boroughs: {figure_label}",
            unit="young people",
            figure_label=figure_label,
        ),
        "basis": reach.get("basis", ""),
        "bands": bands,
        "rows": [
            {
                "name": row["name"],
                "code": row["code"],
                "counts": [show(row.get("counts", {}).get(band["code"])) for band in bands],
                "total": show(row.get("total")),
            }
            for row in reach.get("boroughs", [])
        ],
        "totals": [show(reach.get("totals", {}).get(band["code"])) for band in bands],
        "total": show(reach.get("total")),
    }


def population_view(indicator: dict, period: dict, number: int = 1) -> dict:
    from programmes.reporting import charts

    code = indicator["code"]
    view = {
        "code": code,
        "name": indicator["name"],
        "unit": indicator.get("unit", ""),
        "source": indicator.get("source", ""),
        "direction": DIRECTION_LABELS.get(indicator.get("direction"), ""),
        "is_demo": indicator.get("is_demo", False),
        "applies": indicator.get("applies", True),
        "counts_people": indicator.get("counts_people", False),
        "frequency": indicator.get("frequency", ""),
    }
    if not view["applies"]:
        return view
    london = indicator.get("london") or {}
    boroughs = indicator.get("boroughs", [])
    view.update(
        london_value=show(london.get("value")),
        london_previous=show(london.get("previous")),
        london_change=show_change(london.get("value"), london.get("previous")),
        trend=[
            {"label": point["label"], "value": show(point.get("value")), "previous": show(point.get("previous"))}
            for point in indicator.get("trend", [])
        ],
        boroughs=[
            {
                "name": row["name"],
                "value": show(row.get("value")),
                "previous": show(row.get("previous")),
                "change": show_change(row.get("value"), row.get("previous")),
            }
            for row in boroughs
        ],
        trend_svg=charts.trend_chart(
            indicator.get("trend", []),
            chart_id=f"trend-{number}",
            title=f"{indicator['name']} in London, month by month to {period.get('short_label', '')}"
            if indicator.get("frequency") == "month"
            else f"{indicator['name']} in London, quarter by quarter to {period.get('short_label', '')}",
            unit=view["unit"],
            current_label="This year",
            previous_label="Year before",
        ),
        bars_svg=charts.borough_bars(
            boroughs,
            chart_id=f"bars-{number}",
            title=f"{indicator['name']} by borough, {period.get('short_label', '')}, with the year before",
            unit=view["unit"],
        ),
    )
    return view


def map_choices(data: dict) -> list[tuple[str, str]]:
    """What the tile map can be coloured by: each population figure that applies to the period, then reach."""
    choices = [(p["code"], p["name"]) for p in data.get("population", []) if p.get("applies", True)]
    if data.get("reach"):
        choices.append((REACH_FIGURE, "Young people reached"))
    return choices


def tile_map_view(data: dict, figure: str | None) -> dict | None:
    from programmes.reporting import charts

    choices = dict(map_choices(data))
    if not choices:
        return None
    figure = figure if figure in choices else next(iter(choices))
    short_label = data.get("period", {}).get("short_label", "")
    if figure == REACH_FIGURE:
        rows = data["reach"].get("boroughs", [])
        values = {row["code"]: row.get("total") for row in rows}
        unit = "young people"
    else:
        indicator = next(p for p in data["population"] if p["code"] == figure)
        rows = indicator.get("boroughs", [])
        values = {row["code"]: row.get("value") for row in rows}
        unit = indicator.get("unit", "")
    figure_label = f"{choices[figure]}, {short_label}"
    return {
        "figure": figure,
        "figure_label": figure_label,
        "unit": unit,
        "rows": [{"name": row["name"], "value": show(values.get(row["code"]))} for row in rows],
        "svg": charts.tile_map(
            values,
            chart_id="tile-map",
            title=f"Map of London's boroughs: {figure_label}",
            unit=unit,
            figure_label=figure_label,
        ),
    }


def report_page(data: dict, *, map_figure: str | None = None) -> dict:
    """Everything the report page shows, in the order it shows it."""
    objectives = data.get("objectives", [])
    by_number = {objective["number"]: objective for objective in objectives}
    aims = [
        {
            "number": aim["number"],
            "title": aim["title"],
            "summary": summary_view(aim.get("summary", {})),
            "objectives": [
                {
                    "number": objective["number"],
                    "title": objective["title"],
                    "summary": summary_view(objective.get("summary", {})),
                    "indicators": indicator_rows(objective.get("indicators", [])),
                }
                for objective in (by_number[n] for n in aim.get("objectives", []) if n in by_number)
            ],
        }
        for aim in data.get("aims", [])
    ]
    period = data.get("period", {})
    return {
        "period": period,
        "thresholds": data.get("thresholds", {}),
        "aims": aims,
        "rag_grid": rag_grid_view(objectives),
        "budget": budget_view(data),
        "reach": reach_view(data.get("reach"), period),
        "population": [
            population_view(indicator, period, number)
            for number, indicator in enumerate(data.get("population", []), start=1)
        ],
        "any_demo": any(indicator.get("is_demo") for indicator in data.get("population", [])),
        "tile_map": tile_map_view(data, map_figure),
        "suppressed": bool(data.get("suppressed")),
    }
