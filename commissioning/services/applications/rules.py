"""What an application's sections must hold: the rules the pages, the API and submission share.

Each section has one function that returns its problems as ``{field: [messages]}``.
Format rules (a real email address, an end date after the start, a ward inside a
chosen borough) apply whenever a section is saved; with ``complete=True`` the
section must also be filled in, as "Save and mark as complete" and submitting need.
"""

import re
from dataclasses import dataclass
from datetime import timedelta
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.validators import EmailValidator
from django.utils import timezone
from django.utils.formats import date_format

from commissioning.models import AgeBand, Application, ApplicationSection, BudgetCategory, GeographyLevel
from partners.models.organisations import charity_number_validator, company_number_validator
from partners.services.organisations import POSTCODE, tidy_number, tidy_postcode
from vru.validators import AMOUNT_MAX, amount_error, dates_errors

Errors = dict[str, list[str]]

APPLICATION_LOCKED = "This application has been submitted and can no longer be changed."
APPLICATION_WITHDRAWN = "This application has been withdrawn and can no longer be changed."
MAX_BUDGET_LINES = 50
MAX_COUNT = 2_147_483_647  # the largest a PositiveIntegerField holds

ORGANISATION_FIELDS = (
    "contact_name",
    "contact_role",
    "contact_email",
    "contact_phone",
    "address",
    "postcode",
    "charity_number",
    "company_number",
)
PROJECT_FIELDS = ("project_title", "project_summary", "project_description", "start_date", "end_date")

ORGANISATION_REQUIRED = {
    "contact_name": "Enter the name of the person we should contact about this application.",
    "contact_role": "Enter the contact's role in your organisation.",
    "contact_email": "Enter the contact's email address.",
    "contact_phone": "Enter the contact's telephone number.",
    "address": "Enter your organisation's address.",
    "postcode": "Enter your organisation's postcode.",
}
PROJECT_REQUIRED = {
    "project_title": "Enter the project's title.",
    "project_summary": "Enter a summary of the project.",
    "project_description": "Describe the project.",
    "start_date": "Enter the date the project starts.",
    "end_date": "Enter the date the project ends.",
}
LABELS = {
    "contact_name": "The contact's name",
    "contact_role": "The contact's role",
    "contact_phone": "The telephone number",
    "postcode": "The postcode",
    "charity_number": "The charity number",
    "company_number": "The company number",
    "project_title": "The title",
    "project_summary": "The summary",
}

# Digits with the spaces, brackets, hyphens and leading + people write them with.
PHONE = re.compile(r"^\+?[\d\s()-]+$")
EMAIL = EmailValidator(message="Enter an email address in the correct format, like name@example.org.")


def section_label(section) -> str:
    return ApplicationSection(section).label


def _max_length_errors(values: dict, names) -> Errors:
    errors = {}
    for name in names:
        limit = Application._meta.get_field(name).max_length
        value = values.get(name) or ""
        if limit and len(value) > limit:
            errors[name] = [f"{LABELS.get(name, name)} must be {limit} characters or fewer."]
    return errors


def _required(values: dict, messages: dict[str, str]) -> Errors:
    return {name: [message] for name, message in messages.items() if values.get(name) in (None, "")}


def _merge(*parts: Errors) -> Errors:
    merged: Errors = {}
    for part in parts:
        for name, messages in part.items():
            kept = merged.setdefault(name, [])
            kept.extend(message for message in messages if message not in kept)
    return merged


# --- Organisation details ---------------------------------------------------------------------------------


def tidy_organisation(values: dict) -> dict:
    """Trimmed text, and numbers and postcodes as the registers print them ("se115qy" is SE11 5QY)."""
    tidy = {name: (values.get(name) or "").strip() for name in ORGANISATION_FIELDS}
    tidy["postcode"] = tidy_postcode(tidy["postcode"])
    tidy["charity_number"] = tidy_number(tidy["charity_number"])
    tidy["company_number"] = tidy_number(tidy["company_number"])
    tidy["address"] = "\n".join(line.strip() for line in tidy["address"].splitlines() if line.strip())
    return tidy


