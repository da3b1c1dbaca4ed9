"""Demo borough violence reduction plans at every stage; see vru/demo/seed.py for the conventions.

Lambeth (whose partnership ``partner-a`` acts for) has last year's plan accepted,
with its assessment and four quarterly updates, and this year's started as a copy
of it, two themes done and the rest to do. This year Croydon's plan awaits
assessment, Southwark's was returned with feedback, Hackney's and Newham's are
accepted with quarterly updates (Newham's latest is missing) and Haringey's is a
draft; Westminster and Tower Hamlets have none, so the London view shows them
missing. Two peer-to-peer sessions are recorded.

Everything is written through ``partners.services.plans``. The other boroughs'
partnerships have no demo accounts, so a VRU officer enters their plans on their
behalf. A plan already there for its borough and year, or a session with its
title, is left alone: a second run creates and changes nothing.
"""

from dataclasses import dataclass
from datetime import date, timedelta

from partners.models import (
    ActionUpdate,
    AssessmentCriterion,
    BoroughPlan,
    CriterionJudgement,
    GovernanceAnswer,
    GovernanceStandard,
    Organisation,
    PeerSession,
    PlanAction,
    PlanAssessment,
    PlanSection,
    PlanTheme,
    ThemeRating,
)
from partners.services import plans as services
from programmes.models import Rag
from programmes.periods import FinancialQuarter, financial_year_of


@dataclass(frozen=True)
class DemoAction:
    action: str
    outcome: str
    lead: str
    lead_organisations: str
    starts_month: int = 4  # April: actions run to the end of the financial year


# Two plausible actions per theme of the common template; a plan takes one or both.
ACTIONS: dict[int, list[DemoAction]] = {
    1: [
        DemoAction(
            "Community Safety Partnership board reviews the plan's RAG statuses every quarter, with the VRU's "
            "borough lead attending",
            "Any action at red is escalated to the board within one quarter, with a named officer to recover it",
            "Director of Community Safety",
            "Council; Metropolitan Police; NHS integrated care board",
        ),
        DemoAction(
            "Publish a yearly summary of the plan and its progress for residents, in plain English",
            "Residents can see what the partnership promised and what it did",
            "Head of community safety",
            "Council",
            starts_month=9,
        ),
    ],
    2: [
        DemoAction(
            "Refresh the serious violence strategic needs assessment with anonymised A&E assault data shared "
            "under the Information Sharing to Tackle Violence standard",
            "A hotspot map updated every quarter and used to task patrols and youth outreach",
            "Community safety analyst",
            "Council; NHS trusts; Metropolitan Police",
        ),
        DemoAction(
            "Targeted patrols in the three town-centre violence hotspots on Friday and Saturday evenings",
            "Fewer knife crime with injury offences in the hotspots than last year",
            "Superintendent, neighbourhood policing",
            "Metropolitan Police; Council",
        ),
    ],
    3: [
        DemoAction(
            "Weapons sweeps with Safer Schools officers in the six secondary schools with most knife incidents",
            "No weapons found on school routes by the summer term",
            "Safer Schools sergeant",
            "Metropolitan Police; secondary schools",
        ),
        DemoAction(
            "Test purchases of knives in shops near secondary schools, with Trading Standards",
            "Every shop that sells a knife to an under-18 is warned and trained; none does so twice",
            "Trading Standards manager",
            "Council Trading Standards; Metropolitan Police",
            starts_month=6,
        ),
    ],
    4: [
        DemoAction(
            "Knife crime workshops for Year 7 and Year 8 pupils, run by youth workers with lived experience",
            "Every secondary school takes part; pupils say they know where to get help",
            "Youth service manager",
            "Council; secondary schools; a local youth charity",
        ),
        DemoAction(
            "Fortnightly multi-agency exploitation panel plans support for each child at risk of county lines",
            "Every child referred has a plan and a named worker within two weeks",
            "Head of early help",
            "Council children's services; Metropolitan Police; youth justice service",
        ),
    ],
    5: [
        DemoAction(
            "Small grants for community groups to run safe evening spaces on the estates with most violence",
            "Ten groups funded, with spaces open three evenings a week",
            "Community engagement lead",
            "Council; voluntary and community sector forum",
        ),
        DemoAction(
            "Quarterly community safety walkabouts with residents, councillors and police on the worst-lit routes",
            "Lighting and CCTV fixed on the routes residents name as unsafe",
            "Neighbourhood services manager",
            "Council; Metropolitan Police; residents' associations",
            starts_month=7,
        ),
    ],
    6: [
        DemoAction(
            "Youth workers in the hospital's emergency department to meet young people admitted after an assault",
            "Every young person admitted after an assault is offered support before they leave",
            "Violence reduction coordinator",
            "NHS trust; a youth charity; Council",
        ),
        DemoAction(
            "Family liaison and trauma counselling for families bereaved by violence",
            "Every bereaved family is contacted within a week and offered counselling",
            "Victims' services commissioner",
            "Council; Victim Support",
        ),
    ],
    7: [
        DemoAction(
            "Summer holiday football, boxing and music sessions in the parks with most youth violence",
            "At least 400 young people take part; fewer violent incidents in those parks over the summer",
            "Sport and physical activity lead",
            "Council; local football club foundation; youth charities",
            starts_month=6,
        ),
        DemoAction(
            "Mentoring for young people excluded from school or at risk of exclusion",
            "Most mentored young people stay in, or return to, education or training",
            "Youth service manager",
            "Council; pupil referral unit; a mentoring charity",
        ),
    ],
    8: [
        DemoAction(
            "Train bar and club staff in the night-time economy to spot and stop sexual harassment",
            "Every licensed venue in the town centre has trained staff by December",
            "Licensing manager",
            "Council licensing; Metropolitan Police; venue operators",
        ),
        DemoAction(
            "Healthy relationships lessons in secondary schools, with the domestic abuse service",
            "Pupils can name the signs of an abusive relationship and where to get help",
            "VAWG strategy lead",
            "Council; secondary schools; domestic abuse service",
        ),
    ],
}

