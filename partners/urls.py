from partners.views.organisations.urls import urlpatterns as organisation_urls
from partners.views.plans.urls import urlpatterns as plan_urls
from partners.views.prg.urls import urlpatterns as prg_urls

app_name = "partners"

urlpatterns = [*organisation_urls, *plan_urls, *prg_urls]
