"""A dispatch's sanitised HTML body, as the blocks of an article body.

Paragraphs become ``paragraph`` blocks (bold, italic and links, in
Wagtail's rich-text form: ``<b>``, ``<i>``), headings ``intertitle``s,
block quotes ``quote``s; list items and loose text become paragraphs.
"""

import re
from html import escape

import lxml.html

from manchette.newsroom.models import ArticlePage

INLINE = {"b": "b", "strong": "b", "i": "i", "em": "i", "a": "a", "br": "br"}
WORDS = re.compile(r"[^\W_]")
HEADINGS = {"h2", "h3", "h4", "h5", "h6"}
INTERTITLE_LENGTH = (
    ArticlePage._meta.get_field("body").stream_block.child_blocks["intertitle"].field.max_length
)


def body_blocks(html):
    """StreamField data for ArticlePage.body."""
    if not html.strip():
        return []
    root = lxml.html.fragment_fromstring(html, create_parent="div")
    blocks = []
    loose = [escape(root.text or "", quote=False)]
    for element in root:
        if element.tag in INLINE:
            loose += [_inline(element), escape(element.tail or "", quote=False)]
            continue
        _flush(loose, blocks)
        blocks.extend(_blocks_of(element))
        loose = [escape(element.tail or "", quote=False)]
    _flush(loose, blocks)
    return blocks


def _flush(loose, blocks):
    text = " ".join("".join(loose).split())
    if text:
        blocks.append(_paragraph(text))


def _paragraph(inner_html):
    return {"type": "paragraph", "value": f"<p>{inner_html}</p>"}


def _blocks_of(element):
    tag = element.tag
    if tag in HEADINGS:
        text = " ".join(element.text_content().split())
        return [{"type": "intertitle", "value": text[:INTERTITLE_LENGTH]}] if text else []
    if tag == "blockquote":
        text = " ".join(element.text_content().split())
        return [{"type": "quote", "value": {"quote": text, "attribution": ""}}] if text else []
    if tag in ("ul", "ol"):
        return [block for item in element for block in _blocks_of(item)]
    inner = " ".join(_inner(element).split())
    # A paragraph of line breaks or rules alone (<p><br/></p>, "___") says nothing.
    return [_paragraph(inner)] if WORDS.search(element.text_content()) else []


def _inner(element):
    """The element's content with only the inline tags a paragraph accepts."""
    parts = [escape(element.text or "", quote=False)]
    for child in element:
        parts.append(_inline(child) if child.tag in INLINE else _inner(child))
        parts.append(escape(child.tail or "", quote=False))
    return "".join(parts)


def _inline(element):
    tag = INLINE[element.tag]
    if tag == "br":
        return "<br/>"
    inner = _inner(element)
    if tag == "a":
        href = element.get("href", "")
        return f'<a href="{escape(href)}">{inner}</a>' if href else inner
    return f"<{tag}>{inner}</{tag}>" if inner.strip() else inner
