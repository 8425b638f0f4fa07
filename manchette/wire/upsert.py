"""A routed dispatch becomes a new revision of its article, never a duplicate.

The article is found by its wire identity (``external_source`` is the wire's
slug, ``external_guid`` the dispatch's guid). The version already applied
is known from the ingest log: the same content again changes nothing, an
older version changes nothing, anything else is a new Wagtail revision —
published at once, scheduled for its embargo (Wagtail's ``go_live_at``;
the clock's ``publish_scheduled`` makes it live), or left as a draft for
an editor. A kill unpublishes the article and leaves a notice at its
address. The times readers see are the agency's: the first version's
time as "Publié le", the latest version's as "Mis à jour le".
"""

from dataclasses import dataclass

from django.conf import settings
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from manchette.newsroom.models import ArticlePage

from .body import body_blocks
from .models import DispatchEntry
from .reasons import Reason

Outcome = DispatchEntry.Outcome
SLUG_LENGTH = 80


@dataclass(frozen=True)
class Result:
    outcome: str
    article: ArticlePage | None
    reason: Reason | None = None
    # Set when the dispatch went to a live page instead (``live_routes``).
    live_page: object = None


def last_applied(wire_source, guid):
    """The ingest-log entry of the version the article holds now, if any."""
    return (
        DispatchEntry.objects.filter(
            wire_source=wire_source, guid=guid, outcome__in=DispatchEntry.APPLIED
        )
        .order_by("-pk")
        .first()
    )


def wire_articles():
    # Saying external_guid is not empty lets the database use the partial unique index.
    return ArticlePage.objects.exclude(external_guid="").order_by()


def find_article(wire_source, guid):
    return (
        wire_articles()
        .filter(external_source=wire_source.slug, external_guid=guid)
        .select_related("source")
        .first()
    )


def is_older(version, than):
    """Whether version comes before ``than``; versions that are not numbers are not ordered."""
    try:
        return int(version) < int(than)
    except ValueError:
        return False


def already_applied(dispatch, last):
    """Why ``dispatch`` changes nothing after ``last`` (see ``last_applied``), or None."""
    if last is None:
        return None
    if last.fingerprint == dispatch.fingerprint:
        return Reason(gettext_noop("This version was already ingested."))
    if is_older(dispatch.version, last.version):
        return Reason(
            gettext_noop("Version %(old)s is older than version %(new)s, already ingested."),
            old=dispatch.version,
            new=last.version,
        )
    return None


def apply(dispatch, routing):
    wire_source = routing.wire_source
    article = find_article(wire_source, dispatch.guid)
    unchanged = already_applied(dispatch, last_applied(wire_source, dispatch.guid))
    if unchanged:
        return Result(Outcome.UNCHANGED, article, unchanged)
    if article is not None and article.withdrawn_at:
        return Result(
            Outcome.UNCHANGED,
            article,
            Reason(gettext_noop("The article was withdrawn; later versions are ignored.")),
        )
    if dispatch.is_kill:
        if article is None:
            return Result(
                Outcome.WITHDRAWN,
                None,
                Reason(gettext_noop("Killed before it was ingested: nothing to withdraw.")),
            )
        withdraw(article, dispatch)
        return Result(Outcome.WITHDRAWN, article)
    if article is None:
        return publish_new(dispatch, routing)
    return publish_update(article, dispatch, routing)


def fill(page, dispatch):
    """Copy what readers see of the dispatch onto the page."""
    page.title = dispatch.headline
    page.draft_title = dispatch.headline
    page.kicker = dispatch.kicker
    page.slugline = dispatch.slugline
    page.standfirst = dispatch.standfirst
    page.body = body_blocks(dispatch.body_html)
    page.byline = dispatch.byline
    page.dateline = dispatch.dateline
    # Any language the agency names: the interface stays in its four, the story keeps its own.
    page.language = dispatch.language or settings.LANGUAGE_CODE
    page.urgency = dispatch.urgency
    page.date_only = dispatch.date_only
    if dispatch.is_correction:
        page.correction_note = dispatch.note or _("This article was corrected after publication.")
    now = timezone.now()
    page.go_live_at = dispatch.embargo if dispatch.embargo and dispatch.embargo > now else None


def unique_slug(section, headline):
    base = slugify(headline)[:SLUG_LENGTH].strip("-") or "article"
    taken = set(section.get_children().filter(slug__startswith=base).values_list("slug", flat=True))
    slug, number = base, 1
    while slug in taken:
        number += 1
        slug = f"{base}-{number}"
    return slug


def publish_new(dispatch, routing):
    page = ArticlePage(
        slug=unique_slug(routing.section, dispatch.headline),
        source=routing.wire_source.source,
        external_source=routing.wire_source.slug,
        external_guid=dispatch.guid,
        live=False,
    )
    fill(page, dispatch)
    routing.section.add_child(instance=page)
    if routing.tags:
        page.tags.set(list(routing.tags))
    return _save(page, dispatch, routing, first_version=True)


def publish_update(article, dispatch, routing):
    # The latest revision keeps what an editor changed in a draft since (a cover, say).
    page = article.get_latest_revision_as_object()
    fill(page, dispatch)
    if routing.tags:
        page.tags.add(*routing.tags)
    return _save(page, dispatch, routing, first_version=False)


def _save(page, dispatch, routing, first_version):
    revision = page.save_revision(changed=True, clean=True)
    if not routing.publish:
        return Result(
            Outcome.HELD, page, Reason(gettext_noop("Waiting for an editor in the review queue."))
        )
    revision.publish()
    if page.go_live_at:
        return Result(Outcome.SCHEDULED, page)
    _agency_times(page, dispatch, first_version)
    return Result(Outcome.PUBLISHED, page)


def _agency_times(page, dispatch, first_version):
    """Show the agency's times rather than the moment this process got to the dispatch."""
    now = timezone.now()
    page.refresh_from_db(fields=["first_published_at", "last_published_at"])
    first = page.first_published_at
    if first_version:
        first = min(dispatch.first_created or dispatch.version_created or now, now)
    last = min(max(dispatch.version_created or now, first), now)
    ArticlePage.objects.filter(pk=page.pk).update(first_published_at=first, last_published_at=last)
    page.first_published_at, page.last_published_at = first, last


def withdraw(article, dispatch):
    """Unpublish a killed story; its address keeps answering, with a notice."""
    page = article.specific if not isinstance(article, ArticlePage) else article
    page.withdrawn_at = timezone.now()
    page.withdrawn_notice = dispatch.note
    # A kill also cancels a publication scheduled for the embargo.
    page.revisions.update(approved_go_live_at=None)
    if page.live:
        page.unpublish()
    else:
        page.save(update_fields=["withdrawn_at", "withdrawn_notice"], clean=False)
