import re
from decimal import Decimal

import pytest
from django.urls import reverse

from programmes.models import Indicator, IndicatorValue
from programmes.tests.factories import IndicatorValueFactory, ProgrammeFactory

pytestmark = pytest.mark.django_db


def _data(rows, **fields):
    data = {"name": "Pupils reached", "unit": "pupils", "direction": "up", "aggregation": "sum"} | fields
    data |= {"values-TOTAL_FORMS": str(len(rows)), "values-INITIAL_FORMS": "0"}
    for index, (period, target, actual) in enumerate(rows):
        data |= {f"values-{index}-period": period, f"values-{index}-target": target, f"values-{index}-actual": actual}
    return data


def test_new_indicator_form_offers_a_row_per_programme_quarter(staff_client):
    programme = ProgrammeFactory()  # April 2025 to March 2027: eight quarters
    response = staff_client.get(reverse("programmes:indicator-create", args=[programme.pk]))
    formset = response.context["formset"]
    assert [form.initial.get("period") for form in formset.forms][:8] == [
        f"{year} Q{q}" for year in ("2025-26", "2026-27") for q in range(1, 5)
    ]
    assert len(formset.forms) == 10, "two spare rows"


def test_staff_add_an_indicator_with_targets_and_values(staff_client):
    programme = ProgrammeFactory()
    response = staff_client.post(
        reverse("programmes:indicator-create", args=[programme.pk]),
        _data([("2025-26 Q1", "100", "90.5"), ("2025-26 Q2", "120", ""), ("2025-26 Q3", "", "")]),
    )
    assert response.status_code == 302
    indicator = Indicator.objects.get()
    assert [(v.period.label, v.target, v.actual) for v in indicator.values.all()] == [
        ("2025-26 Q1", Decimal("100.00"), Decimal("90.50")),
        ("2025-26 Q2", Decimal("120.00"), None),
    ]
    page = staff_client.get(programme.get_absolute_url()).content.decode()
    assert "2025-26 Q1 (Apr to Jun 2025)" in page
    assert "90.5" in page


def test_a_value_outside_the_programme_is_refused_beside_its_row_and_nothing_is_saved(staff_client):
    programme = ProgrammeFactory()
    response = staff_client.post(
        reverse("programmes:indicator-create", args=[programme.pk]),
        _data([("2025-26 Q1", "100", "90"), ("2027-28 Q1", "5", "")]),
    )
    html = response.content.decode()
    assert response.status_code == 200
    message = "2027-28 Q1 is outside the programme, which runs from 1 Apr 2025 to 31 Mar 2027."
    summary = re.findall(r'<a href="([^"]+)">([^<]+)</a>', html.split("govuk-error-summary__list", 1)[1])
    assert summary[0] == ("#id_values-1-period", f"Row 2: {message}")
    assert 'id="id_values-1-period-error"' in html
    assert Indicator.objects.count() == 0
    assert IndicatorValue.objects.count() == 0


def test_a_figure_without_a_quarter_or_not_a_number_is_explained(staff_client):
    programme = ProgrammeFactory()
    response = staff_client.post(
        reverse("programmes:indicator-create", args=[programme.pk]), _data([("", "10", ""), ("2025-26 Q1", "lots", "")])
    )
    html = response.content.decode()
    assert "Row 1: Choose the quarter for this target or actual." in html
    assert "Row 2: Enter the target as a number, like 12 or 12.5." in html
    assert Indicator.objects.count() == 0


def test_changing_an_indicator_keeps_recorded_values_in_the_form(staff_client):
    value = IndicatorValueFactory(financial_year=2025, quarter=2, target=Decimal("40"), actual=Decimal("38"))
    indicator = value.indicator
    url = reverse("programmes:indicator-edit", args=[indicator.programme.pk, indicator.pk])
    formset = staff_client.get(url).context["formset"]
    q2 = next(form for form in formset.forms if form.initial.get("period") == "2025-26 Q2")
    assert (q2.initial["target"], q2.initial["actual"]) == (Decimal("40.00"), Decimal("38.00"))
    staff_client.post(url, _data([("2025-26 Q2", "", "")], name=indicator.name))
    assert not IndicatorValue.objects.exists(), "emptying a row removes the quarter"


def test_staff_say_whether_an_indicator_counts_people_which_decides_its_suppression(staff_client):
    programme = ProgrammeFactory()
    url = reverse("programmes:indicator-create", args=[programme.pk])
    form = staff_client.get(url).content.decode()
    assert re.search(r'<input[^>]*name="counts_people"[^>]*checked', form), "people by default"

    staff_client.post(url, _data([], name="Young people mentored", counts_people="on"))
    staff_client.post(url, _data([], name="Sessions delivered"))  # the box left unticked

    assert dict(Indicator.objects.values_list("name", "counts_people")) == {
        "Young people mentored": True,
        "Sessions delivered": False,
    }
