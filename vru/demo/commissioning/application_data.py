"""The demo's applications as plain data: who applied to which round, what they asked for, and the stage each
has reached. ``vru.demo.commissioning`` writes them through the services."""

from dataclasses import dataclass, field
from decimal import Decimal

from commissioning.models import AgeBand, BudgetCategory, Recommendation


@dataclass(frozen=True)
class DemoScore:
    """One assessor's view: a score for every criterion, in order, and a recommendation."""

    assessor: str
    scores: tuple[int | None, ...]  # None: not scored yet
    recommendation: str
    comment: str


@dataclass(frozen=True)
class DemoApplication:
    round: str
    organisation: str
    writer: str  # the username who writes it: the partner's own account, or staff on its behalf
    stage: str  # draft, submitted, withdrawn, ineligible, eligible, assessed, recommended, awarded, declined
    title: str
    summary: str
    description: str
    contact: tuple[str, str, str, str]  # name, role, email, telephone
    boroughs: tuple[str, ...]
    wards: tuple[str, ...] = ()  # ONS codes, from the sample ward lookup
    budget: tuple[tuple[str, str, Decimal], ...] = ()
    reach: dict[str, int] = field(default_factory=dict)
    answers: tuple[str, ...] = ()
    objectives: tuple[int, ...] = ()
    sections_done: int = 7  # for a draft: how many of the task list's sections are complete
    assessments: tuple[DemoScore, ...] = ()
    conflict: tuple[str, str] | None = None  # assessor, what the conflict is
    panel: tuple[str, str] | None = None  # recommendation, notes
    decision: str = ""  # the reasons for an award, a decline or ineligibility
    amount: Decimal | None = None  # awarded, when less than requested
    returns: tuple[str, ...] = ()  # for a grant, by quarter from its first: accepted, submitted, returned, draft


def _reach(under_10=0, aged_10_14=0, aged_15_17=0, aged_18_24=0) -> dict[str, int]:
    counts = {
        AgeBand.UNDER_10: under_10,
        AgeBand.AGED_10_14: aged_10_14,
        AgeBand.AGED_15_17: aged_15_17,
        AgeBand.AGED_18_24: aged_18_24,
    }
    return {band: count for band, count in counts.items() if count}


STRONG = (
    DemoScore("staff", (5, 4, 4, 4), Recommendation.YES, "A strong bid from people the young people trust."),
    DemoScore("tom.okafor", (4, 5, 4, 3), Recommendation.YES, "Well connected locally; the budget is realistic."),
)
MIXED = (
    DemoScore("staff", (3, 2, 3, 3), Recommendation.MAYBE, "A real need, but the partners are not yet signed up."),
    DemoScore("aisha.khan", (2, 2, 2, 3), Recommendation.NO, "Little evidence that the approach works."),
)

STAFF_LINES = (BudgetCategory.STAFF, "Two part-time youth workers")
ANSWERS = (
    "A youth panel of eight young people chooses the activities each term and reviews how they went.",
    "The council's youth service, the Safer Neighbourhood Team and two secondary schools, who refer young "
    "people and meet us monthly.",
    "Losing a youth worker: we keep a bank of trained sessional staff.",
)

