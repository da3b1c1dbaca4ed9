"""Starting an application and saving the sections of its task list.

Every section save locks the application's row first and refuses once it is no
longer a draft, so a change racing a submission cannot slip in after it. Each is
all or nothing: when anything is invalid nothing is saved and the ValidationError
names the fields at fault. Who may call them is for ``commissioning.permissions``.
"""

from decimal import Decimal
from uuid import uuid4

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from commissioning.models import (
    AgeBand,
    Answer,
    Application,
    ApplicationSection,
    ApplicationStatus,
    BudgetLine,
    FundingRound,
    ReachEstimate,
)
from commissioning.services.applications.rules import (
    APPLICATION_LOCKED,
    APPLICATION_WITHDRAWN,
    ORGANISATION_FIELDS,
    PROJECT_FIELDS,
    BudgetRow,
    BudgetRowsError,
    answers_errors,
    area_errors,
    check_budget,
    london_time,
    objectives_errors,
    organisation_errors,
    project_errors,
    reach_errors,
    tidy_organisation,
    tidy_project,
)
from partners.models import Organisation

Section = ApplicationSection


def application_reference(pk: int) -> str:
    """``APP-000042``: the number applicants quote, from the row's id."""
    return f"APP-{pk:06d}"


def live_application(*, round: FundingRound, organisation: Organisation) -> Application | None:
    """The organisation's application to the round that has not been withdrawn, if any."""
    return (
        Application.objects.filter(round=round, organisation=organisation)
        .exclude(status=ApplicationStatus.WITHDRAWN)
        .first()
    )


class ApplicationExists(ValidationError):
    """The organisation already has a live application to the round: ``application`` is it."""

    def __init__(self, application: Application):
        self.application = application
        super().__init__(
            {
                "organisation": (
                    f"{application.organisation} already has an application to this round, {application.reference}."
                )
            },
            code="exists",
        )


def not_open_message(round: FundingRound, at) -> str | None:
    """Why the round is not taking applications at ``at``, or ``None`` when it is."""
    if round.is_open(at):
        return None
    if not round.is_published:
        return "This round is not open for applications."
    if at < round.opens_at:
        return f"This round opens at {london_time(round.opens_at)}. You can start an application then."
    return f"This round closed at {london_time(round.closes_at)}. Applications can no longer be started."


@transaction.atomic
def application_start(*, round: FundingRound, organisation: Organisation, user, at=None) -> Application:
    """A draft application from ``organisation`` to ``round``, pre-filled with what the VRU knows.

    The organisation's address, postcode, charity and company numbers and the
    boroughs it serves, and the contact's name and email from ``user``, are
    copied for the applicant to confirm or correct. Refused when the round is not
    open, and with ``ApplicationExists`` when the organisation already has a live
    application to it.
    """
    at = at or timezone.now()
    # Locking the organisation makes two colleagues clicking "Start" at once take turns, so only one starts.
    organisation = Organisation.objects.select_for_update().get(pk=organisation.pk)
    round = FundingRound.objects.get(pk=round.pk)
    refusal = not_open_message(round, at)
    if refusal:
        raise ValidationError({"round": refusal}, code="not_open")
    existing = live_application(round=round, organisation=organisation)
    if existing is not None:
        raise ApplicationExists(existing)
    application = Application(
        round=round,
        organisation=organisation,
        # The reference is built from the id, which the insert gives: a unique stand-in until then.
        reference=f"PENDING-{uuid4().hex}",
        created_by=user,
        contact_name=user.get_full_name(),
        contact_email=user.email,
        address=organisation.address,
        postcode=organisation.postcode,
        charity_number=organisation.charity_number,
        company_number=organisation.company_number,
    )
    application._history_user = user
    application.save()
    application.reference = application_reference(application.pk)
    application.save(update_fields=["reference"])
    served = list(organisation.boroughs_served.all())
    if served:
        application.boroughs.set(served)
    return application


