"""The scores' maths against totals worked out by hand (criteria weighted 50, 30 and 20 unless said)."""

from decimal import Decimal

import pytest

from commissioning.models import Criterion
from commissioning.selectors.assessment import assessment_summary, mean, spread, weighted_total
from commissioning.tests.assessment.factories import AssessmentFactory, application_at, assessed_application, declared

D = Decimal


def criteria(*weights):
    return [Criterion(pk=number, title=f"C{number}", weight=weight) for number, weight in enumerate(weights, start=1)]


@pytest.mark.parametrize(
    ("scores", "expected"),
    [
        ({1: 4, 2: 3, 3: 5}, D("78.0")),  # (4×50 + 3×30 + 5×20) / 5 = 390 / 5
        ({1: 2, 2: 2, 3: 1}, D("36.0")),  # (100 + 60 + 20) / 5
        ({1: 5, 2: 5, 3: 5}, D("100.0")),
        ({1: 0, 2: 0, 3: 0}, D("0.0")),
        ({1: 1, 2: 0, 3: 0}, D("10.0")),
        ({1: 4, 2: 3}, D("58.0")),  # the third criterion unscored counts 0: (200 + 90) / 5
    ],
)
def test_weighted_total_is_out_of_100(scores, expected):
    assert weighted_total(scores, criteria(50, 30, 20)) == expected


def test_weighted_total_keeps_one_decimal_place_exactly():
    # 33 / 5 = 6.6; (3×33 + 4×33 + 2×34) / 5 = 299 / 5 = 59.8
    assert weighted_total({1: 1}, criteria(33, 33, 34)) == D("6.6")
    assert weighted_total({1: 3, 2: 4, 3: 2}, criteria(33, 33, 34)) == D("59.8")


def test_weights_that_do_not_add_up_to_100_still_give_a_score_out_of_100():
    assert weighted_total({1: 5, 2: 5}, criteria(50, 30)) == D("100.0")
    assert weighted_total({1: 4, 2: 2}, criteria(50, 30)) == D("65.0")  # (200 + 60) / (5 × 80) × 100
    assert weighted_total({}, []) == D("0.0")


def test_mean_rounds_halves_up_to_one_place():
    assert mean([D("78.0"), D("36.0")]) == D("57.0")
    assert mean([D("78.0"), D("62.0"), D("36.0")]) == D("58.7")  # 176 / 3 = 58.67
    assert mean([D("62.2"), D("62.2"), D("62.4"), D("62.2")]) == D("62.3")  # 62.25, half up (not to even)
    assert mean([4, 2, 5]) == D("3.7")
    assert mean([]) is None


def test_spread_needs_two_values():
    assert spread([D("78.0"), D("36.0"), D("62.0")]) == D("42.0")
    assert spread([3, 3]) == 0
    assert spread([D("78.0")]) is None
    assert spread([]) is None


@pytest.mark.django_db
def test_summary_of_two_assessors_who_differ_widely():
    application = assessed_application([[4, 3, 5], [2, 2, 1]])
    summary = assessment_summary(application)

    assert [result.total for result in summary.results] == [D("78.0"), D("36.0")]
    assert summary.mean_total == D("57.0")
    assert summary.total_spread == D("42.0")
    assert summary.total_flagged
    rows = {row.criterion.title: row for row in summary.criterion_results}
    assert (rows["Need"].scores, rows["Need"].mean, rows["Need"].spread, rows["Need"].flagged) == (
        [4, 2],
        D("3.0"),
        2,
        True,
    )
    assert (rows["Evidence"].spread, rows["Evidence"].flagged) == (1, False)
    assert (rows["Value for money"].mean, rows["Value for money"].spread) == (D("3.0"), 4)
    assert [row.criterion.title for row in summary.flagged_criteria] == ["Need", "Value for money"]
    assert summary.needs_discussion


@pytest.mark.django_db
def test_a_spread_just_under_the_flags_is_not_flagged():
    # 4,4,4 → 80.0; 3,4,4 → 70.0 … 10 apart. 5,3,3 → 80.0 and 3,3,3 → 60.0 are 20 apart, flagged on total and Need.
    close = assessment_summary(assessed_application([[4, 4, 4], [3, 4, 4]]))
    assert (close.total_spread, close.total_flagged, close.needs_discussion) == (D("10.0"), False, False)
    apart = assessment_summary(assessed_application([[5, 3, 3], [3, 3, 3]]))
    assert (apart.total_spread, apart.total_flagged) == (D("20.0"), True)
    assert [row.criterion.title for row in apart.flagged_criteria] == ["Need"]


@pytest.mark.django_db
def test_summary_leaves_out_unsubmitted_scores_and_lists_who_waits_and_who_is_conflicted():
    application = assessed_application([[5, 5, 5]], status="eligible")
    waiting = declared(AssessmentFactory(application=application))
    conflicted = declared(AssessmentFactory(application=application), conflict=True)
    not_started = AssessmentFactory(application=application)

    summary = assessment_summary(application)

    assert [result.total for result in summary.results] == [D("100.0")]
    assert summary.mean_total == D("100.0")
    assert summary.total_spread is None and not summary.total_flagged
    assert summary.waiting == [waiting, not_started]
    assert summary.conflicts == [conflicted]
    assert summary.active_count == 3


@pytest.mark.django_db
def test_summary_with_no_scores_yet():
    summary = assessment_summary(application_at("eligible"))
    assert summary.results == [] and summary.mean_total is None and summary.total_spread is None
    assert [row.mean for row in summary.criterion_results] == [None, None, None]
