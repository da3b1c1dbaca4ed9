"""URLs of the monitoring-return pages, mounted under /commissioning/ by commissioning/urls.py."""

from django.urls import path

from commissioning.views.returns import listing, pages

urlpatterns = [
    path("returns/", listing.return_list, name="return-list"),
    path("returns/export/", listing.return_list_export, name="return-list-export"),
    path("returns/<int:pk>/", pages.return_detail, name="return-detail"),
    path("returns/<int:pk>/edit/", pages.return_edit, name="return-edit"),
    path("returns/<int:pk>/review/", pages.return_review, name="return-review"),
]
