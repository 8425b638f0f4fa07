"""IPTC NewsML-G2: a ``newsMessage`` of ``newsItem``s, or one ``newsItem``.

Metadata lives in ``itemMeta`` (identity, times, status, signals) and
``contentMeta`` (headline, slugline, subjects …); the story in
``contentSet``, as inline NITF, inline XHTML or plain text. Elements are
found by local name (``{*}``): the NITF or XHTML inside has its own
namespace, or none.
"""

from django.utils.translation import gettext_noop

from ..dispatch import Dispatch, DispatchRejected, Picture, Subject
from .markup import element_html, markup_title, text_html
from .safexml import local_name, text_of
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
# The roots of a NewsML-G2 document; only newsItems hold stories.
ROOTS = {"newsMessage", "newsItem", "packageItem", "planningItem", "conceptItem", "knowledgeItem"}
STORY_CLASSES = {"text", ""}
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
SIGNALS = {"update": "update", "correction": "correction", "kill": "kill", "cancel": "kill"}


def parse(root):
    if local_name(root) == "newsMessage":
        items = [item for item in root.iterfind("{*}itemSet/*") if isinstance(item.tag, str)]
        sender = text_of(root.find("{*}header/{*}sender"))
    else:
        items, sender = [root], ""
    news = [item for item in items if local_name(item) == "newsItem"]
    # Pictures sent beside their story illustrate it; alone, they are not a story.
    stories = [item for item in news if item_class(item) in STORY_CLASSES]
    if not stories:
        raise _not_a_story(items, news)
    return each(stories, lambda item: item_to_dispatch(item, sender))


def item_class(item):
    """``text`` for ``ninat:text`` or ``icls:text``; "" when the item does not say."""
    return qcode_name(item.find("{*}itemMeta/{*}itemClass"))


def _not_a_story(items, news):
    """The refusal of a message with no story in it, naming what it holds instead."""
    if news:
        return DispatchRejected(
            gettext_noop(
                "The NewsML-G2 item is a %(kinds)s item, not a story: it has no text to "
                "publish as an article."
            ),
            kinds=", ".join(sorted({item_class(item) for item in news})),
        )
    names = {local_name(item) for item in items}
    if "planningItem" in names:
        return DispatchRejected(
            gettext_noop(
                "The NewsML-G2 document is a planning item (coverage to come), not a story."
            )
        )
    if "packageItem" in names:
        return DispatchRejected(
            gettext_noop(
                "The NewsML-G2 message holds only a package (packageItem), which points to "
                "its stories without carrying their text: send the newsItems themselves."
            )
        )
    return DispatchRejected(gettext_noop("The NewsML-G2 message holds no newsItem."))


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
        headline=first(_headline(content), markup_title(item.find("{*}contentSet"))),
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
        kicker=first(*(text_of(h) for h in content.iterfind("{*}headline") if _is_kicker(h))),
        slugline=text_of(content.find("{*}slugline")),
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


def _is_kicker(headline):
    return qcode_name(headline, "role") in ("kicker", "overline")


def _headline(content):
    headlines = [h for h in content.findall("{*}headline") if not _is_kicker(h)]
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
        return element_html(inline)
    for inline in content_set.iterfind("{*}inlineData"):
        if "html" in inline.get("contenttype", ""):
            return text_html(inline.text or "")
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