# --- Saving a section -------------------------------------------------------------------------------------


def lock_application(application: Application) -> Application:
    """The application, re-read and locked until the transaction ends."""
    return Application.objects.select_for_update().select_related("round").get(pk=application.pk)


def check_editable(application: Application) -> None:
    if application.status == ApplicationStatus.WITHDRAWN:
        raise ValidationError(APPLICATION_WITHDRAWN, code="locked")
    if not application.is_editable:
        raise ValidationError(APPLICATION_LOCKED, code="locked")


def for_writing(application: Application) -> Application:
    application = lock_application(application)
    check_editable(application)
    return application


def unknown_fields(fields: dict, allowed) -> None:
    unknown = set(fields) - set(allowed)
    if unknown:
        raise TypeError(f"Unexpected fields: {', '.join(sorted(unknown))}")


def _set_completion(application: Application, section: str, complete: bool) -> None:
    """Mark the section complete or not; the list is kept in task-list order."""
    done = {name for name in application.sections_completed if name != section}
    if complete:
        done.add(section)
    application.sections_completed = [name for name in Section.values if name in done]


def _save(application: Application, user, fields=()) -> None:
    application._history_user = user
    application.save(update_fields=[*fields, "sections_completed", "updated_at"])


def _raise(errors: dict) -> None:
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def application_organisation_save(*, application: Application, user, mark_complete: bool, **values) -> Application:
    """The contact and the organisation's details for this bid; fields not given keep their value."""
    unknown_fields(values, ORGANISATION_FIELDS)
    application = for_writing(application)
    values = tidy_organisation({name: values.get(name, getattr(application, name)) for name in ORGANISATION_FIELDS})
    _raise(organisation_errors(values, complete=mark_complete))
    for name, value in values.items():
        setattr(application, name, value)
    _set_completion(application, Section.ORGANISATION, mark_complete)
    _save(application, user, ORGANISATION_FIELDS)
    return application


@transaction.atomic
def application_project_save(*, application: Application, user, mark_complete: bool, **values) -> Application:
    """The project's title, summary, description and dates; fields not given keep their value."""
    unknown_fields(values, PROJECT_FIELDS)
    application = for_writing(application)
    values = tidy_project({name: values.get(name, getattr(application, name)) for name in PROJECT_FIELDS})
    _raise(project_errors(values, complete=mark_complete))
    for name, value in values.items():
        setattr(application, name, value)
    _set_completion(application, Section.PROJECT, mark_complete)
    _save(application, user, PROJECT_FIELDS)
    return application


@transaction.atomic
def application_area_save(
    *, application: Application, user, mark_complete: bool, boroughs=None, wards=None
) -> Application:
    """The boroughs and wards the project serves (``None`` keeps what is saved)."""
    application = for_writing(application)
    current_boroughs = list(application.boroughs.all())
    current_wards = list(application.wards.select_related("borough"))
    boroughs = current_boroughs if boroughs is None else list(boroughs)
    wards = current_wards if wards is None else list(wards)
    _raise(area_errors(round=application.round, boroughs=boroughs, wards=wards, complete=mark_complete))
    application._history_user = user
    # Only what changed is written, so the history shows a change only when there is one.
    if {b.pk for b in boroughs} != {b.pk for b in current_boroughs}:
        application.boroughs.set(boroughs)
    if {w.pk for w in wards} != {w.pk for w in current_wards}:
        application.wards.set(wards)
    _set_completion(application, Section.AREA, mark_complete)
    _save(application, user)
    return application


@transaction.atomic
def application_objectives_save(*, application: Application, user, mark_complete: bool, objectives) -> Application:
    """The round's objectives the project addresses."""
    application = for_writing(application)
    objectives = list(objectives)
    round_objective_ids = set(application.round.objectives.values_list("pk", flat=True))
    _raise(objectives_errors(round_objective_ids=round_objective_ids, objectives=objectives, complete=mark_complete))
    application._history_user = user
    if {o.pk for o in objectives} != set(application.objectives.values_list("pk", flat=True)):
        application.objectives.set(objectives)
    _set_completion(application, Section.OBJECTIVES, mark_complete)
    _save(application, user)
    return application


