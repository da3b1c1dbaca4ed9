from django.apps import AppConfig


class ApiTokensConfig(AppConfig):
    name = "api_tokens"
    verbose_name = "API tokens"

    def ready(self):
        from api_tokens import signals  # noqa: F401  (connects the revocation on password change)
