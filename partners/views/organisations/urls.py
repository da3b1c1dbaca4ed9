"""URLs of this part of the partners app, joined in partners/urls.py."""

from django.urls import path

from partners.views.organisations import directory, home, invitation, organisation, people

urlpatterns = [
    path("", directory.directory, name="directory"),
    path("export.csv", directory.directory_export, name="directory-export"),
    path("home/", home.home, name="home"),
    path("organisations/new/", organisation.organisation_create, name="organisation-create"),
    path("organisations/<int:pk>/", organisation.organisation_detail, name="organisation-detail"),
    path("organisations/<int:pk>/edit/", organisation.organisation_edit, name="organisation-edit"),
    path("organisations/<int:pk>/invite/", people.invite, name="organisation-invite"),
    path(
        "organisations/<int:pk>/invitations/<int:invitation_pk>/sent/",
        people.invitation_sent,
        name="invitation-sent",
    ),
    path(
        "organisations/<int:pk>/invitations/<int:invitation_pk>/send-again/",
        people.invitation_resend,
        name="invitation-resend",
    ),
    path(
        "organisations/<int:pk>/invitations/<int:invitation_pk>/cancel/",
        people.invitation_cancel,
        name="invitation-cancel",
    ),
    path("organisations/<int:pk>/people/<int:membership_pk>/role/", people.membership_edit, name="membership-edit"),
    path(
        "organisations/<int:pk>/people/<int:membership_pk>/remove/",
        people.membership_remove,
        name="membership-remove",
    ),
    path("invitations/<str:token>/", invitation.invitation_accept, name="invitation-accept"),
]