def organisation_errors(values: dict, *, complete: bool) -> Errors:
    """``values`` as ``tidy_organisation`` gives them."""
    errors = _max_length_errors(values, ORGANISATION_FIELDS)
    if values["contact_email"] and "contact_email" not in errors:
        try:
            EMAIL(values["contact_email"])
        except ValidationError as error:
            errors["contact_email"] = error.messages
    phone = values["contact_phone"]
    if phone and "contact_phone" not in errors:
        digits = sum(character.isdigit() for character in phone)
        if not PHONE.match(phone) or not 10 <= digits <= 15:
            errors["contact_phone"] = ["Enter a telephone number, like 020 7946 0000 or +44 7700 900 982."]
    if values["postcode"] and not POSTCODE.match(values["postcode"]):
        errors["postcode"] = ["Enter a real postcode, like SE11 5QY."]
    for name, validator in (("charity_number", charity_number_validator), ("company_number", company_number_validator)):
        if values[name] and name not in errors:
            try:
                validator(values[name])
            except ValidationError as error:
                errors[name] = error.messages
    if complete:
        errors = _merge(_required(values, ORGANISATION_REQUIRED), errors)
    return errors


# --- The project ------------------------------------------------------------------------------------------


def tidy_project(values: dict) -> dict:
    tidy = {name: values.get(name) for name in PROJECT_FIELDS}
    for name in ("project_title", "project_summary", "project_description"):
        tidy[name] = (tidy[name] or "").strip()
    tidy["project_title"] = " ".join(tidy["project_title"].split())
    return tidy


def project_errors(values: dict, *, complete: bool) -> Errors:
    errors = _max_length_errors(values, ("project_title", "project_summary"))
    if "project_summary" in errors:
        errors["project_summary"] = [
            f"The summary must be 500 characters or fewer. It has {len(values['project_summary'])}."
        ]
    start, end = values.get("start_date"), values.get("end_date")
    if start and end and end <= start:
        errors["end_date"] = ["The end date must be after the start date."]
    for name, message in dates_errors(start_date=start, end_date=end).items():
        errors[name] = [message]
    if complete:
        errors = _merge(_required(values, PROJECT_REQUIRED), errors)
    return errors


# --- Boroughs and wards -----------------------------------------------------------------------------------


def area_errors(*, round, boroughs, wards, complete: bool) -> Errors:
    """The wards must lie in the boroughs chosen; complete, the round's geography level decides how many.

    A ward-level round needs at least one ward; a borough-level round funds work in
    one borough, so exactly one; a multi-borough round at least two.
    """
    errors: Errors = {}
    chosen = {borough.pk for borough in boroughs}
    outside = [ward for ward in wards if ward.borough_id not in chosen]
    if outside:
        errors["wards"] = [
            f"{ward.name} is in {ward.borough.name}, which you have not chosen. Choose its borough or untick the ward."
            for ward in outside
        ]
    if not complete:
        return errors
    level = round.geography_level
    if not boroughs:
        errors["boroughs"] = ["Choose the boroughs the project serves."]
    elif level == GeographyLevel.BOROUGH and len(boroughs) > 1:
        errors["boroughs"] = [
            f"This round funds work in a single borough: choose one borough, not {len(boroughs)}. "
            "For work across boroughs, apply to a multi-borough round."
        ]
    elif level == GeographyLevel.MULTI_BOROUGH and len(boroughs) < 2:
        errors["boroughs"] = ["This round funds work across boroughs: choose at least two boroughs."]
    if level == GeographyLevel.WARD and not wards and "wards" not in errors:
        errors["wards"] = ["This round funds work in particular wards: choose at least one ward."]
    return errors


# --- Objectives -------------------------------------------------------------------------------------------


def objectives_errors(*, round_objective_ids: set[int], objectives, complete: bool) -> Errors:
    if any(objective.pk not in round_objective_ids for objective in objectives):
        return {"objectives": ["Choose only objectives this round funds."]}
    if complete and not objectives:
        return {"objectives": ["Choose at least one objective the project addresses."]}
    return {}


# --- The budget -------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class BudgetRow:
    """One budget line as a page or the API gives it; ``id`` is empty for a new line."""

    category: str
    description: str
    amount: Decimal | None
    id: int | None = None


class BudgetRowsError(ValidationError):
    """Invalid budget lines by their 0-based place in the list given, ``{index: {field: [messages]}}``,
    and problems with the budget as a whole in ``errors`` (under ``budget_lines``)."""

    def __init__(self, row_errors: dict[int, Errors], errors: list[str] | None = None):
        self.row_errors = row_errors
        self.budget_errors = errors or []
        messages = [
            f"Line {index + 1}: {message}"
            for index, fields in sorted(row_errors.items())
            for messages in fields.values()
            for message in messages
        ]
        super().__init__({"budget_lines": [*self.budget_errors, *messages]})


def money(amount: Decimal) -> str:
    return f"£{amount:,.2f}"


