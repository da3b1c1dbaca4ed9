"""The eligibility check and the assessors page, as VRU staff use them."""

import pytest
from django.urls import reverse

from commissioning.models import ApplicationStatus, Assessment
from commissioning.tests.assessment.conftest import client_for, page_text
from commissioning.tests.assessment.factories import AssessmentFactory, application_at, declared, scored

pytestmark = pytest.mark.django_db
S = ApplicationStatus


def eligibility_url(application):
    return reverse("commissioning:application-eligibility", args=[application.pk])


def assessors_url(application):
    return reverse("commissioning:application-assessors", args=[application.pk])


# --- Eligibility ---------------------------------------------------------------------------------------


def test_eligible_goes_on_to_the_assessors(staff_client):
    application = application_at(S.SUBMITTED)
    response = staff_client.post(eligibility_url(application), {"eligible": "yes", "notes": ""})
    assert response.status_code == 302 and response.url == assessors_url(application)
    application.refresh_from_db()
    assert application.status == S.ELIGIBLE


def test_not_eligible_without_notes_is_shown_beside_the_field_and_in_the_summary(staff_client):
    application = application_at(S.SUBMITTED)
    response = staff_client.post(eligibility_url(application), {"eligible": "no", "notes": ""})
    page = page_text(response)
    assert response.status_code == 200
    assert "There is a problem" in page
    assert page.count("Say why the application is not eligible: the applicant will see this.") == 2
    assert 'href="#id_notes"' in page and 'value="no" id="id_eligible_1" checked' in page
    application.refresh_from_db()
    assert application.status == S.SUBMITTED


def test_not_eligible_with_reasons_the_applicant_sees(staff_client, partner_user, organisation):
    application = application_at(S.SUBMITTED, organisation=organisation)
    response = staff_client.post(eligibility_url(application), {"eligible": "no", "notes": "Outside London."})
    assert response.status_code == 302 and response.url == application.get_absolute_url()
    application.refresh_from_db()
    assert (application.status, application.decision_reasons) == (S.INELIGIBLE, "Outside London.")
    assert "Outside London." in page_text(client_for(partner_user).get(application.get_absolute_url()))


def test_nothing_chosen_is_an_error(staff_client):
    application = application_at(S.SUBMITTED)
    page = page_text(staff_client.post(eligibility_url(application), {}))
    assert "Choose yes if the application is eligible, or no." in page


def test_a_checked_application_says_so_and_changes_nothing(staff_client, staff_user):
    application = application_at(S.SUBMITTED)
    staff_client.post(eligibility_url(application), {"eligible": "yes"})
    response = staff_client.post(eligibility_url(application), {"eligible": "no", "notes": "Changed my mind."})
    assert response.status_code == 403
    assert "Eligibility has been checked" in page_text(response)
    assert "by Staff Persona: eligible" in page_text(response)
    application.refresh_from_db()
    assert application.status == S.ELIGIBLE


def test_a_draft_cannot_be_checked(staff_client):
    response = staff_client.get(eligibility_url(application_at(S.DRAFT)))
    assert response.status_code == 403
    assert "once an application is submitted; this one is “draft”" in page_text(response)


# --- Assessors --------------------------------------------------------------------------------------------


def test_the_page_offers_only_vru_people_not_yet_assigned(
    staff_client, staff_user, manager_user, admin_user, prg_user, partner_user
):
    application = application_at(S.ELIGIBLE)
    AssessmentFactory(application=application, assessor=manager_user)
    page = page_text(staff_client.get(assessors_url(application)))
    checkboxes = page[page.index("Assign assessors") :]
    assert f'value="{admin_user.pk}"' in checkboxes and f'value="{staff_user.pk}"' in checkboxes
    assert f'value="{manager_user.pk}"' not in checkboxes
    assert f'value="{prg_user.pk}"' not in checkboxes and f'value="{partner_user.pk}"' not in checkboxes
    assert "Manager Persona" in page and "Not started" in page


def test_assigning_assessors(staff_client, manager_user, admin_user):
    application = application_at(S.ELIGIBLE)
    response = staff_client.post(assessors_url(application), {"assessors": [manager_user.pk, admin_user.pk]})
    assert response.status_code == 302
    assert set(application.assessments.values_list("assessor__username", flat=True)) == {"manager", "admin"}
    follow = page_text(staff_client.get(response.url))
    assert (
        "Assigned Manager Persona, Admin Persona to assess" in follow
        or "Assigned Admin Persona, Manager Persona" in follow
    )


def test_assigning_nobody_or_a_stranger_is_an_error(staff_client, partner_user):
    application = application_at(S.ELIGIBLE)
    page = page_text(staff_client.post(assessors_url(application), {}))
    assert page.count("Choose at least one person to assess the application.") == 2
    response = staff_client.post(assessors_url(application), {"assessors": [partner_user.pk]})
    assert response.status_code == 200 and "Select a valid choice" in page_text(response)
    assert not application.assessments.exists()


def test_removing_an_assessor_who_has_not_started(staff_client, manager_user):
    application = application_at(S.ELIGIBLE)
    assessment = AssessmentFactory(application=application, assessor=manager_user)
    url = reverse("commissioning:application-assessor-remove", args=[application.pk, assessment.pk])
    assert staff_client.get(url).status_code == 405
    response = staff_client.post(url)
    assert response.status_code == 302
    assert not Assessment.objects.filter(pk=assessment.pk).exists()


def test_an_assessor_who_has_started_cannot_be_removed(staff_client, manager_user):
    application = application_at(S.ELIGIBLE)
    assessment = declared(AssessmentFactory(application=application, assessor=manager_user))
    page = page_text(staff_client.get(assessors_url(application)))
    assert "Remove<span" not in page
    response = staff_client.post(
        reverse("commissioning:application-assessor-remove", args=[application.pk, assessment.pk])
    )
    assert response.status_code == 400
    assert "This assessor has already started, so they cannot be removed." in page_text(response)
    assert Assessment.objects.filter(pk=assessment.pk).exists()


def test_an_assessment_of_another_application_is_not_found(staff_client):
    application = application_at(S.ELIGIBLE)
    elsewhere = AssessmentFactory()
    url = reverse("commissioning:application-assessor-remove", args=[application.pk, elsewhere.pk])
    assert staff_client.post(url).status_code == 404
    assert Assessment.objects.filter(pk=elsewhere.pk).exists()


@pytest.mark.parametrize("status", [S.SUBMITTED, S.RECOMMENDED, S.AWARDED, S.WITHDRAWN])
def test_assessors_are_not_changed_out_of_turn(staff_client, manager_user, status):
    application = application_at(status)
    response = staff_client.post(assessors_url(application), {"assessors": [manager_user.pk]})
    assert response.status_code == 403
    assert "Assessors cannot be changed now" in page_text(response)
    assert not application.assessments.exists()


def test_an_assessed_application_can_take_another_assessor(staff_client, manager_user):
    application = application_at(S.ASSESSED)
    scored(AssessmentFactory(application=application), [3, 3, 3])
    staff_client.post(assessors_url(application), {"assessors": [manager_user.pk]})
    application.refresh_from_db()
    assert application.status == S.ELIGIBLE and application.assessments.count() == 2
