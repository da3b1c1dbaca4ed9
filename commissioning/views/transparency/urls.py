"""The published grants, mounted at /grants/: public pages and 360Giving downloads."""

from django.urls import path

from commissioning.views.transparency import downloads, pages

urlpatterns = [
    path("", pages.grant_list, name="grants-published"),
    path("<int:pk>/", pages.grant_detail, name="published-grant"),
    path("360giving.json", downloads.package_json, name="grants-360giving-json"),
    path("360giving.csv", downloads.package_csv, name="grants-360giving-csv"),
    path("360giving.xlsx", downloads.package_xlsx, name="grants-360giving-xlsx"),
]
