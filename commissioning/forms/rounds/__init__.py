"""The forms of the funds, ledger and rounds pages."""

from commissioning.forms.rounds.funds import FundAllocationsForm, FundForm
from commissioning.forms.rounds.rounds import SERVICE_FIELD_MAP, PublishForm, RoundForm
from commissioning.forms.rounds.setup import (
    ADD_ANOTHER,
    CriteriaFormSet,
    QuestionsFormSet,
    criteria_initial,
    questions_initial,
)

__all__ = [
    "ADD_ANOTHER",
    "SERVICE_FIELD_MAP",
    "CriteriaFormSet",
    "FundAllocationsForm",
    "FundForm",
    "PublishForm",
    "QuestionsFormSet",
    "RoundForm",
    "criteria_initial",
    "questions_initial",
]
