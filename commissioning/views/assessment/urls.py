"""URLs of the assessment pages, mounted under /commissioning/ by commissioning/urls.py."""

from django.urls import path

from commissioning.views.assessment import decision, eligibility, panel, scoring

urlpatterns = [
    path("applications/<int:pk>/eligibility/", eligibility.application_eligibility, name="application-eligibility"),
    path("applications/<int:pk>/assessors/", eligibility.application_assessors, name="application-assessors"),
    path(
        "applications/<int:pk>/assessors/<int:assessment_pk>/remove/",
        eligibility.application_assessor_remove,
        name="application-assessor-remove",
    ),
    path("applications/<int:pk>/assessment/", panel.application_assessment, name="application-assessment"),
    path("applications/<int:pk>/moderation/", panel.application_moderate, name="application-moderate"),
    path("applications/<int:pk>/decision/", decision.application_decide, name="application-decide"),
    path("assessments/", scoring.assessment_list, name="assessment-list"),
    path("assessments/<int:pk>/conflict/", scoring.assessment_conflict, name="assessment-conflict"),
    path("assessments/<int:pk>/score/", scoring.assessment_score, name="assessment-score"),
    path("rounds/<int:pk>/assessments/export/", panel.round_assessments_export, name="round-assessments-export"),
]
