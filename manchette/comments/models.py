"""Reader comments under articles, and what keeps them civil.

Models (stable: other modules and imports build on them):

- ``Comment``: one reader's comment on an ``ArticlePage``, a reply when
  ``parent`` is set. ``thread`` is the top-level comment of its thread
  (None on top-level ones) and ``depth`` its nesting (0 at the top), so a
  page of threads and all their replies are two queries. ``text`` is kept
  as typed and rendered on output (``manchette.comments.rendering``);
  ``markup`` says how (imports may bring HTML). ``status`` is published,
  held (awaiting moderation, ``held_reason`` says why), spam, rejected or
  deleted. ``ip_network`` is the poster's network, never the full address
  ("203.0.113.0/24", "2001:db8::/64"). ``author_token_hash`` ties the
  comment to the signed ``manchette_commenter`` cookie of its author, who
  sees it while held and may edit or delete it for a while.
  ``reply_count`` (on top-level comments: published replies in the thread)
  and ``flag_count`` are kept up to date by ``manchette.comments.moderation``.
  ``imported_from`` + ``external_id`` identify an imported comment, so that
  importing twice changes nothing.
- ``Flag``: a reader reported a comment; one per reader (``reader`` is a
  keyed hash of their network), ``MANCHETTE_COMMENTS_FLAGS_TO_HOLD`` hold it.
- ``Ban``: an e-mail address or a network whose comments are refused.
- ``ReplySubscription``: an e-mail address wants to hear of replies to a
  comment, once ``confirmed_at`` is set (double opt-in); ``token`` is the
  secret of its links.
- ``CommentPolicy``: a section's or an article's own moderation mode and
  closing delay; blank fields inherit from the section, then from the site
  settings ``MANCHETTE_COMMENTS_MODE`` and ``MANCHETTE_COMMENTS_CLOSE_AFTER_DAYS``.
"""

import hashlib

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Mode(models.TextChoices):
    """How a page takes comments."""

    OPEN = "open", _("Open (moderated after publication)")
    PREMODERATED = "premoderated", _("Pre-moderated (held until approved)")
    CLOSED = "closed", _("Closed")


class CommentQuerySet(models.QuerySet):
    def published(self):
        return self.filter(status=Comment.Status.PUBLISHED)

    def shown(self):
        """What readers see: published comments, and deleted ones that still carry replies."""
        return self.filter(status__in=Comment.SHOWN)


def text_digest(text):
    """What two copies of the same comment share, whatever their case and spacing."""
    return hashlib.sha256(" ".join(text.casefold().split()).encode()).hexdigest()


