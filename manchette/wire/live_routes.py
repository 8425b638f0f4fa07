"""Dispatches to live pages: a rule sends the matching ones to a live page as its updates.

A ``WireLiveRoute`` (admin → Wire sources → a wire → "To live pages") names a
subject or keyword, a live page, and how the updates are posted: as drafts
that wait on the page's desk until an editor publishes them, or published at
once. A matching dispatch becomes a ``LiveUpdate`` on that page instead of an
article: its headline the title, its body the text, its byline and the
agency's credit the byline. From the desk an editor can still make it an
article (credited to the agency).

"Published at once" still waits for an editor when the wire's dispatches do
(the wire does not publish automatically, is the catch-all, or the agency
says "withheld"), as articles do.

The update keeps the dispatch's identity (wire slug, guid), as an article
does: the same version again changes nothing, a new version edits the update
where it is (a draft stays a draft, a published one stays published, even on
a page that has ended since: corrections reach what readers read), and a kill
deletes it. Once deleted (by a kill or by an editor), later versions are
ignored. Each change goes through ``manchette.live.updates``: the model's
checks, the page's history, the purge.

A dispatch matching a rule whose page cannot take it (deleted, not
published, paused or ended) is not lost: it follows the section rules as any
other, and the ingest log says why it did not go to the live page. So does
an embargoed dispatch (an article waits for its time; an update would not),
and a dispatch already made an article: its versions stay with its article.
"""

from django.utils import timezone
from django.utils.html import escape
from django.utils.text import Truncator
from django.utils.translation import gettext_noop

from manchette.live import updates
from manchette.live.models import LivePage, LiveUpdate

from .body import body_blocks
from .dispatch import WITHHELD, DispatchRejected
from .models import DispatchEntry, WireLiveRoute
from .reasons import Reason
from .routing import labels, route
from .upsert import Result, already_applied, apply, find_article, last_applied

Outcome = DispatchEntry.Outcome
TITLE_LENGTH = LiveUpdate._meta.get_field("title").max_length
BYLINE_LENGTH = LiveUpdate._meta.get_field("byline").max_length
# Two reasons one after the other; a catalog may turn them round.
BOTH = gettext_noop("%(first)s %(then)s")


def deliver(dispatch, wire_source):
    """Apply a dispatch: to its live update, to a live page a rule names, else to its article."""
    last = last_applied(wire_source, dispatch.guid)
    update = find_update(wire_source, dispatch.guid)
    if update is not None:
        return apply_version(update, dispatch, last, wire_source)
    if last is not None and last.live_page_id is not None:
        return Result(
            Outcome.UNCHANGED,
            None,
            already_applied(dispatch, last)
            or Reason(gettext_noop("The live update was deleted; later versions are ignored.")),
            live_page=last.live_page,
        )
    if last is not None or find_article(wire_source, dispatch.guid) is not None:
        return apply(dispatch, route(dispatch, wire_source))
    rule, refusal = live_rule(dispatch, wire_source)
    if rule is not None:
        return post_new(rule, dispatch, wire_source)
    if refusal is None:
        return apply(dispatch, route(dispatch, wire_source))
    return fall_back(dispatch, wire_source, refusal)


def find_update(wire_source, guid):
    return (
        LiveUpdate.objects.filter(external_source=wire_source.slug, external_guid=guid)
        .exclude(external_guid="")
        .select_related("page")
        .first()
    )


def live_rule(dispatch, wire_source):
    """The first matching rule whose page takes dispatches, else None and why the first
    matching one could not (None too when no rule matches)."""
    found = labels(dispatch)
    matching = [
        rule
        for rule in WireLiveRoute.objects.filter(wire_source=wire_source).select_related(
            "live_page"
        )
        if rule.matches(found)
    ]
    if not matching or dispatch.is_kill:
        return None, None
    if dispatch.embargo and dispatch.embargo > timezone.now():
        return None, Reason(gettext_noop("it is under embargo"))
    refusals = [refusal(rule.live_page) for rule in matching]
    for rule, why in zip(matching, refusals, strict=True):
        if why is None:
            return rule, None
    return None, refusals[0]


