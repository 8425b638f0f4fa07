from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "manchette.core"
    verbose_name = "manchette"

    def ready(self):
        from . import checks  # noqa: F401 (registers the checks)
