"""The rules on funding rounds, their criteria and their questions, as the services keep them."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from commissioning.models import ApplicationStatus, Criterion, FundingRound, GeographyLevel, RoundQuestion
from commissioning.services import rounds as services
from commissioning.services.rounds import CriterionRow, QuestionRow
from commissioning.tests.factories import ApplicationFactory, FundFactory, FundingRoundFactory, awarded_grant
from commissioning.tests.rounds.factories import answered_draft, draft_round, london, submitted_application
from programmes.models import Objective, PriorityArea

pytestmark = pytest.mark.django_db


@pytest.fixture
def fields():
    """What a new round is made of, valid as it is."""
    return {
        "fund": FundFactory(total=Decimal("200000.00")),
        "title": "Safer summers",
        "summary": "Holiday activities for 10 to 17 year olds.",
        "objectives": list(Objective.objects.filter(number__in=[3, 7])),
        "priority_areas": list(PriorityArea.objects.all()[:1]),
        "geography_level": GeographyLevel.BOROUGH,
        "budget_envelope": Decimal("100000.00"),
        "minimum_request": Decimal("5000.00"),
        "maximum_request": Decimal("25000.00"),
        "opens_at": london(2026, 4, 1, 9),
        "closes_at": london(2026, 6, 30, 17),
        "guidance": "Who can apply.\n\nHow we decide.",
    }


def refused(call, **kwargs) -> dict:
    with pytest.raises(ValidationError) as error:
        call(**kwargs)
    return error.value.message_dict


def criteria(*weights):
    return [CriterionRow(title=f"Criterion {n}", weight=weight) for n, weight in enumerate(weights, start=1)]


# --- Creating and changing a round -------------------------------------------------------------------------


def test_round_create_saves_the_round_unpublished_with_its_objectives(staff_user, fields):
    funding_round = services.round_create(user=staff_user, **fields)
    funding_round = FundingRound.objects.get(pk=funding_round.pk)
    assert not funding_round.is_published
    assert sorted(funding_round.objectives.values_list("number", flat=True)) == [3, 7]
    assert funding_round.priority_areas.count() == 1
    assert funding_round.closes_at == london(2026, 6, 30, 17)
    assert funding_round.history.get().history_user == staff_user


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        (
            {"minimum_request": Decimal("30000.00")},
            "maximum_request",
            "The largest request must be at least the smallest request of £30,000.00.",
        ),
        (
            {"maximum_request": Decimal("100000.01")},
            "maximum_request",
            "The largest request cannot be more than the budget envelope of £100,000.00.",
        ),
        (
            {"budget_envelope": Decimal("200000.01"), "maximum_request": Decimal("25000.00")},
            "budget_envelope",
            "The budget envelope cannot be more than the total of",
        ),
        ({"minimum_request": Decimal("-1.00")}, "minimum_request", "The smallest request cannot be less than £0."),
        ({"maximum_request": Decimal("0.00"), "minimum_request": Decimal("0")}, "maximum_request", "more than £0"),
        ({"closes_at": london(2026, 4, 1, 9)}, "closes_at", "The closing time must be after the opening time."),
    ],
)
def test_round_create_refuses_fields_that_do_not_fit_together(staff_user, fields, changes, field, message):
    errors = refused(services.round_create, user=staff_user, **{**fields, **changes})
    assert message in errors[field][0]
    assert not FundingRound.objects.exists()


def test_a_request_range_exactly_at_the_envelope_and_fund_total_is_allowed(staff_user, fields):
    fields.update(
        budget_envelope=Decimal("200000.00"), minimum_request=Decimal("200000.00"), maximum_request=Decimal("200000.00")
    )
    assert services.round_create(user=staff_user, **fields).pk


def test_a_round_cannot_be_published_without_criteria_adding_up_to_100_or_an_objective(staff_user, fields):
    errors = refused(services.round_create, user=staff_user, **{**fields, "is_published": True, "objectives": []})
    assert errors["objectives"] == ["Choose at least one objective: a round cannot be published without one."]
    assert "weights adding up to 0, not 100" in errors["is_published"][0]

    funding_round = services.round_create(user=staff_user, **fields)
    services.round_criteria_set(funding_round=funding_round, user=staff_user, criteria=criteria(60, 40))
    services.round_update(funding_round=funding_round, user=staff_user, is_published=True)
    assert FundingRound.objects.published().filter(pk=funding_round.pk).exists()
    errors = refused(services.round_update, funding_round=funding_round, user=staff_user, objectives=[])
    assert errors == {"objectives": ["Choose at least one objective: a round cannot be published without one."]}


def test_round_set_published_says_what_is_missing(staff_user):
    funding_round = draft_round(objectives=[])
    errors = refused(services.round_set_published, funding_round=funding_round, user=staff_user, published=True)
    assert errors["is_published"] == [
        "Choose at least one objective: a round cannot be published without one.",
        "The round's criteria have weights adding up to 0, not 100. Set its criteria before publishing it.",
    ]
    funding_round.objectives.set(Objective.objects.filter(number=1))
    services.round_criteria_set(funding_round=funding_round, user=staff_user, criteria=criteria(100))
    services.round_set_published(funding_round=funding_round, user=staff_user, published=True)
    funding_round.refresh_from_db()
    assert funding_round.is_published
    services.round_set_published(funding_round=funding_round, user=staff_user, published=False)
    funding_round.refresh_from_db()
    assert not funding_round.is_published
    assert funding_round.history.latest().history_user == staff_user


def test_a_round_with_applications_cannot_move_to_another_fund(staff_user):
    funding_round = FundingRoundFactory()
    other = FundFactory()
    services.round_update(funding_round=funding_round, user=staff_user, fund=other)  # no applications yet
    ApplicationFactory(round=funding_round)
    errors = refused(services.round_update, funding_round=funding_round, user=staff_user, fund=FundFactory())
    assert errors == {"fund": ["Partners have applied to this round, so it cannot move to another fund."]}
    funding_round.refresh_from_db()
    assert funding_round.fund == other


def test_the_envelope_cannot_drop_below_what_the_round_has_awarded(staff_user, manager_user):
    grant = awarded_grant(manager=manager_user, amount=Decimal("40000.00"))
    funding_round = grant.application.round
    errors = refused(
        services.round_update,
        funding_round=funding_round,
        user=staff_user,
        budget_envelope=Decimal("39999.99"),
        maximum_request=Decimal("39999.99"),
    )
    assert errors == {
        "budget_envelope": [
            "£40,000.00 has already been awarded in this round, so its envelope cannot be less than that."
        ]
    }


def test_closing_time_can_be_extended_after_applications_are_submitted(staff_user):
    funding_round = FundingRoundFactory()
    submitted_application(round=funding_round)
    later = funding_round.closes_at + timedelta(days=7)
    services.round_update(funding_round=funding_round, user=staff_user, closes_at=later)
    funding_round.refresh_from_db()
    assert funding_round.closes_at == later


# --- Criteria ----------------------------------------------------------------------------------------------


def test_criteria_are_replaced_as_a_whole_in_order_keeping_those_named_by_id(staff_user):
    funding_round = FundingRoundFactory()  # Need 50, Evidence 30, Value for money 20
    need, evidence, value = funding_round.criteria.order_by("order")
    saved = services.round_criteria_set(
        funding_round=funding_round,
        user=staff_user,
        criteria=[
            CriterionRow(id=evidence.pk, title="Evidence", description="What works.", weight=40),
            CriterionRow(title="Partnership", weight=25),
            CriterionRow(id=need.pk, title="Need", weight=35),
        ],
    )
    rows = list(funding_round.criteria.order_by("order").values_list("pk", "title", "weight", "description"))
    assert rows == [
        (evidence.pk, "Evidence", 40, "What works."),
        (saved[1].pk, "Partnership", 25, ""),
        (need.pk, "Need", 35, ""),
    ]
    assert not Criterion.objects.filter(pk=value.pk).exists()
    assert Criterion.history.filter(id=value.pk, history_type="-").get().history_user == staff_user


@pytest.mark.parametrize(("weights", "total"), [((50, 30, 19), 99), ((50, 30, 21), 101), ((), 0)])
def test_criteria_weights_must_add_up_to_exactly_100(staff_user, weights, total):
    funding_round = FundingRoundFactory()
    before = list(funding_round.criteria.values_list("pk", "weight"))
    errors = refused(
        services.round_criteria_set, funding_round=funding_round, user=staff_user, criteria=criteria(*weights)
    )
    if weights:
        assert errors == {"criteria": [f"The weights add up to {total}. Change them so they add up to exactly 100."]}
    else:
        assert errors == {"criteria": ["Add at least one criterion. The weights must add up to exactly 100."]}
    assert list(funding_round.criteria.values_list("pk", "weight")) == before


def test_criteria_rows_need_a_title_and_a_weight_from_1_to_100(staff_user):
    funding_round = draft_round()
    errors = refused(
        services.round_criteria_set,
        funding_round=funding_round,
        user=staff_user,
        criteria=[
            CriterionRow(title=" ", weight=50),
            CriterionRow(title="B", weight=0),
            CriterionRow(title="C", weight=101),
        ],
    )
    assert errors == {
        "criteria": [
            "Criterion 1: enter its title.",
            "Criterion 2: its weight must be a whole number from 1 to 100.",
            "Criterion 3: its weight must be a whole number from 1 to 100.",
        ]
    }


def test_criteria_of_another_round_cannot_be_taken_over(staff_user):
    funding_round, other = FundingRoundFactory(), FundingRoundFactory()
    stranger = other.criteria.first()
    errors = refused(
        services.round_criteria_set,
        funding_round=funding_round,
        user=staff_user,
        criteria=[CriterionRow(id=stranger.pk, title="Taken", weight=100)],
    )
    assert errors == {"criteria": ["Criterion 1 is not one of this round's criteria."]}
    stranger.refresh_from_db()
    assert stranger.round == other


def test_criteria_cannot_change_once_an_application_is_submitted(staff_user):
    funding_round = FundingRoundFactory()
    ApplicationFactory(round=funding_round)  # a draft does not lock them
    services.round_criteria_set(funding_round=funding_round, user=staff_user, criteria=criteria(50, 50))
    submitted_application(round=funding_round)
    errors = refused(services.round_criteria_set, funding_round=funding_round, user=staff_user, criteria=criteria(100))
    assert errors == {"criteria": [services.CRITERIA_LOCKED]}
    assert list(funding_round.criteria.values_list("weight", flat=True)) == [50, 50]


def test_sending_the_same_criteria_to_a_locked_round_is_not_a_change(staff_user):
    funding_round = FundingRoundFactory()
    submitted_application(round=funding_round)
    same = [
        CriterionRow(id=c.pk, title=c.title, description=c.description, weight=c.weight)
        for c in funding_round.criteria.order_by("order")
    ]
    assert len(services.round_criteria_set(funding_round=funding_round, user=staff_user, criteria=same)) == 3


def test_a_withdrawn_application_that_was_submitted_still_locks_the_criteria(staff_user):
    funding_round = FundingRoundFactory()
    application = submitted_application(round=funding_round)
    application.status = ApplicationStatus.WITHDRAWN
    application.save()
    errors = refused(services.round_criteria_set, funding_round=funding_round, user=staff_user, criteria=criteria(100))
    assert errors == {"criteria": [services.CRITERIA_LOCKED]}


# --- Questions ---------------------------------------------------------------------------------------------


def test_questions_are_replaced_as_a_whole(staff_user):
    funding_round = FundingRoundFactory()
    first, second = funding_round.questions.order_by("order")
    services.round_questions_set(
        funding_round=funding_round,
        user=staff_user,
        questions=[
            QuestionRow(id=second.pk, text="Who are your partners?", hint="Name them.", word_limit=200, required=True),
            QuestionRow(text="How will you measure success?", required=False),
        ],
    )
    rows = list(funding_round.questions.order_by("order").values_list("text", "hint", "word_limit", "required"))
    assert rows == [
        ("Who are your partners?", "Name them.", 200, True),
        ("How will you measure success?", "", None, False),
    ]
    assert not RoundQuestion.objects.filter(pk=first.pk).exists()
    services.round_questions_set(funding_round=funding_round, user=staff_user, questions=[])
    assert not funding_round.questions.exists()


def test_question_rows_need_text_and_a_sensible_word_limit(staff_user):
    errors = refused(
        services.round_questions_set,
        funding_round=draft_round(),
        user=staff_user,
        questions=[QuestionRow(text=""), QuestionRow(text="Why?", word_limit=0), QuestionRow(text="x" * 301)],
    )
    assert errors == {
        "questions": [
            "Question 1: enter the question.",
            "Question 2: the word limit must be a whole number from 1 to 5000, or empty.",
            "Question 3: the question must be 300 characters or fewer.",
        ]
    }


def test_a_question_a_draft_has_answered_can_be_reworded_but_not_removed(staff_user):
    funding_round = FundingRoundFactory()
    answered, other = funding_round.questions.order_by("order")
    answered_draft(funding_round, answered)
    errors = refused(
        services.round_questions_set,
        funding_round=funding_round,
        user=staff_user,
        questions=[QuestionRow(id=other.pk, text=other.text)],
    )
    assert errors == {
        "questions": [
            f"“{answered.text}” is answered in draft applications, so it cannot be removed. Reword it instead."
        ]
    }
    services.round_questions_set(
        funding_round=funding_round,
        user=staff_user,
        questions=[QuestionRow(id=answered.pk, text="How will young people lead the project?")],
    )
    answered.refresh_from_db()
    assert answered.text == "How will young people lead the project?"


def test_questions_cannot_change_once_an_application_is_submitted(staff_user):
    funding_round = FundingRoundFactory()
    submitted_application(round=funding_round)
    errors = refused(
        services.round_questions_set, funding_round=funding_round, user=staff_user, questions=[QuestionRow(text="New?")]
    )
    assert errors == {"questions": [services.QUESTIONS_LOCKED]}
    assert funding_round.questions.count() == 2
