"""PRG members: added and changed by staff, current and past shown apart, a term that ends before it starts refused."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from partners.models import PrgMember
from partners.services import prg as services
from partners.tests.factories import OrganisationFactory
from partners.tests.prg.factories import PrgMemberFactory, days_from_today

pytestmark = pytest.mark.django_db

ADD = reverse("partners:prg-member-create")
MEMBERS = reverse("partners:prg-members")


def member_form(**changes):
    data = {
        "name": "Dr Amara Osei",
        "organisation": "",
        "job_title": "Consultant in public health",
        "role": "member",
        "term_start": "2025-04-01",
        "term_end": "",
        "user": "",
    }
    data.update(changes)
    return data


def test_staff_add_a_member_with_their_organisation_and_account(staff_client, prg_user):
    organisation = OrganisationFactory(name="NHS London")

    response = staff_client.post(
        ADD, member_form(organisation=organisation.pk, role="community", user=prg_user.pk), follow=True
    )

    assert "Dr Amara Osei’s membership saved." in response.content.decode()
    member = PrgMember.objects.get()
    assert (member.organisation, member.role, member.user) == (organisation, "community", prg_user)
    assert member.history.get().history_user.username == "staff"


def test_a_term_ending_before_it_starts_is_refused_beside_the_field(staff_client):
    response = staff_client.post(ADD, member_form(term_start="2025-04-01", term_end="2025-03-31"))

    assert response.status_code == 200
    page = response.content.decode()
    assert "There is a problem" in page
    assert 'id="id_term_end-error"' in page
    assert "The end of the term must be the same as or after its start." in page
    assert 'value="Dr Amara Osei"' in page  # what was typed is kept
    assert not PrgMember.objects.exists()


def test_missing_name_and_start_are_explained(staff_client):
    response = staff_client.post(ADD, member_form(name="", term_start=""))

    page = response.content.decode()
    assert "Enter the member&#x27;s name." in page
    assert "Enter the start of the term." in page
    assert not PrgMember.objects.exists()


def test_staff_change_a_member(staff_client):
    member = PrgMemberFactory(name="Ravi Chandran", role="member")

    staff_client.post(
        reverse("partners:prg-member-edit", args=[member.pk]),
        member_form(name="Ravi Chandran", role="chair", term_start=member.term_start.isoformat()),
    )

    member.refresh_from_db()
    assert member.role == "chair"


def test_current_future_and_past_members_are_listed_apart(client, prg_user):
    PrgMemberFactory(name="Current Member", term_start=days_from_today(-100), term_end=days_from_today(100))
    PrgMemberFactory(name="Open-ended Member", term_start=days_from_today(-100), term_end=None)
    PrgMemberFactory(name="Ends Today", term_start=days_from_today(-100), term_end=days_from_today(0))
    PrgMemberFactory(name="Joining Member", term_start=days_from_today(10))
    PrgMemberFactory(name="Former Member", term_start=days_from_today(-700), term_end=days_from_today(-1))
    client.force_login(prg_user)

    response = client.get(MEMBERS)

    assert [m.name for m in response.context["current"]] == ["Current Member", "Ends Today", "Open-ended Member"]
    assert [m.name for m in response.context["future"]] == ["Joining Member"]
    assert [m.name for m in response.context["past"]] == ["Former Member"]
    page = response.content.decode()
    assert page.index("Current members") < page.index("Current Member") < page.index("Past members")
    assert page.index("Past members") < page.index("Former Member")


def test_the_service_refuses_bad_dates_and_an_inactive_account(staff_user, prg_user):
    with pytest.raises(ValidationError) as caught:
        services.prg_member_save(
            user=staff_user, name="X", role="member", term_start=days_from_today(0), term_end=days_from_today(-1)
        )
    assert caught.value.message_dict == {"term_end": ["The end of the term must be the same as or after its start."]}

    prg_user.is_active = False
    prg_user.save()
    with pytest.raises(ValidationError) as caught:
        services.prg_member_save(
            user=staff_user, name="X", role="member", term_start=days_from_today(0), account=prg_user
        )
    assert "account" in caught.value.message_dict
    assert not PrgMember.objects.exists()
