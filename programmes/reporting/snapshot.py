"""The shape of a performance report's snapshot, and its suppressed form.

A report's ``data`` is built once (``programmes.reporting.figures.build_snapshot``) and never
changes; the page, the CSV, the XLSX and the API all read it. It is plain JSON:

- money is a string of pounds and pence ("1250.00"), read back with ``Decimal``;
- counts are integers; indicator and population values are strings of decimals or null;
- dates are ISO strings.

    {
      "version": 1,
      "period": {"kind": "quarter", "slug": "2025-Q1", "label": "2025-26 Q1 (April to June 2025)",
                 "short_label": "2025-26 Q1", "start": "2025-04-01", "end": "2025-06-30",
                 "financial_year": "2025-26"},
      "built_at": "2025-07-21T06:30:00+01:00",
      "thresholds": {"green_percent": 100, "amber_percent": 90, "suppress_below": 8, "round_to": 5},
      "aims": [{"number": 1, "title": "...", "objectives": [1, 5, 7], "summary": SUMMARY}],
      "objectives": [{
          "number": 1, "title": "...", "aims": [1], "summary": SUMMARY,
          "indicators": [{"programme": "...", "programme_id": 3, "name": "...", "unit": "young people",
                          "direction": "up", "counts_people": true, "quarters": "2025-26 Q1",
                          "target": "120.00", "actual": "98.00", "percent_of_target": "81.7",
                          "rag": "red"}],
          "rag_by_quarter": [{"quarter": "2025-26 Q1", "rag": "amber",
                              "green": 2, "amber": 1, "red": 0, "none": 1}]
      }],
      "funds": [{"name": "...", "financial_year": "2025-26", "total": "...", "awarded": "...", "paid": "..."}],
      "reach": {
          "basis": "Accepted returns for 2025-26 Q1",
          "age_bands": [{"code": "under_10", "label": "Under 10"}, ...],
          "boroughs": [{"code": "E09000001", "name": "City of London",
                        "counts": {"under_10": 0, ...}, "total": 0}],   # all 33, in name order
          "totals": {"under_10": 0, ...}, "total": 0
      },
      "population": [{
          "code": "homicides", "name": "Homicides", "unit": "victims", "direction": "down",
          "frequency": "month", "counts_people": true, "source": "...", "is_demo": false,
          "applies": true,            # false for a quarterly figure in a monthly report
          "boroughs": [{"code": "E09000001", "name": "City of London", "value": "2", "previous": "3"}],
          "london": {"value": "130", "previous": "151"},
          "trend": [{"label": "Jul 2024", "value": "12", "previous": "15"}]   # the 12 months to the end
      }]
    }

    SUMMARY = {
      "programmes": {"planned": 0, "active": 3, "paused": 0, "closed": 1, "total": 4},
      "milestones": {"on_track": 5, "late": 2, "done": 3},
      "indicators_rag": {"green": 2, "amber": 1, "red": 1, "none": 0},
      "budget": {"total": "...", "awarded": "...", "paid": "..."},
      "grants_active": 2,
      "returns": {"due": 4, "overdue": 1, "accepted": 2},
      "reach_total": 140
    }

Figures about people (reach, indicators that count people, population figures that count
people) leave VRU staff only through ``suppressed``. Money, programme, milestone, grant and
return counts are not about people and are never changed.
"""

import copy

from programmes.reporting.suppression import suppress_count

SNAPSHOT_VERSION = 1


def suppressed(data: dict) -> dict:
    """A copy of the snapshot as PRG members and exports may see it: small counts of people hidden."""
    data = copy.deepcopy(data)
    for section in [*data.get("aims", []), *data.get("objectives", [])]:
        summary = section.get("summary", {})
        if "reach_total" in summary:
            summary["reach_total"] = suppress_count(summary["reach_total"])
        for indicator in section.get("indicators", []):
            if indicator.get("counts_people"):
                indicator["target"] = suppress_count(indicator.get("target"))
                indicator["actual"] = suppress_count(indicator.get("actual"))
                # A percentage and a rounded target would give the hidden actual away.
                indicator["percent_of_target"] = None
    reach = data.get("reach")
    if reach:
        for row in [*reach.get("boroughs", []), reach]:
            counts_key = "counts" if "counts" in row else "totals"
            row[counts_key] = {band: suppress_count(count) for band, count in row.get(counts_key, {}).items()}
            row["total"] = suppress_count(row.get("total"))
    for indicator in data.get("population", []):
        if not indicator.get("counts_people"):
            continue
        for row in [*indicator.get("boroughs", []), indicator.get("london", {}), *indicator.get("trend", [])]:
            for key in ("value", "previous"):
                if key in row:
                    row[key] = suppress_count(row[key])
    data["suppressed"] = True
    return data
