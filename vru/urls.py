from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView

from vru import auth_views as vru_auth_views
from vru import views

accounts = [
    path("login/", vru_auth_views.SignInView.as_view(), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("password-change/", vru_auth_views.PasswordChangeView.as_view(), name="password_change"),
    path("password-change/done/", auth_views.PasswordChangeDoneView.as_view(), name="password_change_done"),
    path("password-reset/", vru_auth_views.PasswordResetView.as_view(), name="password_reset"),
    path("password-reset/done/", auth_views.PasswordResetDoneView.as_view(), name="password_reset_done"),
    path("reset/<uidb64>/<token>/", vru_auth_views.PasswordResetConfirmView.as_view(), name="password_reset_confirm"),
    path("reset/done/", auth_views.PasswordResetCompleteView.as_view(), name="password_reset_complete"),
    path("two-factor/", include("vru.two_factor.urls")),
    path("api-tokens/", include("api_tokens.urls")),
]

urlpatterns = [
    path("", include("programmes.urls")),
    path("partners/", include("partners.urls")),
    path("", include("commissioning.urls")),
    path("accounts/", include(accounts)),
    path("admin/", admin.site.urls),
    path("api/v1/", include("vru.api_urls")),
    path("api/schema/", SpectacularAPIView.as_view(), name="api-schema"),
    # People read the docs in a browser: send them to sign in rather than answer 403. The split view
    # serves Swagger UI's start-up script from ?script rather than inline, as the CSP requires.
    path("api/docs/", login_required(SpectacularSwaggerSplitView.as_view(url_name="api-schema")), name="api-docs"),
    path("healthz", views.healthz, name="healthz"),
]

handler404 = "vru.views.page_not_found"

admin.site.site_header = "VRU programme management"
admin.site.site_title = "VRU admin"
