from django.urls import path

from vru.two_factor import views

app_name = "two-factor"
urlpatterns = [
    path("", views.account, name="account"),
    path("set-up/", views.setup, name="setup"),
    path("verify/", views.verify, name="verify"),
    path("backup-codes/", views.backup_codes, name="backup-codes"),
    path("turn-off/", views.turn_off, name="turn-off"),
]
