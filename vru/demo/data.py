"""The demo data: accounts, one per role, and a dozen plausible London programmes.

Plain data only; ``vru.demo.seed`` writes it through the services.
"""

from dataclasses import dataclass, field
from decimal import Decimal

from programmes.models import (
    Aggregation,
    Direction,
    ProgrammeStatus,
    Rag,
)
from vru.roles import Role

# --- Accounts -------------------------------------------------------------------


@dataclass(frozen=True)
class Account:
    username: str
    role: Role
    first_name: str
    last_name: str
    email: str
    who: str


ACCOUNTS = [
    Account("admin", Role.ADMIN, "Nadia", "Hussain", "nadia.hussain@example.org", "System administrator"),
    Account("staff", Role.STAFF, "Daniel", "Reid", "daniel.reid@example.org", "VRU programme manager"),
    Account("manager", Role.MANAGER, "Grace", "Mensah", "grace.mensah@example.org", "VRU head of commissioning"),
    Account("prg", Role.PRG, "Marcus", "Campbell", "marcus.campbell@example.org", "Partnership Reference Group"),
    Account(
        "partner-a",
        Role.PARTNER,
        "Joanna",
        "Fletcher",
        "partner-a@lambeth.example.org",
        "Lambeth Community Safety Partnership",
    ),
    Account(
        "partner-b",
        Role.PARTNER,
        "Kwame",
        "Asante",
        "partner-b@southside-youth.example.org",
        "Southside Youth Trust (a charity)",
    ),
]

# More VRU staff to lead programmes and own milestones. They never sign in to the
# demo, so they get no usable password.
EXTRA_STAFF = [
    ("aisha.khan", "Aisha", "Khan"),
    ("tom.okafor", "Tom", "Okafor"),
    ("priya.sharma", "Priya", "Sharma"),
]

# --- Programmes -----------------------------------------------------------------


@dataclass(frozen=True)
class DemoMilestone:
    title: str
    due_in_days: int  # from today: negative is in the past
    rag: str = Rag.GREEN
    done_days_ago: int | None = None  # None: not done yet
    owner: str | None = None  # a username; the lead officer when None


@dataclass(frozen=True)
class DemoIndicator:
    name: str
    unit: str
    target: Decimal  # the first quarter's target
    step: Decimal = Decimal("0")  # added to the target each quarter (for running totals)
    performance: tuple[str, ...] = ("0.9", "1.05", "0.95", "1.1")  # actual ÷ target, quarter by quarter
    direction: str = Direction.UP
    aggregation: str = Aggregation.SUM
    baseline: Decimal | None = None
    places: int = 0


@dataclass(frozen=True)
class DemoProgramme:
    title: str
    description: str
    lead: str  # a username
    status: str
    objectives: tuple[int, ...]
    priority_areas: tuple[int, ...]
    budget: Decimal
    target_cohort: str
    start_year: int = -1  # financial years from this one; ignored when starts_next_quarter
    years: int = 2
    starts_next_quarter: bool = False
    boroughs: tuple[str, ...] = ()
    intervention_types: tuple[str, ...] = ()
    prevention_levels: tuple[str, ...] = ()
    target_groups: tuple[str, ...] = ()
    milestones: tuple[DemoMilestone, ...] = ()
    indicators: tuple[DemoIndicator, ...] = field(default=())


YOUNG_PEOPLE = "Children and young people"
PARENTS = "Parents and carers"

