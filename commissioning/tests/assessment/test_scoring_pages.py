"""An assessor's pages: their list, the once-only declaration and scoring with save-for-later and submit."""

import pytest
from django.urls import reverse

from commissioning.models import ApplicationStatus, CriterionScore
from commissioning.tests.assessment.conftest import client_for, page_text
from commissioning.tests.assessment.factories import AssessmentFactory, application_at, declared, scored

pytestmark = pytest.mark.django_db
S = ApplicationStatus


def conflict_url(assessment):
    return reverse("commissioning:assessment-conflict", args=[assessment.pk])


def score_url(assessment):
    return reverse("commissioning:assessment-score", args=[assessment.pk])


def score_data(assessment, scores, *, step, comment="Because.", recommendation="yes", overall="Fund it."):
    data = {"step": step, "recommendation": recommendation, "comment": overall}
    for criterion, score in zip(assessment.application.round.criteria.order_by("order"), scores, strict=False):
        if score is not None:
            data[f"score_{criterion.pk}"] = str(score)
        data[f"comment_{criterion.pk}"] = comment if score is not None else ""
    return data


def test_the_list_says_what_to_do_next_on_each(staff_user, staff_client):
    to_declare = AssessmentFactory(assessor=staff_user, application=application_at(S.ELIGIBLE, project_title="Alpha"))
    to_score = declared(AssessmentFactory(assessor=staff_user))
    started = scored(AssessmentFactory(assessor=staff_user), [3], submit=False)
    done = scored(AssessmentFactory(assessor=staff_user), [3, 3, 3])
    conflicted = declared(AssessmentFactory(assessor=staff_user), conflict=True)
    closed = AssessmentFactory(assessor=staff_user, application=application_at(S.WITHDRAWN))
    AssessmentFactory()  # someone else's

    page = page_text(staff_client.get(reverse("commissioning:assessment-list")))

    assert "1 to declare on · 2 to score · 3 done or closed" in page
    assert page.index(conflict_url(to_declare)) < page.index(score_url(to_score))
    assert "Score the application" in page and "Carry on scoring" in page and "1 criterion scored so far" in page
    assert score_url(started) in page and score_url(done) in page and "See your scores" in page
    assert "Nothing: you declared a conflict" in page and score_url(conflicted) not in page
    assert "Nothing: the application is withdrawn" in page and conflict_url(closed) not in page
    assert page.count('<tr class="govuk-table__row">') == 7  # the header and six of mine


# --- Declaring ----------------------------------------------------------------------------------------


def test_declaring_no_conflict_goes_on_to_scoring(staff_user, staff_client):
    assessment = AssessmentFactory(assessor=staff_user)
    response = staff_client.post(conflict_url(assessment), {"has_conflict": "no"})
    assert response.status_code == 302 and response.url == score_url(assessment)
    assessment.refresh_from_db()
    assert assessment.has_conflict is False


def test_a_conflict_needs_its_details(staff_user, staff_client):
    assessment = AssessmentFactory(assessor=staff_user)
    page = page_text(staff_client.post(conflict_url(assessment), {"has_conflict": "yes", "conflict_details": ""}))
    assert page.count("Describe your conflict of interest.") == 2
    assessment.refresh_from_db()
    assert assessment.has_conflict is None
    response = staff_client.post(conflict_url(assessment), {"has_conflict": "yes", "conflict_details": "My sister."})
    assert response.url == reverse("commissioning:assessment-list")
    assessment.refresh_from_db()
    assert (assessment.has_conflict, assessment.conflict_details) == (True, "My sister.")


def test_a_declaration_is_once_and_final(staff_user, staff_client):
    assessment = declared(AssessmentFactory(assessor=staff_user), conflict=True, details="My sister.")
    response = staff_client.get(conflict_url(assessment))
    assert response.status_code == 200
    assert "A declaration is final" in page_text(response) and "My sister." in page_text(response)
    response = staff_client.post(conflict_url(assessment), {"has_conflict": "no"})
    assert response.status_code == 403
    assessment.refresh_from_db()
    assert assessment.has_conflict is True


