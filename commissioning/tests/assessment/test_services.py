"""The assessment services: each status change from where it may start, refused out of order with nothing saved."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from commissioning.models import ApplicationStatus, Assessment, CriterionScore
from commissioning.services.assessment import (
    ScoreRow,
    ScoreRowsError,
    application_check_eligibility,
    application_moderate,
    assessment_score,
    assessor_remove,
    assessors_assign,
    conflict_declare,
)
from commissioning.tests.assessment.factories import AssessmentFactory, application_at, declared, scored
from vru.tests.factories import UserFactory

pytestmark = pytest.mark.django_db
S = ApplicationStatus


def rows_for(application, scores, comment="Because."):
    criteria = application.round.criteria.order_by("order", "pk")
    return [ScoreRow(c.pk, s, comment) for c, s in zip(criteria, scores, strict=False)]


# --- Eligibility -----------------------------------------------------------------------------------


def test_eligible_moves_a_submitted_application_on_and_records_who(staff_user):
    application = application_at(S.SUBMITTED)
    application_check_eligibility(application=application, user=staff_user, eligible=True, notes="  Fits the round. ")
    application.refresh_from_db()
    assert application.status == S.ELIGIBLE
    assert application.eligibility_notes == "Fits the round."
    assert application.eligibility_checked_by == staff_user and application.eligibility_checked_at
    assert application.decided_at is None and application.decision_reasons == ""
    assert application.history.first().history_user == staff_user


def test_not_eligible_needs_reasons_which_become_the_decisions(staff_user):
    application = application_at(S.SUBMITTED)
    with pytest.raises(ValidationError) as error:
        application_check_eligibility(application=application, user=staff_user, eligible=False, notes="   ")
    assert "applicant will see" in error.value.message_dict["notes"][0]
    application.refresh_from_db()
    assert application.status == S.SUBMITTED and application.eligibility_checked_at is None

    application_check_eligibility(application=application, user=staff_user, eligible=False, notes="Outside London.")
    application.refresh_from_db()
    assert application.status == S.INELIGIBLE
    assert application.decision_reasons == "Outside London."
    assert application.decided_by == staff_user and application.decided_at


@pytest.mark.parametrize("status", [S.DRAFT, S.ELIGIBLE, S.INELIGIBLE, S.RECOMMENDED, S.WITHDRAWN, S.AWARDED])
def test_eligibility_only_from_submitted(staff_user, status):
    application = application_at(status)
    with pytest.raises(ValidationError, match="Only a submitted application"):
        application_check_eligibility(application=application, user=staff_user, eligible=True)
    application.refresh_from_db()
    assert application.status == status and application.eligibility_checked_at is None


# --- Assessors -----------------------------------------------------------------------------------


def test_assigning_assessors_skips_those_already_assigned(staff_user, manager_user, admin_user):
    application = application_at(S.ELIGIBLE)
    assessors_assign(application=application, user=staff_user, assessors=[manager_user])
    created = assessors_assign(application=application, user=staff_user, assessors=[manager_user, admin_user])
    assert [a.assessor for a in created] == [admin_user]
    assert set(application.assessments.values_list("assessor__username", flat=True)) == {"manager", "admin"}
    assert Assessment.history.filter(history_user=staff_user).count() == 2


@pytest.mark.parametrize("status", [S.SUBMITTED, S.RECOMMENDED, S.DECLINED, S.WITHDRAWN, S.INELIGIBLE])
def test_assessors_only_between_eligibility_and_moderation(staff_user, manager_user, status):
    application = application_at(status)
    with pytest.raises(ValidationError, match="found eligible"):
        assessors_assign(application=application, user=staff_user, assessors=[manager_user])
    assert not application.assessments.exists()


def test_only_vru_people_assess(staff_user, partner_user, prg_user):
    application = application_at(S.ELIGIBLE)
    with pytest.raises(ValidationError) as error:
        assessors_assign(application=application, user=staff_user, assessors=[partner_user, prg_user])
    assert "Only VRU staff, managers and admins can assess" in error.value.message_dict["assessors"][0]
    with pytest.raises(ValidationError):
        assessors_assign(application=application, user=staff_user, assessors=[])
    assert not application.assessments.exists()


def test_assigning_another_assessor_reopens_an_assessed_application(staff_user, manager_user):
    application = application_at(S.ASSESSED)
    scored(AssessmentFactory(application=application), [3, 3, 3])
    assessors_assign(application=application, user=staff_user, assessors=[manager_user])
    application.refresh_from_db()
    assert application.status == S.ELIGIBLE


def test_removing_an_assessor_who_has_not_started(staff_user):
    assessment = AssessmentFactory()
    assessor_remove(assessment=assessment, user=staff_user)
    assert not Assessment.objects.filter(pk=assessment.pk).exists()
    assert Assessment.history.filter(id=assessment.pk, history_type="-", history_user=staff_user).exists()


def test_an_assessor_who_has_declared_stays(staff_user):
    for conflict in (False, True):
        assessment = declared(AssessmentFactory(), conflict=conflict)
        with pytest.raises(ValidationError, match="already started"):
            assessor_remove(assessment=assessment, user=staff_user)
        assert Assessment.objects.filter(pk=assessment.pk).exists()


def test_removing_the_last_one_waiting_completes_the_assessment(staff_user):
    application = application_at(S.ELIGIBLE)
    scored(AssessmentFactory(application=application), [3, 3, 3])
    waiting = AssessmentFactory(application=application)
    assessor_remove(assessment=waiting, user=staff_user)
    application.refresh_from_db()
    assert application.status == S.ASSESSED


# --- Conflicts -------------------------------------------------------------------------------------


def test_declaring_a_conflict_needs_details_and_is_final():
    assessment = AssessmentFactory()
    with pytest.raises(ValidationError) as error:
        conflict_declare(assessment=assessment, user=assessment.assessor, has_conflict=True, details=" ")
    assert error.value.message_dict["conflict_details"] == ["Describe your conflict of interest."]
    assessment.refresh_from_db()
    assert assessment.has_conflict is None

    conflict_declare(assessment=assessment, user=assessment.assessor, has_conflict=True, details="My cousin runs it.")
    assessment.refresh_from_db()
    assert (assessment.has_conflict, assessment.conflict_details) == (True, "My cousin runs it.")
    assert assessment.conflict_declared_at
    with pytest.raises(ValidationError, match="already declared"):
        conflict_declare(assessment=assessment, user=assessment.assessor, has_conflict=False)
    assessment.refresh_from_db()
    assert assessment.has_conflict is True


def test_no_conflict_drops_any_details():
    assessment = AssessmentFactory()
    conflict_declare(assessment=assessment, user=assessment.assessor, has_conflict=False, details="Typed anyway")
    assessment.refresh_from_db()
    assert (assessment.has_conflict, assessment.conflict_details) == (False, "")


def test_only_the_assessor_declares(staff_user):
    assessment = AssessmentFactory()
    with pytest.raises(PermissionDenied):
        conflict_declare(assessment=assessment, user=staff_user, has_conflict=False)
    assessment.refresh_from_db()
    assert assessment.has_conflict is None


def test_the_last_conflict_declared_completes_the_assessment():
    application = application_at(S.ELIGIBLE)
    scored(AssessmentFactory(application=application), [3, 3, 3])
    other = AssessmentFactory(application=application)
    conflict_declare(assessment=other, user=other.assessor, has_conflict=True, details="I work there.")
    application.refresh_from_db()
    assert application.status == S.ASSESSED


def test_everyone_conflicted_leaves_it_eligible_for_more_assessors():
    application = application_at(S.ELIGIBLE)
    only = AssessmentFactory(application=application)
    conflict_declare(assessment=only, user=only.assessor, has_conflict=True, details="I work there.")
    application.refresh_from_db()
    assert application.status == S.ELIGIBLE


# --- Scoring -------------------------------------------------------------------------------------------


def test_save_for_later_keeps_what_is_given_and_submit_needs_everything():
    assessment = declared(AssessmentFactory())
    application = assessment.application
    user = assessment.assessor
    rows = rows_for(application, [4, None, None], comment="")
    assessment_score(assessment=assessment, user=user, scores=rows, recommendation="maybe")
    assessment.refresh_from_db()
    assert list(assessment.scores.values_list("score", flat=True)) == [4]
    assert assessment.recommendation == "maybe" and assessment.submitted_at is None

    with pytest.raises(ScoreRowsError) as error:
        assessment_score(assessment=assessment, user=user, scores=rows, recommendation="", submit=True)
    criterion_ids = [c.pk for c in application.round.criteria.order_by("order")]
    assert error.value.criterion_errors[criterion_ids[0]] == {"comment": ["Enter a comment on “Need”."]}
    assert error.value.criterion_errors[criterion_ids[1]]["score"] == ["Choose a score for “Evidence”."]
    assert set(error.value.field_errors) == {"recommendation", "comment"}
    assessment.refresh_from_db()
    assert assessment.submitted_at is None and assessment.recommendation == "maybe"

    assessment_score(
        assessment=assessment,
        user=user,
        scores=rows_for(application, [4, 3, 5]),
        recommendation="yes",
        comment="Strong.",
        submit=True,
    )
    assessment.refresh_from_db()
    assert assessment.submitted_at and assessment.comment == "Strong."
    assert list(assessment.scores.order_by("criterion__order").values_list("score", flat=True)) == [4, 3, 5]
    application.refresh_from_db()
    assert application.status == S.ASSESSED


def test_scores_are_all_or_nothing():
    assessment = declared(AssessmentFactory())
    rows = rows_for(assessment.application, [4, 9, 2])
    with pytest.raises(ScoreRowsError) as error:
        assessment_score(assessment=assessment, user=assessment.assessor, scores=rows)
    assert "from 0 to 5" in str(error.value.messages)
    assert not CriterionScore.objects.filter(assessment=assessment).exists()


def test_a_comment_without_a_score_is_not_lost_silently():
    assessment = declared(AssessmentFactory())
    rows = rows_for(assessment.application, [None], comment="Half a thought")
    with pytest.raises(ScoreRowsError):
        assessment_score(assessment=assessment, user=assessment.assessor, scores=rows)


def test_criteria_of_another_round_are_refused():
    assessment = declared(AssessmentFactory())
    other = AssessmentFactory()
    with pytest.raises(ScoreRowsError) as error:
        assessment_score(assessment=assessment, user=assessment.assessor, scores=rows_for(other.application, [3]))
    assert error.value.field_errors["scores"] == ["Score only this round’s criteria."]


def test_clearing_a_saved_score_removes_it():
    assessment = scored(declared(AssessmentFactory()), [3, 3], submit=False)
    first, second = rows_for(assessment.application, [3, None], comment="")
    assessment_score(assessment=assessment, user=assessment.assessor, scores=[first, second])
    assert list(assessment.scores.values_list("score", "comment")) == [(3, "")]


def test_submitted_scores_cannot_change():
    assessment = scored(AssessmentFactory(), [3, 3, 3])
    with pytest.raises(ValidationError, match="submitted your scores"):
        assessment_score(assessment=assessment, user=assessment.assessor, scores=rows_for(assessment.application, [5]))
    assert list(assessment.scores.values_list("score", flat=True)) == [3, 3, 3]


def test_a_conflicted_or_undeclared_or_other_user_cannot_score(staff_user):
    conflicted = declared(AssessmentFactory(), conflict=True)
    with pytest.raises(PermissionDenied, match="conflict of interest"):
        assessment_score(assessment=conflicted, user=conflicted.assessor, scores=rows_for(conflicted.application, [3]))
    undeclared = AssessmentFactory()
    with pytest.raises(ValidationError, match="Declare any conflict"):
        assessment_score(assessment=undeclared, user=undeclared.assessor, scores=[])
    mine = declared(AssessmentFactory())
    with pytest.raises(PermissionDenied):
        assessment_score(assessment=mine, user=staff_user, scores=rows_for(mine.application, [3]))
    assert not CriterionScore.objects.exists()


@pytest.mark.parametrize("status", [S.RECOMMENDED, S.WITHDRAWN, S.DECLINED])
def test_no_scoring_once_the_application_has_moved_on(status):
    assessment = declared(AssessmentFactory(application=application_at(status)))
    with pytest.raises(ValidationError, match="no longer being assessed"):
        assessment_score(assessment=assessment, user=assessment.assessor, scores=rows_for(assessment.application, [3]))


def test_assessed_only_when_every_unconflicted_assessor_has_submitted():
    application = application_at(S.ELIGIBLE)
    first = declared(AssessmentFactory(application=application))
    second = declared(AssessmentFactory(application=application))
    declared(AssessmentFactory(application=application), conflict=True)
    full = rows_for(application, [3, 3, 3])

    assessment_score(
        assessment=first, user=first.assessor, scores=full, recommendation="yes", comment="Ok", submit=True
    )
    application.refresh_from_db()
    assert application.status == S.ELIGIBLE

    assessment_score(
        assessment=second, user=second.assessor, scores=full, recommendation="no", comment="No", submit=True
    )
    application.refresh_from_db()
    assert application.status == S.ASSESSED


# --- Moderation ----------------------------------------------------------------------------------------


def test_moderation_records_the_panel_and_recommends(staff_user):
    application = application_at(S.ASSESSED)
    with pytest.raises(ValidationError) as error:
        application_moderate(application=application, user=staff_user, recommendation="perhaps", notes="")
    assert set(error.value.message_dict) == {"recommendation", "notes"}
    application_moderate(application=application, user=staff_user, recommendation="maybe", notes="Fund half.")
    application.refresh_from_db()
    assert application.status == S.RECOMMENDED
    assert (application.panel_recommendation, application.moderation_notes) == ("maybe", "Fund half.")
    assert application.moderated_by == staff_user and application.moderated_at


@pytest.mark.parametrize("status", [S.SUBMITTED, S.ELIGIBLE, S.RECOMMENDED, S.AWARDED])
def test_moderation_only_from_assessed(staff_user, status):
    application = application_at(status)
    with pytest.raises(ValidationError, match="Only an assessed application"):
        application_moderate(application=application, user=staff_user, recommendation="yes", notes="Go.")
    application.refresh_from_db()
    assert application.status == status and application.moderated_at is None


def test_a_conflicted_assessor_cannot_moderate():
    application = application_at(S.ASSESSED)
    conflicted = declared(
        AssessmentFactory(application=application, assessor=UserFactory(role="manager")), conflict=True
    )
    with pytest.raises(PermissionDenied):
        application_moderate(application=application, user=conflicted.assessor, recommendation="yes", notes="Go.")
    application.refresh_from_db()
    assert application.status == S.ASSESSED
