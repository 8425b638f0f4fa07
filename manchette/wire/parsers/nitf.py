"""A bare NITF document, as AP and others send a story outside any envelope.

The head's ``docdata`` gives the identity, the time and the rights holder;
``body.head`` the headline, byline and dateline; ``body.content`` the text,
converted like every other NITF (``markup.element_html``). A document
without an identifier is named by its provider, headline and time, so the
same story sent again is recognised.
"""

import hashlib

from ..dispatch import Dispatch
from .markup import element_html, markup_title
from .safexml import text_of
from .text import check_mojibake, first, parse_time, sanitise_body, urgency

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


def parse(root):
    return [document_to_dispatch(root)]


def _attribute(root, path, name):
    found = root.find(path)
    return (found.get(name) or "").strip() if found is not None else ""


def _byline(root):
    """The byline's own text, without the title that follows the names (``byttl``)."""
    byline = root.find(".//{*}body.head/{*}byline")
    if byline is None:
        return ""
    parts = [byline.text or ""] + [
        (child.tail or "") if child.tag.endswith("byttl") else text_of(child) + (child.tail or "")
        for child in byline
    ]
    return " ".join("".join(parts).split())


def document_to_dispatch(root):
    headline = markup_title(root)
    provider = first(
        _attribute(root, ".//{*}docdata/{*}doc-id", "regsrc"),
        _attribute(root, ".//{*}docdata/{*}doc.copyright", "holder"),
        text_of(root.find(".//{*}body.head/{*}distributor")),
    )
    issued = parse_time(_attribute(root, ".//{*}docdata/{*}date.issue", "norm"), what="issue time")
    identity = f"{provider}|{headline}|{issued.isoformat() if issued else ''}"
    dispatch = Dispatch(
        format="NITF",
        guid=first(
            _attribute(root, ".//{*}docdata/{*}doc-id", "id-string"),
            "sha256:" + hashlib.sha256(identity.encode()).hexdigest(),
        ),
        headline=headline,
        provider=provider,
        first_created=issued,
        version_created=issued,
        urgency=urgency(_attribute(root, ".//{*}docdata/{*}urgency", "ed-urg")),
        language=first(root.get(XML_LANG, ""), _attribute(root, ".//{*}body", XML_LANG)),
        body_html=sanitise_body(element_html(root)),
        byline=_byline(root),
        dateline=text_of(root.find(".//{*}body.head/{*}dateline/{*}location")),
        keywords=tuple(
            keyword.get("key", "") for keyword in root.iterfind(".//{*}docdata/{*}key-list/*")
        ),
    )
    check_mojibake(dispatch.headline, dispatch.body_html)
    return dispatch
