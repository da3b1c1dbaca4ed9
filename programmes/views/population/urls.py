"""URLs of the population pages, mounted under /population/ by programmes/urls.py."""

from django.urls import path

from programmes.views.population import imports, pages

urlpatterns = [
    path("", pages.population_list, name="population-list"),
    path("sample.csv", pages.population_sample, name="population-sample"),
    path("imports/new/", imports.import_create, name="population-import-create"),
    path("imports/<int:pk>/", imports.import_detail, name="population-import-detail"),
    path("imports/<int:pk>/status.json", imports.import_status, name="population-import-status"),
    path("<slug:code>/", pages.indicator_detail, name="population-indicator"),
    path("<slug:code>/figures.csv", pages.indicator_export, name="population-indicator-export"),
]