class Comment(models.Model):
    class Status(models.TextChoices):
        PUBLISHED = "published", _("Published")
        HELD = "held", _("Awaiting moderation")
        SPAM = "spam", _("Spam")
        REJECTED = "rejected", _("Rejected")
        DELETED = "deleted", _("Deleted")

    class Markup(models.TextChoices):
        TEXT = "text", _("Plain text")
        MARKDOWN = "markdown", _("Markdown")
        HTML = "html", _("HTML (imported)")

    # A deleted comment keeps its place in the thread (as “comment deleted”) for its replies.
    SHOWN = (Status.PUBLISHED, Status.DELETED)

    article = models.ForeignKey(
        "newsroom.ArticlePage",
        verbose_name=_("article"),
        on_delete=models.CASCADE,
        related_name="comments",
    )
    parent = models.ForeignKey(
        "self",
        verbose_name=_("in reply to"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="replies",
    )
    thread = models.ForeignKey(
        "self",
        verbose_name=_("thread"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="thread_replies",
        editable=False,
    )
    depth = models.PositiveSmallIntegerField(_("depth"), default=0, editable=False)
    name = models.CharField(_("name"), max_length=80)
    email = models.EmailField(_("e-mail"), blank=True)
    website = models.URLField(_("website"), max_length=200, blank=True)
    text = models.TextField(_("comment"))
    markup = models.CharField(_("markup"), max_length=10, choices=Markup, default=Markup.TEXT)
    language = models.CharField(_("language"), max_length=8, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=Status, default=Status.PUBLISHED)
    held_reason = models.CharField(_("why held"), max_length=200, blank=True)
    created = models.DateTimeField(_("posted"), default=timezone.now)
    edited = models.DateTimeField(_("edited"), null=True, blank=True)
    moderated_at = models.DateTimeField(_("moderated"), null=True, blank=True)
    moderated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("moderated by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    ip_network = models.CharField(_("network"), max_length=43, blank=True)
    user_agent = models.CharField(_("browser"), max_length=200, blank=True)
    author_token_hash = models.CharField(max_length=64, blank=True, editable=False)
    text_digest = models.CharField(max_length=64, blank=True, editable=False)
    reply_count = models.PositiveIntegerField(_("replies"), default=0, editable=False)
    flag_count = models.PositiveIntegerField(_("flags"), default=0, editable=False)
    imported_from = models.CharField(_("imported from"), max_length=20, blank=True)
    external_id = models.CharField(
        _("identifier in the imported system"), max_length=200, blank=True
    )

    objects = CommentQuerySet.as_manager()

    class Meta:
        ordering = ["created", "pk"]
        verbose_name = _("comment")
        verbose_name_plural = _("comments")
        indexes = [
            # The page of threads: in the order shown, so that a page reads its
            # few rows and stops, however many comments the article has (the
            # statuses a reader sees are filtered row by row).
            models.Index(fields=["article", "depth", "created"], name="comment_thread_roots"),
            # The count and the feed of an article.
            models.Index(fields=["article", "status", "created"], name="comment_article_status"),
            # The replies of a page of threads. With the status in it, SQLite
            # takes this index for "these threads, these statuses" rather than
            # the queue's, which would read every published comment of the site.
            models.Index(fields=["thread", "status", "created"], name="comment_thread_statuses"),
            # The moderation queue, newest first by status.
            models.Index(fields=["status", "created"], name="comment_queue"),
            # Duplicates and rate limits.
            models.Index(fields=["article", "text_digest"], name="comment_duplicates"),
            models.Index(fields=["email"], name="comment_email"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["imported_from", "external_id"],
                condition=~Q(external_id=""),
                name="comment_unique_import_identity",
            )
        ]

    def __str__(self):
        return f"{self.name}: {self.text[:60]}"

    def save(self, *args, **kwargs):
        # A reply joins its parent's thread, one level deeper.
        if self.parent_id and not self.thread_id:
            self.thread_id = self.parent.thread_id or self.parent_id
            self.depth = self.parent.depth + 1
        self.text_digest = text_digest(self.text)
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and "text" in update_fields:
            kwargs["update_fields"] = {*update_fields, "text_digest"}
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return f"{self.article.url}#comment-{self.pk}"

    @property
    def anchor(self):
        return f"comment-{self.pk}"

    @property
    def is_held(self):
        return self.status == self.Status.HELD

    @property
    def is_deleted(self):
        return self.status == self.Status.DELETED


class Flag(models.Model):
    """A reader's report that a comment breaks the rules; one per reader and comment."""

    comment = models.ForeignKey(Comment, on_delete=models.CASCADE, related_name="flags")
    reader = models.CharField(max_length=64)
    created = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("flag")
        verbose_name_plural = _("flags")
        constraints = [
            models.UniqueConstraint(fields=["comment", "reader"], name="flag_once_per_reader")
        ]

    def __str__(self):
        return f"{self.comment_id} ({self.created:%Y-%m-%d %H:%M})"


class Ban(models.Model):
    """An e-mail address or a network whose comments are refused."""

    class Kind(models.TextChoices):
        EMAIL = "email", _("E-mail address")
        NETWORK = "network", _("Network")

    kind = models.CharField(_("kind"), max_length=10, choices=Kind)
    value = models.CharField(
        _("value"),
        max_length=254,
        help_text=_("An e-mail address, or a network such as 203.0.113.0/24."),
    )
    reason = models.CharField(_("reason"), max_length=300, blank=True)
    created = models.DateTimeField(_("created"), default=timezone.now)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        ordering = ["-created"]
        verbose_name = _("ban")
        verbose_name_plural = _("bans")
        constraints = [models.UniqueConstraint(fields=["kind", "value"], name="ban_unique")]

    def __str__(self):
        return f"{self.get_kind_display()}: {self.value}"


class ReplySubscription(models.Model):
    """An e-mail address told of replies to a comment, once it confirmed it wants to be."""

    comment = models.ForeignKey(Comment, on_delete=models.CASCADE, related_name="subscriptions")
    email = models.EmailField(_("e-mail"))
    token = models.CharField(max_length=64, unique=True, editable=False)
    created = models.DateTimeField(_("created"), default=timezone.now)
    confirmed_at = models.DateTimeField(_("confirmed"), null=True, blank=True)

    class Meta:
        verbose_name = _("reply subscription")
        verbose_name_plural = _("reply subscriptions")
        constraints = [
            models.UniqueConstraint(fields=["comment", "email"], name="subscription_unique")
        ]

    def __str__(self):
        return f"{self.email} → {self.comment_id}"


class CommentPolicy(models.Model):
    """A section's or an article's own way of taking comments, overriding the site's."""

    page = models.OneToOneField(
        "wagtailcore.Page",
        verbose_name=_("section or article"),
        on_delete=models.CASCADE,
        related_name="comment_policy",
    )
    mode = models.CharField(
        _("comments"),
        max_length=12,
        choices=Mode,
        blank=True,
        help_text=_("Blank: as the section, or the site, decides."),
    )
    close_after_days = models.PositiveIntegerField(
        _("close after (days)"),
        null=True,
        blank=True,
        help_text=_(
            "Days after publication when comments close (0: never). "
            "Blank: as the section, or the site, decides."
        ),
    )

    class Meta:
        verbose_name = _("comment policy")
        verbose_name_plural = _("comment policies")

    def __str__(self):
        return str(self.page)
