"""RSS 2.0, RSS 1.0 and Atom entries, read with feedparser.

The full text comes from ``content:encoded`` (RSS) or ``<content>``
(Atom) when the feed carries it, the summary otherwise. The document has
already passed the safe XML parser, so feedparser only ever sees
well-formed, entity-free XML, given as bytes: it fetches nothing.
"""

import re
from calendar import timegm
from datetime import UTC, datetime

import feedparser
from django.utils.translation import gettext_noop

from ..dispatch import Dispatch, DispatchRejected
from .text import check_mojibake, each, first, plain_text, sanitise_body, squash, text_to_html

HTML_TYPES = ("text/html", "application/xhtml+xml")
# A footer the feed adds below a rule ("… was originally published in … on Medium").
FOOTER = re.compile(r"<hr\s*/?>\s*<p>((?!<p[\s>]).)*</p>\s*$", re.S | re.I)
# The link back to the site that ends a feed's excerpt: the reader is on the story already.
READ_MORE = re.compile(
    r"(<p>\s*)?<a [^>]*>\s*(continue reading|read more|lire la suite|weiterlesen|lees verder|"
    r"leia mais|leer más)\W*</a>\s*(</p>)?$",
    re.I,
)


def parse(raw):
    try:
        feed = feedparser.parse(raw, sanitize_html=False, resolve_relative_uris=False)
    except Exception as error:  # feedparser is lenient; anything it raises is a broken feed
        raise DispatchRejected(
            gettext_noop("Unreadable feed: %(error)s"), error=str(error)
        ) from None
    about = {
        "format": "Atom" if feed.get("version", "").startswith("atom") else "RSS",
        "provider": squash(feed.feed.get("title", "")),
        "language": feed.feed.get("language", ""),
    }
    return each(feed.entries, lambda entry: entry_to_dispatch(entry, **about))


def _time(parsed):
    # feedparser gives struct_time in UTC.
    if not parsed:
        return None
    try:
        return datetime.fromtimestamp(timegm(parsed), UTC)
    except (OverflowError, ValueError, OSError):
        return None


def _html(detail):
    value = detail.get("value", "")
    return value if detail.get("type", "text/html") in HTML_TYPES else text_to_html(value)


def entry_to_dispatch(entry, format="RSS", provider="", language=""):
    contents = entry.get("content") or []
    full = next(
        (c for c in contents if c.get("type") in HTML_TYPES), contents[0] if contents else None
    )
    summary = entry.get("summary_detail") or {}
    body = _html(full) if full else _html(summary)
    title = entry.get("title_detail") or {}
    published = entry.get("published_parsed")
    headline = plain_text(title.get("value", "")) if title else ""
    dispatch = Dispatch(
        format=format,
        guid=first(entry.get("id"), entry.get("link")),
        headline=headline,
        version=entry.get("updated", "") if "updated" in entry else "",
        provider=first(squash(entry.get("source", {}).get("title", "")), provider),
        first_created=_time(published),
        version_created=_time(
            entry.get("updated_parsed") if "updated_parsed" in entry else published
        ),
        language=first(title.get("language"), language) or "",
        standfirst=plain_text(summary.get("value", "")) if full else "",
        body_html=READ_MORE.sub("", sanitise_body(FOOTER.sub("", body))).rstrip(),
        byline=squash(entry.get("author", "")),
        keywords=tuple(squash(tag.get("term", "")) for tag in entry.get("tags", [])),
        url=entry.get("link", ""),
    )
    if not dispatch.body_html:
        raise DispatchRejected(gettext_noop("The entry %(guid)s has no text."), guid=dispatch.guid)
    check_mojibake(dispatch.headline, dispatch.standfirst, dispatch.body_html)
    return dispatch
