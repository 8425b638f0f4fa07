from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ListenConfig(AppConfig):
    name = "manchette.listen"
    verbose_name = _("Listen")

    def ready(self):
        from . import signals  # noqa: F401  (publishing an article queues its reading)
