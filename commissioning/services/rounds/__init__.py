"""Funds, their allocations to objectives, funding rounds, and each round's criteria and questions.

The pages, the API, the admin and the demo call these functions, so each rule is
written once. Each runs in one transaction and raises ValidationError naming the
field at fault; when anything is refused, nothing is saved.
"""

from commissioning.services.rounds.common import (
    CRITERIA_LOCKED,
    FUND_FIELDS,
    QUESTIONS_LOCKED,
    ROUND_FIELDS,
    ROUND_M2M_FIELDS,
    TOTAL_WEIGHT,
    pounds,
    weights_message,
)
from commissioning.services.rounds.funds import check_fund_total, fund_allocations_set, fund_create, fund_update
from commissioning.services.rounds.rounds import (
    check_round,
    publishing_problems,
    round_create,
    round_set_published,
    round_update,
)
from commissioning.services.rounds.setup import (
    CriterionRow,
    QuestionRow,
    round_criteria_set,
    round_questions_set,
)

__all__ = [
    "CRITERIA_LOCKED",
    "FUND_FIELDS",
    "QUESTIONS_LOCKED",
    "ROUND_FIELDS",
    "ROUND_M2M_FIELDS",
    "TOTAL_WEIGHT",
    "CriterionRow",
    "QuestionRow",
    "check_fund_total",
    "check_round",
    "fund_allocations_set",
    "fund_create",
    "fund_update",
    "pounds",
    "publishing_problems",
    "round_create",
    "round_criteria_set",
    "round_questions_set",
    "round_set_published",
    "round_update",
    "weights_message",
]
