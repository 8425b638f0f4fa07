from django.apps import AppConfig
from django.db.models.signals import post_delete
from django.utils.translation import gettext_lazy as _
from wagtail.signals import page_published, page_unpublished


class ListenConfig(AppConfig):
    name = "manchette.listen"
    verbose_name = _("Listen")

    def ready(self):
        from manchette.newsroom.models import ArticlePage

        from . import signals
        from .models import ArticleAudio

        # Publishing an article queues its reading; unpublishing it removes the audio.
        page_published.connect(
            signals.read_published_article,
            sender=ArticlePage,
            dispatch_uid="listen.read_published_article",
        )
        page_unpublished.connect(
            signals.silence_unpublished_article,
            sender=ArticlePage,
            dispatch_uid="listen.silence_unpublished_article",
        )
        post_delete.connect(
            signals.remove_audio_files,
            sender=ArticleAudio,
            dispatch_uid="listen.remove_audio_files",
        )
