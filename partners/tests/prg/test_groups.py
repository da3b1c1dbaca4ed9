"""Task-and-finish groups: time-limited, shown as closed after their end date; an end before the start refused."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from partners.models import TaskAndFinishGroup
from partners.services import prg as services
from partners.tests.prg.factories import PrgMemberFactory, TaskAndFinishGroupFactory, days_from_today

pytestmark = pytest.mark.django_db


def group_form(**changes):
    data = {
        "name": "Keeping young people in education",
        "remit": "Look at exclusions and alternative provision.",
        "start_date": "2026-01-05",
        "end_date": "2026-06-30",
    }
    data.update(changes)
    return data


def test_staff_set_up_a_group_with_members(staff_client):
    kelly = PrgMemberFactory(name="Bernadette Kelly")
    chandran = PrgMemberFactory(name="Ravi Chandran")

    response = staff_client.post(
        reverse("partners:prg-group-create"), {**group_form(), "members": [kelly.pk, chandran.pk]}, follow=True
    )

    group = TaskAndFinishGroup.objects.get()
    assert set(group.members.all()) == {kelly, chandran}
    assert "Task-and-finish group “Keeping young people in education” saved." in response.content.decode()


def test_an_end_before_the_start_is_refused_beside_the_field(staff_client):
    response = staff_client.post(
        reverse("partners:prg-group-create"), group_form(start_date="2026-06-30", end_date="2026-01-05")
    )

    page = response.content.decode()
    assert "There is a problem" in page
    assert 'id="id_end_date-error"' in page
    assert "The end date must be the same as or after the start date." in page
    assert not TaskAndFinishGroup.objects.exists()


def test_a_second_group_with_the_same_name_is_refused(staff_client):
    TaskAndFinishGroupFactory(name="Keeping young people in education")

    response = staff_client.post(reverse("partners:prg-group-create"), group_form())

    assert "A group with this name already exists." in response.content.decode()
    assert TaskAndFinishGroup.objects.count() == 1


def test_groups_are_shown_open_or_closed_by_their_end_date(client, prg_user):
    TaskAndFinishGroupFactory(name="Still going", start_date=days_from_today(-10), end_date=days_from_today(10))
    TaskAndFinishGroupFactory(name="Ends today", start_date=days_from_today(-10), end_date=days_from_today(0))
    TaskAndFinishGroupFactory(name="Finished", start_date=days_from_today(-100), end_date=days_from_today(-1))
    client.force_login(prg_user)

    response = client.get(reverse("partners:prg-groups"))

    assert sorted(g.name for g in response.context["open_groups"]) == ["Ends today", "Still going"]
    assert [g.name for g in response.context["closed_groups"]] == ["Finished"]
    page = response.content.decode()
    finished = page[page.index("Finished") :]
    assert '<strong class="govuk-tag govuk-tag--grey">Closed</strong>' in finished[:400]


def test_the_service_refuses_an_end_before_the_start(staff_user):
    with pytest.raises(ValidationError) as caught:
        services.task_group_save(
            user=staff_user, name="X", remit="Y", start_date=days_from_today(0), end_date=days_from_today(-1)
        )

    assert caught.value.message_dict == {"end_date": ["The end date must be the same as or after the start date."]}
    assert not TaskAndFinishGroup.objects.exists()
