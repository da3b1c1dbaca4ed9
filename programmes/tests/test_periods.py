from datetime import date

import pytest

from programmes.periods import FinancialQuarter, financial_year_label, financial_year_of


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (date(2025, 4, 1), FinancialQuarter(2025, 1)),
        (date(2025, 6, 30), FinancialQuarter(2025, 1)),
        (date(2025, 7, 1), FinancialQuarter(2025, 2)),
        (date(2025, 12, 31), FinancialQuarter(2025, 3)),
        (date(2026, 1, 1), FinancialQuarter(2025, 4)),
        (date(2026, 3, 31), FinancialQuarter(2025, 4)),
    ],
)
def test_quarter_containing_a_day_follows_the_uk_financial_year(day, expected):
    assert FinancialQuarter.containing(day) == expected


def test_quarter_dates_and_labels():
    q4 = FinancialQuarter(2025, 4)
    assert (q4.start, q4.end) == (date(2026, 1, 1), date(2026, 3, 31))
    assert q4.label == "2025-26 Q4"
    assert q4.long_label == "2025-26 Q4 (Jan to Mar 2026)"
    assert financial_year_label(2099) == "2099-00"
    assert financial_year_of(date(2026, 3, 31)) == 2025


def test_parse_reads_labels_and_refuses_nonsense():
    assert FinancialQuarter.parse(" 2025-26 q3 ") == FinancialQuarter(2025, 3)
    for bad in ["2025-27 Q1", "2025 Q1", "2025-26 Q5", "", None]:
        with pytest.raises(ValueError):
            FinancialQuarter.parse(bad)


def test_between_lists_every_overlapping_quarter():
    quarters = FinancialQuarter.between(date(2025, 5, 15), date(2026, 1, 2))
    assert [q.label for q in quarters] == ["2025-26 Q1", "2025-26 Q2", "2025-26 Q3", "2025-26 Q4"]
    assert FinancialQuarter(2025, 2).overlaps(date(2025, 9, 30), date(2025, 9, 30))
    assert not FinancialQuarter(2025, 2).overlaps(date(2025, 10, 1), date(2026, 3, 31))
