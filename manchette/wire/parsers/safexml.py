"""XML parsing that an agency feed, or someone pretending to be one, cannot abuse.

The parser resolves no entity, loads no DTD, reaches no network and keeps
libxml2's size and depth limits. A document that declares entities that
would expand (the way to a "billion laughs" bomb or an external entity
reading local files) is refused outright: news formats have no use for
them. A DOCTYPE naming an external DTD, as NewsML 1.2 files often do, is
allowed, and so is the standard NITF declaration of an external parameter
entity (``<!ENTITY % nitf SYSTEM "nitf-3-0.dtd"> %nitf;``): neither is
ever fetched, so nothing expands.
"""

import re

from django.utils.translation import gettext_noop
from lxml import etree

from ..dispatch import DispatchRejected

MALFORMED = gettext_noop("Malformed XML: %(error)s")


def _parser():
    return etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        huge_tree=False,
        remove_comments=True,
        remove_pis=True,
    )


# A parameter entity naming an external file, which the parser never loads.
EXTERNAL_PARAMETER_ENTITY = re.compile(
    rb"""<!ENTITY\s+%\s*[\w.:-]+\s+(SYSTEM|PUBLIC\s+("[^"]*"|'[^']*'))\s+("[^"]*"|'[^']*')\s*>"""
)
ENTITIES_REFUSED = gettext_noop(
    "The XML declares entities (<!ENTITY>); entity expansion and external entities are refused."
)


def parse_xml(raw):
    """The root element of a well-formed XML document whose entities never expand."""
    if raw.upper().count(b"<!ENTITY") > len(EXTERNAL_PARAMETER_ENTITY.findall(raw)):
        raise DispatchRejected(ENTITIES_REFUSED)
    try:
        root = etree.fromstring(raw, parser=_parser())
    except etree.XMLSyntaxError as error:
        raise DispatchRejected(_readable(error), error=_message(error)) from None
    except ValueError as error:  # lxml: unicode strings with an encoding declaration, …
        raise DispatchRejected(MALFORMED, error=str(error)) from None
    if root is None:
        raise DispatchRejected(gettext_noop("The XML document is empty."))
    dtd = root.getroottree().docinfo.internalDTD
    if dtd is not None and any(e.content or not e.system_url for e in dtd.iterentities()):
        raise DispatchRejected(ENTITIES_REFUSED)
    if _has_entity_references(root):
        raise DispatchRejected(
            gettext_noop(
                "The XML uses undeclared entities (such as &nbsp;); write the characters "
                "themselves."
            )
        )
    return root


def _message(error):
    return str(getattr(error, "msg", None) or error).strip()


def _readable(error):
    """The reason for libxml2's error: an encoding error is said to be one."""
    message = _message(error)
    if "encoding" in message or "UTF-8" in message:
        return gettext_noop(
            "Malformed XML: %(error)s — the bytes do not match the declared encoding "
            "(wrong or mixed encodings)"
        )
    return MALFORMED


def _has_entity_references(root):
    return any(True for _ in root.iter(etree.Entity))


def local_name(element):
    """The tag without its namespace: ``newsItem`` for ``{http://iptc.org/…}newsItem``."""
    tag = element.tag
    # Split by hand: lxml's QName refuses names its HTML parser lets through ("m[ta").
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def namespace(element):
    tag = element.tag
    return etree.QName(tag).namespace or "" if isinstance(tag, str) else ""


def text_of(element):
    """All the text inside element, on one line."""
    if element is None:
        return ""
    return " ".join("".join(element.itertext()).split())
