"""The commissioning demo's funds and rounds as plain data (the applications are in ``application_data``).
``vru.demo.commissioning`` writes them through the services."""

from dataclasses import dataclass
from decimal import Decimal

from commissioning.models import GeographyLevel

# --- Funds ------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class DemoFund:
    key: str
    name: str
    source: str
    total: Decimal
    description: str
    allocations: dict[int, Decimal]  # objective number: amount set aside


# Seed 003 §3.44–3.45 and §5.1: the VRU's £6.8m budget, and MOPAC's £1m for safer schools.
FUNDS = [
    DemoFund(
        key="core",
        name="VRU core budget",
        source="Mayor's Office for Policing and Crime (MOPAC)",
        total=Decimal("6800000.00"),
        description="The VRU's own budget, most of it to be spent locally, in a rapid, transparent and "
        "accountable way, through community grants and borough partnerships.",
        allocations={
            1: Decimal("400000.00"),
            2: Decimal("600000.00"),
            3: Decimal("500000.00"),
            4: Decimal("1500000.00"),
            5: Decimal("700000.00"),
            6: Decimal("1200000.00"),
            7: Decimal("1300000.00"),
            8: Decimal("600000.00"),
        },
    ),
    DemoFund(
        key="schools",
        name="MOPAC safer schools",
        source="Mayor's Office for Policing and Crime (MOPAC)",
        total=Decimal("1000000.00"),
        description="MOPAC's safer schools funding: physical safety in and around schools, and openness about "
        "weapons and exploitation.",
        allocations={5: Decimal("1000000.00")},
    ),
]

# --- Rounds -----------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class DemoRound:
    key: str
    fund: str
    title: str
    summary: str
    geography_level: str
    objectives: tuple[int, ...]
    priority_areas: tuple[int, ...]
    budget_envelope: Decimal
    minimum_request: Decimal
    maximum_request: Decimal
    guidance: str
    criteria: tuple[tuple[str, int, str], ...]  # title, weight, what assessors look for
    questions: tuple[tuple[str, str, int | None, bool], ...]  # text, hint, word limit, required


CLOSED_ROUND = DemoRound(
    key="closed",
    fund="core",
    title="Safer neighbourhoods community grants",
    summary="Grants of £10,000 to £80,000 for local work that keeps young people safe in one borough.",
    geography_level=GeographyLevel.BOROUGH,
    objectives=(4, 6, 7),
    priority_areas=(),
    budget_envelope=Decimal("600000.00"),
    minimum_request=Decimal("10000.00"),
    maximum_request=Decimal("80000.00"),
    guidance="These grants fund work in one borough, led by local organisations that know the young people and "
    "places most affected by violence.\n\n"
    "We look for a proven connection between voluntary and community groups and the local authority, and for "
    "interventions tied to the evidence of what works.\n\n"
    "You may name the wards the work focuses on. Grants run for a year and are paid in quarterly tranches "
    "once each monitoring return is accepted.",
    criteria=(
        ("Need", 40, "The evidence of violence affecting young people where the work will happen."),
        ("Partnership", 30, "A proven connection with the local authority, schools, police and other groups."),
        ("Evidence", 20, "Interventions tied to the evidence of what works, such as the YEF Toolkit."),
        ("Value for money", 10, "A realistic budget for the young people reached."),
    ),
    questions=(
        ("How will young people shape the project?", "Who will you involve, and how.", 300, True),
        ("Which local partners will you work with, and how?", "Name the organisations.", 300, True),
        ("What could stop the project, and how will you manage that?", "", 200, False),
    ),
)

OPEN_ROUND = DemoRound(
    key="open",
    fund="schools",
    title="Safer schools partnerships",
    summary="Grants of £20,000 to £150,000 for work with schools across two or more boroughs.",
    geography_level=GeographyLevel.MULTI_BOROUGH,
    objectives=(5, 6),
    priority_areas=(),
    budget_envelope=Decimal("750000.00"),
    minimum_request=Decimal("20000.00"),
    maximum_request=Decimal("150000.00"),
    guidance="Partnerships of schools, councils and community groups working across at least two boroughs to "
    "make schools and the journeys to them safer.\n\n"
    "Tell us how pupils at risk of exclusion will be kept in education, and how you will measure it.",
    criteria=(
        ("Need", 35, "Evidence of weapons, exploitation or exclusions in the schools named."),
        ("Partnership", 35, "Schools, the council and community groups committed to the work."),
        ("Sustainability", 30, "How the work will carry on when the grant ends."),
    ),
    questions=(
        ("Which schools will take part?", "Name each school and its borough.", 200, True),
        ("How will you know the work has made schools safer?", "", 300, True),
    ),
)
