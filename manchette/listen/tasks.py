"""Making an article's audio, in the background, with a bounded retry.

Publishing queues ``generate_audio`` once the transaction commits
(``manchette.listen.signals``). The task reads the published article,
normalises its text, speaks it into Opus and MP3 files in a temporary
folder, then moves them to storage and swaps them in for the previous ones,
which are removed. When the article's spoken text has not changed (a new
tag, a new cover), the files stay as they are.

django.tasks has no retry of its own, so a failure is counted on the
``ArticleAudio`` row and the task queues itself again, after
``MANCHETTE_LISTEN_RETRY_SECONDS`` doubled at each try when the backend can
defer (the database backend can; the immediate backend of the tests runs
the retry at once), until ``MANCHETTE_LISTEN_ATTEMPTS`` is reached. The
article stays published throughout; the error is logged and shown to
editors in the admin (``manchette.listen.wagtail_hooks``), where a failed
reading can be queued again.
"""

import hashlib
import logging
import tempfile
from datetime import timedelta
from functools import partial

from django.core.files import File
from django.db import transaction
from django.tasks import task
from django.utils import timezone

from manchette.core.cache import purge
from manchette.core.conf import setting
from manchette.newsroom.models import ArticlePage

from . import audio
from .languages import voice_for
from .models import ArticleAudio
from .normalise import NoVoice, article_script

log = logging.getLogger("manchette.listen")

# What changes the sound of a reading besides its text.
SOUND_SETTINGS = (
    "MANCHETTE_LISTEN_VOICES",
    "MANCHETTE_LISTEN_WORDS_PER_MINUTE",
    "MANCHETTE_LISTEN_PARAGRAPH_PAUSE_MS",
    "MANCHETTE_LISTEN_OPUS_SAMPLE_RATE",
    "MANCHETTE_LISTEN_OPUS_KBPS",
    "MANCHETTE_LISTEN_MP3_COMPRESSION",
)


class NothingToRead(ValueError):
    """The article has no text the voice could say."""


def request_audio(article):
    """Queue a new reading of a just-published article, once its publication commits."""
    ArticleAudio.objects.update_or_create(
        article=article,
        defaults={
            "status": ArticleAudio.Status.QUEUED,
            "attempts": 0,
            "error": "",
            "requested_at": timezone.now(),
        },
    )
    transaction.on_commit(partial(generate_audio.enqueue, article.pk))


@task()
def generate_audio(article_id):
    """The background task: one try, and the next one queued if this one fails."""
    reading = ArticleAudio.objects.filter(article_id=article_id).first()
    if reading is None or reading.status == ArticleAudio.Status.READY:
        return "nothing to do"
    try:
        return make_audio(article_id)
    except Exception as error:  # whatever broke, the article stays published
        return give_up_or_retry(article_id, error)


def give_up_or_retry(article_id, error):
    reading = ArticleAudio.objects.get(article_id=article_id)
    reading.status = ArticleAudio.Status.FAILED
    reading.error = f"{type(error).__name__}: {error}"
    reading.save(update_fields=["status", "error"])
    attempts, allowed = reading.attempts, setting("MANCHETTE_LISTEN_ATTEMPTS")
    log.error(
        "Audio of article %s failed (attempt %s of %s): %s",
        article_id,
        attempts,
        allowed,
        reading.error,
        exc_info=error,
    )
    if attempts >= allowed or isinstance(error, NothingToRead):
        return "failed"
    retry = generate_audio
    if retry.get_backend().supports_defer:
        delay = setting("MANCHETTE_LISTEN_RETRY_SECONDS") * 2 ** (attempts - 1)
        retry = retry.using(run_after=timezone.now() + timedelta(seconds=delay))
    transaction.on_commit(partial(retry.enqueue, article_id))
    return "retrying"


def digest(script, voice):
    said = [script.language, voice, *(repr(setting(name)) for name in SOUND_SETTINGS)]
    return hashlib.sha256("\n".join([*said, script.text()]).encode()).hexdigest()


def make_audio(article_id, force=False):
    """Read the published article aloud now; returns "ready" or "unchanged".

    Raises what went wrong; the caller decides whether to retry.
    """
    article = ArticlePage.objects.published().filter(pk=article_id).first()
    if article is None:
        # Unpublished or deleted since it was queued: nothing may be read.
        ArticleAudio.objects.filter(article_id=article_id).delete()
        return "unpublished"
    reading, _ = ArticleAudio.objects.get_or_create(article=article)
    try:
        script = article_script(article)
    except NoVoice as no_voice:
        # Not a failure to retry: the language has no voice. Editors see why in the admin.
        reading.status, reading.error = ArticleAudio.Status.SKIPPED, str(no_voice)
        reading.save(update_fields=["status", "error"])
        return "skipped"
    voice = voice_for(script.language)
    said = digest(script, voice)
    if not force and reading.playable and reading.digest == said:
        reading.status, reading.revision_id = ArticleAudio.Status.READY, article.live_revision_id
        reading.save(update_fields=["status", "revision"])
        return "unchanged"
    reading.status = ArticleAudio.Status.GENERATING
    reading.attempts += 1
    reading.save(update_fields=["status", "attempts"])
    if not script.passages:
        raise NothingToRead("the headline, standfirst and body have nothing to say")
    with tempfile.TemporaryDirectory(prefix="manchette-listen-") as folder:
        recording = audio.record(script, voice, folder, name=said[:16])
        return store(article, recording, script, said)


def store(article, recording, script, said):
    """Put the new files in place of the old ones, unless a newer revision overtook us."""
    with recording.opus.open("rb") as opus, recording.mp3.open("rb") as mp3:
        new = ArticleAudio(article=article)
        new.opus.save(recording.opus.name, File(opus), save=False)
        new.mp3.save(recording.mp3.name, File(mp3), save=False)
    try:
        return swap_files(article, new, recording, script, said)
    except BaseException:
        remove_files(new.opus.name, new.mp3.name)
        raise


def swap_files(article, new, recording, script, said):
    with transaction.atomic():
        reading = ArticleAudio.objects.select_for_update().get(article=article)
        live = ArticlePage.objects.filter(pk=article.pk).values_list("live_revision", flat=True)
        if live.first() != article.live_revision_id:
            # Published again while we spoke: that newer reading will replace these.
            transaction.on_commit(partial(remove_files, new.opus.name, new.mp3.name))
            return "superseded"
        old = [name for name in (reading.opus.name, reading.mp3.name) if name]
        reading.opus, reading.mp3 = new.opus.name, new.mp3.name
        reading.opus_size = recording.opus.stat().st_size
        reading.mp3_size = recording.mp3.stat().st_size
        reading.duration = round(recording.duration, 3)
        reading.words, reading.language, reading.digest = script.words, script.language, said
        reading.revision_id = article.live_revision_id
        reading.status, reading.error = ArticleAudio.Status.READY, ""
        reading.generated_at = timezone.now()
        reading.save()
        transaction.on_commit(partial(remove_files, *old))
        # The cached article page must now show its player, and the podcasts list it.
        purge(f"article-{article.pk}", "podcast")
    log.info(
        "Audio of article %s ready: %.1f s, %s words", article.pk, recording.duration, script.words
    )
    return "ready"


def remove_files(*names):
    storage = ArticleAudio._meta.get_field("opus").storage
    for name in names:
        try:
            storage.delete(name)
        except OSError:
            # A file already gone is what we wanted; anything else is only a leftover.
            log.warning("Could not remove audio file %s", name, exc_info=True)
