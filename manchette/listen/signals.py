"""Publishing an article queues its reading; unpublishing or deleting it removes the audio.

The receivers are connected in ``apps.py``.
"""

from django.db import transaction

from manchette.core.conf import setting

from .models import ArticleAudio
from .tasks import remove_files, request_audio


def read_published_article(sender, instance, **kwargs):
    # A publication scheduled for later is not public yet: it is read when it goes live.
    if instance.live and setting("MANCHETTE_LISTEN"):
        request_audio(instance)


def silence_unpublished_article(sender, instance, **kwargs):
    ArticleAudio.objects.filter(article=instance).delete()


def remove_audio_files(sender, instance, **kwargs):
    names = [name for name in (instance.opus.name, instance.mp3.name) if name]
    if names:
        transaction.on_commit(lambda: remove_files(*names))
