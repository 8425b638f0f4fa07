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
from markdown_it import MarkdownIt
from markdown_it.token import Token

from manchette.core.conf import setting

from .models import Comment

LINK_REL = "nofollow ugc noopener"
SCHEMES = {"http", "https"}
TAGS = {"p", "br", "a", "em", "strong", "blockquote", "code", "pre"}
URL = re.compile(r"\bhttps?://[^\s<>\"'`]+", re.IGNORECASE)
# Punctuation that ends a sentence rather than the address it follows.
TRAILING = ".,;:!?'\"»”’"
CLOSERS = {")": "(", "]": "["}
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


def trim_url(url):
    """An address found in text, without the punctuation that follows it."""
    while url:
        last = url[-1]
        if last in TRAILING or (last in CLOSERS and url.count(CLOSERS[last]) < url.count(last)):
            url = url[:-1]
        else:
            break
    return url


def find_urls(text):
    """(start, end, url) of each http(s) address in the text."""
    for match in URL.finditer(text):
        url = trim_url(match.group())
        if len(url) > len("https://"):
            yield match.start(), match.start() + len(url), url


def count_links(text):
    return sum(1 for _ in find_urls(text))


def _autolinked(text):
    parts, position = [], 0
    for start, end, url in find_urls(text):
        parts.append(html.escape(text[position:start]))
        parts.append(f'<a href="{html.escape(url)}">{html.escape(url)}</a>')
        position = end
    parts.append(html.escape(text[position:]))
    return "".join(parts)


def plain_text_html(text):
    paragraphs = [part.strip("\n") for part in PARAGRAPH_BREAK.split(text.strip())]
    return "".join(
        "<p>" + "<br>".join(_autolinked(line) for line in paragraph.split("\n")) + "</p>"
        for paragraph in paragraphs
        if paragraph.strip()
    )


def _linkify(state):
    """Make bare http(s) addresses in Markdown text into links (markdown-it's
    own linkify needs a package we do not use)."""
    for block in state.tokens:
        if block.type != "inline" or not block.children:
            continue
        children, inside_link = [], 0
        for token in block.children:
            inside_link += token.type == "link_open"
            inside_link -= token.type == "link_close"
            if token.type != "text" or inside_link or not URL.search(token.content):
                children.append(token)
                continue
            position = 0
            for start, end, url in find_urls(token.content):
                children.append(_text(token.content[position:start]))
                link = Token("link_open", "a", 1)
                link.attrs = {"href": url}
                children += [link, _text(url), Token("link_close", "a", -1)]
                position = end
            children.append(_text(token.content[position:]))
        block.children = children


def _text(content):
    token = Token("text", "", 0)
    token.content = content
    return token


def _markdown():
    parser = MarkdownIt("zero", {"breaks": True, "html": False}).enable(
        ["emphasis", "blockquote", "backticks", "fence", "link", "newline"]
    )
    parser.validateLink = lambda url: urlsplit(url.strip()).scheme.lower() in SCHEMES
    parser.core.ruler.push("linkify_web", _linkify)
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
