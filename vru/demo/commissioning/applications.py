"""Writing the demo's applications through the services, and taking each to its stage."""

from commissioning.models import Application, FundingRound
from commissioning.services import applications as writing
from commissioning.services import assessment
from commissioning.services.applications import BudgetRow
from commissioning.services.awards import application_award, application_decline
from partners.models import Borough, Organisation, Ward
from programmes.models import Objective
from vru.demo.commissioning.application_data import DemoApplication
from vru.demo.commissioning.timeline import Timeline, clock

# The order of the task list's sections, as a draft completes them.
SECTIONS = ["organisation", "project", "area", "objectives", "budget", "reach", "questions"]
BEYOND_ELIGIBILITY = {"eligible", "assessed", "recommended", "awarded", "declined"}
MODERATED = {"recommended", "awarded", "declined"}


def write(spec: DemoApplication, *, funding_round: FundingRound, organisation: Organisation, users, dates):
    """Start the application and fill in its sections: all of them, or a draft's first few."""
    writer = users[spec.writer]
    application = writing.application_start(round=funding_round, organisation=organisation, user=writer)
    done = set(SECTIONS[: spec.sections_done])
    name, role, email, phone = spec.contact
    writing.application_organisation_save(
        application=application,
        user=writer,
        mark_complete="organisation" in done,
        contact_name=name,
        contact_role=role,
        contact_email=email,
        contact_phone=phone,
    )
    start_date, end_date = dates
    writing.application_project_save(
        application=application,
        user=writer,
        mark_complete="project" in done,
        project_title=spec.title,
        project_summary=spec.summary,
        project_description=spec.description,
        start_date=start_date,
        end_date=end_date,
    )
    boroughs = list(Borough.objects.filter(name__in=spec.boroughs))
    writing.application_area_save(
        application=application,
        user=writer,
        mark_complete="area" in done,
        boroughs=boroughs,
        wards=list(Ward.objects.filter(ons_code__in=spec.wards).select_related("borough")),
    )
    writing.application_objectives_save(
        application=application,
        user=writer,
        mark_complete="objectives" in done,
        objectives=list(Objective.objects.filter(number__in=spec.objectives)),
    )
    writing.application_budget_save(
        application=application,
        user=writer,
        mark_complete="budget" in done,
        rows=[BudgetRow(category=category, description=text, amount=amount) for category, text, amount in spec.budget],
    )
    if spec.reach or "reach" in done:
        writing.application_reach_save(
            application=application, user=writer, mark_complete="reach" in done, counts=dict(spec.reach)
        )
    if spec.answers or "questions" in done:
        questions = list(funding_round.questions.order_by("order", "pk"))
        writing.application_answers_save(
            application=application,
            user=writer,
            mark_complete="questions" in done,
            answers={question.pk: text for question, text in zip(questions, spec.answers, strict=False)},
        )
    return application


def submit(spec: DemoApplication, application: Application, *, users) -> Application:
    return writing.application_submit(application=application, user=users[spec.writer])


def decide(spec: DemoApplication, application: Application, *, users, timeline: Timeline, grant_dates) -> object:
    """Take a submitted application of the closed round to its stage; the grant when it is awarded."""
    staff, manager = users["staff"], users["manager"]
    if spec.stage == "withdrawn":
        with clock(timeline.after_closing(3)):
            writing.application_withdraw(application=application, user=users[spec.writer])
        return None
    if spec.stage == "submitted":
        return None
    with clock(timeline.after_closing(7)):
        application = assessment.application_check_eligibility(
            application=application,
            user=staff,
            eligible=spec.stage != "ineligible",
            notes=spec.decision if spec.stage == "ineligible" else "Meets the round's eligibility criteria.",
        )
    if spec.stage not in BEYOND_ELIGIBILITY:
        return None
    _assess(spec, application, users=users, timeline=timeline)
    if spec.stage not in MODERATED:
        return None
    recommendation, notes = spec.panel
    with clock(timeline.after_closing(35)):
        application = assessment.application_moderate(
            application=application, user=manager, recommendation=recommendation, notes=notes
        )
    with clock(timeline.after_closing(45, hour=15)):
        if spec.stage == "declined":
            application_decline(application=application, user=manager, reasons=spec.decision)
        elif spec.stage == "awarded":
            start_date, end_date = grant_dates
            return application_award(
                application=application,
                user=manager,
                amount=spec.amount or application.amount_requested,
                objective=application.objectives.order_by("number").first(),
                start_date=start_date,
                end_date=end_date,
                conditions="Quarterly monitoring returns within 14 days of each quarter's end.",
                reasons=spec.decision,
            )
    return None


def _assess(spec: DemoApplication, application: Application, *, users, timeline: Timeline) -> None:
    assessors = [users[score.assessor] for score in spec.assessments]
    if spec.conflict:
        assessors.append(users[spec.conflict[0]])
    with clock(timeline.after_closing(8)):
        assessments = {
            a.assessor_id: a
            for a in assessment.assessors_assign(application=application, user=users["staff"], assessors=assessors)
        }
    criteria = list(application.round.criteria.order_by("order", "pk"))
    with clock(timeline.after_closing(20)):
        if spec.conflict:
            who, details = spec.conflict
            assessment.conflict_declare(
                assessment=assessments[users[who].pk], user=users[who], has_conflict=True, details=details
            )
        for score in spec.assessments:
            assessor = users[score.assessor]
            record = assessments[assessor.pk]
            assessment.conflict_declare(assessment=record, user=assessor, has_conflict=False)
            finished = None not in score.scores
            assessment.assessment_score(
                assessment=record,
                user=assessor,
                scores=[
                    assessment.ScoreRow(criterion.pk, value, _comment(criterion.title, value))
                    for criterion, value in zip(criteria, score.scores, strict=True)
                ],
                recommendation=score.recommendation,
                comment=score.comment,
                submit=finished,
            )


def _comment(criterion: str, score: int | None) -> str:
    if score is None:
        return ""
    if score >= 4:
        return f"{criterion}: clearly shown, with evidence."
    if score >= 3:
        return f"{criterion}: shown, though the evidence is thin in places."
    return f"{criterion}: not yet shown."