def test_no_declaring_once_the_application_has_moved_on(staff_user, staff_client):
    assessment = AssessmentFactory(assessor=staff_user, application=application_at(S.WITHDRAWN))
    response = staff_client.post(conflict_url(assessment), {"has_conflict": "no"})
    assert response.status_code == 403 and "no longer being assessed" in page_text(response)


# --- Scoring ------------------------------------------------------------------------------------------


def test_scoring_before_declaring_goes_to_the_declaration(staff_user, staff_client):
    assessment = AssessmentFactory(assessor=staff_user)
    response = staff_client.get(score_url(assessment))
    assert response.status_code == 302 and response.url == conflict_url(assessment)


def test_the_score_page_shows_the_application_beside_the_form(staff_user, staff_client):
    assessment = declared(AssessmentFactory(assessor=staff_user))
    page = page_text(staff_client.get(score_url(assessment)))
    assert "Youth workers meet young people where they are." in page
    assert "Two youth workers" in page and "How will young people shape the project?" in page
    assert "Need (50%)" in page and "Evidence (30%)" in page and "Value for money (20%)" in page
    assert 'name="step" value="save"' in page and 'name="step" value="submit"' in page


def test_save_and_come_back_later(staff_user, staff_client):
    assessment = declared(AssessmentFactory(assessor=staff_user))
    response = staff_client.post(score_url(assessment), score_data(assessment, [4, None, None], step="save"))
    assert response.status_code == 302 and response.url == reverse("commissioning:assessment-list")
    assessment.refresh_from_db()
    assert assessment.submitted_at is None
    assert list(assessment.scores.values_list("score", flat=True)) == [4]
    page = page_text(staff_client.get(score_url(assessment)))
    assert 'value="4" id="id_score_' in page and "checked" in page and "Fund it." in page


def test_submitting_with_gaps_shows_every_gap_keeps_what_was_typed_and_saves_nothing(staff_user, staff_client):
    assessment = declared(AssessmentFactory(assessor=staff_user))
    data = score_data(assessment, [4, 3, None], step="submit", overall="")
    response = staff_client.post(score_url(assessment), data)
    page = page_text(response)
    assert response.status_code == 200 and "There is a problem" in page
    assert page.count("Choose a score for “Value for money”.") == 2
    assert page.count("Enter your overall comment on the application.") == 2
    assert page.count("Because.") >= 2
    assert not CriterionScore.objects.filter(assessment=assessment).exists()
    assessment.refresh_from_db()
    assert assessment.submitted_at is None and assessment.recommendation == ""


def test_submitting_every_score_makes_them_read_only(staff_user, staff_client):
    application = application_at(S.ELIGIBLE)
    assessment = declared(AssessmentFactory(assessor=staff_user, application=application))
    response = staff_client.post(score_url(assessment), score_data(assessment, [4, 3, 5], step="submit"))
    assert response.status_code == 302 and response.url == score_url(assessment)
    application.refresh_from_db()
    assert application.status == S.ASSESSED
    page = page_text(staff_client.get(score_url(assessment)))
    assert "Your weighted total: 78.0 out of 100" in page and "They can no longer change." in page
    assert "<form" not in page.split('id="main-content"')[1].split("</main>")[0]

    staff_client.post(score_url(assessment), score_data(assessment, [0, 0, 0], step="submit"))
    assert sorted(assessment.scores.values_list("score", flat=True)) == [3, 4, 5]


def test_scoring_a_withdrawn_application_is_refused(staff_user, staff_client):
    assessment = declared(AssessmentFactory(assessor=staff_user, application=application_at(S.WITHDRAWN)))
    response = staff_client.post(score_url(assessment), score_data(assessment, [4, 3, 5], step="submit"))
    assert response.status_code == 403
    assert not assessment.scores.exists()


def test_another_vru_user_cannot_score_someone_elses_assessment(manager_user):
    assessment = declared(AssessmentFactory())
    response = client_for(manager_user).post(score_url(assessment), score_data(assessment, [4, 3, 5], step="save"))
    assert response.status_code == 403
    assert not assessment.scores.exists()
