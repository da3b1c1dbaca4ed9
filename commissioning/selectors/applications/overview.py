"""One application as its pages show it: the task list, a section's status, check your answers and the
read-only summary. ``application_overview`` reads everything in a fixed number of queries."""

from dataclasses import dataclass, field
from decimal import Decimal
from enum import StrEnum

from django.urls import reverse

from commissioning.models import (
    AgeBand,
    Answer,
    Application,
    ApplicationSection,
    BudgetLine,
    ReachEstimate,
    RoundQuestion,
)
from commissioning.services.applications.rules import (
    ORGANISATION_FIELDS,
    PROJECT_FIELDS,
    BudgetRow,
    answers_errors,
    area_errors,
    budget_row_errors,
    budget_total_errors,
    objectives_errors,
    organisation_errors,
    project_errors,
    reach_errors,
    tidy_organisation,
    tidy_project,
)
from partners.models import Borough, Ward
from programmes.models import Objective

Section = ApplicationSection


class TaskStatus(StrEnum):
    NOT_STARTED = "Not started"
    IN_PROGRESS = "In progress"
    COMPLETED = "Completed"


# Sections the service fills in from the organisation's record when the application is started.
PRE_FILLED_HINTS = {
    Section.ORGANISATION: "Filled in from your organisation's record: check it.",
    Section.AREA: "Filled in from the boroughs your organisation serves: check them.",
}


@dataclass(frozen=True)
class Task:
    section: str
    title: str
    url: str
    status: TaskStatus
    hint: str = ""


@dataclass(frozen=True)
class Problem:
    """Something that stops the application being submitted, with the section it is about."""

    section: str
    message: str

    @property
    def anchor(self) -> str:
        return f"section-{self.section}"


@dataclass
class ReachRow:
    band: str
    label: str
    count: int | None


@dataclass
class QuestionRow:
    question: RoundQuestion
    answer: Answer | None

    @property
    def text(self) -> str:
        return self.answer.text if self.answer else ""


@dataclass
class ApplicationOverview:
    application: Application
    boroughs: list[Borough]
    wards: list[Ward]
    objectives: list[Objective]
    round_objective_ids: set[int]
    budget_lines: list[BudgetLine]
    reach: list[ReachRow]
    questions: list[QuestionRow] = field(default_factory=list)

    @property
    def budget_total(self) -> Decimal:
        return sum((line.amount for line in self.budget_lines), Decimal("0.00"))

    def is_complete(self, section) -> bool:
        return section in self.application.sections_completed

    def has_answers(self, section) -> bool:
        application = self.application
        if section == Section.ORGANISATION:
            return any(getattr(application, name) for name in ORGANISATION_FIELDS)
        if section == Section.PROJECT:
            return any(getattr(application, name) for name in PROJECT_FIELDS)
        if section == Section.AREA:
            return bool(self.boroughs or self.wards)
        if section == Section.OBJECTIVES:
            return bool(self.objectives)
        if section == Section.BUDGET:
            return bool(self.budget_lines)
        if section == Section.REACH:
            return any(row.count is not None for row in self.reach)
        return any(row.answer for row in self.questions)

    def status(self, section) -> TaskStatus:
        if self.is_complete(section):
            return TaskStatus.COMPLETED
        return TaskStatus.IN_PROGRESS if self.has_answers(section) else TaskStatus.NOT_STARTED

    @property
    def tasks(self) -> list[Task]:
        pk = self.application.pk
        return [
            Task(
                section=section.value,
                title=section.label,
                url=reverse("commissioning:application-section", args=[pk, section.value]),
                status=self.status(section),
                hint=PRE_FILLED_HINTS.get(section, "") if not self.is_complete(section) else "",
            )
            for section in Section
        ]

    @property
    def completed_tasks(self) -> int:
        return sum(1 for section in Section if self.is_complete(section))

    @property
    def all_complete(self) -> bool:
        return self.completed_tasks == len(Section)

    def completion_errors(self, section) -> dict[str, list[str]]:
        """What a complete section must hold, checked against what is saved now."""
        application = self.application
        if section == Section.ORGANISATION:
            values = tidy_organisation({name: getattr(application, name) for name in ORGANISATION_FIELDS})
            return organisation_errors(values, complete=True)
        if section == Section.PROJECT:
            values = tidy_project({name: getattr(application, name) for name in PROJECT_FIELDS})
            return project_errors(values, complete=True)
        if section == Section.AREA:
            return area_errors(round=application.round, boroughs=self.boroughs, wards=self.wards, complete=True)
        if section == Section.OBJECTIVES:
            return objectives_errors(
                round_objective_ids=self.round_objective_ids, objectives=self.objectives, complete=True
            )
        if section == Section.BUDGET:
            rows = [BudgetRow(line.category, line.description, line.amount, line.pk) for line in self.budget_lines]
            if any(budget_row_errors(row) for row in rows):
                return {"budget_lines": ["Correct the budget lines."]}
            problems = budget_total_errors(round=application.round, total=self.budget_total, line_count=len(rows))
            return {"budget_lines": problems} if problems else {}
        if section == Section.REACH:
            return reach_errors({row.band: row.count for row in self.reach}, complete=True)
        answers = {row.question.pk: row.text for row in self.questions}
        return answers_errors(questions=[row.question for row in self.questions], answers=answers, complete=True)

    @property
    def problems(self) -> list[Problem]:
        """What must be done before the application can be submitted, in task-list order."""
        problems = []
        for section in Section:
            title = section.label
            if not self.is_complete(section):
                if self.has_answers(section):
                    problems.append(Problem(section.value, f"Mark “{title}” as complete."))
                else:
                    problems.append(Problem(section.value, f"Fill in “{title}” and mark it as complete."))
                continue
            # Marked complete, but the round's rules may have changed since (a new required question, say).
            for messages in self.completion_errors(section).values():
                problems.extend(Problem(section.value, f"{title}: {message}") for message in messages)
        return problems


def application_detail_queryset():
    return Application.objects.select_related(
        "round__fund",
        "organisation",
        "created_by",
        "submitted_by",
        "withdrawn_by",
        "eligibility_checked_by",
        "moderated_by",
        "decided_by",
        "grant",
    )


def application_overview(*, application: Application) -> ApplicationOverview:
    """The application's answers in every section, in task-list order."""
    answers = {answer.question_id: answer for answer in Answer.objects.filter(application=application)}
    estimates = {
        estimate.age_band: estimate.count for estimate in ReachEstimate.objects.filter(application=application)
    }
    return ApplicationOverview(
        application=application,
        boroughs=list(application.boroughs.order_by("name")),
        wards=list(application.wards.select_related("borough").order_by("borough__name", "name")),
        objectives=list(application.objectives.order_by("number")),
        round_objective_ids=set(application.round.objectives.values_list("pk", flat=True)),
        budget_lines=list(BudgetLine.objects.filter(application=application).order_by("order", "pk")),
        reach=[ReachRow(band.value, band.label, estimates.get(band.value)) for band in AgeBand],
        questions=[QuestionRow(question, answers.get(question.pk)) for question in application.round.questions.all()],
    )
