"""Demo partner organisations of every type, the people who act for them and a pending invitation.

The plans and PRG demo data refer to these organisations by name, so the names
are fixed. Everything is written through ``partners.services.organisations``;
organisations are found by name, people by username and the invitation by its
address, so a second run creates nothing and changes nothing.
"""

from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management.base import CommandError
from django.urls import reverse

from partners.models import Borough, Invitation, Membership, MembershipRole, Organisation, OrganisationType
from partners.services import organisations as services
from vru.roles import GROUP_NAMES, Role


@dataclass(frozen=True)
class DemoOrganisation:
    name: str
    type: str
    address: str
    postcode: str
    website: str
    csp_borough: str | None = None
    boroughs_served: tuple[str, ...] = ()
    charity_number: str = ""
    company_number: str = ""


def _csp(borough: str, address: str, postcode: str, slug: str) -> DemoOrganisation:
    return DemoOrganisation(
        name=f"{borough} Community Safety Partnership",
        type=OrganisationType.LOCAL_AUTHORITY,
        csp_borough=borough,
        boroughs_served=(borough,),
        address=address,
        postcode=postcode,
        website=f"https://{slug}.example.org",
    )


ORGANISATIONS = [
    _csp("Lambeth", "Lambeth Town Hall\nBrixton Hill\nLondon", "SW2 1RW", "lambeth"),
    _csp("Croydon", "Bernard Weatherill House\n8 Mint Walk\nCroydon", "CR0 1EA", "croydon"),
    _csp("Southwark", "160 Tooley Street\nLondon", "SE1 2QH", "southwark"),
    _csp("Hackney", "Hackney Town Hall\nMare Street\nLondon", "E8 1EA", "hackney"),
    _csp("Newham", "Newham Dockside\n1000 Dockside Road\nLondon", "E16 2QU", "newham"),
    _csp("Haringey", "George Meehan House\n294 High Road\nLondon", "N22 8JZ", "haringey"),
    _csp("Westminster", "64 Victoria Street\nLondon", "SW1E 6QP", "westminster"),
    _csp("Tower Hamlets", "Tower Hamlets Town Hall\n160 Whitechapel Road\nLondon", "E1 1BJ", "towerhamlets"),
    DemoOrganisation(
        name="Southside Youth Trust",
        type=OrganisationType.VOLUNTARY,
        charity_number="1187654",
        company_number="11876543",
        boroughs_served=("Lambeth", "Southwark"),
        address="Unit 4, 12 Coldharbour Lane\nLondon",
        postcode="SE5 9NR",
        website="https://southside-youth.example.org",
    ),
    DemoOrganisation(
        name="Metropolitan Police Service",
        type=OrganisationType.POLICE,
        address="New Scotland Yard\nVictoria Embankment\nLondon",
        postcode="SW1A 2JL",
        website="https://met-police.example.org",
    ),
    DemoOrganisation(
        name="NHS London",
        type=OrganisationType.HEALTH,
        address="Wellington House\n133-155 Waterloo Road\nLondon",
        postcode="SE1 8UG",
        website="https://nhs-london.example.org",
    ),
    DemoOrganisation(
        name="Brixton Academy Trust",
        type=OrganisationType.EDUCATION,
        company_number="08123456",
        boroughs_served=("Lambeth",),
        address="Elm Park\nLondon",
        postcode="SW2 2EF",
        website="https://brixton-academy-trust.example.org",
    ),
    DemoOrganisation(
        name="London Probation Service",
        type=OrganisationType.PROBATION,
        address="102 Petty France\nLondon",
        postcode="SW1H 9AJ",
        website="https://london-probation.example.org",
    ),
    DemoOrganisation(
        name="Peckham Mothers Against Violence",
        type=OrganisationType.GRASSROOTS,
        boroughs_served=("Southwark",),
        address="Peckham Pulse, 10 Melon Road\nLondon",
        postcode="SE15 5QN",
        website="https://peckham-mothers.example.org",
    ),
    DemoOrganisation(
        name="Croydon Faith Forum",
        type=OrganisationType.FAITH,
        charity_number="1154321",
        boroughs_served=("Croydon",),
        address="14 Wellesley Road\nCroydon",
        postcode="CR0 2AD",
        website="https://croydon-faith-forum.example.org",
    ),
    DemoOrganisation(
        name="London Funders",
        type=OrganisationType.FUNDER,
        charity_number="1116255",
        company_number="05923611",
        address="3 Whitehall Court\nLondon",
        postcode="SW1A 2EL",
        website="https://london-funders.example.org",
    ),
]

