"""The demo organisations, people and invitation: the names the other parts rely on, made once."""

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.utils import timezone

from partners.models import Invitation, Membership, MembershipRole, Organisation, OrganisationType
from vru.demo import organisations
from vru.demo.seed import ensure_accounts, ensure_extra_staff

pytestmark = pytest.mark.django_db

CSP_BOROUGHS = ["Lambeth", "Croydon", "Southwark", "Hackney", "Newham", "Haringey", "Westminster", "Tower Hamlets"]


@pytest.fixture
def today():
    return timezone.localdate()


@pytest.fixture
def users(db):
    accounts, _ = ensure_accounts()
    staff, _ = ensure_extra_staff()
    return {user.username: user for user in [*accounts, *staff]}


def counts() -> dict[str, int]:
    models = [Organisation, Membership, Invitation, get_user_model()]
    history = [model for model in apps.get_models() if model._meta.model_name.startswith("historical")]
    return {model._meta.label: model.objects.count() for model in [*models, *history]}


def test_organisations_of_every_type_with_the_names_others_rely_on(users, today):
    created = organisations.seed(users, today)

    names = set(Organisation.objects.values_list("name", flat=True))
    for borough in CSP_BOROUGHS:
        csp = Organisation.objects.get(name=f"{borough} Community Safety Partnership")
        assert csp.type == OrganisationType.LOCAL_AUTHORITY
        assert csp.csp_borough.name == borough
    assert {
        "Southside Youth Trust",
        "Metropolitan Police Service",
        "NHS London",
        "Brixton Academy Trust",
        "London Probation Service",
        "Peckham Mothers Against Violence",
        "Croydon Faith Forum",
        "London Funders",
    } <= names
    assert set(Organisation.objects.values_list("type", flat=True)) == set(OrganisationType.values) - {"other"}
    trust = Organisation.objects.get(name="Southside Youth Trust")
    assert (trust.charity_number, trust.company_number) == ("1187654", "11876543")
    assert set(trust.boroughs_served.values_list("name", flat=True)) == {"Lambeth", "Southwark"}
    assert Organisation.objects.get(name="Brixton Academy Trust").company_number == "08123456"
    for organisation in Organisation.objects.all():
        assert organisation.postcode and ".example.org" in organisation.website
    assert created == Organisation.objects.count() + Membership.objects.count() + 1 + 1


def test_the_demo_partners_and_their_colleagues(users, today):
    organisations.seed(users, today)

    lambeth = Organisation.objects.get(name="Lambeth Community Safety Partnership")
    trust = Organisation.objects.get(name="Southside Youth Trust")
    assert Membership.objects.get(user=users["partner-a"]).organisation == lambeth
    assert Membership.objects.get(user=users["partner-a"]).role == MembershipRole.ADMIN
    assert Membership.objects.get(user=users["partner-b"]).organisation == trust
    assert Membership.objects.get(user=users["partner-b"]).role == MembershipRole.ADMIN
    colleague = lambeth.memberships.get(role=MembershipRole.CONTRIBUTOR).user
    assert not colleague.has_usable_password()
    invitation = Invitation.objects.usable().get()
    assert invitation.organisation == trust
    assert invitation.invited_by == users["partner-b"]
    assert not Membership.history.filter(history_user__isnull=True).exists()


def test_running_again_creates_and_changes_nothing(users, today):
    organisations.seed(users, today)
    before = counts()
    updated = dict(Organisation.objects.values_list("pk", "updated_at"))
    token_hashes = set(Invitation.objects.values_list("token_hash", flat=True))

    assert organisations.seed(users, today) == 0

    assert counts() == before
    assert dict(Organisation.objects.values_list("pk", "updated_at")) == updated
    assert set(Invitation.objects.values_list("token_hash", flat=True)) == token_hashes
