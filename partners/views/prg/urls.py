"""URLs of the Partnership Reference Group's pages, joined in partners/urls.py."""

from django.urls import path

from partners.views.prg import actions, groups, home, meetings, papers

urlpatterns = [
    path("prg/", home.prg_home, name="prg-home"),
    path("prg/members/", home.member_list, name="prg-members"),
    path("prg/members/new/", home.member_edit, name="prg-member-create"),
    path("prg/members/<int:pk>/edit/", home.member_edit, name="prg-member-edit"),
    path("prg/meetings/", meetings.meeting_list, name="meeting-list"),
    path("prg/meetings/new/", meetings.meeting_edit, name="meeting-create"),
    path("prg/meetings/<int:pk>/", meetings.meeting_detail, name="meeting-detail"),
    path("prg/meetings/<int:pk>/edit/", meetings.meeting_edit, name="meeting-edit"),
    path("prg/meetings/<int:pk>/attendance/", meetings.attendance_edit, name="meeting-attendance"),
    path("prg/meetings/<int:pk>/papers/new/", papers.paper_upload, name="paper-upload"),
    path("prg/papers/<int:pk>/download/", papers.paper_download, name="paper-download"),
    path("prg/papers/<int:pk>/edit/", papers.paper_edit, name="paper-edit"),
    path("prg/papers/<int:pk>/delete/", papers.paper_delete, name="paper-delete"),
    path(
        "prg/papers/<int:paper_pk>/recommendations/new/",
        papers.recommendation_edit,
        name="prg-recommendation-create",
    ),
    path("prg/recommendations/<int:pk>/edit/", papers.recommendation_edit, name="prg-recommendation-edit"),
    path("prg/recommendations/<int:pk>/delete/", papers.recommendation_delete, name="prg-recommendation-delete"),
    path("prg/recommendations/<int:pk>/decision/", papers.decision_edit, name="prg-decision-record"),
    path("prg/actions/", actions.action_list, name="prg-actions"),
    path("prg/actions/new/", actions.action_edit, name="prg-action-create"),
    path("prg/actions/<int:pk>/", actions.action_detail, name="prg-action-detail"),
    path("prg/actions/<int:pk>/edit/", actions.action_edit, name="prg-action-edit"),
    path("prg/groups/", groups.group_list, name="prg-groups"),
    path("prg/groups/new/", groups.group_edit, name="prg-group-create"),
    path("prg/groups/<int:pk>/edit/", groups.group_edit, name="prg-group-edit"),
]
