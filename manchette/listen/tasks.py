"""Making an article's audio, in the background, with a bounded retry.

Publishing queues ``generate_audio`` once the transaction commits
(``manchette.listen.signals``). The task reads the published article,
normalises its text, speaks it into Opus and MP3 files in a temporary
folder, then moves them to storage and swaps them in for the previous ones,
which are removed. When the article's spoken text has not changed (a new
tag, a new cover), the files stay as they are.

However many workers and nodes run, one reading is made per publication:
a worker first claims the row (``claim``, one conditional UPDATE) and
every later write checks that it still holds the claim; its files carry
the claim in their names, so no two workers ever write or remove the same
file. A claim left by a killed worker goes stale after
``MANCHETTE_TASK_STALE_SECONDS`` and the clock queues the reading again
(``requeue_stalled``).

Readings run in their own queue, ``audio``, which ``manchette serve`` gives
its own worker: a long reading never holds up ingest or search indexing
behind it. An article over ``MANCHETTE_LISTEN_MAX_WORDS`` is skipped, its
reason shown in the admin. An archive import (``archive_readings``) queues
its old articles' readings behind every other, or none at all.

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
import uuid
from contextlib import contextmanager
from contextvars import ContextVar
from datetime import timedelta
from functools import partial

from django.core.files import File
from django.db import transaction
from django.db.models import F, Q
from django.tasks import task
from django.utils import timezone

from manchette.core.cache import purge
from manchette.core.conf import setting
from manchette.core.recovery import stale_before
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

QUEUE = "audio"
# Archive readings come after every reading of today's news (the database worker
# takes the highest priority first).
ARCHIVE_PRIORITY = -50
ARCHIVE_SKIPPED = "Not read aloud: published by an archive import without audio."

_archive = ContextVar("archive_readings", default=None)


class NothingToRead(ValueError):
    """The article has no text the voice could say."""


@contextmanager
def archive_readings(audio=True):
    """Articles published inside are an archive's: their readings wait, or are skipped."""
    reset = _archive.set("later" if audio else "skip")
    try:
        yield
    finally:
        _archive.reset(reset)


def request_audio(article):
    """Queue a new reading of a just-published article, once its publication commits.

    A worker already reading an earlier revision loses its claim: what it
    makes is thrown away, and the reading queued here is the one that counts.
    """
    archive = _archive.get()
    status, error = ArticleAudio.Status.QUEUED, ""
    if archive == "skip":
        status, error = ArticleAudio.Status.SKIPPED, ARCHIVE_SKIPPED
    ArticleAudio.objects.update_or_create(
        article=article,
        defaults={
            "status": status,
            "attempts": 0,
            "error": error,
            "requested_at": timezone.now(),
            "claim": None,
        },
    )
    if archive == "skip":
        return
    reading = generate_audio
    if archive == "later" and reading.get_backend().supports_priority:
        reading = reading.using(priority=ARCHIVE_PRIORITY)
    transaction.on_commit(partial(reading.enqueue, article.pk))


def abandoned():
    """Readings still being made after MANCHETTE_TASK_STALE_SECONDS: their worker was killed."""
    return Q(status=ArticleAudio.Status.GENERATING) & (
        Q(claimed_at__lt=stale_before()) | Q(claimed_at=None)
    )


def claim(article_id, by_hand=False):
    """Take an article's reading for this worker alone; returns the claim, or None if taken.

    One conditional UPDATE, so that of two workers on any number of nodes
    only one wins. A claim older than MANCHETTE_TASK_STALE_SECONDS belongs
    to a worker that was killed and may be taken over. A reading already
    made is only done again by hand (``manchette listen``).
    """
    open_to = Q(status__in=[ArticleAudio.Status.QUEUED, ArticleAudio.Status.FAILED]) | abandoned()
    if by_hand:
        open_to |= Q(status=ArticleAudio.Status.READY)
    token = uuid.uuid4()
    taken = ArticleAudio.objects.filter(open_to, article_id=article_id).update(
        status=ArticleAudio.Status.GENERATING, claim=token, claimed_at=timezone.now()
    )
    return token if taken else None


@task(queue_name=QUEUE)
def generate_audio(article_id):
    """The background task: one try, and the next one queued if this one fails."""
    token = claim(article_id)
    if token is None:
        return "nothing to do"
    try:
        return read_aloud(article_id, token)
    except Exception as error:  # whatever broke, the article stays published
        return give_up_or_retry(article_id, token, error)


