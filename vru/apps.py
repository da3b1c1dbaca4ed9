from django.apps import AppConfig


class VruConfig(AppConfig):
    name = "vru"
    verbose_name = "VRU site"

    def ready(self):
        from vru import signals  # noqa: F401
