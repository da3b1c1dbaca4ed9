"""Every role against every PRG page: VRU roles read and change, PRG members only read, partners see nothing."""

import re

import pytest
from django.urls import reverse

from partners import permissions
from partners.models import (
    AgendaItem,
    Attendance,
    Decision,
    Meeting,
    Paper,
    PrgAction,
    PrgMember,
    Recommendation,
    TaskAndFinishGroup,
)
from partners.tests.prg.factories import (
    AgendaItemFactory,
    DecisionFactory,
    PaperFactory,
    PrgActionFactory,
    PrgMemberFactory,
    RecommendationFactory,
    TaskAndFinishGroupFactory,
)

pytestmark = pytest.mark.django_db

VRU = {"admin", "staff", "manager"}
EDIT_LINK = re.compile(r"<a [^>]*>\s*(Add|Change|Edit|Record|Remove|Upload)\b")
ROLES = ["admin", "staff", "manager", "prg", "partner", "anonymous"]


@pytest.fixture
def records():
    item = AgendaItemFactory()
    paper = PaperFactory(meeting=item.meeting, agenda_item=item)
    decided = DecisionFactory(recommendation__paper=paper).recommendation
    undecided = RecommendationFactory(paper=paper)
    return {
        "meeting": item.meeting,
        "paper": paper,
        "decided": decided,
        "undecided": undecided,
        "member": PrgMemberFactory(),
        "action": PrgActionFactory(meeting=item.meeting),
        "group": TaskAndFinishGroupFactory(),
    }


def read_urls(r) -> list[str]:
    return [
        reverse("partners:prg-home"),
        reverse("partners:prg-members"),
        reverse("partners:meeting-list"),
        reverse("partners:meeting-detail", args=[r["meeting"].pk]),
        reverse("partners:paper-download", args=[r["paper"].pk]),
        reverse("partners:prg-actions"),
        reverse("partners:prg-action-detail", args=[r["action"].pk]),
        reverse("partners:prg-groups"),
    ]


def write_urls(r) -> list[str]:
    return [
        reverse("partners:prg-member-create"),
        reverse("partners:prg-member-edit", args=[r["member"].pk]),
        reverse("partners:meeting-create"),
        reverse("partners:meeting-edit", args=[r["meeting"].pk]),
        reverse("partners:meeting-attendance", args=[r["meeting"].pk]),
        reverse("partners:paper-upload", args=[r["meeting"].pk]),
        reverse("partners:paper-edit", args=[r["paper"].pk]),
        reverse("partners:paper-delete", args=[r["paper"].pk]),
        reverse("partners:prg-recommendation-create", args=[r["paper"].pk]),
        reverse("partners:prg-recommendation-edit", args=[r["undecided"].pk]),
        reverse("partners:prg-recommendation-delete", args=[r["undecided"].pk]),
        reverse("partners:prg-decision-record", args=[r["decided"].pk]),
        reverse("partners:prg-action-create"),
        reverse("partners:prg-action-edit", args=[r["action"].pk]),
        reverse("partners:prg-group-create"),
        reverse("partners:prg-group-edit", args=[r["group"].pk]),
    ]


def main_content(response) -> str:
    """The page's own content, without the header's "Change password" and the like."""
    html = response.content.decode()
    return html[html.index('<main class="govuk-main-wrapper"') : html.index("</main>")]


def snapshot() -> dict:
    """Every PRG row, as values, so a refused POST can be shown to have changed nothing."""
    models = [Meeting, AgendaItem, Attendance, Paper, Recommendation, Decision, PrgAction, PrgMember]
    rows = {model.__name__: list(model.objects.order_by("pk").values()) for model in models}
    rows["groups"] = list(TaskAndFinishGroup.objects.order_by("pk").values("pk", "name", "members"))
    return rows


@pytest.mark.parametrize("role", ["admin", "staff", "manager", "prg", "partner"])
def test_permission_functions_for_every_role(personas, role):
    assert permissions.can_view_prg(personas[role]) is (role in VRU | {"prg"})
    assert permissions.can_change_prg(personas[role]) is (role in VRU)


@pytest.mark.parametrize("role", ROLES)
def test_reading_pages_by_role(clients, records, role):
    for url in read_urls(records):
        response = clients[role].get(url)
        if role == "anonymous":
            assert response.status_code == 302, url
            assert response.url.startswith(reverse("login")), url
        else:
            assert response.status_code == (200 if role in VRU | {"prg"} else 403), url


@pytest.mark.parametrize("role", ROLES)
def test_changing_pages_by_role(clients, records, role):
    for url in write_urls(records):
        response = clients[role].get(url)
        if role == "anonymous":
            assert response.status_code == 302, url
            assert response.url.startswith(reverse("login")), url
        else:
            assert response.status_code == (200 if role in VRU else 403), url


@pytest.mark.parametrize("role", ["prg", "partner", "anonymous"])
def test_posting_to_every_changing_page_changes_nothing(clients, records, role):
    before = snapshot()
    payload = {
        "name": "Changed",
        "title": "Changed",
        "text": "Changed",
        "kind": "agree",
        "outcome": "not_agreed",
        "minute": "Changed",
        "action": "Changed",
        "owner": "Changed",
        "status": "done",
        "remit": "Changed",
    }
    for url in write_urls(records):
        response = clients[role].post(url, payload)
        assert response.status_code == (302 if role == "anonymous" else 403), url
    assert snapshot() == before


def test_prg_member_pages_offer_no_links_to_change_anything(clients, records):
    for url in read_urls(records):
        if "download" in url:
            continue
        page = main_content(clients["prg"].get(url))
        for write_url in write_urls(records):
            assert f'href="{write_url}' not in page, (url, write_url)
        assert not EDIT_LINK.search(page), (url, EDIT_LINK.search(page).group(0))


def test_staff_see_the_links_to_change_things(clients, records):
    page = clients["staff"].get(reverse("partners:meeting-detail", args=[records["meeting"].pk])).content.decode()
    assert reverse("partners:meeting-edit", args=[records["meeting"].pk]) in page
    assert reverse("partners:paper-upload", args=[records["meeting"].pk]) in page
    assert reverse("partners:prg-decision-record", args=[records["decided"].pk]) in page


def test_unknown_records_are_404(clients):
    for name in ("meeting-detail", "paper-download", "prg-action-detail", "meeting-edit", "prg-group-edit"):
        assert clients["staff"].get(reverse(f"partners:{name}", args=[999999])).status_code == 404, name


def test_partners_of_any_organisation_see_nothing_even_their_own_members(records):
    """The PRG is not an organisation's record: a partner of a member's organisation is refused like any other."""
    from django.test import Client

    from partners.tests.factories import OrganisationFactory, partner_of

    own = partner_of(records["member"].organisation, username="partner-own")
    other = partner_of(OrganisationFactory(), username="partner-other")
    for user in (own, other):
        client = Client()
        client.force_login(user)
        for url in [*read_urls(records), *write_urls(records)]:
            assert client.get(url).status_code == 403, (user.username, url)
        for name in ("prg-member-list", "prg-meeting-list", "prg-action-list"):
            assert client.get(reverse(f"api:{name}")).status_code == 403, (user.username, name)