def requeue_stalled():
    """Queue again the readings a killed worker left (the clock runs this every round)."""
    requeued = 0
    for pk, article_id in ArticleAudio.objects.filter(abandoned()).values_list("pk", "article_id"):
        # Several clocks may see it at once: only the one whose update lands queues it.
        if ArticleAudio.objects.filter(abandoned(), pk=pk).update(
            status=ArticleAudio.Status.QUEUED, requested_at=timezone.now(), claim=None
        ):
            log.warning("Audio of article %s was left unfinished; queued again", article_id)
            generate_audio.enqueue(article_id)
            requeued += 1
    return requeued


def give_up_or_retry(article_id, token, error):
    failed = ArticleAudio.objects.filter(article_id=article_id, claim=token).update(
        status=ArticleAudio.Status.FAILED, error=f"{type(error).__name__}: {error}"
    )
    if not failed:
        # Another worker holds the reading now: its outcome is the one that counts.
        log.warning("Audio of article %s failed after its claim was lost: %s", article_id, error)
        return "superseded"
    reading = ArticleAudio.objects.get(article_id=article_id)
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
    """Read the published article aloud now (``manchette listen``).

    Returns "ready", "unchanged", "unpublished", or "taken" while a worker
    is making it; raises what went wrong.
    """
    if ArticlePage.objects.published().filter(pk=article_id).exists():
        ArticleAudio.objects.get_or_create(article_id=article_id)
    elif not ArticleAudio.objects.filter(article_id=article_id).exists():
        return "unpublished"
    token = claim(article_id, by_hand=True)
    return "taken" if token is None else read_aloud(article_id, token, force)


def read_aloud(article_id, token, force=False):
    """Make the audio under this worker's claim; returns what happened.

    Every write is conditional on the claim: a worker that lost it (to a
    newer publication, or to another worker after it was thought dead)
    changes nothing and throws its files away.
    """
    article = ArticlePage.objects.published().filter(pk=article_id).first()
    if article is None:
        # Unpublished or deleted since it was queued: nothing may be read.
        ArticleAudio.objects.filter(article_id=article_id).delete()
        return "unpublished"
    reading = ArticleAudio.objects.get(article=article)
    mine = ArticleAudio.objects.filter(article=article, claim=token)
    try:
        script = article_script(article)
    except NoVoice as no_voice:
        # Not a failure to retry: the language has no voice. Editors see why in the admin.
        if not mine.update(status=ArticleAudio.Status.SKIPPED, error=str(no_voice)):
            return "superseded"
        return "skipped"
    voice = voice_for(script.language)
    said = digest(script, voice)
    if not force and reading.playable and reading.digest == said:
        kept = mine.update(status=ArticleAudio.Status.READY, revision_id=article.live_revision_id)
        return "unchanged" if kept else "superseded"
    most = setting("MANCHETTE_LISTEN_MAX_WORDS")
    if script.words > most:
        error = (
            f"Not read aloud: {script.words:,} words, over the limit of {most:,} "
            "(MANCHETTE_LISTEN_MAX_WORDS)."
        )
        if not mine.update(status=ArticleAudio.Status.SKIPPED, error=error):
            return "superseded"
        log.warning("Audio of article %s skipped: %s", article_id, error)
        return "skipped"
    if not mine.update(attempts=F("attempts") + 1):
        return "superseded"
    if not script.passages:
        raise NothingToRead("the headline, standfirst and body have nothing to say")
    with tempfile.TemporaryDirectory(prefix="manchette-listen-") as folder:
        # The claim in the name: two workers' files can never share a name.
        name = f"{said[:16]}-{token.hex[:8]}"
        recording = audio.record(script, voice, folder, name=name)
        return store(article, recording, script, said, token)


def store(article, recording, script, said, token):
    """Put the new files in place of the old ones, unless a newer revision overtook us."""
    with recording.opus.open("rb") as opus, recording.mp3.open("rb") as mp3:
        new = ArticleAudio(article=article)
        new.opus.save(recording.opus.name, File(opus), save=False)
        new.mp3.save(recording.mp3.name, File(mp3), save=False)
    try:
        return swap_files(article, new, recording, script, said, token)
    except BaseException:
        remove_files(new.opus.name, new.mp3.name)
        raise


def swap_files(article, new, recording, script, said, token):
    with transaction.atomic():
        reading = ArticleAudio.objects.select_for_update().filter(article=article).first()
        live = ArticlePage.objects.filter(pk=article.pk).values_list("live_revision", flat=True)
        if reading is None or reading.claim != token or live.first() != article.live_revision_id:
            # Published again while we spoke, or unpublished, or taken over by another
            # worker: the reading that counts is theirs.
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
        purge(f"listen-{article.pk}", "podcast")
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
