"""Assessment and decisions for the API. Registered in ``vru.api_urls``.

The same rules as the pages, from ``commissioning.permissions``, through the same services:

- ``assessments``: VRU staff, managers and admins. Staff assign an assessor (POST) and take off
  one who has not started (DELETE). The assessor declares on conflicts of interest
  (``POST …/{id}/declare/``) and saves or submits their scores (``POST …/{id}/scores/``); anyone
  else gets 403. An assessor who declared a conflict on an application does not get the other
  assessors' assessments of it at all (they are left out of the list, and 404), and gets 403 on
  scoring. Others' scores show once submitted.
- ``eligibility-checks``, ``moderations`` (POST only): the eligibility check of a submitted
  application and the panel's recommendation on an assessed one, by VRU roles (moderation not by
  an assessor conflicted on it).
- ``decisions`` (POST only): a manager awards or declines a recommended application; staff get
  403. An amount over the request or over what is left in the fund is a 400 on ``amount``, with
  nothing saved.

Partner users and PRG members get 403 on all of these; requests without credentials get 401.
"""

from commissioning.api.assessment.assessments import AssessmentViewSet
from commissioning.api.assessment.decisions import DecisionViewSet, EligibilityCheckViewSet, ModerationViewSet


def register(router) -> None:
    """Add this part's viewsets to the API router (called by vru/api_urls.py)."""
    router.register("assessments", AssessmentViewSet, basename="assessment")
    router.register("eligibility-checks", EligibilityCheckViewSet, basename="eligibility-check")
    router.register("moderations", ModerationViewSet, basename="moderation")
    router.register("decisions", DecisionViewSet, basename="decision")
