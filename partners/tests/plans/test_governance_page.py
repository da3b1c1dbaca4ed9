"""The minimum governance standards: partial answers kept for later, half answers refused, all needed to complete."""

import re

import pytest
from django.urls import reverse

from partners.models import GovernanceAnswer, GovernanceStandard
from partners.tests.plans.factories import BoroughPlanFactory, GovernanceAnswerFactory
from partners.tests.plans.test_theme_page import summary_links

pytestmark = pytest.mark.django_db


@pytest.fixture
def plan(lambeth_csp):
    return BoroughPlanFactory(organisation=lambeth_csp)


@pytest.fixture
def standards():
    return list(GovernanceStandard.objects.order_by("number"))


def url(plan):
    return reverse("partners:plan-governance", args=[plan.pk])


def answers(standards, *given, step="later") -> dict:
    data = {"step": step}
    for standard, (met, evidence) in zip(standards, given, strict=False):
        data[f"met_{standard.pk}"] = met
        data[f"evidence_{standard.pk}"] = evidence
    return data


def status(client, plan) -> str:
    page = client.get(plan.get_absolute_url()).content.decode()
    return re.search(r'id="governance-status">\s*(?:<strong[^>]*>)?([^<]+)', page)[1].strip()


def test_the_page_lists_every_standard(partner_client, plan, standards):
    page = partner_client.get(url(plan)).content.decode()

    for standard in standards:
        assert standard.title in page
    assert "(optional)" not in page


def test_part_of_the_answers_is_kept_for_later(partner_client, plan, standards):
    response = partner_client.post(url(plan), answers(standards, ("yes", "Board minutes, 12 March")))

    assert response.status_code == 302
    assert list(GovernanceAnswer.objects.values_list("standard__number", "met", "evidence")) == [
        (1, "yes", "Board minutes, 12 March")
    ]
    assert status(partner_client, plan) == "In progress"


def test_a_half_answer_is_refused_and_nothing_is_saved(partner_client, plan, standards):
    data = answers(standards, ("yes", "Board minutes"), ("partly", ""))

    response = partner_client.post(url(plan), data)

    html = response.content.decode()
    assert summary_links(html) == [
        (f"#id_evidence_{standards[1].pk}", "Enter the evidence that the partnership meets “Evidence-led”.")
    ]
    assert 'value="partly" id' in html or 'value="partly"' in html
    assert not GovernanceAnswer.objects.exists()


def test_marking_complete_needs_every_standard(partner_client, plan, standards):
    response = partner_client.post(url(plan), answers(standards, ("yes", "Board minutes"), step="complete"))

    links = summary_links(response.content.decode())
    assert (f"#id_met_{standards[1].pk}_0", "Say whether the partnership meets “Evidence-led”.") in links
    assert (
        f"#id_evidence_{standards[2].pk}",
        "Enter the evidence that the partnership meets “Community and youth voice”.",
    ) in links
    assert not GovernanceAnswer.objects.exists()


def test_every_standard_answered_completes_the_section(partner_client, plan, standards):
    data = answers(
        standards, ("yes", "Board minutes"), ("yes", "Problem profile 2026"), ("partly", "Youth panel"), step="complete"
    )

    partner_client.post(url(plan), data)

    assert GovernanceAnswer.objects.count() == 3
    assert status(partner_client, plan) == "Completed"


def test_emptying_an_answer_removes_it(partner_client, plan, standards):
    GovernanceAnswerFactory(plan=plan, standard=standards[0])

    partner_client.post(url(plan), answers(standards, ("", "")))

    assert not GovernanceAnswer.objects.exists()


def test_every_standard_answered_but_saved_for_later_stays_in_progress(partner_client, plan, standards):
    given = [("yes", "Board minutes"), ("yes", "Problem profile 2026"), ("partly", "Youth panel")]
    partner_client.post(url(plan), answers(standards, *given, step="later"))
    assert GovernanceAnswer.objects.filter(plan=plan).count() == 3
    assert status(partner_client, plan) == "In progress"
    partner_client.post(url(plan), answers(standards, *given, step="complete"))
    assert status(partner_client, plan) == "Completed"
    partner_client.post(url(plan), answers(standards, *given, step="later"))
    assert status(partner_client, plan) == "In progress", "coming back to it later reopens the section"
