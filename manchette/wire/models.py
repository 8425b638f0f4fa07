"""What the wire desk configures and what it keeps of every dispatch received.

A ``WireSource`` is an agency feed as the newsroom receives it: which
newsroom ``Source`` signs its stories, where they go (``WireRoute``
rules, a default section; ``WireLiveRoute`` rules to a live page),
whether they publish themselves or wait for an editor, and how they
arrive (push token and signature secret, feed URL).

A ``Receipt`` is the raw bytes of one arrival, stored before anything
else happens: a push is answered 202 only once its receipt is committed,
so nothing acknowledged is ever lost. Processing a receipt writes one
``DispatchEntry`` per story it holds: the ingest log, with the outcome
(published, held, quarantined …) and the reason.
"""

import secrets

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.models import Orderable

from .reasons import shown


def new_push_token():
    return secrets.token_urlsafe(32)


class WithReason(models.Model):
    """A reason kept as its English text and as what translates it (see ``reasons``)."""

    reason = models.TextField(_("reason"), blank=True)
    # {"msgid": …, "params": {…}}; empty on rows written before reasons were translatable.
    reason_message = models.JSONField(null=True, blank=True, editable=False)

    class Meta:
        abstract = True

    def set_reason(self, reason):
        self.reason = reason.english() if reason else ""
        self.reason_message = reason.stored() if reason else None

    def reason_text(self):
        """The reason in the active language (the admin's, or LANGUAGE_CODE on the command line)."""
        return shown(self.reason_message, self.reason)

    reason_text.short_description = _("reason")


