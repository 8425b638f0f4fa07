from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _
from wagtail.signals import page_published, page_unpublished


class SearchConfig(AppConfig):
    name = "manchette.search"
    label = "search"
    verbose_name = _("Search")

    def ready(self):
        from . import signals

        page_published.connect(signals.index_published, dispatch_uid="search.index_published")
        page_unpublished.connect(
            signals.forget_unpublished, dispatch_uid="search.forget_unpublished"
        )
        post_migrate.connect(signals.index_after_migrate, sender=self)
