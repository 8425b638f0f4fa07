from django.apps import AppConfig
from django.db.models.signals import post_delete, post_save
from django.utils.translation import gettext_lazy as _
from wagtail.signals import page_published, page_unpublished, post_page_move


class NewsroomConfig(AppConfig):
    name = "manchette.newsroom"
    verbose_name = _("Newsroom")

    def ready(self):
        from taggit.models import Tag

        from . import signals
        from .models import Source

        # What a publication changes, purged from the page cache.
        page_published.connect(signals.purge_published, dispatch_uid="newsroom.purge_published")
        page_unpublished.connect(
            signals.purge_unpublished, dispatch_uid="newsroom.purge_unpublished"
        )
        post_page_move.connect(signals.purge_moved, dispatch_uid="newsroom.purge_moved")
        for signal in (post_save, post_delete):
            signal.connect(
                signals.purge_source, sender=Source, dispatch_uid="newsroom.purge_source"
            )
            signal.connect(signals.purge_tag, sender=Tag, dispatch_uid="newsroom.purge_tag")