APPLICATIONS = [
    # The closed round: every stage from submitted to awarded.
    DemoApplication(
        round="closed",
        organisation="Southside Youth Trust",
        writer="partner-b",
        stage="awarded",
        title="Coldharbour evenings",
        summary="Detached youth work and a safe space three evenings a week around Coldharbour Lane and Stockwell.",
        description="Youth workers with lived experience meet young people on the estates around Coldharbour Lane "
        "and Stockwell Park, and run a drop-in with food, music and mentoring three evenings a week.\n\n"
        "Young people at risk of exploitation are offered a mentor for six months.",
        contact=("Kwame Asante", "Chief executive", "partner-b@southside-youth.example.org", "020 7946 0123"),
        boroughs=("Lambeth",),
        wards=("E05014085", "E05014111"),
        budget=(
            (*STAFF_LINES, Decimal("32000.00")),
            (BudgetCategory.VENUE, "Hall hire, three evenings a week", Decimal("9000.00")),
            (BudgetCategory.DELIVERY, "Food, music equipment and trips", Decimal("7000.00")),
        ),
        reach=_reach(aged_10_14=40, aged_15_17=85, aged_18_24=30),
        answers=ANSWERS,
        objectives=(6, 7),
        assessments=STRONG,
        panel=(Recommendation.YES, "Both assessors recommend it; fund it, trimming the equipment line."),
        decision="Awarded £45,000 of the £48,000 requested: the panel trimmed the equipment line.",
        amount=Decimal("45000.00"),
        returns=("accepted", "accepted", "submitted"),
    ),
    DemoApplication(
        round="closed",
        organisation="Lambeth Community Safety Partnership",
        writer="partner-a",
        stage="awarded",
        title="Lambeth safe routes",
        summary="Trained adults on the routes young people take home from school, and a rapid response to incidents.",
        description="Lambeth's partnership places trained community guardians on the routes with most incidents "
        "between 3pm and 7pm, working with the Safer Schools officers.\n\n"
        "After an incident, outreach workers contact every young person involved within 48 hours.",
        contact=("Joanna Fletcher", "Community safety manager", "partner-a@lambeth.example.org", "020 7926 1000"),
        boroughs=("Lambeth",),
        wards=("E05014085",),
        budget=(
            (BudgetCategory.STAFF, "Community guardians and an outreach coordinator", Decimal("60000.00")),
            (BudgetCategory.TRAVEL, "Travel between schools and routes", Decimal("5000.00")),
            (BudgetCategory.EVALUATION, "Independent evaluation", Decimal("10000.00")),
        ),
        reach=_reach(aged_10_14=300, aged_15_17=250),
        answers=ANSWERS,
        objectives=(4, 7),
        assessments=STRONG,
        panel=(Recommendation.YES, "A clear plan with the council's backing."),
        decision="Awarded in full.",
        returns=("accepted", "draft", "draft"),
    ),
    DemoApplication(
        round="closed",
        organisation="Peckham Mothers Against Violence",
        writer="staff",
        stage="awarded",
        title="Mothers on the estates",
        summary="Mothers who lost children to violence run listening circles and evening patrols in Peckham.",
        description="Volunteer mothers run weekly listening circles for young people and parents, and walk the "
        "estates on Friday and Saturday evenings with the Safer Neighbourhood Team.",
        contact=("Grace Okoye", "Coordinator", "hello@peckham-mothers.example.org", "020 7946 0456"),
        boroughs=("Southwark",),
        wards=("E05011110", "E05011103"),
        budget=(
            (BudgetCategory.DELIVERY, "Listening circles: venue, food and facilitation", Decimal("12500.00")),
            (BudgetCategory.OTHER, "Volunteer expenses and training", Decimal("6000.00")),
        ),
        reach=_reach(aged_10_14=60, aged_15_17=70, aged_18_24=20),
        answers=ANSWERS,
        objectives=(4,),
        assessments=STRONG,
        panel=(Recommendation.YES, "Grassroots, trusted and good value."),
        decision="Awarded in full.",
        returns=("accepted", "returned", "draft"),
    ),
    DemoApplication(
        round="closed",
        organisation="Croydon Faith Forum",
        writer="staff",
        stage="recommended",
        title="Faith leaders as mentors",
        summary="Trained faith leaders mentor young people referred by schools and the youth offending service.",
        description="Twenty faith leaders from Croydon's churches, mosques and gurdwaras are trained as mentors.",
        contact=("Samuel Adeyemi", "Secretary", "secretary@croydon-faith-forum.example.org", "020 8686 0000"),
        boroughs=("Croydon",),
        budget=((BudgetCategory.STAFF, "Mentor training and supervision", Decimal("36000.00")),),
        reach=_reach(aged_10_14=30, aged_15_17=45),
        answers=ANSWERS,
        objectives=(6,),
        assessments=STRONG,
        panel=(Recommendation.YES, "Recommended: a manager to decide."),
    ),
    DemoApplication(
        round="closed",
        organisation="Tower Hamlets Community Safety Partnership",
        writer="staff",
        stage="declined",
        title="Canary Wharf lunchtime outreach",
        summary="Outreach workers at lunchtimes around Canary Wharf and Weavers.",
        description="Outreach at lunchtimes, when most incidents involving pupils happen.",
        contact=("Rahima Begum", "Community safety officer", "rahima.begum@towerhamlets.example.org", "020 7364 5000"),
        boroughs=("Tower Hamlets",),
        wards=("E05009323", "E05009335"),
        budget=((BudgetCategory.STAFF, "Two outreach workers", Decimal("52000.00")),),
        reach=_reach(aged_15_17=120),
        answers=ANSWERS,
        objectives=(7,),
        assessments=MIXED,
        panel=(Recommendation.NO, "The need is real, but the partners named have not agreed to take part."),
        decision="Not funded this time: the schools and police named have not agreed to take part. We would "
        "welcome a bid to the next round once they have.",
    ),
    DemoApplication(
        round="closed",
        organisation="Southwark Community Safety Partnership",
        writer="staff",
        stage="assessed",
        title="Southwark summer of sport",
        summary="Football, boxing and music in the parks with most youth violence over the summer.",
        description="Free sessions six days a week in Burgess Park and Peckham Rye over the summer holidays.",
        contact=("Daniel Osei", "Head of community safety", "daniel.osei@southwark.example.org", "020 7525 5000"),
        boroughs=("Southwark",),
        wards=("E05011095",),
        budget=((BudgetCategory.DELIVERY, "Coaches, kit and pitch hire", Decimal("40000.00")),),
        reach=_reach(aged_10_14=200, aged_15_17=150),
        answers=ANSWERS,
        objectives=(7,),
        assessments=STRONG,
    ),
    DemoApplication(
        round="closed",
        organisation="Hackney Community Safety Partnership",
        writer="staff",
        stage="eligible",
        title="Hackney youth hubs late nights",
        summary="Two youth hubs open until 10pm on Fridays and Saturdays.",
        description="Late opening with youth workers, food and activities in the two hubs nearest the hotspots.",
        contact=("Maya Rosen", "Youth services manager", "maya.rosen@hackney.example.org", "020 8356 3000"),
        boroughs=("Hackney",),
        budget=((BudgetCategory.STAFF, "Youth workers for late opening", Decimal("58000.00")),),
        reach=_reach(aged_10_14=90, aged_15_17=140),
        answers=ANSWERS,
        objectives=(6, 7),
        conflict=("aisha.khan", "I am a trustee of one of the youth hubs' partner charities."),
        assessments=(
            DemoScore("tom.okafor", (4, 3, None, None), "", ""),  # saved for later: two criteria scored so far
        ),
    ),
    DemoApplication(
        round="closed",
        organisation="Brixton Academy Trust",
        writer="staff",
        stage="ineligible",
        title="Brixton school gates",
        summary="Staff at the school gates and on the buses at the end of the school day.",
        description="Staff from the academies at the gates and on the 3pm buses.",
        contact=("Claire Watts", "Business manager", "finance@brixton-academy-trust.example.org", "020 7737 0000"),
        boroughs=("Lambeth",),
        budget=((BudgetCategory.STAFF, "Staff time after school", Decimal("25000.00")),),
        reach=_reach(aged_10_14=500),
        answers=ANSWERS,
        objectives=(6,),
        decision="Work by schools in schools is funded through the safer schools round, not this one: "
        "please apply to that round.",
    ),
    DemoApplication(
        round="closed",
        organisation="Newham Community Safety Partnership",
        writer="staff",
        stage="withdrawn",
        title="Newham knife bins and amnesty",
        summary="Knife bins and a month-long amnesty with community groups.",
        description="Eight knife bins and an amnesty month run with faith and community groups.",
        contact=("Peter Lang", "Community safety officer", "peter.lang@newham.example.org", "020 8430 2000"),
        boroughs=("Newham",),
        budget=((BudgetCategory.EQUIPMENT, "Knife bins and installation", Decimal("15000.00")),),
        reach=_reach(aged_15_17=50),
        answers=ANSWERS,
        objectives=(7,),
    ),
    DemoApplication(
        round="closed",
        organisation="Haringey Community Safety Partnership",
        writer="staff",
        stage="submitted",
        title="Haringey parents' network",
        summary="A network of parents trained to spot exploitation and to support each other.",
        description="Training for 200 parents, with a peer support line run by parents.",
        contact=("Lena Novak", "Early help manager", "lena.novak@haringey.example.org", "020 8489 0000"),
        boroughs=("Haringey",),
        budget=((BudgetCategory.DELIVERY, "Training sessions and the support line", Decimal("27000.00")),),
        reach=_reach(under_10=100, aged_10_14=150),
        answers=ANSWERS,
        objectives=(4,),
    ),
    # The open round: partner-b has submitted; partner-a is still writing.
    DemoApplication(
        round="open",
        organisation="Southside Youth Trust",
        writer="partner-b",
        stage="submitted",
        title="Safe journeys to school",
        summary="Youth workers on the buses and at the stops between four schools in Lambeth and Southwark.",
        description="Youth workers travel the bus routes between four secondary schools, and run lunchtime "
        "sessions on exploitation with the Safer Schools officers.",
        contact=("Kwame Asante", "Chief executive", "partner-b@southside-youth.example.org", "020 7946 0123"),
        boroughs=("Lambeth", "Southwark"),
        wards=("E05014111", "E05011110"),
        budget=(
            (BudgetCategory.STAFF, "Three youth workers", Decimal("72000.00")),
            (BudgetCategory.EVALUATION, "Evaluation with the schools", Decimal("8000.00")),
        ),
        reach=_reach(aged_10_14=400, aged_15_17=300),
        answers=(
            "Lilian Baylis and Stockwell Park in Lambeth; Harris Peckham and St Thomas the Apostle in Southwark.",
            "Fewer incidents on the routes, fewer exclusions, and pupils saying they feel safer, term by term.",
        ),
        objectives=(5,),
    ),
    DemoApplication(
        round="open",
        organisation="Lambeth Community Safety Partnership",
        writer="partner-a",
        stage="draft",
        title="Lambeth and Southwark schools together",
        summary="Shared Safer Schools work across the two boroughs' secondary schools.",
        description="",
        contact=("Joanna Fletcher", "Community safety manager", "partner-a@lambeth.example.org", "020 7926 1000"),
        boroughs=("Lambeth", "Southwark"),
        budget=((BudgetCategory.STAFF, "A joint Safer Schools coordinator", Decimal("45000.00")),),
        objectives=(5,),
        sections_done=1,
    ),
]
