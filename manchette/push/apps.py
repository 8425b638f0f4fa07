from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _
from wagtail.signals import page_published


class PushConfig(AppConfig):
    name = "manchette.push"
    verbose_name = _("Push alerts")

    def ready(self):
        from manchette.newsroom.models import ArticlePage

        from . import signals

        # A dispatch of urgency 1 alerts its followers when first published.
        page_published.connect(
            signals.alert_breaking_article,
            sender=ArticlePage,
            dispatch_uid="push.alert_breaking_article",
        )
