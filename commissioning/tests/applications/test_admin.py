"""The admin for applications: listed with their round and status, corrected with their budget lines, reach and
answers inline, never added there, deleted only as drafts or withdrawn, and the amount requested kept in step."""

from decimal import Decimal

import pytest
from django.urls import reverse

from commissioning.models import Application, BudgetLine
from commissioning.tests.applications.conftest import client_for
from commissioning.tests.applications.factories import complete_application, draft_application, submitted_application
from commissioning.tests.factories import FundingRoundFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(admin_user):
    return client_for(admin_user)


def test_the_list_filters_by_round_and_status(admin_client, funding_round):
    application = submitted_application(round=funding_round)
    draft_application(round=FundingRoundFactory(title="Another round"))

    page = admin_client.get(reverse("admin:commissioning_application_changelist"), {"status__exact": "submitted"})

    html = page.content.decode()
    assert page.status_code == 200
    assert application.reference in html
    assert "By round" in html
    assert "By status" in html
    assert (
        admin_client.get(reverse("admin:commissioning_application_changelist"), {"status__exact": "draft"})
        .content.decode()
        .count(application.reference)
        == 0
    )


def test_the_change_page_has_the_sections_inline_and_keeps_history(admin_client, funding_round):
    application = complete_application(round=funding_round)

    page = admin_client.get(reverse("admin:commissioning_application_change", args=[application.pk]))
    html = page.content.decode()

    assert page.status_code == 200
    assert "Two part-time youth workers" in html
    assert "expected reach (counts of young people, never names)" in html.lower()
    assert "Young people sit on the steering group." in html
    history = admin_client.get(reverse("admin:commissioning_application_history", args=[application.pk]))
    assert history.status_code == 200


def test_applications_are_not_added_in_the_admin(admin_client):
    assert admin_client.get(reverse("admin:commissioning_application_add")).status_code == 403


def test_only_drafts_and_withdrawn_applications_can_be_deleted(admin_client, funding_round):
    draft = draft_application(round=funding_round)
    submitted = submitted_application(round=funding_round)

    assert admin_client.get(reverse("admin:commissioning_application_delete", args=[submitted.pk])).status_code == 403
    response = admin_client.post(reverse("admin:commissioning_application_delete", args=[draft.pk]), {"post": "yes"})
    assert response.status_code == 302
    assert list(Application.objects.all()) == [submitted]


def test_a_budget_line_amount_posted_to_the_admin_changes_nothing(admin_client, funding_round):
    # Money is read only in the admin: a bid's budget changes only through the application's pages.
    application = complete_application(round=funding_round)
    first, second = BudgetLine.objects.filter(application=application)
    before = (application.amount_requested, first.amount)
    reach = list(application.reach.all())
    answers = list(application.answers.all())
    data = {
        "round": application.round_id,
        "organisation": application.organisation_id,
        "status": application.status,
        "sections_completed": '["organisation"]',
        "created_by": application.created_by_id,
        "contact_name": application.contact_name,
        "contact_email": application.contact_email,
        "project_title": application.project_title,
        "boroughs": [b.pk for b in application.boroughs.all()],
        "objectives": [o.pk for o in application.objectives.all()],
        "budget_lines-TOTAL_FORMS": "2",
        "budget_lines-INITIAL_FORMS": "2",
        "budget_lines-0-id": first.pk,
        "budget_lines-0-application": application.pk,
        "budget_lines-0-order": "0",
        "budget_lines-0-category": first.category,
        "budget_lines-0-description": first.description,
        "budget_lines-0-amount": "50000.00",
        "budget_lines-1-id": second.pk,
        "budget_lines-1-application": application.pk,
        "budget_lines-1-order": "1",
        "budget_lines-1-category": second.category,
        "budget_lines-1-description": second.description,
        "budget_lines-1-amount": str(second.amount),
        "reach-TOTAL_FORMS": str(len(reach)),
        "reach-INITIAL_FORMS": str(len(reach)),
        "answers-TOTAL_FORMS": str(len(answers)),
        "answers-INITIAL_FORMS": str(len(answers)),
    }
    for index, estimate in enumerate(reach):
        data |= {f"reach-{index}-id": estimate.pk, f"reach-{index}-application": application.pk}
        data |= {f"reach-{index}-age_band": estimate.age_band, f"reach-{index}-count": estimate.count}
    for index, answer in enumerate(answers):
        data |= {f"answers-{index}-id": answer.pk, f"answers-{index}-application": application.pk}
        data |= {f"answers-{index}-question": answer.question_id, f"answers-{index}-text": answer.text}

    response = admin_client.post(reverse("admin:commissioning_application_change", args=[application.pk]), data)

    assert response.status_code == 302, response.context["adminform"].form.errors if response.context else response
    application.refresh_from_db()
    first.refresh_from_db()
    assert (application.amount_requested, first.amount) == before
    assert first.amount != Decimal("50000.00")
