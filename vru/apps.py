from django.apps import AppConfig


class VruConfig(AppConfig):
    name = "vru"
    verbose_name = "VRU site"

    def ready(self):
        # The admin has registered every app's models by now (its ready() runs first).
        from django.contrib import admin

        from vru import session_limits, signals  # noqa: F401
        from vru.admin import apply_input_rules_to_admin
        from vru.two_factor import policy  # noqa: F401

        apply_input_rules_to_admin(admin.site)
