"""Funding rounds: their settings, the rules between them, and publishing."""

from django.core.exceptions import ValidationError
from django.db import transaction

from commissioning.models import Fund, FundingRound
from commissioning.selectors.rounds import round_awarded, round_has_applications
from commissioning.services.rounds.common import (
    ROUND_FIELDS,
    ROUND_M2M_FIELDS,
    TOTAL_WEIGHT,
    pounds,
    unknown_fields,
)
from vru.validators import dates_errors


def _criteria_total(funding_round: FundingRound) -> int:
    # Read through the related manager, so a page that has prefetched the criteria asks nothing more.
    return sum(criterion.weight for criterion in funding_round.criteria.all())


def publishing_problems(funding_round: FundingRound, *, objectives=None) -> dict[str, str]:
    """What stops the round being published, by field: none when it may be."""
    problems = {}
    has_objectives = bool(objectives) if objectives is not None else funding_round.objectives.exists()
    if not has_objectives:
        problems["objectives"] = "Choose at least one objective: a round cannot be published without one."
    total = _criteria_total(funding_round) if funding_round.pk else 0
    if total != TOTAL_WEIGHT:
        problems["is_published"] = (
            f"The round's criteria have weights adding up to {total}, not {TOTAL_WEIGHT}. "
            "Set its criteria before publishing it."
        )
    return problems


def check_round(funding_round: FundingRound, *, previous_fund_id=None) -> None:
    """The rules between a round's fields: requests within the envelope, the envelope within the fund, closing
    after opening, and no move to another fund once partners have applied."""
    errors = {}
    minimum, maximum, envelope = (
        funding_round.minimum_request,
        funding_round.maximum_request,
        funding_round.budget_envelope,
    )
    if minimum is not None and minimum < 0:
        errors["minimum_request"] = "The smallest request cannot be less than £0."
    if maximum is not None and maximum <= 0:
        errors["maximum_request"] = "The largest request must be more than £0."
    elif minimum is not None and maximum is not None and maximum < minimum:
        errors["maximum_request"] = f"The largest request must be at least the smallest request of {pounds(minimum)}."
    elif maximum is not None and envelope is not None and maximum > envelope:
        errors["maximum_request"] = (
            f"The largest request cannot be more than the budget envelope of {pounds(envelope)}."
        )
    if envelope is not None and funding_round.fund_id:
        fund = Fund.objects.select_for_update().get(pk=funding_round.fund_id)
        if envelope > fund.total:
            errors["budget_envelope"] = (
                f"The budget envelope cannot be more than the total of {fund.name}, {pounds(fund.total)}."
            )
        elif funding_round.pk:
            awarded = round_awarded(funding_round)
            if envelope < awarded:
                errors["budget_envelope"] = (
                    f"{pounds(awarded)} has already been awarded in this round, "
                    "so its envelope cannot be less than that."
                )
    if funding_round.opens_at and funding_round.closes_at and funding_round.closes_at <= funding_round.opens_at:
        errors["closes_at"] = "The closing time must be after the opening time."
    for name, message in dates_errors(opens_at=funding_round.opens_at, closes_at=funding_round.closes_at).items():
        errors.setdefault(name, message)
    if previous_fund_id and previous_fund_id != funding_round.fund_id and round_has_applications(funding_round):
        errors["fund"] = "Partners have applied to this round, so it cannot move to another fund."
    if errors:
        raise ValidationError(errors)


def _save_round(funding_round: FundingRound, *, user, m2m: dict, previous_fund_id=None) -> FundingRound:
    objectives = m2m.get("objectives")
    check_round(funding_round, previous_fund_id=previous_fund_id)
    if funding_round.is_published:
        problems = publishing_problems(
            funding_round, objectives=objectives if objectives is not None else funding_round.objectives.all()
        )
        if problems:
            raise ValidationError(problems, code="not_publishable")
    funding_round._history_user = user
    funding_round.full_clean(exclude=list(ROUND_M2M_FIELDS))
    funding_round.save()
    for name, values in m2m.items():
        getattr(funding_round, name).set(values)
    return funding_round


@transaction.atomic
def round_create(*, user, **fields) -> FundingRound:
    """A new round. It can only be published once its criteria are set, so it usually starts unpublished."""
    unknown_fields(fields, ROUND_FIELDS + ROUND_M2M_FIELDS)
    m2m = {name: list(fields.pop(name, [])) for name in ROUND_M2M_FIELDS}
    return _save_round(FundingRound(**fields), user=user, m2m=m2m)


@transaction.atomic
def round_update(*, funding_round: FundingRound, user, **fields) -> FundingRound:
    unknown_fields(fields, ROUND_FIELDS + ROUND_M2M_FIELDS)
    m2m = {name: list(fields.pop(name)) for name in ROUND_M2M_FIELDS if name in fields}
    funding_round = FundingRound.objects.select_for_update().get(pk=funding_round.pk)
    previous_fund_id = funding_round.fund_id
    for name, value in fields.items():
        setattr(funding_round, name, value)
    return _save_round(funding_round, user=user, m2m=m2m, previous_fund_id=previous_fund_id)


@transaction.atomic
def round_set_published(*, funding_round: FundingRound, user, published: bool) -> FundingRound:
    """Publish the round (listed at /funding/ while open) or take it down; publishing needs objectives and criteria."""
    funding_round = FundingRound.objects.select_for_update().get(pk=funding_round.pk)
    if published:
        problems = publishing_problems(funding_round)
        if problems:
            raise ValidationError({"is_published": list(problems.values())}, code="not_publishable")
    if funding_round.is_published != published:
        funding_round.is_published = published
        funding_round._history_user = user
        funding_round.save(update_fields=["is_published", "updated_at"])
    return funding_round
