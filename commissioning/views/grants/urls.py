"""URLs of the grant pages, mounted under /commissioning/ by commissioning/urls.py."""

from django.urls import path

from commissioning.views.grants import changes, detail, listing

urlpatterns = [
    path("grants/", listing.grant_list, name="grant-list"),
    path("grants/export/", listing.grant_list_export, name="grant-list-export"),
    path("grants/payments/export/", listing.payment_list_export, name="payment-list-export"),
    path("grants/<int:pk>/", detail.grant_detail, name="grant-detail"),
    path("grants/<int:pk>/edit/", changes.grant_edit, name="grant-edit"),
    path("grants/<int:pk>/vary/", changes.grant_vary, name="grant-vary"),
    path("grants/<int:grant_pk>/payments/<int:pk>/release/", changes.tranche_release, name="tranche-release"),
    path("grants/<int:grant_pk>/payments/<int:pk>/pay/", changes.tranche_pay, name="tranche-pay"),
]
