"""A page saved as text with fragments of its HTML left in, as some scrapers keep them.

The page's text lines sit between the tags that survived (``<article>``,
``<header>``, ``<time datetime>``…), a headline first, often as a bullet
line. Such a file is not XML and not quite HTML: each text line outside a
tag that holds text becomes a paragraph, the bullet line the page's title,
and the result is read like any saved HTML page (``html.parse``).
"""

import re
from html import escape

from . import html

# Text that does not start with a tag but holds an article's tags: a page saved as text.
FRAGMENT = re.compile(rb"<(article|body|div|section|header|main|p|time|h[1-6])[\s>]", re.I)
TAG = re.compile(r"(<[^<>]*>)")
TAG_NAME = re.compile(r"<\s*(/?)\s*([a-zA-Z][\w-]*)")
BULLETS = "•·▪◦‣-*"
# Elements whose text stays as it is: it is already a line of something.
TEXT_HOLDERS = {
    "a", "abbr", "b", "button", "cite", "dd", "dt", "em", "figcaption", "h1", "h2", "h3",
    "h4", "h5", "h6", "i", "label", "li", "mark", "option", "p", "q", "script", "small",
    "span", "strong", "style", "sub", "sup", "td", "th", "time", "title", "u",
}  # fmt: skip
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "wbr"}
SCAN = 65536


def looks_like(content):
    """Text (it does not start with a tag, so it is neither XML nor an HTML page) with tags."""
    return not content.lstrip().startswith(b"<") and bool(FRAGMENT.search(content[:SCAN]))


def parse(raw):
    text = html.decode(raw)
    return html.parse(to_html(text).encode())


def to_html(text):
    """The saved text as an HTML page a reader of saved pages understands.

    Loose lines become paragraphs; the bullet line is the page's title; the
    text of the article's ``<header>`` its headline (``og:title``, out of the
    body); the words just before a ``<time>`` on its line (“Belga News
    <time>…”) the site's credit, and a line repeating that credit alone (the
    signature) is dropped.
    """
    tokens = TAG.split(text)
    page = _Page()
    for position, token in enumerate(tokens):
        if token.startswith("<"):
            page.tag(token)
            continue
        following = tokens[position + 1] if position + 1 < len(tokens) else ""
        if page.open_tags[-1:] == ["header"] and "article" in page.open_tags:
            page.heading.append(token)
        elif page.open_tags and page.open_tags[-1] in TEXT_HOLDERS:
            page.parts.append(escape(token, quote=False))
        else:
            lines = token.splitlines() or [""]
            if _opens(following, "time"):
                page.credit = " ".join(lines.pop().split())
            for line in lines:
                page.line(" ".join(line.split()))
    return page.html()


def _opens(tag, name):
    found = TAG_NAME.match(tag)
    return found is not None and not found.group(1) and found.group(2).lower() == name


class _Page:
    def __init__(self):
        self.parts, self.open_tags, self.heading = [], [], []
        self.title = self.credit = ""

    def tag(self, token):
        self.parts.append(token)
        _follow(self.open_tags, token)

    def line(self, line):
        if not line:
            return
        if not self.title and not self.open_tags and line[0] in BULLETS:
            self.title = line.lstrip(BULLETS).strip()
        elif not self.credit or not self.credit.casefold().startswith(line.casefold()):
            self.parts.append(f"<p>{escape(line, quote=False)}</p>")

    def html(self):
        head = ['<meta charset="utf-8">']
        if self.title:
            head.append(f"<title>{escape(self.title, quote=False)}</title>")
        heading = " ".join(" ".join(self.heading).split())
        if heading:
            head.append(f'<meta property="og:title" content="{escape(heading)}">')
        if self.credit:
            head.append(f'<meta property="og:site_name" content="{escape(self.credit)}">')
        head, body = "".join(head), "".join(self.parts)
        return f"<!doctype html><html><head>{head}</head><body>{body}</body></html>"


def _follow(open_tags, tag):
    """Keep the stack of open elements as the tag opens or closes one."""
    found = TAG_NAME.match(tag)
    if found is None or tag.startswith(("<!", "<?")):
        return
    closing, name = found.group(1), found.group(2).lower()
    if closing:
        if name in open_tags:
            del open_tags[len(open_tags) - 1 - open_tags[::-1].index(name) :]
    elif name not in VOID and not tag.rstrip(">").endswith("/"):
        open_tags.append(name)
