"""A round's criteria and questions pages: lists of rows, "Add another" without JavaScript, saved all or nothing."""

import pytest
from django.urls import reverse

from commissioning.tests.factories import FundingRoundFactory
from commissioning.tests.rounds.factories import answered_draft, draft_round, submitted_application
from commissioning.tests.rounds.pages import error_anchors, error_summary, text_of

pytestmark = pytest.mark.django_db


def rows_data(prefix: str, rows: list[dict], initial: int = 0) -> dict:
    data = {f"{prefix}-TOTAL_FORMS": str(len(rows)), f"{prefix}-INITIAL_FORMS": str(initial)}
    for index, row in enumerate(rows):
        data.update({f"{prefix}-{index}-{name}": value for name, value in row.items()})
    return data


def criteria_url(funding_round):
    return reverse("commissioning:round-criteria", args=[funding_round.pk])


def questions_url(funding_round):
    return reverse("commissioning:round-questions", args=[funding_round.pk])


# --- Criteria ----------------------------------------------------------------------------------------------------


def test_the_criteria_page_starts_with_the_rounds_criteria_and_a_spare_row(staff_client):
    funding_round = FundingRoundFactory()
    response = staff_client.get(criteria_url(funding_round))
    formset = response.context["formset"]
    assert [form.initial.get("title") for form in formset.forms] == ["Need", "Evidence", "Value for money", None]
    assert "The weights above add up to 100." in text_of(response)


def test_a_new_round_starts_with_three_empty_criteria(staff_client):
    response = staff_client.get(criteria_url(draft_round()))
    assert len(response.context["formset"].forms) == 3


def test_staff_set_criteria_whose_weights_add_up_to_100(staff_client, staff_user):
    funding_round = draft_round()
    data = rows_data(
        "criteria",
        [
            {"title": "Need", "description": "Who it reaches.", "weight": "60"},
            {"title": "", "description": "", "weight": ""},  # an empty row is dropped
            {"title": "Evidence", "weight": "40"},
        ],
    )
    response = staff_client.post(criteria_url(funding_round), data)
    assert response.status_code == 302
    assert response.url == f"{funding_round.get_absolute_url()}#criteria"
    rows = list(funding_round.criteria.order_by("order").values_list("title", "description", "weight"))
    assert rows == [("Need", "Who it reaches.", 60), ("Evidence", "", 40)]
    assert funding_round.criteria.first().history.get().history_user == staff_user


def test_weights_not_adding_up_to_100_are_refused_naming_the_sum_and_nothing_is_saved(staff_client):
    funding_round = FundingRoundFactory()
    need, evidence, value = funding_round.criteria.order_by("order")
    data = rows_data(
        "criteria",
        [
            {"id": need.pk, "title": "Need", "weight": "50"},
            {"id": evidence.pk, "title": "Evidence, renamed", "weight": "30"},
            {"id": value.pk, "title": "Value for money", "weight": "10"},
        ],
        initial=3,
    )
    response = staff_client.post(criteria_url(funding_round), data)
    assert error_summary(response) == ["The weights add up to 90. Change them so they add up to exactly 100."]
    assert error_anchors(response) == ["#criteria"]
    assert "Error: The weights add up to 90." in text_of(response)
    assert 'value="Evidence, renamed"' in response.content.decode()
    evidence.refresh_from_db()
    assert evidence.title == "Evidence"
    assert list(funding_round.criteria.values_list("weight", flat=True)) == [50, 30, 20]


def test_a_row_with_a_weight_and_no_title_is_an_error_beside_it(staff_client):
    funding_round = draft_round()
    data = rows_data("criteria", [{"title": "Need", "weight": "60"}, {"title": "", "weight": "40"}, {"weight": "abc"}])
    response = staff_client.post(criteria_url(funding_round), data)
    assert error_summary(response) == [
        "Criterion 2: Enter the criterion's title, or clear the row to remove it.",
        "Criterion 3: Enter the weight as a whole number, like 20.",
    ]
    assert error_anchors(response) == ["#id_criteria-1-title", "#id_criteria-2-weight"]
    assert 'id="id_criteria-1-title-error"' in response.content.decode()
    assert not funding_round.criteria.exists()


