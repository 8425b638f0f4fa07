"""IPTC NewsML-G2: a ``newsMessage`` of ``newsItem``s, or one ``newsItem``.

Metadata lives in ``itemMeta`` (identity, times, status, signals) and
``contentMeta`` (headline, slugline, subjects …); the story in
``contentSet``, as inline NITF, inline XHTML or plain text. Elements are
found by local name (``{*}``): the NITF or XHTML inside has its own
namespace, or none.
"""

from django.utils.translation import gettext_noop

from ..dispatch import Dispatch, DispatchRejected, Picture, Subject
from .safexml import inner_xml, local_name, text_of
from .text import (
    check_mojibake,
    each,
    first,
    parse_time,
    sanitise_body,
    squash,
    text_to_html,
    urgency,
)

NAMESPACE = "http://iptc.org/std/nar/2006-10-01/"
ROOTS = {"newsMessage", "newsItem"}
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
# NITF's own names for what an article body calls h2 and paragraphs.
NITF_TAGS = {"hl2": "h2", "block": "div", "body.content": "div"}
SIGNALS = {"update": "update", "correction": "correction", "kill": "kill", "cancel": "kill"}


def parse(root):
    if local_name(root) == "newsItem":
        items, sender = [root], ""
    else:
        items = root.findall("{*}itemSet/{*}newsItem")
        sender = text_of(root.find("{*}header/{*}sender"))
    if not items:
        raise DispatchRejected(gettext_noop("The NewsML-G2 message holds no newsItem."))
    return each(items, lambda item: item_to_dispatch(item, sender))


def qcode_name(element, attribute="qcode"):
    """``stat:canceled`` → ``canceled``."""
    if element is None:
        return ""
    return (element.get(attribute) or "").rsplit(":", 1)[-1].lower()


def item_to_dispatch(item, sender=""):
    meta = item.find("{*}itemMeta")
    content = item.find("{*}contentMeta")
    if meta is None or content is None:
        raise DispatchRejected(gettext_noop("The newsItem lacks its itemMeta or contentMeta."))
    signals = {
        SIGNALS[name] for s in meta.iterfind("{*}signal") if (name := qcode_name(s)) in SIGNALS
    }
    previous = [
        link.get("href", "")
        for link in meta.iterfind("{*}link")
        if "previous" in link.get("rel", "")
    ]
    provider = meta.find("{*}provider")
    dispatch = Dispatch(
        format="NewsML-G2",
        guid=item.get("guid", ""),
        headline=_headline(content),
        version=item.get("version", ""),
        provider=first(
            text_of(meta.find("{*}provider/{*}name")),
            provider.get("literal", "") if provider is not None else "",
            qcode_name(provider),
            sender,
        ),
        first_created=parse_time(
            text_of(meta.find("{*}firstCreated")), what=gettext_noop("first-created time")
        ),
        version_created=parse_time(
            text_of(meta.find("{*}versionCreated")), what=gettext_noop("version time")
        ),
        embargo=parse_time(text_of(meta.find("{*}embargoed")), what=gettext_noop("embargo")),
        pubstatus=qcode_name(meta.find("{*}pubStatus")) or "usable",
        urgency=urgency(text_of(content.find("{*}urgency"))),
        language=first(_language_tag(content), item.get(XML_LANG, "")),
        kicker=text_of(content.find("{*}slugline")),
        standfirst=_summary(content),
        body_html=sanitise_body(_body(item.find("{*}contentSet"))),
        byline=first(
            text_of(content.find("{*}by")),
            *(text_of(name) for name in content.iterfind("{*}creator/{*}name")),
        ),
        dateline=first(
            text_of(content.find("{*}located/{*}name")), text_of(content.find("{*}dateline"))
        ),
        subjects=tuple(
            Subject(code=s.get("qcode", "") or s.get("uri", ""), name=text_of(s.find("{*}name")))
            for s in content.iterfind("{*}subject")
        ),
        keywords=tuple(text_of(k) for k in content.iterfind("{*}keyword")),
        pictures=_pictures(item),
        signals=frozenset(signals),
        note=text_of(meta.find("{*}edNote")),
        previous_version=first(*previous),
    )
    check_mojibake(dispatch.headline, dispatch.standfirst, dispatch.body_html)
    return dispatch


def _headline(content):
    headlines = content.findall("{*}headline")
    main = [h for h in headlines if "sub" not in h.get("role", "").lower()] or headlines
    return text_of(main[0]) if main else ""


def _summary(content):
    for description in content.iterfind("{*}description"):
        if description.get("role", "drol:summary").endswith("summary"):
            return text_of(description)
    return ""


def _language_tag(content):
    language = content.find("{*}language")
    return language.get("tag", "") if language is not None else ""


def _body(content_set):
    """The story as HTML from the first text rendition in the contentSet."""
    if content_set is None:
        return ""
    for inline in content_set.iterfind("{*}inlineXML"):
        nitf_body = inline.find("{*}nitf/{*}body/{*}body.content")
        if nitf_body is not None:
            return inner_xml(nitf_body, NITF_TAGS)
        xhtml_body = inline.find("{*}html/{*}body")
        if xhtml_body is not None:
            return inner_xml(xhtml_body)
        return inner_xml(inline, NITF_TAGS)
    for inline in content_set.iterfind("{*}inlineData"):
        return text_to_html(inline.text or "")
    return ""


def _pictures(item):
    """Remote renditions of pictures a newsItem points to (its contentSet links)."""
    found = []
    for remote in item.iter("{*}remoteContent"):
        href = remote.get("href", "")
        kind = remote.get("contenttype", "")
        if href and kind.startswith("image/"):
            found.append(Picture(href=href, caption=squash(remote.get("title", ""))))
    return tuple(found)