GOVERNANCE = [
    (
        "yes",
        "The partnership board agreed the plan at its meeting in March, and the Director of Community Safety owns it.",
    ),
    ("yes", "The plan rests on the serious violence strategic needs assessment refreshed last autumn."),
    ("partly", "The youth forum commented on a draft; a wider consultation with parents is planned for the summer."),
]

PROGRESS = {
    Rag.GREEN: "On track: the work has happened as planned this quarter.",
    Rag.AMBER: "Some delay: staffing gaps this quarter; a recovery plan is agreed with the lead.",
    Rag.RED: "Off track: the partner funding ended; the board is finding another way to deliver it.",
}


@dataclass(frozen=True)
class DemoPlan:
    borough: str
    years_ago: int
    stage: str  # draft, submitted, returned, accepted
    actions_per_theme: int = 1
    themes_done: tuple[int, ...] = tuple(range(1, 9))
    feedback: str = ""
    changes_required: str = ""


PLANS = [
    DemoPlan(
        "Lambeth",
        1,
        "accepted",
        actions_per_theme=2,
        feedback="A strong plan grounded in the needs assessment, with clear leads. The victims theme could say "
        "more about support for families.",
    ),
    DemoPlan("Lambeth", 0, "draft", themes_done=(1, 2)),
    DemoPlan("Croydon", 0, "submitted"),
    DemoPlan(
        "Southwark",
        0,
        "returned",
        feedback="Good enforcement and diversion work, but the plan does not yet show how young people shaped it.",
        changes_required="Add an action under Supporting victims for young people harmed by violence.\n"
        "Say how the youth forum's views changed the plan (governance standard 3).",
    ),
    DemoPlan(
        "Hackney",
        0,
        "accepted",
        actions_per_theme=2,
        feedback="An ambitious, well-evidenced plan with measurable outcomes.",
    ),
    DemoPlan("Newham", 0, "accepted", feedback="A sound plan; keep the board's quarterly review going."),
    DemoPlan("Haringey", 0, "draft", themes_done=(1,)),
]

SESSIONS = [
    (
        "Weapons sweeps and test purchases: what worked",
        300,
        ("Lambeth", "Southwark", "Croydon"),
        "Lambeth shared its sweep rota with Safer Schools officers; Croydon its test-purchase results with "
        "Trading Standards. Southwark will pilot both next term.",
    ),
    (
        "Planning the summer diversion programmes together",
        120,
        ("Hackney", "Newham", "Tower Hamlets", "Haringey"),
        "The four boroughs agreed to share venues and coaches so no park is left without sessions in August.",
    ),
]

COUNTED = [
    BoroughPlan,
    PlanSection,
    PlanAction,
    GovernanceAnswer,
    PlanAssessment,
    ThemeRating,
    CriterionJudgement,
    ActionUpdate,
    PeerSession,
]


def _total() -> int:
    return sum(model.objects.count() for model in COUNTED)


def seed(users: dict, today) -> int:
    """Add what is missing and return how many records were created; never change what is there."""
    before = _total()
    this_year = financial_year_of(today)
    organisations = {
        organisation.csp_borough.name: organisation
        for organisation in Organisation.objects.filter(csp_borough__isnull=False).select_related("csp_borough")
    }
    on_behalf = users.get("aisha.khan") or users["staff"]
    for spec in PLANS:
        organisation = organisations.get(spec.borough)
        year = this_year - spec.years_ago
        if organisation is None or BoroughPlan.objects.filter(borough__name=spec.borough, financial_year=year).exists():
            continue
        writer = users["partner-a"] if spec.borough == "Lambeth" else on_behalf
        _make_plan(spec, organisation, year, writer, users, today)
    for title, days_ago, boroughs, notes in SESSIONS:
        found = [organisations[name].csp_borough for name in boroughs if name in organisations]
        if len(found) < 2 or PeerSession.objects.filter(title=title).exists():
            continue
        services.peer_session_create(
            user=users["staff"], date=today - timedelta(days=days_ago), title=title, boroughs=found, notes=notes
        )
    return _total() - before


