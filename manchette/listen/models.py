"""The spoken version of each article, and where its generation stands."""

from pathlib import PurePosixPath

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _


def audio_path(audio, filename):
    return f"listen/{audio.article_id}/{filename}"


class ArticleAudio(models.Model):
    """One article's audio: the files read from its latest published revision.

    A new revision queues a new reading; the files of the previous one stay
    online until the new ones are ready, then are removed. File names carry
    a digest of what is said, so a file's URL never changes content and can
    be cached for a year. ``attempts`` and ``error`` drive the bounded retry
    and what editors see in the admin when the voice fails.
    """

    class Status(models.TextChoices):
        QUEUED = "queued", _("queued")
        GENERATING = "generating", _("being generated")
        READY = "ready", _("ready")
        FAILED = "failed", _("failed")
        # Not read aloud (no voice for its language, too long, an archive without
        # audio): the reason is in ``error``.
        SKIPPED = "skipped", _("skipped")

    article = models.OneToOneField(
        "newsroom.ArticlePage",
        verbose_name=_("article"),
        on_delete=models.CASCADE,
        related_name="audio",
    )
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.QUEUED
    )
    revision = models.ForeignKey(
        "wagtailcore.Revision",
        verbose_name=_("revision read"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    language = models.CharField(_("spoken language"), max_length=35, blank=True)
    digest = models.CharField(_("digest of what is said"), max_length=64, blank=True)
    words = models.PositiveIntegerField(_("words"), default=0)
    duration = models.FloatField(_("duration in seconds"), null=True, blank=True)
    opus = models.FileField(_("Opus file"), upload_to=audio_path, max_length=200, blank=True)
    opus_size = models.PositiveBigIntegerField(_("Opus size in bytes"), default=0)
    mp3 = models.FileField(_("MP3 file"), upload_to=audio_path, max_length=200, blank=True)
    mp3_size = models.PositiveBigIntegerField(_("MP3 size in bytes"), default=0)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    error = models.TextField(_("last error"), blank=True)
    # The worker making the reading now, and since when (see manchette.listen.tasks.claim).
    claim = models.UUIDField(_("claimed by"), null=True, blank=True, editable=False)
    claimed_at = models.DateTimeField(_("claimed"), null=True, blank=True, editable=False)
    requested_at = models.DateTimeField(_("requested"), null=True, blank=True)
    generated_at = models.DateTimeField(_("generated"), null=True, blank=True)

    class Meta:
        verbose_name = _("article audio")
        verbose_name_plural = _("article audio")
        indexes = [models.Index(fields=["status"], name="listen_audio_status")]

    def __str__(self):
        return str(self.article)

    @property
    def playable(self):
        """Files are online (perhaps of an earlier revision while a new one is made)."""
        return bool(self.opus and self.mp3 and self.duration)

    @property
    def pending(self):
        return self.status in (self.Status.QUEUED, self.Status.GENERATING)

    @property
    def opus_url(self):
        return self._url(self.opus)

    @property
    def mp3_url(self):
        return self._url(self.mp3)

    def _url(self, file):
        return reverse("listen:audio_file", args=[self.article_id, PurePosixPath(file.name).name])
