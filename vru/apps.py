from django.apps import AppConfig


class VruConfig(AppConfig):
    name = "vru"
    verbose_name = "VRU site"

    def ready(self):
        from vru import session_limits, signals  # noqa: F401
        from vru.two_factor import policy  # noqa: F401
