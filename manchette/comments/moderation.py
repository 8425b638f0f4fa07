"""Whether an article takes comments, which are held, and what changes when one is moderated.

An article takes comments as its own ``CommentPolicy`` says, else as its
section's, else as the site settings say::

    MANCHETTE_COMMENTS_MODE = "premoderated"     # every comment held until approved
    MANCHETTE_COMMENTS_CLOSE_AFTER_DAYS = 30     # and none after a month

A comment is held when the article is pre-moderated, or when it looks like
spam (``guard.reasons_to_hold``), or when enough readers flagged it.

Change comments' status through ``moderate()`` rather than a bare
``QuerySet.update()``: it keeps the threads' reply counts right and
refreshes the cached pages and feeds that show them. (Saving or deleting a
single comment does the same through ``signals``.)
"""

from datetime import timedelta

from django.db import IntegrityError, transaction
from django.db.models import Count, F, OuterRef, Q, Subquery
from django.db.models.functions import Length, Substr
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.models import Page

from manchette.core.cache import purge
from manchette.core.conf import setting

from .models import Comment, CommentPolicy, Flag, Mode

HELD_PREMODERATED = _("The article is pre-moderated.")
HELD_FLAGGED = _("Flagged by readers.")


def cache_keys(article_id):
    """What shows an article's comments: its page's comment section, its comment feeds and API.

    Not ``article-<id>``: that key is also on every list and sidebar that
    names the article, none of which shows its comments, and a busy thread
    would keep them all from staying cached.
    """
    return (f"comments-{article_id}",)


def purge_article(*article_ids):
    purge(*(key for article_id in set(article_ids) for key in cache_keys(article_id)))


class Policy:
    """How one article takes comments, from its own, its section's and the site's settings."""

    def __init__(self, article, overrides=()):
        self.article = article
        # The article's own override first, then its section's.
        ranked = sorted(overrides, key=lambda policy: policy.page_id != article.pk)
        self.mode = next((p.mode for p in ranked if p.mode), None) or setting(
            "MANCHETTE_COMMENTS_MODE"
        )
        days = next(
            (p.close_after_days for p in ranked if p.close_after_days is not None),
            setting("MANCHETTE_COMMENTS_CLOSE_AFTER_DAYS"),
        )
        self.close_after_days = days or 0

    @classmethod
    def of(cls, article):
        """The policy of an article page (its ``path`` and ``first_published_at`` are enough)."""
        if hasattr(article, "own_comment_mode"):  # read with the article: policy_annotations()
            return cls(
                article,
                [
                    CommentPolicy(
                        page_id=article.pk if whose == "own" else None,
                        mode=getattr(article, f"{whose}_comment_mode") or "",
                        close_after_days=getattr(article, f"{whose}_comment_close_after"),
                    )
                    for whose in ("own", "section")
                ],
            )
        section_path = article.path[: -Page.steplen]
        overrides = CommentPolicy.objects.filter(
            Q(page_id=article.pk) | Q(page__path=section_path)
        ).only("page", "mode", "close_after_days")
        return cls(article, list(overrides))

    @staticmethod
    def annotations():
        """What ``of`` reads, as annotations of a query of article pages: no query of its own.

        Each override, the article's and its section's, is missing (None) or
        has its fields blank when it leaves the choice to the next one.
        """
        own = CommentPolicy.objects.filter(page=OuterRef("pk"))
        section = CommentPolicy.objects.filter(
            page__path=Substr(OuterRef("path"), 1, Length(OuterRef("path")) - Page.steplen)
        )
        return {
            f"{whose}_comment_{name}": Subquery(policies.values(field)[:1])
            for whose, policies in (("own", own), ("section", section))
            for name, field in (("mode", "mode"), ("close_after", "close_after_days"))
        }

    @property
    def closes_at(self):
        published = self.article.first_published_at
        if not self.close_after_days or published is None:
            return None
        return published + timedelta(days=self.close_after_days)

    @property
    def is_open(self):
        if self.mode == Mode.CLOSED:
            return False
        closes_at = self.closes_at
        return closes_at is None or timezone.now() < closes_at

    @property
    def premoderated(self):
        return self.mode == Mode.PREMODERATED


def initial_status(policy, reasons):
    """Published at once, or held with the reasons a moderator will read."""
    if policy.premoderated:
        reasons = [HELD_PREMODERATED, *reasons]
    if reasons:
        return Comment.Status.HELD, " ".join(str(reason) for reason in reasons)
    return Comment.Status.PUBLISHED, ""


def refresh_reply_counts(thread_ids):
    """Recount the published replies of these threads (top-level comment ids)."""
    thread_ids = {pk for pk in thread_ids if pk}
    if not thread_ids:
        return
    counts = dict(
        Comment.objects.filter(thread_id__in=thread_ids, status=Comment.Status.PUBLISHED)
        .values_list("thread_id")
        .annotate(replies=Count("pk"))
        .values_list("thread_id", "replies")
    )
    for thread_id in thread_ids:
        Comment.objects.filter(pk=thread_id).exclude(reply_count=counts.get(thread_id, 0)).update(
            reply_count=counts.get(thread_id, 0)
        )


def moderate(comments, status, user=None):
    """Give these comments a new status (publish, hold, mark spam, reject, delete).

    ``comments`` is a queryset; returns how many changed.
    """
    changed = list(comments.exclude(status=status).values_list("pk", "thread_id", "article_id"))
    if not changed:
        return 0
    with transaction.atomic():
        Comment.objects.filter(pk__in=[pk for pk, _thread, _article in changed]).update(
            status=status, moderated_at=timezone.now(), moderated_by=user
        )
        refresh_reply_counts({thread or pk for pk, thread, _article in changed})
        purge_article(*(article for _pk, _thread, article in changed))
    return len(changed)


def flag(comment, reader):
    """Record one reader's flag; enough of them hold the comment. False if they had flagged it."""
    try:
        with transaction.atomic():
            Flag.objects.create(comment=comment, reader=reader.fingerprint)
    except IntegrityError:
        return False
    Comment.objects.filter(pk=comment.pk).update(flag_count=F("flag_count") + 1)
    comment.refresh_from_db(fields=["flag_count", "status"])
    threshold = setting("MANCHETTE_COMMENTS_FLAGS_TO_HOLD")
    if comment.status == Comment.Status.PUBLISHED and comment.flag_count >= threshold:
        comment.status = Comment.Status.HELD
        comment.held_reason = str(HELD_FLAGGED)
        comment.save(update_fields=["status", "held_reason"])
    return True
