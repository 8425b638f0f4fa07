from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _
from wagtail.signals import page_published, page_unpublished


class LiveConfig(AppConfig):
    name = "manchette.live"
    verbose_name = _("Live coverage")

    def ready(self):
        from . import checks, updates  # noqa: F401 (checks registers itself)
        from .models import LivePage

        # A live page's own edits (status, standfirst) change its poll answer too.
        page_published.connect(
            updates.purge_published, sender=LivePage, dispatch_uid="live.purge_published"
        )
        page_unpublished.connect(
            updates.purge_unpublished, sender=LivePage, dispatch_uid="live.purge_unpublished"
        )
