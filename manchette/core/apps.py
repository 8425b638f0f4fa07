from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "manchette.core"
    verbose_name = "manchette"
