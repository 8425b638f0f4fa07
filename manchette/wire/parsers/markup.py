"""NITF and XHTML to an article body: one conversion for every format that carries them.

ninjs bodies (``body_html``, ``body_xhtml``, typed ``bodies`` of 2.x and
3.x, NITF given as text), NewsML-G2 ``inlineXML`` and NewsML 1.2
``DataContent`` all arrive here, as a parsed element or as text. What the
reader gets is the story alone: the document's head (``<title>``), the
headline again (``<h1>``, NITF ``hl1``), header metadata (dpa's XHTML
``<header>``, NITF ``body.head``), pictures with their captions and
credits (they come as the dispatch's pictures), and scripts are left out;
NITF's own names become HTML's (``hl2`` an intertitle, ``bq`` a quote);
boxes that hold text directly (a ``<div>`` used as a paragraph) become
paragraphs, so their text is not glued to the next one.
"""

import re
from copy import deepcopy
from html import unescape

import lxml.html
from lxml import etree

from .safexml import local_name, parse_xml, text_of
from .text import hanging_indents, text_to_html

# Whole elements that are not the story's text.
DROPPED = {
    "head", "title", "h1", "header", "nav", "footer", "aside", "figure", "figcaption", "img",
    "picture", "video", "audio", "iframe", "object", "script", "style", "template", "noscript",
    "svg", "form", "button",
    # NITF: the headline block (headline, byline, dateline, abstract), the end notes, media.
    "body.head", "body.end", "hedline", "hl1", "media", "byline", "dateline", "distributor",
    "docdata",
}  # fmt: skip
# Classes that agencies give to header metadata inside the body (TT: section and source).
DROPPED_CLASSES = {"dat", "vignette"}
RENAMED = {
    "hl2": "h2", "bq": "blockquote", "block": "div", "body.content": "div", "pre": "p",
    "tr": "p", "dt": "p", "dd": "p",
}  # fmt: skip
# Boxes that become a paragraph when they hold text themselves.
BOXES = {"div", "section", "article", "main", "body", "center", "td", "th"}
BLOCKS = {
    "p", "div", "section", "article", "main", "h2", "h3", "h4", "h5", "h6", "blockquote",
    "ul", "ol", "li", "table", "tbody", "thead", "tr", "dl",
}  # fmt: skip
XML_DOCUMENT = re.compile(r"^\s*(<\?xml|<!DOCTYPE\s+nitf|<nitf[\s>])", re.I)
TAG_NAME = re.compile(r"^[a-z_][\w.-]*$")
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
LITERAL_ENTITY = re.compile(r"&(#[0-9]{1,7}|#x[0-9a-f]{1,6}|quot|amp|apos|lt|gt|nbsp);", re.I)
HTML_DOCUMENT = re.compile(r"<(html|body)[\s>]", re.I)


def text_html(markup):
    """The story in ``markup``, a whole NITF/XHTML/HTML document or a fragment, as HTML."""
    # Control characters are no text, and neither XML nor lxml's trees accept them.
    markup = CONTROL.sub("", markup or "").strip()
    if not markup:
        return ""
    if XML_DOCUMENT.match(markup):
        # NITF or XML given as text goes through the same safe parser as a whole file.
        return element_html(parse_xml(markup.encode()))
    parser = lxml.html.HTMLParser(no_network=True, huge_tree=False, remove_comments=True)
    try:
        if HTML_DOCUMENT.search(markup[:2000]):
            root = lxml.html.document_fromstring(markup, parser=parser)
        else:
            root = lxml.html.fragment_fromstring(markup, create_parent="div", parser=parser)
    except (etree.ParserError, ValueError):
        return ""
    return element_html(root)


def element_html(element):
    """The story inside a parsed NITF or XHTML element (any part of one), as HTML."""
    if element is None:
        return ""
    tree = deepcopy(element)
    tree.tail = None
    for node in list(tree.iter()):
        if not isinstance(node.tag, str):
            _drop(node)
            continue
        name = local_name(node).lower()
        # HTML parsers keep what XML cannot name ("<m[ta>"): such a tag is only its text.
        node.tag = name if TAG_NAME.match(name) else "span"
        node.text, node.tail = _unescaped(node.text), _unescaped(node.tail)
    etree.cleanup_namespaces(tree)
    story = _story_part(tree)
    for node in list(story.iter()):
        classes = set((node.get("class") or "").split())
        if node is not story and (node.tag in DROPPED or classes & DROPPED_CLASSES):
            _drop(node)
    for node in story.iter():
        node.tag = RENAMED.get(node.tag, node.tag)
        if node.tag in ("td", "th"):
            node.tail = " " + (node.tail or "")
    for node in story.iter():
        if node.tag in BOXES and _holds_text(node):
            node.tag = "p"
    for node in list(story.iter("p")):
        _split_hard_wraps(node)
    parts = [_escaped(story.text)]
    parts += [etree.tostring(child, encoding="unicode", method="html") for child in story]
    return "".join(parts)


def markup_title(element):
    """A headline given only inside the text: NITF's ``<head><title>`` or ``hl1``, XHTML's title."""
    if element is None:
        return ""
    for path in (".//{*}nitf/{*}head/{*}title", ".//{*}hl1", ".//{*}html/{*}head/{*}title"):
        for found in element.iterfind(path):
            if text_of(found):
                return text_of(found)
    return ""


def _story_part(tree):
    """NITF's ``body.content``, else an XHTML ``body``, else the element itself."""
    for name in ("body.content", "body"):
        if tree.tag == name:
            return tree
        found = tree.find(f".//{name}")
        if found is not None:
            return found
    return tree


def _holds_text(node):
    """Text directly inside, or only inline children: a paragraph, whatever its tag."""
    if (node.text or "").strip():
        return True
    children = [child for child in node if isinstance(child.tag, str)]
    if any((child.tail or "").strip() for child in children):
        return True
    inside = (child for child in node.iter() if child is not node)
    return bool(children) and not any(child.tag in BLOCKS for child in inside)


def _split_hard_wraps(paragraph):
    """A paragraph of hard-wrapped plain text with indented paragraphs (Reuters), split."""
    if len(paragraph) or not hanging_indents(paragraph.text or "", at_least=2):
        return
    parent = paragraph.getparent()
    if parent is None:
        return
    position = parent.index(paragraph)
    for offset, part in enumerate(lxml.html.fragments_fromstring(text_to_html(paragraph.text))):
        parent.insert(position + offset, part)
    part.tail = paragraph.tail
    parent.remove(paragraph)


def _drop(node):
    """Remove node and its content, keeping the text that follows it."""
    parent = node.getparent()
    if parent is None:
        return
    tail = node.tail or ""
    previous = node.getprevious()
    if previous is not None:
        previous.tail = (previous.tail or "") + tail
    else:
        parent.text = (parent.text or "") + tail
    parent.remove(node)


def _unescaped(text):
    """Text whose entities were escaped twice upstream ("l&amp;#39;" for "l'") made whole."""
    return LITERAL_ENTITY.sub(lambda found: unescape(found.group()), text) if text else text


def _escaped(text):
    return (text or "").replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
