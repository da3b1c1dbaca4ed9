"""URLs of this part of the partners app, joined in partners/urls.py."""

from django.urls import path

from partners.views.plans import london, plan_pages, review, sections, submission

urlpatterns = [
    path("plans/", plan_pages.plan_list, name="plan-list"),
    path("plans/london/", london.london_plans, name="london-plans"),
    path("plans/peer-sessions/", london.peer_sessions, name="peer-sessions"),
    path("plans/start/<int:organisation_pk>/", plan_pages.plan_start, name="plan-start"),
    path("plans/<int:pk>/", plan_pages.plan_detail, name="plan-detail"),
    path("plans/<int:pk>/themes/<int:number>/", sections.plan_theme, name="plan-theme"),
    path("plans/<int:pk>/governance/", sections.plan_governance, name="plan-governance"),
    path("plans/<int:pk>/check/", submission.plan_check, name="plan-check"),
    path("plans/<int:pk>/submitted/", submission.plan_submitted, name="plan-submitted"),
    path("plans/<int:pk>/assess/", review.plan_assess, name="plan-assess"),
    path("plans/<int:pk>/progress/", review.plan_progress, name="plan-progress"),
    path("plans/<int:pk>/export.csv", plan_pages.plan_export, name="plan-export"),
]
