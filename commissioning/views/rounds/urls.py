"""URLs of the funds, ledger and rounds pages (under /commissioning/) and the public funding pages (/funding/)."""

from django.urls import path

from commissioning.views.rounds import funds, public, rounds, setup

public_urlpatterns = [
    path("", public.funding, name="funding"),
    path("<int:pk>/", public.funding_round, name="funding-round"),
]

urlpatterns = [
    path("funds/", funds.fund_list, name="fund-list"),
    path("funds/ledger.<str:fmt>", funds.ledger_export, name="fund-ledger-export"),
    path("funds/new/", funds.fund_edit, name="fund-create"),
    path("funds/<int:pk>/", funds.fund_detail, name="fund-detail"),
    path("funds/<int:pk>/edit/", funds.fund_edit, name="fund-edit"),
    path("funds/<int:pk>/allocations/", funds.fund_allocations, name="fund-allocations"),
    path("rounds/", rounds.round_list, name="round-list"),
    path("rounds/new/", rounds.round_edit, name="round-create"),
    path("rounds/<int:pk>/", rounds.round_detail, name="round-detail"),
    path("rounds/<int:pk>/edit/", rounds.round_edit, name="round-edit"),
    path("rounds/<int:pk>/publish/", rounds.round_publish, name="round-publish"),
    path("rounds/<int:pk>/criteria/", setup.round_criteria, name="round-criteria"),
    path("rounds/<int:pk>/questions/", setup.round_questions, name="round-questions"),
]
