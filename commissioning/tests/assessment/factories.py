"""Factories of the assessment tests: applications at each assessment stage, assessors and their scores.

They write the rows directly (no services) so a test can start at any stage; the services'
own tests walk the stages through the services.
"""

from datetime import timedelta

import factory
from django.utils import timezone

from commissioning.models import ApplicationStatus, Assessment, CriterionScore
from commissioning.tests.factories import ApplicationFactory
from vru.tests.factories import UserFactory


def application_at(status: str, **kwargs):
    """An application submitted a day ago and moved on to ``status`` (without its side records)."""
    application = ApplicationFactory(**kwargs)
    application.status = status
    application.submitted_at = timezone.now() - timedelta(days=1)
    application.submitted_by = application.created_by
    application.save()
    return application


class AssessmentFactory(factory.django.DjangoModelFactory):
    """An assessor assigned to an eligible application, not yet declared on conflicts."""

    class Meta:
        model = Assessment

    application = factory.LazyFunction(lambda: application_at(ApplicationStatus.ELIGIBLE))
    assessor = factory.SubFactory(UserFactory, role="staff")
    assigned_by = factory.SubFactory(UserFactory, role="staff")


def declared(assessment, *, conflict=False, details="I chair its board."):
    assessment.has_conflict = conflict
    assessment.conflict_details = details if conflict else ""
    assessment.conflict_declared_at = timezone.now()
    assessment.save()
    return assessment


def scored(assessment, scores: list[int], *, recommendation="yes", comment="A strong bid.", submit=True):
    """Declared with no conflict and scored: ``scores`` in the order of the round's criteria."""
    if assessment.has_conflict is None:
        declared(assessment)
    criteria = list(assessment.application.round.criteria.order_by("order", "pk"))
    for criterion, score in zip(criteria, scores, strict=False):
        CriterionScore.objects.create(
            assessment=assessment, criterion=criterion, score=score, comment=f"Comment on {criterion.title}."
        )
    assessment.recommendation = recommendation
    assessment.comment = comment
    if submit:
        assessment.submitted_at = timezone.now()
    assessment.save()
    return assessment


def assessed_application(score_sets: list[list[int]], *, status=ApplicationStatus.ASSESSED, assessors=None, **kwargs):
    """An application with one submitted assessment per score set (criteria weighted 50/30/20)."""
    application = application_at(status, **kwargs)
    for index, scores in enumerate(score_sets):
        assessor = assessors[index] if assessors else UserFactory(role="staff")
        scored(AssessmentFactory(application=application, assessor=assessor), scores)
    return application
