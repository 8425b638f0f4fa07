"""Publishing an article queues its reading; unpublishing or deleting it removes the audio."""

from django.db import transaction
from django.db.models.signals import post_delete
from django.dispatch import receiver
from wagtail.signals import page_published, page_unpublished

from manchette.core.conf import setting
from manchette.newsroom.models import ArticlePage

from .models import ArticleAudio
from .tasks import remove_files, request_audio


@receiver(page_published, sender=ArticlePage)
def read_published_article(sender, instance, **kwargs):
    # A publication scheduled for later is not public yet: it is read when it goes live.
    if instance.live and setting("MANCHETTE_LISTEN"):
        request_audio(instance)


@receiver(page_unpublished, sender=ArticlePage)
def silence_unpublished_article(sender, instance, **kwargs):
    ArticleAudio.objects.filter(article=instance).delete()


@receiver(post_delete, sender=ArticleAudio)
def remove_audio_files(sender, instance, **kwargs):
    names = [name for name in (instance.opus.name, instance.mp3.name) if name]
    if names:
        transaction.on_commit(lambda: remove_files(*names))
