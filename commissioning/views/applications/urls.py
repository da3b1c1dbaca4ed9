"""URLs of the application pages and the rounds' pipelines, mounted under /commissioning/."""

from django.urls import path, register_converter

from commissioning.models import ApplicationSection
from commissioning.views.applications import detail, listing, sections, start, submission


class SectionConverter:
    """Only the task list's sections, so /applications/<pk>/eligibility/ and the like stay other pages'."""

    regex = "|".join(ApplicationSection.values)

    def to_python(self, value):
        return value

    def to_url(self, value):
        return str(value)


register_converter(SectionConverter, "application_section")

urlpatterns = [
    path("applications/", listing.application_list, name="application-list"),
    path("rounds/<int:round_pk>/apply/", start.application_start, name="application-start"),
    path("rounds/<int:pk>/pipeline/", listing.round_pipeline, name="round-pipeline"),
    path("rounds/<int:pk>/pipeline/export/", listing.round_pipeline_export, name="round-pipeline-export"),
    path("applications/<int:pk>/", detail.application_detail, name="application-detail"),
    path("applications/<int:pk>/check/", submission.application_check, name="application-check"),
    path("applications/<int:pk>/submit/", submission.application_submit, name="application-submit"),
    path("applications/<int:pk>/submitted/", submission.application_submitted, name="application-submitted"),
    path("applications/<int:pk>/withdraw/", submission.application_withdraw, name="application-withdraw"),
    path(
        "applications/<int:pk>/<application_section:section>/",
        sections.application_section,
        name="application-section",
    ),
]