# (username, organisation, role); the demo accounts are made by vru.demo.seed.
MEMBERS = [
    ("partner-a", "Lambeth Community Safety Partnership", MembershipRole.ADMIN),
    ("partner-b", "Southside Youth Trust", MembershipRole.ADMIN),
]

# A colleague at Lambeth who was given an account but never chose a password.
LAMBETH_CONTRIBUTOR = {
    "username": "ola.adeyemi@lambeth.example.org",
    "email": "ola.adeyemi@lambeth.example.org",
    "first_name": "Ola",
    "last_name": "Adeyemi",
}

PENDING_INVITATION = {
    "organisation": "Southside Youth Trust",
    "email": "amara.nwosu@southside-youth.example.org",
    "first_name": "Amara",
    "last_name": "Nwosu",
    "role": MembershipRole.CONTRIBUTOR,
    "invited_by": "partner-b",
}
# The demo runs on a developer's machine (``make run`` serves on port 8000), where the
# console email backend prints the invitation; its link is the one to try.
DEMO_SITE = "http://localhost:8000"


def seed(users: dict, today) -> int:
    """Add what is missing and return how many records were created; never change what is there."""
    staff = users["staff"]
    created = 0
    organisations = {organisation.name: organisation for organisation in Organisation.objects.all()}
    boroughs = {borough.name: borough for borough in Borough.objects.all()}
    for spec in ORGANISATIONS:
        if spec.name in organisations:
            continue
        organisations[spec.name] = _create_organisation(spec, boroughs, staff)
        created += 1

    for username, organisation_name, role in MEMBERS:
        organisation = organisations[organisation_name]
        if not Membership.objects.filter(user=users[username], organisation=organisation).exists():
            services.membership_add(organisation=organisation, person=users[username], role=role, user=staff)
            created += 1

    created += _ensure_lambeth_contributor(organisations["Lambeth Community Safety Partnership"], staff)
    created += _ensure_pending_invitation(organisations[PENDING_INVITATION["organisation"]], users)
    return created


def _create_organisation(spec: DemoOrganisation, boroughs: dict, user) -> Organisation:
    missing = [name for name in (spec.csp_borough, *spec.boroughs_served) if name and name not in boroughs]
    if missing:
        raise CommandError(f"These boroughs are missing (run the migrations?): {', '.join(missing)}")
    return services.organisation_create(
        user=user,
        name=spec.name,
        type=spec.type,
        charity_number=spec.charity_number,
        company_number=spec.company_number,
        csp_borough=boroughs[spec.csp_borough] if spec.csp_borough else None,
        boroughs_served=[boroughs[name] for name in spec.boroughs_served],
        address=spec.address,
        postcode=spec.postcode,
        website=spec.website,
    )


def _ensure_lambeth_contributor(lambeth: Organisation, staff) -> int:
    User = get_user_model()
    created = 0
    person = User.objects.filter(username=LAMBETH_CONTRIBUTOR["username"]).first()
    if person is None:
        person = User(**LAMBETH_CONTRIBUTOR)
        person.set_unusable_password()
        person.save()
        person.groups.add(Group.objects.get(name=GROUP_NAMES[Role.PARTNER]))
        created += 1
    if not Membership.objects.filter(user=person, organisation=lambeth).exists():
        services.membership_add(organisation=lambeth, person=person, role=MembershipRole.CONTRIBUTOR, user=staff)
        created += 1
    return created


def _ensure_pending_invitation(organisation: Organisation, users: dict) -> int:
    spec = PENDING_INVITATION
    if Invitation.objects.filter(organisation=organisation, email=spec["email"]).exists():
        return 0
    services.invitation_send(
        organisation=organisation,
        user=users[spec["invited_by"]],
        email=spec["email"],
        first_name=spec["first_name"],
        last_name=spec["last_name"],
        role=spec["role"],
        link_for=lambda token: DEMO_SITE + reverse("partners:invitation-accept", args=[token]),
    )
    return 1