def test_add_another_keeps_what_was_typed_adds_an_empty_row_and_saves_nothing(staff_client):
    funding_round = draft_round()
    data = rows_data("criteria", [{"title": "Need", "weight": "abc"}, {"title": "Evidence", "weight": "40"}])
    response = staff_client.post(criteria_url(funding_round), {**data, "add-another": "1"})
    assert response.status_code == 200
    assert error_summary(response) == []  # nothing was checked yet
    formset = response.context["formset"]
    assert [form.initial.get("title") for form in formset.forms] == ["Need", "Evidence", None]
    html = response.content.decode()
    assert 'name="criteria-0-weight" value="abc"' in html
    assert 'name="criteria-TOTAL_FORMS" value="3"' in html
    assert not funding_round.criteria.exists()


def test_criteria_are_read_only_once_an_application_is_submitted(staff_client):
    funding_round = FundingRoundFactory()
    submitted_application(round=funding_round)
    response = staff_client.get(criteria_url(funding_round))
    assert "formset" not in response.context
    assert "so its criteria cannot change" in text_of(response)
    assert "Need 50%" in text_of(response)
    data = rows_data("criteria", [{"title": "Only one", "weight": "100"}])
    response = staff_client.post(criteria_url(funding_round), data)
    assert error_summary(response) == [
        "Applications have been submitted to this round, so its criteria cannot change: "
        "the assessors' scores refer to them."
    ]
    assert funding_round.criteria.count() == 3


# --- Questions ---------------------------------------------------------------------------------------------------


def test_staff_set_the_rounds_questions(staff_client):
    funding_round = FundingRoundFactory()
    first, second = funding_round.questions.order_by("order")
    data = rows_data(
        "questions",
        [
            {
                "id": second.pk,
                "text": "Who are your partners?",
                "hint": "Name them.",
                "word_limit": "250",
                "required": "on",
            },
            {"id": first.pk, "text": "", "hint": "", "word_limit": ""},  # cleared: removed
            {"text": "What will change for young people?", "hint": "", "word_limit": ""},
        ],
        initial=2,
    )
    response = staff_client.post(questions_url(funding_round), data)
    assert response.status_code == 302
    rows = list(funding_round.questions.order_by("order").values_list("text", "hint", "word_limit", "required"))
    assert rows == [
        ("Who are your partners?", "Name them.", 250, True),
        ("What will change for young people?", "", None, False),
    ]


def test_question_errors_are_shown_beside_each_row(staff_client):
    funding_round = draft_round()
    data = rows_data("questions", [{"text": "", "hint": "A hint alone", "word_limit": "0"}])
    response = staff_client.post(questions_url(funding_round), data)
    assert error_summary(response) == [
        "Question 1: Enter the question, or clear the row to remove it.",
        "Question 1: Enter a word limit from 1 to 5000, or leave it empty.",
    ]
    assert "A hint alone</textarea>" in response.content.decode()


def test_removing_a_question_a_draft_answered_is_refused(staff_client):
    funding_round = FundingRoundFactory()
    first, second = funding_round.questions.order_by("order")
    answered_draft(funding_round, first)
    data = rows_data("questions", [{"id": second.pk, "text": second.text, "required": "on"}], initial=1)
    response = staff_client.post(questions_url(funding_round), data)
    assert error_summary(response) == [
        f"“{first.text}” is answered in draft applications, so it cannot be removed. Reword it instead."
    ]
    assert funding_round.questions.count() == 2


def test_add_another_question_without_javascript(staff_client):
    funding_round = draft_round()
    response = staff_client.get(questions_url(funding_round))
    assert len(response.context["formset"].forms) == 1
    data = rows_data("questions", [{"text": "Why now?", "required": "on"}])
    response = staff_client.post(questions_url(funding_round), {**data, "add-another": "1"})
    assert len(response.context["formset"].forms) == 2
    assert 'value="Why now?"' in response.content.decode()
    assert not funding_round.questions.exists()


def test_questions_are_read_only_once_an_application_is_submitted(staff_client):
    funding_round = FundingRoundFactory()
    submitted_application(round=funding_round)
    response = staff_client.get(questions_url(funding_round))
    assert "so its questions cannot change" in text_of(response)
    assert "How will young people shape the project?" in text_of(response)
    response = staff_client.post(questions_url(funding_round), rows_data("questions", []))
    assert "so its questions cannot change" in error_summary(response)[0]
    assert funding_round.questions.count() == 2
