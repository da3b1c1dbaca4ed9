from django.urls import include, path

from commissioning.views.applications.urls import urlpatterns as application_urls
from commissioning.views.assessment.urls import urlpatterns as assessment_urls
from commissioning.views.grants.urls import urlpatterns as grant_urls
from commissioning.views.returns.urls import urlpatterns as return_urls
from commissioning.views.rounds.urls import public_urlpatterns as public_round_urls
from commissioning.views.rounds.urls import urlpatterns as round_urls
from commissioning.views.transparency.urls import urlpatterns as transparency_urls

app_name = "commissioning"

# Public: open funding rounds at /funding/ and the published grants at /grants/.
# Everything else (staff and partners) is under /commissioning/.
urlpatterns = [
    path("funding/", include(public_round_urls)),
    path("grants/", include(transparency_urls)),
    path(
        "commissioning/",
        include([*round_urls, *application_urls, *assessment_urls, *grant_urls, *return_urls]),
    ),
]