def budget_row_errors(row: BudgetRow) -> Errors:
    errors: Errors = {}
    if row.category not in BudgetCategory.values:
        errors["category"] = ["Choose what kind of cost this is."]
    description = (row.description or "").strip()
    if not description:
        errors["description"] = ["Enter what this line pays for."]
    elif len(description) > 200:
        errors["description"] = ["The description must be 200 characters or fewer."]
    if row.amount is None:
        errors["amount"] = ["Enter the amount."]
    elif row.amount <= 0:
        errors["amount"] = ["The amount must be more than £0."]
    elif row.amount != row.amount.quantize(Decimal("0.01")):
        errors["amount"] = ["Enter the amount in pounds and pence, like 1250.50."]
    elif message := amount_error(row.amount):
        errors["amount"] = [message]
    return errors


def budget_total_errors(*, round, total: Decimal, line_count: int) -> list[str]:
    """The completion rule: at least one line, and a total inside the round's smallest and largest request."""
    if not line_count:
        return ["Add at least one budget line."]
    if not round.minimum_request <= total <= round.maximum_request:
        return [
            f"The budget adds up to {money(total)}. This round funds requests of between "
            f"{money(round.minimum_request)} and {money(round.maximum_request)}: change the lines so the total "
            "is within that range."
        ]
    return []


def check_budget(*, round, rows: list[BudgetRow], complete: bool) -> None:
    """Raise ``BudgetRowsError`` when a line is invalid or, ``complete``, when the total is out of range."""
    row_errors = {index: errors for index, row in enumerate(rows) if (errors := budget_row_errors(row))}
    problems = []
    if len(rows) > MAX_BUDGET_LINES:
        problems.append(f"A budget can have up to {MAX_BUDGET_LINES} lines. Combine some of them.")
    if not row_errors:
        total = sum((row.amount for row in rows), Decimal("0"))
        # The total is stored as the amount requested, so it obeys the cap on every save, complete or not.
        if total > AMOUNT_MAX:
            problems.append(
                f"The budget adds up to {money(total)}. An application can ask for up to {money(AMOUNT_MAX)}: "
                "change the lines so the total is within that."
            )
        elif complete:
            problems.extend(budget_total_errors(round=round, total=total, line_count=len(rows)))
    if row_errors or problems:
        raise BudgetRowsError(row_errors, problems)


# --- Expected reach ---------------------------------------------------------------------------------------


def reach_errors(counts: dict[str, int | None], *, complete: bool) -> Errors:
    """``counts`` by age band; a band left empty (``None``) is no estimate for it."""
    errors: Errors = {}
    for band, count in counts.items():
        if band not in AgeBand.values:
            errors["reach"] = [f"“{band}” is not an age band."]
        elif count is not None and not 0 <= count <= MAX_COUNT:
            errors[band] = [
                f"Enter the number of young people aged {AgeBand(band).label.lower()} as a whole number, 0 or more."
            ]
    if complete and not errors and not any(count for count in counts.values()):
        errors["reach"] = ["Enter how many young people you expect to reach in at least one age band."]
    return errors


# --- The round's questions --------------------------------------------------------------------------------


def word_count(text: str) -> int:
    return len(text.split())


def answers_errors(*, questions, answers: dict[int, str], complete: bool) -> Errors:
    """Errors keyed ``question_<id>``; ``answers`` maps a question's id to the text typed."""
    errors: Errors = {}
    known = {question.pk for question in questions}
    if any(pk not in known for pk in answers):
        errors["answers"] = ["Answer only this round's questions."]
    for question in questions:
        text = (answers.get(question.pk) or "").strip()
        key = f"question_{question.pk}"
        if question.word_limit and word_count(text) > question.word_limit:
            errors[key] = [
                f"Your answer to “{question.text}” must be {question.word_limit} words or fewer. "
                f"It has {word_count(text)}."
            ]
        elif complete and question.required and not text:
            errors[key] = [f"Answer “{question.text}”."]
    return errors


# --- Dates and times --------------------------------------------------------------------------------------


def london_time(moment) -> str:
    """A moment as GOV.UK writes it, in London time: "5pm on 30 January 2027", "midday", "midnight"."""
    local = timezone.localtime(moment)
    day = local.date()
    if local.hour == 0 and local.minute == 0:
        # Midnight is the end of the day before, as people read "closes at midnight on 29 January".
        clock, day = "midnight", day - timedelta(days=1)
    elif local.hour == 12 and local.minute == 0:
        clock = "midday"
    else:
        hour = local.hour % 12 or 12
        minutes = f":{local.minute:02d}" if local.minute else ""
        clock = f"{hour}{minutes}{'am' if local.hour < 12 else 'pm'}"
    return f"{clock} on {date_format(day, 'j F Y')}"
