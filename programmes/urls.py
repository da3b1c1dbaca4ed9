from django.urls import include, path

from programmes.views import parts, programme_edit, programme_list, strategy

app_name = "programmes"

urlpatterns = [
    path("", strategy.dashboard, name="dashboard"),
    path("objectives/<int:number>/", strategy.objective_detail, name="objective-detail"),
    path("programmes/", programme_list.programme_list, name="programme-list"),
    path("programmes/export.csv", programme_list.programme_export_csv, name="programme-export"),
    path("programmes/new/", programme_edit.programme_create, name="programme-create"),
    path("programmes/<int:pk>/", programme_edit.programme_detail, name="programme-detail"),
    path("programmes/<int:pk>/edit/", programme_edit.programme_edit, name="programme-edit"),
    path("programmes/<int:pk>/milestones/new/", parts.milestone_edit, name="milestone-create"),
    path("programmes/<int:pk>/milestones/<int:milestone_pk>/edit/", parts.milestone_edit, name="milestone-edit"),
    path("programmes/<int:pk>/milestones/<int:milestone_pk>/delete/", parts.milestone_delete, name="milestone-delete"),
    path("programmes/<int:pk>/indicators/new/", parts.indicator_edit, name="indicator-create"),
    path("programmes/<int:pk>/indicators/<int:indicator_pk>/edit/", parts.indicator_edit, name="indicator-edit"),
    path("programmes/<int:pk>/indicators/<int:indicator_pk>/delete/", parts.indicator_delete, name="indicator-delete"),
    # Performance reports and the population indicators they draw on: see each package's urls.
    path("reports/", include("programmes.views.reports.urls")),
    path("population/", include("programmes.views.population.urls")),
]