@transaction.atomic
def application_budget_save(
    *, application: Application, user, mark_complete: bool, rows: list[BudgetRow]
) -> Application:
    """Replace the budget with ``rows``, in that order, and keep ``amount_requested`` equal to their sum.

    A line left out is removed. All or nothing: when any line is invalid, or
    ``mark_complete`` and the total is outside the round's smallest and largest
    request, nothing is saved and ``BudgetRowsError`` says which line is at fault.
    """
    application = for_writing(application)
    rows = [
        BudgetRow(
            category=row.category,
            description=" ".join((row.description or "").split()),
            amount=row.amount,
            id=row.id,
        )
        for row in rows
    ]
    existing = {line.pk: line for line in application.budget_lines.all()}
    stale = {
        index: {"description": ["This line is no longer in the budget: it may have been removed. Reload the page."]}
        for index, row in enumerate(rows)
        if row.id is not None and row.id not in existing
    }
    if stale:
        raise BudgetRowsError(stale)
    check_budget(round=application.round, rows=rows, complete=mark_complete)

    kept = {row.id for row in rows if row.id is not None}
    for pk, line in existing.items():
        if pk not in kept:
            line._history_user = user
            line.delete()
    for order, row in enumerate(rows):
        line = existing.get(row.id) or BudgetLine(application=application)
        values = {"order": order, "category": row.category, "description": row.description, "amount": row.amount}
        if line.pk is None or any(getattr(line, name) != value for name, value in values.items()):
            for name, value in values.items():
                setattr(line, name, value)
            line._history_user = user
            line.save()
    application.amount_requested = sum((row.amount for row in rows), Decimal("0.00"))
    _set_completion(application, Section.BUDGET, mark_complete)
    _save(application, user, ["amount_requested"])
    return application


@transaction.atomic
def application_reach_save(
    *, application: Application, user, mark_complete: bool, counts: dict[str, int | None]
) -> Application:
    """How many young people the project expects to reach in each age band; a band left out has no estimate."""
    application = for_writing(application)
    counts = {band: counts.get(band) for band in {*AgeBand.values, *counts}}
    _raise(reach_errors(counts, complete=mark_complete))
    existing = {estimate.age_band: estimate for estimate in application.reach.all()}
    for band in AgeBand.values:
        count, estimate = counts.get(band), existing.get(band)
        if count is None:
            if estimate is not None:
                estimate._history_user = user
                estimate.delete()
        elif estimate is None or estimate.count != count:
            estimate = estimate or ReachEstimate(application=application, age_band=band)
            estimate.count = count
            estimate._history_user = user
            estimate.save()
    _set_completion(application, Section.REACH, mark_complete)
    _save(application, user)
    return application


@transaction.atomic
def application_answers_save(
    *, application: Application, user, mark_complete: bool, answers: dict[int, str]
) -> Application:
    """The answers to the round's questions, by question id; a question left out or blank has no answer."""
    application = for_writing(application)
    questions = list(application.round.questions.all())
    answers = {int(pk): (text or "").strip() for pk, text in answers.items()}
    _raise(answers_errors(questions=questions, answers=answers, complete=mark_complete))
    existing = {answer.question_id: answer for answer in application.answers.all()}
    for question in questions:
        text, answer = answers.get(question.pk, ""), existing.get(question.pk)
        if not text:
            if answer is not None:
                answer._history_user = user
                answer.delete()
        elif answer is None or answer.text != text:
            answer = answer or Answer(application=application, question=question)
            answer.text = text
            answer._history_user = user
            answer.save()
    _set_completion(application, Section.QUESTIONS, mark_complete)
    _save(application, user)
    return application
