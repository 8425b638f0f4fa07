"""From bytes to dispatches: the format is read from the content, never the file name.

``parse(raw)`` returns one entry per story the input holds (a NewsML-G2
message, a NewsML 1.2 file, a ninjs array or a feed can hold several):
each is a ``Dispatch``, or a ``DispatchRejected`` naming what is wrong
with that story alone. Input that holds no story at all (malformed,
oversized, an unknown format) raises ``DispatchRejected``.
"""

import re

from django.utils.translation import gettext_noop

from manchette.core.conf import setting

from ..dispatch import DispatchRejected
from . import feeds, html, newsml12, newsml_g2, ninjs, nitf, scraped
from .safexml import local_name, namespace, parse_xml

BOM = b"\xef\xbb\xbf"
HTML_START = re.compile(rb"^\s*(<!--.*?-->\s*)*<(!doctype\s+html|html[\s>])", re.I | re.S)
FEED_ROOTS = {"rss", "feed", "RDF"}


def parse(raw):
    """The dispatches in ``raw`` (bytes): a list of Dispatch or DispatchRejected."""
    limit = setting("MANCHETTE_WIRE_MAX_BYTES")
    if len(raw) > limit:
        raise DispatchRejected(
            gettext_noop(
                "The file is %(size)s bytes, over the limit of %(limit)s "
                "(MANCHETTE_WIRE_MAX_BYTES)."
            ),
            size=len(raw),
            limit=limit,
        )
    content = raw[len(BOM) :] if raw.startswith(BOM) else raw
    if not content.strip():
        raise DispatchRejected(gettext_noop("The file is empty."))
    if ninjs.looks_like(content):
        return ninjs.parse(content)
    if HTML_START.match(content[:4096]):
        return html.parse(content)
    if scraped.looks_like(content):
        return scraped.parse(content)
    root = parse_xml(content)
    name = local_name(root)
    # TT sends NewsML-G2 without its namespace: the shape is enough to know it.
    if name in newsml_g2.ROOTS:
        if namespace(root) in (newsml_g2.NAMESPACE, ""):
            return newsml_g2.parse(root)
        raise DispatchRejected(
            gettext_noop(
                "The root element <%(name)s> is NewsML-G2's but is in another namespace "
                '(%(found)s): NewsML-G2 is xmlns="%(namespace)s".'
            ),
            name=name,
            found=namespace(root),
            namespace=newsml_g2.NAMESPACE,
        )
    if name == "NewsML":
        return newsml12.parse(root)
    if name == "nitf":
        return nitf.parse(root)
    if name in FEED_ROOTS:
        return feeds.parse(content)
    if name == "html":
        return html.parse(content)
    raise DispatchRejected(
        gettext_noop(
            "Unknown format: the XML root element is <%(name)s>. manchette reads ninjs, "
            "NewsML-G2, NewsML 1.2, NITF, RSS, Atom and HTML article pages."
        ),
        name=name,
    )
