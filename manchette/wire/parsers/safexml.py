"""XML parsing that an agency feed, or someone pretending to be one, cannot abuse.

The parser resolves no entity, loads no DTD, reaches no network and keeps
libxml2's size and depth limits. A document that declares entities at all
(the way to a "billion laughs" bomb or an external entity reading local
files) is refused outright: news formats have no use for them. A DOCTYPE
naming an external DTD, as NewsML 1.2 files often do, is allowed: it is
never fetched.
"""

from copy import deepcopy

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


def parse_xml(raw):
    """The root element of a well-formed, entity-free XML document."""
    if b"<!ENTITY" in raw.upper():
        raise DispatchRejected(
            gettext_noop(
                "The XML declares entities (<!ENTITY>); entity expansion and external "
                "entities are refused."
            )
        )
    try:
        root = etree.fromstring(raw, parser=_parser())
    except etree.XMLSyntaxError as error:
        raise DispatchRejected(_readable(error), error=_message(error)) from None
    except ValueError as error:  # lxml: unicode strings with an encoding declaration, …
        raise DispatchRejected(MALFORMED, error=str(error)) from None
    if root is None:
        raise DispatchRejected(gettext_noop("The XML document is empty."))
    dtd = root.getroottree().docinfo.internalDTD
    if dtd is not None and any(True for _ in dtd.iterentities()):
        raise DispatchRejected(gettext_noop("The XML declares entities; they are refused."))
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
    if not isinstance(tag, str):
        return ""
    return etree.QName(tag).localname


def namespace(element):
    tag = element.tag
    return etree.QName(tag).namespace or "" if isinstance(tag, str) else ""


def text_of(element):
    """All the text inside element, on one line."""
    if element is None:
        return ""
    return " ".join("".join(element.itertext()).split())


def inner_xml(element, rename=None):
    """The markup inside element, namespaces dropped, as HTML text for the sanitiser.

    ``rename`` maps a format's own tag names to HTML ones (NITF's ``hl2`` is an h2).
    """
    if element is None:
        return ""
    rename = rename or {}
    copy = deepcopy(element)
    for node in copy.iter():
        if isinstance(node.tag, str):
            name = local_name(node)
            node.tag = rename.get(name, name)
    etree.cleanup_namespaces(copy)
    parts = [copy.text or ""]
    parts += [etree.tostring(c, encoding="unicode", with_tail=True) for c in copy]
    return "".join(parts)