def _rows(year: int, actions_per_theme: int, theme: PlanTheme) -> list[services.ActionRow]:
    return [
        services.ActionRow(
            action=item.action,
            outcome=item.outcome,
            lead=item.lead,
            lead_organisations=item.lead_organisations,
            start_date=date(year, item.starts_month, 1),
            end_date=date(year + 1, 3, 31),
            # Support for victims is the theme boroughs most often say is behind.
            rag=Rag.AMBER if theme.number == 6 else Rag.GREEN,
        )
        for item in ACTIONS[theme.number][:actions_per_theme]
    ]


def _make_plan(spec: DemoPlan, organisation, year: int, writer, users, today) -> None:
    plan = services.plan_start(organisation=organisation, user=writer, financial_year=year)
    themes = list(PlanTheme.objects.all())
    for theme in themes:
        copied = list(plan.actions.filter(theme=theme).order_by("order", "pk"))
        if copied:
            # A copy of last year's: the themes done are the ones the partnership has reviewed.
            if theme.number in spec.themes_done:
                rows = [_row_of(action) for action in copied]
                services.theme_actions_save(plan=plan, theme=theme, user=writer, rows=rows, mark_complete=True)
            continue
        if spec.stage == "draft" and theme.number not in spec.themes_done and theme.number > len(spec.themes_done) + 2:
            continue  # not started yet
        services.theme_actions_save(
            plan=plan,
            theme=theme,
            user=writer,
            rows=_rows(year, spec.actions_per_theme, theme),
            mark_complete=theme.number in spec.themes_done,
        )
    if not plan.governance_answers.exists():
        # A draft has answered the first standard so far.
        answered = GOVERNANCE[:1] if spec.stage == "draft" else GOVERNANCE
        rows = [
            services.GovernanceRow(standard=standard, met=met, evidence=evidence)
            for standard, (met, evidence) in zip(GovernanceStandard.objects.all(), answered, strict=False)
        ]
        services.governance_save(plan=plan, user=writer, rows=rows, mark_complete=spec.stage != "draft")
    if spec.stage == "draft":
        return
    services.plan_submit(plan=plan, user=writer)
    if spec.stage == "submitted":
        return
    assessor = users["manager"] if spec.years_ago else users["staff"]
    _assess(plan, assessor, spec)
    if spec.stage == "accepted":
        _updates(plan, writer, today, skip_latest=spec.borough == "Newham")


def _row_of(action: PlanAction) -> services.ActionRow:
    return services.ActionRow(
        id=action.pk,
        action=action.action,
        outcome=action.outcome,
        lead=action.lead,
        lead_organisations=action.lead_organisations,
        start_date=action.start_date,
        end_date=action.end_date,
        rag=action.rag,
    )


def _assess(plan: BoroughPlan, assessor, spec: DemoPlan) -> None:
    returning = spec.stage == "returned"

    def rating(number: int) -> str:
        if returning and number == 6:
            return "inadequate"
        return "requires_improvement" if number in (5, 6) else "good"

    services.plan_assess(
        plan=plan,
        user=assessor,
        decision="return" if returning else "accept",
        overall_rating="requires_improvement" if returning else "good",
        feedback=spec.feedback,
        changes_required=spec.changes_required,
        theme_ratings=[
            services.RatingRow(theme, rating(theme.number), "Needs more on families." if theme.number == 6 else "")
            for theme in PlanTheme.objects.all()
        ],
        judgements=[
            services.RatingRow(
                criterion,
                "requires_improvement" if returning and criterion.title == "Voice" else "good",
                "",
            )
            for criterion in AssessmentCriterion.objects.filter(active=True)
        ],
    )


def _updates(plan: BoroughPlan, writer, today, *, skip_latest: bool) -> None:
    """Updates for the plan's quarters that have ended (for Newham, all but the latest); at least one."""
    quarters = [FinancialQuarter(plan.financial_year, number) for number in range(1, 5)]
    started = [quarter for quarter in quarters if quarter.start <= today]
    ended = [quarter for quarter in started if quarter.end < today]
    chosen = (ended[:-1] if skip_latest else ended) or started[:1]
    actions = list(plan.actions.order_by("theme__number", "order", "pk"))
    for step, quarter in enumerate(chosen):
        rows = []
        for index, action in enumerate(actions):
            # A few actions slip as the year goes on; by the last quarter the red ones are recovering.
            rag = Rag.GREEN
            if step >= 1 and index % 5 == 2:
                rag = Rag.AMBER
            if step >= 1 and index % 7 == 3:
                rag = Rag.RED if step < 3 else Rag.AMBER
            rows.append(services.UpdateRow(action=action, rag=rag, progress=PROGRESS[rag]))
        services.action_updates_save(plan=plan, user=writer, quarter=quarter, rows=rows, today=today)
