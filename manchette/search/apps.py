from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class SearchConfig(AppConfig):
    name = "manchette.search"
    label = "search"
    verbose_name = _("Search")

    def ready(self):
        from . import signals

        post_migrate.connect(signals.index_after_migrate, sender=self)
