"""Posting, editing, pinning and deleting updates: the one way in, for the admin and the command.

An update that grows into a story becomes a draft article (``draft_article``).
An update from the wire may arrive as a draft (``is_draft``): posted to the
desk's waiting list, unseen by readers until an editor publishes it
(``publish_draft``).

Each change is checked by the model (``LiveUpdate.full_clean``, the same
checks wherever the update comes from), saved, written to the page's
history with Wagtail's ``log()`` under a ``live.update.*`` action, and
purges ``live-<id>``: the page, its poll answer and its updates' own pages.
The purge is written when the transaction commits (see
``manchette.core.cache``), so that no reader's poll keeps the old answer.
"""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.log_actions import LogFormatter, log

from manchette.core.cache import purge
from manchette.newsroom.models import ArticlePage, Source
from manchette.newsroom.slugs import free_slug, headline_slug
from manchette.push.models import Alert
from manchette.push.send import queue_alert, replaces_key
from manchette.push.topics import page_topic

# Action, label in the history's filter, message in the history (names the update).
LOG_ACTIONS = [
    ("live.update.post", _("Post live update"), _("Live update posted: “%(headline)s”")),
    (
        "live.update.wait",
        _("Live update from the wire"),
        _("Live update from the wire, waiting for an editor: “%(headline)s”"),
    ),
    ("live.update.edit", _("Edit live update"), _("Live update edited: “%(headline)s”")),
    ("live.update.pin", _("Pin live update"), _("Live update pinned: “%(headline)s”")),
    ("live.update.unpin", _("Unpin live update"), _("Live update unpinned: “%(headline)s”")),
    ("live.update.delete", _("Delete live update"), _("Live update deleted: “%(headline)s”")),
    (
        "live.update.article",
        _("Draft an article from a live update"),
        _("Article drafted from the live update “%(headline)s”"),
    ),
]


class NoNewsroomSource(Exception):
    """An article needs a source, and the newsroom has no credit of its own yet."""


def log_formatter(label, message):
    """How the page's history shows one kind of change to an update."""

    class UpdateLogFormatter(LogFormatter):
        def format_message(self, log_entry):
            return message % {"headline": log_entry.data.get("headline", "")}

    UpdateLogFormatter.label = label
    return UpdateLogFormatter


def post(page, update, user=None):
    """Add ``update`` to ``page``'s stream, or a draft to its desk's waiting list;
    ValidationError if it is not fit to publish."""
    update.page = page
    update.posted_by = user
    update.full_clean()
    with transaction.atomic():
        update.save()
        _record(update, "live.update.wait" if update.is_draft else "live.update.post", user)
        if update.is_key_event and page.live and not update.is_draft:
            alert_followers(page, update)
    return update


def publish_draft(update, user=None):
    """A draft from the wire goes out, posted as an editor's update is.

    Its time becomes now, when readers first see it: the stream is newest
    first, and an update slipped in below the ones readers have already
    read would go unnoticed.
    """
    update.is_draft = False
    update.posted_at = timezone.now()
    # Changes made while it waited are not changes readers saw.
    update.edited_at = None
    return post(update.page, update, user)


def alert_followers(page, update):
    """A key event goes to the page's followers as a push alert, sent once the post commits.

    Its Topic is the page's: a phone that has not yet received the previous
    key event gets only the newest.
    """
    queue_alert(
        text=update.headline,
        url=update.get_url(),
        topics=[page_topic(page)],
        replaces=replaces_key(page),
        urgency=Alert.Urgency.HIGH,
        page=page,
        sent_by=update.posted_by,
    )


def edit(update, user=None):
    """Save the changes made to ``update``."""
    update.edited_at = timezone.now()
    update.full_clean()
    with transaction.atomic():
        update.save()
        _record(update, "live.update.edit", user)
    return update


def pin(update, pinned, user=None):
    """Keep ``update`` at the top of the page, or put it back in the stream."""
    if update.is_pinned == pinned:
        return update
    update.is_pinned = pinned
    with transaction.atomic():
        update.save(update_fields=["is_pinned"])
        _record(update, "live.update.pin" if pinned else "live.update.unpin", user)
    return update


def delete(update, user=None):
    with transaction.atomic():
        _record(update, "live.update.delete", user)
        update.delete()


def draft_article(update, user=None):
    """A draft article in the live page's section, written from ``update``, for an editor to
    finish: the update's title (or its first words), its blocks (our articles it points to
    aside: an article body has no such block) and its byline, under the newsroom's credit, or
    the agency's for an update from the wire."""
    source = update.source or Source.newsroom_own()
    if source is None:
        raise NoNewsroomSource
    section = update.page.get_parent()
    article = ArticlePage(
        title=update.headline,
        slug=free_slug(headline_slug(update.headline) or "direct", section.get_children()),
        body=[
            (block.block_type, block.value)
            for block in update.body
            if block.block_type != "article"
        ],
        byline=update.byline,
        language=update.page.language,
        source=source,
        live=False,
    )
    with transaction.atomic():
        section.add_child(instance=article)
        article.save_revision(user=user, log_action=True)
        log(
            instance=update.page,
            action="live.update.article",
            user=user,
            data={"update": update.pk, "headline": update.headline, "article": article.pk},
        )
    return article


def _record(update, action, user):
    page = update.page
    log(
        instance=page,
        action=action,
        user=user,
        data={"update": update.pk, "headline": update.headline},
        content_changed=action != "live.update.pin" and action != "live.update.unpin",
    )
    # A draft is on no reader's page: nothing cached shows it.
    if not update.is_draft:
        purge(f"live-{page.pk}")


def purge_published(sender, instance, **kwargs):
    # Scheduled for later: readers see nothing new yet.
    if instance.live:
        purge_page(instance)


def purge_unpublished(sender, instance, **kwargs):
    purge_page(instance)


def purge_page(page):
    """The page itself, and the front and section pages that announce it (see live_tags)."""
    purge(f"live-{page.pk}", "front", f"section-{page.get_parent().pk}")
