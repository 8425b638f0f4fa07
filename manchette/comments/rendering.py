"""A comment's text as HTML: paragraphs, links, and nothing a reader could abuse.

Text is stored as typed and rendered on output. Plain text becomes
paragraphs (a blank line) and line breaks, with http(s) addresses made into
links; with ``MANCHETTE_COMMENTS_MARKDOWN`` a restricted Markdown (emphasis,
quotes, code, links) is read instead, raw HTML shown as typed. Whatever the
route, the result goes through nh3 with a short list of tags, links limited
to http(s) and marked ``rel="nofollow ugc noopener"``: a bug in the steps
before cannot let markup through.
"""

import html
import re
from urllib.parse import urlsplit

import nh3
from linkify_it import LinkifyIt
from markdown_it import MarkdownIt

from manchette.core.conf import setting

from .models import Comment

LINK_REL = "nofollow ugc noopener"
SCHEMES = {"http", "https"}
TAGS = {"p", "br", "a", "em", "strong", "blockquote", "code", "pre"}
PARAGRAPH_BREAK = re.compile(r"\n\s*\n")


def _only_web_links(tag, attribute, value):
    if tag == "a" and attribute == "href":
        return value if urlsplit(value).scheme.lower() in SCHEMES else None
    return value


CLEANER = nh3.Cleaner(
    tags=TAGS,
    attributes={"a": {"href"}},
    attribute_filter=_only_web_links,
    link_rel=LINK_REL,
    url_schemes=SCHEMES,
)

# Addresses written out with http:// or https://; linkify-it leaves out the
# punctuation that follows them. Its other schemes, bare host names
# ("example.com") and e-mail addresses stay text.
WEB_ADDRESSES = LinkifyIt(
    {"ftp:": None, "mailto:": None, "//": None},
    {"fuzzy_link": False, "fuzzy_email": False, "fuzzy_ip": False},
)


def web_links(text):
    """linkify-it's matches in the text (``index``, ``last_index``, ``url``, ``text``)."""
    # Its search is slow on long text; without "://" it cannot find one of ours.
    return (WEB_ADDRESSES.match(text) or ()) if "://" in text else ()


def count_links(text):
    return len(web_links(text))


def _autolinked(text):
    parts, position = [], 0
    for link in web_links(text):
        parts.append(html.escape(text[position : link.index]))
        parts.append(f'<a href="{html.escape(link.url)}">{html.escape(link.text)}</a>')
        position = link.last_index
    parts.append(html.escape(text[position:]))
    return "".join(parts)


def plain_text_html(text):
    paragraphs = [part.strip("\n") for part in PARAGRAPH_BREAK.split(text.strip())]
    return "".join(
        "<p>" + "<br>".join(_autolinked(line) for line in paragraph.split("\n")) + "</p>"
        for paragraph in paragraphs
        if paragraph.strip()
    )


def _markdown():
    parser = MarkdownIt("zero", {"breaks": True, "html": False, "linkify": True}).enable(
        ["emphasis", "blockquote", "backticks", "fence", "link", "newline", "linkify"]
    )
    parser.linkify = WEB_ADDRESSES
    parser.validateLink = lambda url: urlsplit(url.strip()).scheme.lower() in SCHEMES
    return parser


MARKDOWN = _markdown()


def render(text, markup=Comment.Markup.TEXT):
    """Safe HTML for a comment's text."""
    if markup == Comment.Markup.HTML:
        raw = text
    elif markup == Comment.Markup.MARKDOWN or setting("MANCHETTE_COMMENTS_MARKDOWN"):
        raw = MARKDOWN.render(text)
    else:
        raw = plain_text_html(text)
    return CLEANER.clean(raw)
