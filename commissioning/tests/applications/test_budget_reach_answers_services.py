"""Saving the budget, the expected reach and the answers, and what no section allows once the application has
left draft."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from commissioning.models import (
    Application,
    ApplicationStatus,
    BudgetLine,
    ReachEstimate,
    RoundQuestion,
)
from commissioning.services import applications as services
from commissioning.services.applications import BudgetRow
from commissioning.tests.applications.factories import draft_application, fill_in
from commissioning.tests.factories import FundingRoundFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def application(partner_user, organisation, funding_round):
    return draft_application(round=funding_round, organisation=organisation, user=partner_user)


def reload(application) -> Application:
    return Application.objects.get(pk=application.pk)


def errors_of(call, **kwargs) -> dict:
    with pytest.raises(ValidationError) as error:
        call(**kwargs)
    return error.value.message_dict


# --- The budget -------------------------------------------------------------------------------------------


def lines(*amounts):
    return [BudgetRow("staff", f"Line of {amount}", Decimal(amount)) for amount in amounts]


def test_the_amount_requested_is_the_sum_of_the_lines(application, partner_user):
    services.application_budget_save(
        application=application, user=partner_user, mark_complete=True, rows=lines("30000.00", "2500.50")
    )

    saved = reload(application)
    assert saved.amount_requested == Decimal("32500.50")
    assert [(line.order, line.amount) for line in saved.budget_lines.all()] == [
        (0, Decimal("30000.00")),
        (1, Decimal("2500.50")),
    ]
    assert saved.sections_completed == ["budget"]


def test_the_budget_is_all_or_nothing(application, partner_user):
    services.application_budget_save(
        application=application, user=partner_user, mark_complete=False, rows=lines("10000.00")
    )
    kept = list(BudgetLine.objects.filter(application=application).values_list("pk", "amount"))

    with pytest.raises(services.BudgetRowsError) as error:
        services.application_budget_save(
            application=application,
            user=partner_user,
            mark_complete=False,
            rows=[
                BudgetRow("venue", "Hall hire", Decimal("2000.00")),
                BudgetRow("nonsense", "", Decimal("-5")),
                BudgetRow("travel", "Fares", Decimal("10.005")),
            ],
        )

    assert error.value.row_errors == {
        1: {
            "category": ["Choose what kind of cost this is."],
            "description": ["Enter what this line pays for."],
            "amount": ["The amount must be more than £0."],
        },
        2: {"amount": ["Enter the amount in pounds and pence, like 1250.50."]},
    }
    assert list(BudgetLine.objects.filter(application=application).values_list("pk", "amount")) == kept
    assert reload(application).amount_requested == Decimal("10000.00")


def test_a_complete_budget_is_within_the_rounds_smallest_and_largest_request(application, partner_user):
    for amounts in (("4999.99",), ("99000.00", "1000.01")):
        with pytest.raises(services.BudgetRowsError) as error:
            services.application_budget_save(
                application=application, user=partner_user, mark_complete=True, rows=lines(*amounts)
            )
        message = error.value.budget_errors[0]
        assert "£5,000.00" in message
        assert "£100,000.00" in message
    assert not BudgetLine.objects.filter(application=application).exists()

    with pytest.raises(services.BudgetRowsError) as error:
        services.application_budget_save(application=application, user=partner_user, mark_complete=True, rows=[])
    assert error.value.budget_errors == ["Add at least one budget line."]

    # Saved for later, an out-of-range total is kept to finish another day.
    services.application_budget_save(
        application=application, user=partner_user, mark_complete=False, rows=lines("4999.99")
    )
    assert reload(application).amount_requested == Decimal("4999.99")


def test_budget_lines_are_changed_in_place_and_removed_when_left_out(application, partner_user):
    services.application_budget_save(
        application=application, user=partner_user, mark_complete=False, rows=lines("10000.00", "5000.00")
    )
    first, second = BudgetLine.objects.filter(application=application)

    services.application_budget_save(
        application=application,
        user=partner_user,
        mark_complete=True,
        rows=[BudgetRow("staff", "Youth workers", Decimal("12000.00"), first.pk)],
    )

    assert list(BudgetLine.objects.filter(application=application).values_list("pk", "description", "amount")) == [
        (first.pk, "Youth workers", Decimal("12000.00"))
    ]
    assert not BudgetLine.objects.filter(pk=second.pk).exists()
    assert BudgetLine.history.filter(id=second.pk, history_type="-").get().history_user == partner_user


def test_a_line_of_another_application_is_refused(application, partner_user, other_organisation):
    other = draft_application(round=application.round, organisation=other_organisation)
    services.application_budget_save(application=other, user=other.created_by, mark_complete=False, rows=lines("1.00"))
    foreign = BudgetLine.objects.get(application=other)

    with pytest.raises(services.BudgetRowsError) as error:
        services.application_budget_save(
            application=application,
            user=partner_user,
            mark_complete=False,
            rows=[BudgetRow("staff", "Taken", Decimal("5.00"), foreign.pk)],
        )

    assert "no longer in the budget" in error.value.row_errors[0]["description"][0]
    assert BudgetLine.objects.get(pk=foreign.pk).description == "Line of 1.00"


# --- Expected reach ---------------------------------------------------------------------------------------


def test_reach_is_counts_per_age_band_with_at_least_one_above_zero(application, partner_user):
    assert errors_of(
        services.application_reach_save,
        application=application,
        user=partner_user,
        mark_complete=True,
        counts={"under_10": 0, "10_14": None},
    ) == {"reach": ["Enter how many young people you expect to reach in at least one age band."]}
    assert errors_of(
        services.application_reach_save,
        application=application,
        user=partner_user,
        mark_complete=False,
        counts={"15_17": -1},
    ) == {"15_17": ["Enter the number of young people aged 15 to 17 as a whole number, 0 or more."]}

    services.application_reach_save(
        application=application, user=partner_user, mark_complete=True, counts={"under_10": 0, "15_17": 25}
    )
    assert dict(ReachEstimate.objects.filter(application=application).values_list("age_band", "count")) == {
        "under_10": 0,
        "15_17": 25,
    }

    services.application_reach_save(
        application=application, user=partner_user, mark_complete=False, counts={"15_17": 30}
    )
    assert dict(ReachEstimate.objects.filter(application=application).values_list("age_band", "count")) == {"15_17": 30}
    assert reload(application).sections_completed == []


# --- The round's questions --------------------------------------------------------------------------------


def test_answers_respect_word_limits_and_required_questions(application, partner_user):
    required, optional = application.round.questions.all()
    optional.word_limit = 5
    optional.save()

    errors = errors_of(
        services.application_answers_save,
        application=application,
        user=partner_user,
        mark_complete=True,
        answers={optional.pk: "one two three four five six"},
    )

    assert errors == {
        f"question_{required.pk}": [f"Answer “{required.text}”."],
        f"question_{optional.pk}": [f"Your answer to “{optional.text}” must be 5 words or fewer. It has 6."],
    }
    services.application_answers_save(
        application=application, user=partner_user, mark_complete=True, answers={required.pk: "  Steering group. "}
    )
    assert list(application.answers.values_list("question_id", "text")) == [(required.pk, "Steering group.")]


def test_an_answer_to_another_rounds_question_is_refused(application, partner_user):
    stranger = RoundQuestion.objects.create(round=FundingRoundFactory(), text="Elsewhere?")
    assert errors_of(
        services.application_answers_save,
        application=application,
        user=partner_user,
        mark_complete=False,
        answers={stranger.pk: "No"},
    ) == {"answers": ["Answer only this round's questions."]}


# --- Completion and locking -------------------------------------------------------------------------------


def test_sections_complete_are_kept_in_task_list_order(application, partner_user):
    fill_in(application, partner_user)
    assert reload(application).sections_completed == [
        "organisation",
        "project",
        "area",
        "objectives",
        "budget",
        "reach",
        "questions",
    ]

    services.application_project_save(application=application, user=partner_user, mark_complete=False)

    assert "project" not in reload(application).sections_completed


@pytest.mark.parametrize(
    "status", [ApplicationStatus.SUBMITTED, ApplicationStatus.AWARDED, ApplicationStatus.WITHDRAWN]
)
def test_nothing_can_be_changed_once_the_application_has_left_draft(application, partner_user, status):
    Application.objects.filter(pk=application.pk).update(status=status)
    expected = services.APPLICATION_WITHDRAWN if status == ApplicationStatus.WITHDRAWN else services.APPLICATION_LOCKED

    for call, values in (
        (services.application_organisation_save, {"contact_name": "Changed"}),
        (services.application_project_save, {"project_title": "Changed"}),
        (services.application_area_save, {"boroughs": []}),
        (services.application_objectives_save, {"objectives": []}),
        (services.application_budget_save, {"rows": []}),
        (services.application_reach_save, {"counts": {}}),
        (services.application_answers_save, {"answers": {}}),
    ):
        with pytest.raises(ValidationError) as error:
            call(application=application, user=partner_user, mark_complete=False, **values)
        assert error.value.messages == [expected]
    assert reload(application).contact_name == "Partner Persona"