class WireSource(ClusterableModel):
    """An agency wire: its credit, its routing and how its dispatches arrive."""

    name = models.CharField(_("name"), max_length=100, unique=True)
    slug = models.SlugField(
        _("slug"),
        max_length=100,
        unique=True,
        help_text=_(
            "Names the wire in the push address /wire/push/<slug>/ and in article identities."
        ),
    )
    source = models.ForeignKey(
        "newsroom.Source",
        verbose_name=_("credited source"),
        on_delete=models.PROTECT,
        related_name="wires",
        help_text=_("Who signs the articles made from this wire's dispatches."),
    )
    provider_names = models.CharField(
        _("provider names"),
        max_length=300,
        blank=True,
        help_text=_(
            "Comma-separated names the dispatches give their provider (“Belga, belga.be”): "
            "files and folders are matched to this wire by them."
        ),
    )
    default_section = models.ForeignKey(
        "newsroom.SectionPage",
        verbose_name=_("default section"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Where a dispatch goes when no routing rule matches it."),
    )
    catch_all = models.BooleanField(
        _("catch-all"),
        default=False,
        help_text=_(
            "Receives the dispatches whose provider no other wire names. They always wait "
            "as drafts for an editor, whatever “publish automatically” says."
        ),
    )
    auto_publish = models.BooleanField(
        _("publish automatically"),
        default=True,
        help_text=_("Off: every dispatch waits as a draft for an editor (the review queue)."),
    )
    keywords_as_tags = models.BooleanField(_("keywords become tags"), default=True)
    push_token = models.CharField(
        _("push token"),
        max_length=100,
        default=new_push_token,
        help_text=_("Sent by the agency as “Authorization: Bearer <token>”."),
    )
    hmac_secret = models.CharField(
        _("signature secret"),
        max_length=200,
        blank=True,
        help_text=_(
            "If set, every push must carry X-Manchette-Signature: "
            "t=<Unix time>,sha256=<HMAC-SHA256 of the time, a dot and the body>."
        ),
    )
    feed_url = models.URLField(_("feed address"), blank=True, max_length=500)
    poll_minutes = models.PositiveIntegerField(_("poll every (minutes)"), default=5)
    active = models.BooleanField(_("active"), default=True)

    # Polling state, kept by manchette.wire.polling.
    feed_etag = models.CharField(max_length=300, blank=True, editable=False)
    feed_last_modified = models.CharField(max_length=100, blank=True, editable=False)
    next_poll_at = models.DateTimeField(null=True, blank=True, editable=False)
    poll_failures = models.PositiveIntegerField(default=0, editable=False)
    last_poll_error = models.TextField(blank=True, editable=False)

    panels = [
        MultiFieldPanel(
            [
                FieldPanel("name"),
                FieldPanel("slug"),
                FieldPanel("source"),
                FieldPanel("provider_names"),
                FieldPanel("catch_all"),
            ],
            heading=_("Wire"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("default_section"),
                FieldPanel("auto_publish"),
                FieldPanel("keywords_as_tags"),
                InlinePanel("routes", label=_("Routing rules")),
                InlinePanel("live_routes", label=_("To live pages")),
            ],
            heading=_("Routing"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("active"),
                FieldPanel("push_token"),
                FieldPanel("hmac_secret"),
                FieldPanel("feed_url"),
                FieldPanel("poll_minutes"),
            ],
            heading=_("Transports"),
        ),
    ]

    class Meta:
        ordering = ["name"]
        verbose_name = _("wire source")
        verbose_name_plural = _("wire sources")
        constraints = [
            # Two catch-alls would leave it to chance which one an unknown provider lands in.
            models.UniqueConstraint(
                fields=["catch_all"],
                condition=models.Q(catch_all=True),
                name="wire_one_catch_all",
                violation_error_message=_("Another wire source is already the catch-all."),
            )
        ]

    def __str__(self):
        return self.name

    def provider_name_list(self):
        names = [self.name, self.slug, *self.provider_names.split(",")]
        return {name.strip().casefold() for name in names if name.strip()}


class WireRule(Orderable):
    """What a wire's rules share: the subject or keyword a dispatch must carry."""

    # Blank in the database so that ``clean`` says what is missing in words of its own.
    match = models.CharField(
        _("subject or keyword"),
        max_length=200,
        blank=True,
        help_text=_(
            "A subject code (medtop:04000000), subject name or keyword; case does not matter."
        ),
    )

    class Meta(Orderable.Meta):
        abstract = True

    def __str__(self):
        return self.match

    def clean(self):
        super().clean()
        missing = self.missing()
        if missing:
            raise ValidationError(missing)

    def missing(self):
        """{field: what to give} for what the rule cannot go without."""
        if self.match.strip():
            return {}
        return {"match": _("Give the subject code, subject name or keyword this rule matches.")}

    def matches(self, labels):
        """Whether a dispatch with these ``routing.labels`` falls under this rule."""
        return self.match.strip().casefold() in labels


class WireRoute(WireRule):
    """A subject or keyword that sends a dispatch to a section and gives it tags."""

    wire_source = ParentalKey(WireSource, related_name="routes", on_delete=models.CASCADE)
    section = models.ForeignKey(
        "newsroom.SectionPage",
        verbose_name=_("section"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    tags = models.CharField(_("tags"), max_length=300, blank=True, help_text=_("Comma-separated."))

    panels = [FieldPanel("match"), FieldPanel("section"), FieldPanel("tags")]

    class Meta(WireRule.Meta):
        verbose_name = _("routing rule")

    def tag_list(self):
        return [tag.strip() for tag in self.tags.split(",") if tag.strip()]


class WireLiveRoute(WireRule):
    """A subject or keyword that sends a dispatch to a live page as an update, not an article.

    See ``manchette.wire.live_routes``: drafts wait on the page's desk for an
    editor; a page that cannot take them (ended, paused, unpublished, deleted)
    sends the dispatch back to the section rules, with the reason in the log.
    """

    class Mode(models.TextChoices):
        DRAFT = "draft", _("as drafts an editor publishes")
        PUBLISH = "publish", _("published at once")

    wire_source = ParentalKey(WireSource, related_name="live_routes", on_delete=models.CASCADE)
    # Kept when the page is deleted, so that the ingest log can say why nothing went there.
    live_page = models.ForeignKey(
        "live.LivePage",
        verbose_name=_("live page"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    mode = models.CharField(
        _("how updates are posted"), max_length=8, choices=Mode.choices, default=Mode.DRAFT
    )

    panels = [FieldPanel("match"), FieldPanel("live_page"), FieldPanel("mode")]

    class Meta(WireRule.Meta):
        verbose_name = _("rule to a live page")

    def missing(self):
        missing = super().missing()
        if self.live_page_id is None:
            missing["live_page"] = _(
                "Choose the live page these dispatches go to, or delete this rule."
            )
        return missing


class Receipt(WithReason):
    """The raw bytes of one arrival, kept before they are processed."""

    class Transport(models.TextChoices):
        CLI = "cli", _("command line")
        DROP = "drop", _("drop folder")
        PUSH = "push", _("HTTP push")
        FEED = "feed", _("feed polling")

    class Status(models.TextChoices):
        RECEIVED = "received", _("received")
        PROCESSED = "processed", _("processed")
        QUARANTINED = "quarantined", _("quarantined")

    received_at = models.DateTimeField(_("received"), auto_now_add=True, db_index=True)
    transport = models.CharField(_("transport"), max_length=10, choices=Transport.choices)
    origin = models.CharField(_("origin"), max_length=500, blank=True)
    wire_source = models.ForeignKey(
        WireSource,
        verbose_name=_("wire source"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="receipts",
    )
    content_type = models.CharField(_("content type"), max_length=100, blank=True)
    raw = models.BinaryField(_("raw bytes"))
    # SHA-256 of the bytes: the same push sent again is the receipt already kept.
    digest = models.CharField(_("SHA-256"), max_length=64, blank=True, db_index=True)
    size = models.PositiveIntegerField(_("size"), default=0)
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.RECEIVED, db_index=True
    )
    processed_at = models.DateTimeField(_("processed"), null=True, blank=True)
    attempts = models.PositiveIntegerField(_("attempts"), default=0)

    class Meta:
        ordering = ["-received_at", "-pk"]
        verbose_name = _("receipt")
        verbose_name_plural = _("ingest log")

    def __str__(self):
        return f"#{self.pk} {self.origin or self.get_transport_display()}"

    def summary(self):
        """“2 published, 1 quarantined”, or the reason the whole receipt failed."""
        if self.status == self.Status.RECEIVED:
            return _("waiting to be processed")
        counts = {}
        for entry in self.dispatches.all():
            counts[entry.outcome] = counts.get(entry.outcome, 0) + 1
        return counted(counts) or self.reason_text() or _("no story in it")

    def quarantine_reasons(self):
        """Why it was quarantined, in the active language: its own reason, else its stories'."""
        if self.reason_message:
            return [super().reason_text()]
        quarantined = self.dispatches.filter(outcome=DispatchEntry.Outcome.QUARANTINED)
        reasons = [entry.reason_text() for entry in quarantined]
        # A row from before reasons were translatable has only its English text.
        return reasons or ([self.reason] if self.reason else [])

    def reason_text(self):
        return "\n".join(self.quarantine_reasons())

    reason_text.short_description = _("reason")

    summary.short_description = _("outcome")


class PushSignature(models.Model):
    """A push signature already accepted, kept until it is too old to be accepted anyway.

    A signed push names the second it was signed; the receiver takes it for
    ``MANCHETTE_WIRE_SIGNATURE_MAX_AGE`` seconds, once: the same signature
    again is a replay (a captured request sent anew).
    """

    wire_source = models.ForeignKey(WireSource, on_delete=models.CASCADE, related_name="+")
    signature = models.CharField(max_length=64)
    expires_at = models.DateTimeField(db_index=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["wire_source", "signature"], name="wire_signature_once")
        ]

    def __str__(self):
        return self.signature


class DispatchEntry(WithReason):
    """One story of a receipt and what became of it: the ingest log."""

    class Outcome(models.TextChoices):
        PUBLISHED = "published", _("published")
        SCHEDULED = "scheduled", _("scheduled for its embargo")
        HELD = "held", _("held for review")
        UNCHANGED = "unchanged", _("unchanged")
        WITHDRAWN = "withdrawn", _("withdrawn")
        QUARANTINED = "quarantined", _("quarantined")

    # Outcomes after which the article holds this version: the next one is compared to it.
    APPLIED = (Outcome.PUBLISHED, Outcome.SCHEDULED, Outcome.HELD, Outcome.WITHDRAWN)

    receipt = models.ForeignKey(Receipt, on_delete=models.CASCADE, related_name="dispatches")
    recorded_at = models.DateTimeField(_("recorded"), auto_now_add=True)
    wire_source = models.ForeignKey(
        WireSource, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    guid = models.CharField(_("identifier"), max_length=300, blank=True)
    version = models.CharField(_("version"), max_length=100, blank=True)
    fingerprint = models.CharField(max_length=64, blank=True)
    format = models.CharField(_("format"), max_length=30, blank=True)
    headline = models.CharField(_("headline"), max_length=255, blank=True)
    outcome = models.CharField(_("outcome"), max_length=12, choices=Outcome.choices)
    article = models.ForeignKey(
        "newsroom.ArticlePage",
        verbose_name=_("article"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    live_page = models.ForeignKey(
        "live.LivePage",
        verbose_name=_("live page"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        ordering = ["-recorded_at", "-pk"]
        verbose_name = _("dispatch")
        verbose_name_plural = _("dispatches")
        indexes = [models.Index(fields=["wire_source", "guid"], name="wire_dispatch_identity")]

    def __str__(self):
        return self.headline or self.guid or str(self.receipt)


# How many stories had each outcome, the words agreeing with the number ("3 publiés").
COUNTED = {
    DispatchEntry.Outcome.PUBLISHED: ngettext_lazy(
        "%(count)s published", "%(count)s published", "count"
    ),
    DispatchEntry.Outcome.SCHEDULED: ngettext_lazy(
        "%(count)s scheduled for its embargo", "%(count)s scheduled for their embargo", "count"
    ),
    DispatchEntry.Outcome.HELD: ngettext_lazy(
        "%(count)s held for review", "%(count)s held for review", "count"
    ),
    DispatchEntry.Outcome.UNCHANGED: ngettext_lazy(
        "%(count)s unchanged", "%(count)s unchanged", "count"
    ),
    DispatchEntry.Outcome.WITHDRAWN: ngettext_lazy(
        "%(count)s withdrawn", "%(count)s withdrawn", "count"
    ),
    DispatchEntry.Outcome.QUARANTINED: ngettext_lazy(
        "%(count)s quarantined", "%(count)s quarantined", "count"
    ),
}


def counted(counts):
    """“2 publiés, 1 en quarantaine”: {outcome: how many} in the active language."""
    return ", ".join(str(COUNTED[outcome] % {"count": n}) for outcome, n in counts.items() if n)
