"""Changing several sections of an application at once: the API's way in.

It calls each section's own save, so the rules are those of the pages, and
keeps all of them or none.
"""

from django.core.exceptions import ValidationError
from django.db import transaction

from commissioning.models import Application, ApplicationSection
from commissioning.services.applications.rules import ORGANISATION_FIELDS, PROJECT_FIELDS, BudgetRow, BudgetRowsError
from commissioning.services.applications.writing import (
    application_answers_save,
    application_area_save,
    application_budget_save,
    application_objectives_save,
    application_organisation_save,
    application_project_save,
    application_reach_save,
    for_writing,
    unknown_fields,
)

Section = ApplicationSection


SECTION_FIELDS = {
    Section.ORGANISATION: ORGANISATION_FIELDS,
    Section.PROJECT: PROJECT_FIELDS,
    Section.AREA: ("boroughs", "wards"),
    Section.OBJECTIVES: ("objectives",),
    Section.BUDGET: ("budget_lines",),
    Section.REACH: ("reach",),
    Section.QUESTIONS: ("answers",),
}


class ApplicationChangesError(ValidationError):
    """Every section's problems at once: ``field_errors`` by field, and the budget's ``budget_row_errors``
    by the 0-based place of the line in the list given."""

    def __init__(self, field_errors: dict[str, list[str]], budget_row_errors: dict[int, dict[str, list[str]]]):
        self.field_errors = field_errors
        self.budget_row_errors = budget_row_errors
        combined = {name: list(messages) for name, messages in field_errors.items()}
        for index, fields in sorted(budget_row_errors.items()):
            for messages in fields.values():
                combined.setdefault("budget_lines", []).extend(f"Line {index + 1}: {message}" for message in messages)
        super().__init__(combined)


def _save_section(section, application, user, complete: bool, given: dict) -> None:
    common = {"application": application, "user": user, "mark_complete": complete}
    if section == Section.ORGANISATION:
        application_organisation_save(**common, **given)
    elif section == Section.PROJECT:
        application_project_save(**common, **given)
    elif section == Section.AREA:
        application_area_save(**common, **given)
    elif section == Section.OBJECTIVES:
        application_objectives_save(**common, objectives=given.get("objectives", application.objectives.all()))
    elif section == Section.BUDGET:
        rows = given.get("budget_lines")
        if rows is None:
            rows = [
                BudgetRow(line.category, line.description, line.amount, line.pk)
                for line in application.budget_lines.all()
            ]
        application_budget_save(**common, rows=rows)
    elif section == Section.REACH:
        counts = given.get("reach")
        if counts is None:
            counts = {estimate.age_band: estimate.count for estimate in application.reach.all()}
        application_reach_save(**common, counts=counts)
    else:
        answers = given.get("answers")
        if answers is None:
            answers = {answer.question_id: answer.text for answer in application.answers.all()}
        application_answers_save(**common, answers=answers)


@transaction.atomic
def application_update(
    *, application: Application, user, changes: dict, sections_completed: list[str] | None = None
) -> Application:
    """Change any of the sections at once, all or nothing.

    ``changes`` holds any section fields: the organisation's and the project's by
    name, ``boroughs`` and ``wards``, ``objectives``, ``budget_lines`` (a list of
    ``BudgetRow``), ``reach`` (counts by age band) and ``answers`` (text by question
    id); lists are replaced as a whole. ``sections_completed``, when given, is the
    complete list of sections to mark complete: each one is checked as "Save and
    mark as complete" checks it. When it is not given, a section that changes is no
    longer complete, as when the page's "Save and come back later" is used.
    """
    unknown_fields(changes, [name for fields in SECTION_FIELDS.values() for name in fields])
    if sections_completed is not None:
        unknown = set(sections_completed) - set(Section.values)
        if unknown:
            raise ValidationError({"sections_completed": f"Not a section: {', '.join(sorted(unknown))}."})
    application = for_writing(application)
    done = set(application.sections_completed)
    field_errors: dict[str, list[str]] = {}
    row_errors: dict[int, dict[str, list[str]]] = {}
    for section, fields in SECTION_FIELDS.items():
        given = {name: changes[name] for name in fields if name in changes}
        wanted = None if sections_completed is None else section in sections_completed
        if not given and wanted in (None, section in done):
            continue
        try:
            # A savepoint each, so that every section's problems are found before anything is kept.
            with transaction.atomic():
                _save_section(section, application, user, bool(wanted), given)
        except BudgetRowsError as error:
            row_errors.update(error.row_errors)
            if error.budget_errors:
                field_errors["budget_lines"] = error.budget_errors
        except ValidationError as error:
            for name, messages in error.message_dict.items():
                field_errors.setdefault(name, []).extend(messages)
    if field_errors or row_errors:
        raise ApplicationChangesError(field_errors, row_errors)
    return Application.objects.get(pk=application.pk)
