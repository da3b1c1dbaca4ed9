"""One plan as its pages show it: the task list, the check-your-answers page and the read-only view.

``plan_overview`` reads the plan's themes, sections, actions, governance answers
and assessments in a fixed number of queries, whatever the number of actions.
"""

from dataclasses import dataclass, field
from enum import StrEnum

from django.db.models import Prefetch
from django.urls import reverse

from partners.models import (
    ActionUpdate,
    BoroughPlan,
    CriterionJudgement,
    GovernanceAnswer,
    GovernanceStandard,
    PlanAction,
    PlanAssessment,
    PlanSection,
    PlanTheme,
    ThemeRating,
)


class TaskStatus(StrEnum):
    NOT_STARTED = "Not started"
    IN_PROGRESS = "In progress"
    COMPLETED = "Completed"


@dataclass
class ThemePart:
    theme: PlanTheme
    section: PlanSection | None
    actions: list[PlanAction]

    @property
    def anchor(self) -> str:
        return f"theme-{self.theme.number}"

    @property
    def completed(self) -> bool:
        return bool(self.section and self.section.completed)

    @property
    def status(self) -> TaskStatus:
        # A theme marked complete whose last action was since removed (through the API) is not complete.
        if self.completed and self.actions:
            return TaskStatus.COMPLETED
        if self.actions or self.completed:
            return TaskStatus.IN_PROGRESS
        return TaskStatus.NOT_STARTED


@dataclass
class GovernancePart:
    rows: list[tuple[GovernanceStandard, GovernanceAnswer | None]]
    marked_complete: bool = False
    anchor: str = "governance"

    @property
    def answered(self) -> int:
        return sum(1 for _, answer in self.rows if answer is not None)

    @property
    def status(self) -> TaskStatus:
        # Complete when the partnership said so, as for a theme, and every standard is answered.
        if self.marked_complete and self.answered == len(self.rows):
            return TaskStatus.COMPLETED
        return TaskStatus.IN_PROGRESS if self.answered else TaskStatus.NOT_STARTED


@dataclass(frozen=True)
class Task:
    title: str
    url: str
    status: TaskStatus
    key: str


@dataclass(frozen=True)
class Problem:
    """Something that stops a plan being submitted, with the place on the check page it is about."""

    anchor: str
    message: str


@dataclass
class PlanOverview:
    plan: BoroughPlan
    themes: list[ThemePart]
    governance: GovernancePart
    assessments: list[PlanAssessment] = field(default_factory=list)

    @property
    def tasks(self) -> list[Task]:
        tasks = [
            Task(
                title=f"{part.theme.number}. {part.theme.title}",
                url=reverse("partners:plan-theme", args=[self.plan.pk, part.theme.number]),
                status=part.status,
                key=part.anchor,
            )
            for part in self.themes
        ]
        tasks.append(
            Task(
                title="Minimum governance standards",
                url=reverse("partners:plan-governance", args=[self.plan.pk]),
                status=self.governance.status,
                key="governance",
            )
        )
        return tasks

    @property
    def completed_tasks(self) -> int:
        return sum(1 for task in self.tasks if task.status == TaskStatus.COMPLETED)

    @property
    def problems(self) -> list[Problem]:
        return submission_problems(self)

    @property
    def latest_assessment(self) -> PlanAssessment | None:
        """The latest decided assessment: the one whose feedback the partnership is acting on."""
        decided = [assessment for assessment in self.assessments if assessment.decision]
        return decided[0] if decided else None

    @property
    def earlier_assessments(self) -> list[PlanAssessment]:
        latest = self.latest_assessment
        return [assessment for assessment in self.assessments if assessment is not latest and assessment.decision]

    @property
    def action_count(self) -> int:
        return sum(len(part.actions) for part in self.themes)


def submission_problems(overview: PlanOverview) -> list[Problem]:
    """What must be done before the plan can be submitted, in task-list order."""
    problems = []
    for part in overview.themes:
        title = part.theme.title
        if not part.actions and not part.completed:
            problems.append(Problem(part.anchor, f"Add at least one action to “{title}” and mark it as complete."))
        elif not part.actions:
            problems.append(Problem(part.anchor, f"Add at least one action to “{title}”."))
        elif not part.completed:
            problems.append(Problem(part.anchor, f"Mark “{title}” as complete."))
    governance = overview.governance
    if governance.answered < len(governance.rows):
        problems.append(
            Problem(
                governance.anchor,
                f"Answer every minimum governance standard ({governance.answered} of {len(governance.rows)} answered).",
            )
        )
    elif governance.status != TaskStatus.COMPLETED:
        problems.append(Problem(governance.anchor, "Mark the minimum governance standards as complete."))
    return problems


def plan_detail_queryset():
    return BoroughPlan.objects.select_related("borough", "organisation", "submitted_by", "decided_by", "copied_from")


def plan_overview(*, plan: BoroughPlan, with_updates: bool = False, with_assessments: bool = False) -> PlanOverview:
    """The plan's sections in template order; with ``with_updates`` each action's quarterly updates
    (oldest first, the latest as ``action.latest_update``), with ``with_assessments`` every assessment,
    newest first, with its ratings."""
    themes = list(PlanTheme.objects.all())
    sections = {section.theme_id: section for section in PlanSection.objects.filter(plan=plan)}
    actions = PlanAction.objects.filter(plan=plan).order_by("theme__number", "order", "pk")
    if with_updates:
        actions = actions.prefetch_related(
            Prefetch(
                "updates",
                queryset=ActionUpdate.objects.select_related("updated_by").order_by("financial_year", "quarter"),
            )
        )
    by_theme: dict[int, list[PlanAction]] = {}
    for action in actions:
        if with_updates:
            updates = list(action.updates.all())
            action.latest_update = updates[-1] if updates else None
        by_theme.setdefault(action.theme_id, []).append(action)
    standards = list(GovernanceStandard.objects.all())
    answers = {answer.standard_id: answer for answer in GovernanceAnswer.objects.filter(plan=plan)}
    assessments = []
    if with_assessments:
        assessments = list(
            PlanAssessment.objects.filter(plan=plan)
            .select_related("assessor")
            .prefetch_related(
                Prefetch("theme_ratings", queryset=ThemeRating.objects.select_related("theme")),
                Prefetch("judgements", queryset=CriterionJudgement.objects.select_related("criterion")),
            )
            .order_by("-started_at", "-pk")
        )
    return PlanOverview(
        plan=plan,
        themes=[ThemePart(theme, sections.get(theme.pk), by_theme.get(theme.pk, [])) for theme in themes],
        governance=GovernancePart(
            [(standard, answers.get(standard.pk)) for standard in standards], marked_complete=plan.governance_completed
        ),
        assessments=assessments,
    )
