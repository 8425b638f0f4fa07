"""IPTC NewsML-G2: a ``newsMessage`` of ``newsItem``s, or one ``newsItem``.

Metadata lives in ``itemMeta`` (identity, times, status, signals) and
``contentMeta`` (headline, slugline, subjects …); the story in
``contentSet``, as inline NITF, inline XHTML or plain text.
"""

from ..dispatch import Dispatch, DispatchRejected, Picture, Subject
from .safexml import child, children, find_path, inner_xml, local_name, text_of
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
        items = [
            item for group in children(root, "itemSet") for item in children(group, "newsItem")
        ]
        sender = text_of(find_path(root, "header", "sender"))
    if not items:
        raise DispatchRejected("The NewsML-G2 message holds no newsItem.")
    return each(items, lambda item: item_to_dispatch(item, sender))


def qcode_name(element, attribute="qcode"):
    """``stat:canceled`` → ``canceled``."""
    if element is None:
        return ""
    return (element.get(attribute) or "").rsplit(":", 1)[-1].lower()


def item_to_dispatch(item, sender=""):
    meta = child(item, "itemMeta")
    content = child(item, "contentMeta")
    if meta is None or content is None:
        raise DispatchRejected("The newsItem lacks its itemMeta or contentMeta.")
    signals = {
        SIGNALS[name] for s in children(meta, "signal") if (name := qcode_name(s)) in SIGNALS
    }
    previous = [
        link.get("href", "") for link in children(meta, "link") if "previous" in link.get("rel", "")
    ]
    provider = child(meta, "provider")
    dispatch = Dispatch(
        format="NewsML-G2",
        guid=item.get("guid", ""),
        headline=_headline(content),
        version=item.get("version", ""),
        provider=first(
            text_of(child(provider, "name")),
            provider.get("literal", "") if provider is not None else "",
            qcode_name(provider),
            sender,
        ),
        first_created=parse_time(text_of(child(meta, "firstCreated")), what="first-created time"),
        version_created=parse_time(text_of(child(meta, "versionCreated")), what="version time"),
        embargo=parse_time(text_of(child(meta, "embargoed")), what="embargo"),
        pubstatus=qcode_name(child(meta, "pubStatus")) or "usable",
        urgency=urgency(text_of(child(content, "urgency"))),
        language=first(_language_tag(content), item.get(XML_LANG, "")),
        kicker=text_of(child(content, "slugline")),
        standfirst=_summary(content),
        body_html=sanitise_body(_body(child(item, "contentSet"))),
        byline=first(
            text_of(child(content, "by")),
            *(text_of(child(c, "name")) for c in children(content, "creator")),
        ),
        dateline=first(
            text_of(find_path(content, "located", "name")), text_of(child(content, "dateline"))
        ),
        subjects=tuple(
            Subject(code=s.get("qcode", "") or s.get("uri", ""), name=text_of(child(s, "name")))
            for s in children(content, "subject")
        ),
        keywords=tuple(text_of(k) for k in children(content, "keyword")),
        pictures=_pictures(item),
        signals=frozenset(signals),
        note=text_of(child(meta, "edNote")),
        previous_version=first(*previous),
    )
    check_mojibake(dispatch.headline, dispatch.standfirst, dispatch.body_html)
    return dispatch


def _headline(content):
    headlines = children(content, "headline")
    main = [h for h in headlines if "sub" not in h.get("role", "").lower()] or headlines
    return text_of(main[0]) if main else ""


def _summary(content):
    for description in children(content, "description"):
        if description.get("role", "drol:summary").endswith("summary"):
            return text_of(description)
    return ""


def _language_tag(content):
    language = child(content, "language")
    return language.get("tag", "") if language is not None else ""


def _body(content_set):
    """The story as HTML from the first text rendition in the contentSet."""
    if content_set is None:
        return ""
    for inline in children(content_set, "inlineXML"):
        nitf_body = find_path(child(inline, "nitf"), "body", "body.content")
        if nitf_body is not None:
            return inner_xml(nitf_body, NITF_TAGS)
        xhtml_body = find_path(child(inline, "html"), "body")
        if xhtml_body is not None:
            return inner_xml(xhtml_body)
        return inner_xml(inline, NITF_TAGS)
    for inline in children(content_set, "inlineData"):
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