def refusal(page):
    """Why ``page`` cannot take dispatches now, or None: only published coverage still live
    does (a paused or ended page is no longer followed by the desk, a draft page by nobody)."""
    if page is None:
        return Reason(gettext_noop("its live page was deleted"))
    if not page.live:
        return Reason(gettext_noop("“%(page)s” is not published"), page=page.title)
    if page.status == LivePage.Status.PAUSED:
        return Reason(gettext_noop("“%(page)s” is paused"), page=page.title)
    if page.status == LivePage.Status.ENDED:
        return Reason(gettext_noop("“%(page)s” has ended"), page=page.title)
    return None


def fall_back(dispatch, wire_source, why):
    """The section rules, as for any dispatch, with why the live page did not take it."""
    not_live = Reason(
        gettext_noop("Not sent to a live page: %(why)s. Routed as an article instead."), why=why
    )
    try:
        result = apply(dispatch, route(dispatch, wire_source))
    except DispatchRejected as error:
        raise DispatchRejected(BOTH, first=not_live, then=error.reason) from error
    reason = Reason(BOTH, first=not_live, then=result.reason) if result.reason else not_live
    return Result(result.outcome, result.article, reason)


def post_new(rule, dispatch, wire_source):
    publishes = (
        rule.mode == WireLiveRoute.Mode.PUBLISH
        and wire_source.auto_publish
        and not wire_source.catch_all
        and dispatch.pubstatus != WITHHELD
    )
    now = timezone.now()
    update = LiveUpdate(
        external_source=wire_source.slug,
        external_guid=dispatch.guid,
        source=wire_source.source,
        is_draft=not publishes,
        # The agency's time, as for an article; a draft's becomes the time it is published.
        posted_at=min(dispatch.first_created or dispatch.version_created or now, now),
    )
    fill(update, dispatch, wire_source)
    updates.post(rule.live_page, update)
    return posted(update)


def apply_version(update, dispatch, last, wire_source):
    unchanged = already_applied(dispatch, last)
    if unchanged:
        return Result(Outcome.UNCHANGED, None, unchanged, live_page=update.page)
    if dispatch.is_kill:
        updates.delete(update)
        return Result(
            Outcome.WITHDRAWN,
            None,
            Reason(gettext_noop("Deleted from the live page “%(page)s”."), page=update.page.title),
            live_page=update.page,
        )
    fill(update, dispatch, wire_source)
    updates.edit(update)
    return posted(update)


def fill(update, dispatch, wire_source):
    """What readers see of the dispatch: a flash with no body is its headline alone."""
    headline = dispatch.headline.strip()
    blocks = body_blocks(dispatch.body_html)
    update.title = Truncator(headline).chars(TITLE_LENGTH) if blocks else ""
    update.body = blocks or body_blocks(f"<p>{escape(headline)}</p>")
    update.byline = credit_line(dispatch.byline.strip(), wire_source.source.short_credit)


def credit_line(byline, credit):
    """“Marie Dupont, Belga”; the credit once when the byline names it already."""
    if not byline or credit.casefold() in byline.casefold():
        return (byline or credit)[:BYLINE_LENGTH]
    return f"{byline}, {credit}"[:BYLINE_LENGTH]


def posted(update):
    page = update.page
    if update.is_draft:
        reason = Reason(
            gettext_noop("Waiting for an editor on the desk of the live page “%(page)s”."),
            page=page.title,
        )
        return Result(Outcome.HELD, None, reason, live_page=page)
    reason = Reason(gettext_noop("Posted on the live page “%(page)s”."), page=page.title)
    return Result(Outcome.PUBLISHED, None, reason, live_page=page)
