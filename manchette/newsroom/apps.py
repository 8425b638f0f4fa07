from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NewsroomConfig(AppConfig):
    name = "manchette.newsroom"
    verbose_name = _("Newsroom")

    def ready(self):
        from . import signals  # noqa: F401  (purges the page cache on publish)