PROGRAMMES = [
    DemoProgramme(
        title="Safer Schools Partnership",
        description=(
            "Safer schools officers, youth workers and school staff working together in secondary schools "
            "with high exclusion rates, so that pupils at risk of exclusion stay in mainstream education "
            "and feel safe on the way to and from school."
        ),
        lead="manager",
        status=ProgrammeStatus.ACTIVE,
        objectives=(5,),
        priority_areas=(4, 1),
        budget=Decimal("1000000.00"),
        target_cohort="Pupils aged 11 to 16 at risk of exclusion",
        boroughs=("Lambeth", "Southwark", "Croydon", "Lewisham"),
        intervention_types=("Interventions to prevent school exclusion", "Police in schools"),
        prevention_levels=("Secondary",),
        target_groups=(YOUNG_PEOPLE, "Teachers"),
        milestones=(
            DemoMilestone("Partner schools signed up", -330, done_days_ago=335),
            DemoMilestone("Inclusion leads trained in every partner school", -150, done_days_ago=140),
            DemoMilestone("Interim evaluation report", -21, Rag.RED, owner="priya.sharma"),
            DemoMilestone("Spring term review with head teachers", 40, Rag.AMBER),
        ),
        indicators=(
            DemoIndicator("Pupils supported to stay in mainstream school", "young people", Decimal("120")),
            DemoIndicator(
                "Suspensions in partner schools",
                "suspensions",
                Decimal("90"),
                step=Decimal("-5"),
                performance=("1.1", "1.0", "0.95", "0.9"),
                direction=Direction.DOWN,
                baseline=Decimal("410"),
            ),
        ),
    ),
    DemoProgramme(
        title="Holiday activity programme 4–7pm",
        description=(
            "Free sport, arts and food in the school holidays between 4pm and 7pm, when the risk of violence "
            "to young people is highest, run by local youth organisations in parks and youth centres."
        ),
        lead="staff",
        status=ProgrammeStatus.ACTIVE,
        objectives=(7,),
        priority_areas=(2, 1),
        budget=Decimal("450000.00"),
        target_cohort="Young people aged 10 to 18",
        boroughs=("Newham", "Tower Hamlets", "Hackney", "Haringey", "Enfield"),
        intervention_types=("After-school programmes", "Sports programmes"),
        prevention_levels=("Primary",),
        target_groups=(YOUNG_PEOPLE,),
        milestones=(
            DemoMilestone("Summer providers appointed", -300, done_days_ago=305),
            DemoMilestone("Summer programme delivered", -220, done_days_ago=215, owner="tom.okafor"),
            DemoMilestone("Easter programme published", -10, Rag.AMBER),
            DemoMilestone("Summer programme timetable agreed with boroughs", 60),
        ),
        indicators=(
            DemoIndicator(
                "Young people attending holiday sessions",
                "young people",
                Decimal("1500"),
                performance=("1.2", "0.7", "0.9", "1.15"),
            ),
            DemoIndicator("Sessions delivered", "sessions", Decimal("240"), performance=("1.0", "0.95", "1.0", "1.05")),
        ),
    ),
    DemoProgramme(
        title="A&E youth navigators",
        description=(
            "Youth workers based in the four major trauma centres approach young people treated for "
            "violence-related injuries in the 'reachable moment' and offer them support after they leave hospital."
        ),
        lead="aisha.khan",
        status=ProgrammeStatus.ACTIVE,
        objectives=(1,),
        priority_areas=(1,),
        budget=Decimal("820000.00"),
        target_cohort="Young people aged 11 to 25 treated for a violence-related injury",
        start_year=-1,
        years=3,
        boroughs=("Southwark", "Westminster", "Tower Hamlets", "Wandsworth"),
        intervention_types=("A&E navigators", "Mentoring"),
        prevention_levels=("Tertiary",),
        target_groups=(YOUNG_PEOPLE, "Statutory professionals"),
        milestones=(
            DemoMilestone("Navigators in post at all four trauma centres", -270, done_days_ago=260),
            DemoMilestone("Data-sharing agreement with the NHS trusts", -120, done_days_ago=95, rag=Rag.AMBER),
            DemoMilestone("Referral pathways to borough youth services agreed", -30, Rag.RED),
            DemoMilestone("Year 2 funding agreed", 75, owner="manager"),
        ),
        indicators=(
            DemoIndicator(
                "Young people engaged after a violence-related injury",
                "young people",
                Decimal("150"),
                performance=("0.8", "0.95", "1.05", "1.0"),
            ),
            DemoIndicator(
                "Engaged young people re-attending for an assault within 12 months",
                "%",
                Decimal("12"),
                performance=("1.1", "0.95", "0.9", "0.85"),
                direction=Direction.DOWN,
                aggregation=Aggregation.LATEST,
                baseline=Decimal("18.5"),
                places=1,
            ),
        ),
    ),
    DemoProgramme(
        title="My Ends community programme",
        description=(
            "Funding for local consortia of grassroots groups in neighbourhoods affected by high levels of "
            "violence to design and lead their own response, with trusted adults, safe spaces and outreach."
        ),
        lead="manager",
        status=ProgrammeStatus.ACTIVE,
        objectives=(4,),
        priority_areas=(5,),
        budget=Decimal("1200000.00"),
        target_cohort="Young people aged 10 to 24 and their communities",
        start_year=-1,
        years=3,
        boroughs=("Brent", "Haringey", "Croydon", "Southwark", "Westminster"),
        intervention_types=("Detached youth work", "Mentoring"),
        prevention_levels=("Primary", "Secondary"),
        target_groups=(YOUNG_PEOPLE, PARENTS, "Youth practitioners"),
        milestones=(
            DemoMilestone("Consortium leads chosen in each area", -320, done_days_ago=318),
            DemoMilestone("Community action plans agreed", -200, done_days_ago=185, owner="staff"),
            DemoMilestone("Learning event for the consortia", -45, Rag.AMBER, owner="staff"),
            DemoMilestone("Independent evaluation commissioned", 30),
        ),
        indicators=(
            DemoIndicator(
                "Grassroots groups funded",
                "groups",
                Decimal("20"),
                step=Decimal("4"),
                performance=("0.9", "1.0", "1.0", "0.95"),
                aggregation=Aggregation.LATEST,
            ),
            DemoIndicator("Local people trained as trusted adults", "people", Decimal("40")),
        ),
    ),
    DemoProgramme(
        title="Parenting support network",
        description=(
            "Parenting courses and peer support groups for parents and carers worried about their children's "
            "safety, with advice on exploitation, social media and talking to teenagers about violence."
        ),
        lead="tom.okafor",
        status=ProgrammeStatus.ACTIVE,
        objectives=(2,),
        priority_areas=(3,),
        budget=Decimal("275000.00"),
        target_cohort="Parents and carers of children aged 8 to 18",
        boroughs=("Barking and Dagenham", "Havering", "Redbridge", "Ealing"),
        intervention_types=("Parenting programmes",),
        prevention_levels=("Secondary",),
        target_groups=(PARENTS,),
        milestones=(
            DemoMilestone("Course facilitators trained", -260, done_days_ago=250),
            DemoMilestone("Peer support groups running in every borough", -75, Rag.RED),
            DemoMilestone("Parents' feedback survey", 20, Rag.AMBER),
        ),
        indicators=(
            DemoIndicator(
                "Parents and carers completing a course",
                "parents and carers",
                Decimal("60"),
                performance=("0.75", "0.85", "1.0", "0.9"),
            ),
            DemoIndicator(
                "Parents reporting more confidence at the end of the course",
                "%",
                Decimal("75"),
                performance=("0.96", "1.04", "1.08", "1.0"),
                aggregation=Aggregation.MEAN,
                places=1,
            ),
        ),
    ),
    DemoProgramme(
        title="Young People's Action Group",
        description=(
            "A group of young Londoners who advise the VRU, review its plans and lead their own projects, "
            "paid for their time and supported by a youth participation worker."
        ),
        lead="staff",
        status=ProgrammeStatus.ACTIVE,
        objectives=(3,),
        priority_areas=(5, 2),
        budget=Decimal("95000.00"),
        target_cohort="Young people aged 15 to 24",
        start_year=0,
        years=2,
        boroughs=("Lambeth", "Newham", "Croydon", "Islington"),
        prevention_levels=("Primary",),
        target_groups=(YOUNG_PEOPLE,),
        milestones=(
            DemoMilestone("Quarterly meeting of members with the VRU director", -5, done_days_ago=3, owner="manager"),
            DemoMilestone("Members' project ideas presented to the PRG", 50),
            DemoMilestone("Annual report written by young people", 200),
        ),
        indicators=(
            DemoIndicator(
                "Members of the action group",
                "young people",
                Decimal("20"),
                step=Decimal("2"),
                performance=("0.9", "1.0", "1.1", "1.0"),
                aggregation=Aggregation.LATEST,
            ),
            DemoIndicator("Consultations led by young people", "consultations", Decimal("3")),
        ),
    ),
    DemoProgramme(
        title="Changing the narrative campaign",
        description=(
            "A London-wide campaign, designed with young people and community groups, to challenge the "
            "stereotypes about violence and show the positive stories of young Londoners."
        ),
        lead="manager",
        status=ProgrammeStatus.PLANNED,
        objectives=(8,),
        priority_areas=(5,),
        budget=Decimal("180000.00"),
        target_cohort="Londoners, and young people aged 13 to 24 in particular",
        starts_next_quarter=True,
        years=1,
        prevention_levels=("Primary",),
        target_groups=(YOUNG_PEOPLE, PARENTS),
        milestones=(
            DemoMilestone("Creative agency appointed", -14, done_days_ago=7),
            DemoMilestone("Campaign messages tested with young people", 35, Rag.AMBER, owner="staff"),
            DemoMilestone("Campaign launch", 120),
        ),
        indicators=(
            DemoIndicator(
                "Londoners reached by the campaign",
                "people",
                Decimal("250000"),
                performance=(),
            ),
        ),
    ),
    DemoProgramme(
        title="Trauma-informed schools training",
        description=(
            "Training for teachers and pastoral staff in how trauma affects children's behaviour and learning, "
            "so that schools respond with support rather than exclusion."
        ),
        lead="priya.sharma",
        status=ProgrammeStatus.CLOSED,
        objectives=(5,),
        priority_areas=(4,),
        budget=Decimal("120000.00"),
        target_cohort="School staff working with pupils aged 5 to 16",
        start_year=-2,
        years=2,
        boroughs=("Hackney", "Tower Hamlets", "Newham"),
        intervention_types=("Trauma-informed training and service redesign",),
        prevention_levels=("Primary",),
        target_groups=("Teachers", "Youth practitioners"),
        milestones=(
            DemoMilestone("Training materials agreed with the boroughs", -700, done_days_ago=690),
            DemoMilestone("First cohort of schools trained", -540, done_days_ago=545),
            DemoMilestone("Final evaluation report", -400, Rag.AMBER, done_days_ago=385),
        ),
        indicators=(
            DemoIndicator(
                "School staff trained",
                "staff",
                Decimal("80"),
                performance=("0.6", "1.1", "1.2", "1.0"),
            ),
        ),
    ),
    DemoProgramme(
        title="Positive pathways into employment",
        description=(
            "Mentoring, paid work placements and help with applications for young people who are not in "
            "education, employment or training, with local employers offering apprenticeships."
        ),
        lead="tom.okafor",
        status=ProgrammeStatus.ACTIVE,
        objectives=(6,),
        priority_areas=(2,),
        budget=Decimal("360000.00"),
        target_cohort="Young people aged 16 to 24 not in education, employment or training",
        boroughs=("Hounslow", "Hillingdon", "Ealing", "Brent"),
        intervention_types=("Mentoring",),
        prevention_levels=("Secondary",),
        target_groups=(YOUNG_PEOPLE,),
        milestones=(
            DemoMilestone("Employer partners signed up", -280, done_days_ago=270),
            DemoMilestone("First placements started", -160, done_days_ago=150, rag=Rag.AMBER),
            DemoMilestone("Apprenticeship fair", -8, Rag.AMBER),
            DemoMilestone("Six-month outcomes report", 90, owner="priya.sharma"),
        ),
        indicators=(
            DemoIndicator(
                "Young people starting work, training or an apprenticeship",
                "young people",
                Decimal("35"),
                performance=("0.7", "0.9", "1.0", "1.15"),
            ),
        ),
    ),
    DemoProgramme(
        title="Pre-court diversion pilot",
        description=(
            "Young people arrested for a first, lower-level offence are offered a support plan with a "
            "key worker instead of prosecution. Paused while the youth justice service reviews referrals."
        ),
        lead="aisha.khan",
        status=ProgrammeStatus.PAUSED,
        objectives=(1, 6),
        priority_areas=(1,),
        budget=Decimal("240000.00"),
        target_cohort="Young people aged 10 to 17 arrested for a first offence",
        boroughs=("Bexley", "Greenwich", "Lewisham"),
        intervention_types=("Pre-court diversion",),
        prevention_levels=("Tertiary",),
        target_groups=(YOUNG_PEOPLE, "Statutory professionals"),
        milestones=(
            DemoMilestone("Referral protocol agreed with the BCU", -250, done_days_ago=240),
            DemoMilestone("Review of referrals with the youth justice service", -40, Rag.RED),
            DemoMilestone("Decision on restarting the pilot", 25, Rag.RED, owner="manager"),
        ),
        indicators=(
            DemoIndicator(
                "Young people diverted from prosecution",
                "young people",
                Decimal("25"),
                performance=("0.8", "0.6", "0.4", "0.2"),
            ),
        ),
    ),
    DemoProgramme(
        title="Safe havens in town centres",
        description=(
            "Shops, libraries and cafés in town centres sign up as places where a young person who feels "
            "unsafe can go, with staff trained to help and a sticker in the window."
        ),
        lead="staff",
        status=ProgrammeStatus.ACTIVE,
        objectives=(7, 4),
        priority_areas=(1, 5),
        budget=Decimal("45000.00"),
        target_cohort="Young people aged 10 to 18 in town centres",
        start_year=0,
        years=1,
        boroughs=("Wandsworth", "Merton", "Croydon"),
        intervention_types=("Detached youth work",),
        prevention_levels=("Primary",),
        target_groups=(YOUNG_PEOPLE,),
        milestones=(
            DemoMilestone("Quarterly check-in with town centre managers", -2, done_days_ago=1),
            DemoMilestone("Refresher training for safe haven staff", 45, owner="aisha.khan"),
            DemoMilestone("Map of safe havens published", 100),
        ),
        indicators=(
            DemoIndicator(
                "Businesses and venues signed up as safe havens",
                "venues",
                Decimal("15"),
                step=Decimal("10"),
                performance=("1.0", "0.9", "1.1", "1.0"),
                aggregation=Aggregation.LATEST,
            ),
        ),
    ),
    DemoProgramme(
        title="Healthy relationships in schools",
        description=(
            "Lessons and staff training on healthy relationships, consent and violence against women and girls "
            "for secondary schools, delivered with specialist domestic abuse charities."
        ),
        lead="priya.sharma",
        status=ProgrammeStatus.PLANNED,
        objectives=(5, 2),
        priority_areas=(4, 3),
        budget=Decimal("150000.00"),
        target_cohort="Pupils aged 11 to 16 and their teachers",
        starts_next_quarter=True,
        years=2,
        boroughs=("Camden", "Islington", "Barnet"),
        intervention_types=("Relationship violence prevention lessons and activities",),
        prevention_levels=("Primary",),
        target_groups=(YOUNG_PEOPLE, "Teachers"),
        milestones=(
            DemoMilestone("Delivery partners chosen", -12, Rag.AMBER),
            DemoMilestone("Lesson plans approved by the schools", 60),
            DemoMilestone("First lessons delivered", 110),
        ),
        indicators=(
            DemoIndicator(
                "Schools delivering the lessons",
                "schools",
                Decimal("6"),
                step=Decimal("4"),
                performance=(),
                aggregation=Aggregation.LATEST,
            ),
        ),
    ),
]
