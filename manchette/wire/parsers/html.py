"""A saved or scraped HTML article page, for migrating a site's archive.

What a page states about itself wins: its schema.org JSON-LD (headline,
dates with their zone, author, keywords), then its meta tags (Open Graph,
``article:*``), then its markup (``<h1>`` with a ``.kicker``, ``<time>``,
``rel="tag"`` links). trafilatura finds the article's text among the
page's chrome, htmldate the date when the page states none.
"""

import hashlib
import json
import re

import htmldate
import lxml.html
import trafilatura
from django.utils.translation import gettext_noop
from lxml import etree

from ..dispatch import Dispatch, DispatchRejected
from .text import (
    BRUSSELS,
    check_mojibake,
    first,
    is_date_only,
    parse_time,
    plain_text,
    sanitise_body,
    squash,
)

ARTICLE_TYPES = {
    "NewsArticle",
    "Article",
    "ReportageNewsArticle",
    "BlogPosting",
    "AnalysisNewsArticle",
}
# Placeholders of a page template (Angular, Vue …) that a browser's script would fill.
TEMPLATE_PLACEHOLDER = re.compile(r"\{\{[^{}]{1,200}\}\}")
CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([\w.:-]+)""", re.I)


def decode(raw):
    """The page as text, in the encoding it declares (UTF-8 when it declares none)."""
    found = CHARSET.search(raw[:4096])
    encoding = found.group(1).decode("ascii", "replace").lower() if found else "utf-8"
    try:
        return raw.decode(encoding)
    except LookupError:
        raise DispatchRejected(
            gettext_noop("The page declares an unknown encoding “%(encoding)s”."),
            encoding=encoding,
        ) from None
    except UnicodeDecodeError as error:
        raise DispatchRejected(
            gettext_noop(
                "The page is not valid %(encoding)s (byte 0x%(byte)s at position %(position)s): "
                "wrong or mixed encodings."
            ),
            encoding=encoding,
            byte=f"{raw[error.start]:02x}",
            position=error.start,
        ) from None
    except (UnicodeError, ValueError) as error:  # codecs such as idna fail in their own ways
        raise DispatchRejected(
            gettext_noop("The page cannot be read as %(encoding)s: %(error)s."),
            encoding=encoding,
            error=str(error),
        ) from None


def parse(raw):
    text = decode(raw)
    try:
        parser = lxml.html.HTMLParser(no_network=True, huge_tree=False, remove_comments=True)
        tree = lxml.html.document_fromstring(text, parser=parser)
    except (etree.ParserError, ValueError) as error:
        raise DispatchRejected(
            gettext_noop("Unreadable HTML page: %(error)s"), error=str(error)
        ) from None
    return [page_to_dispatch(tree, text)]


def json_ld(tree):
    """The page's schema.org article object, or {}."""
    for script in tree.xpath('//script[@type="application/ld+json"]'):
        try:
            data = json.loads(script.text or "")
        except (ValueError, RecursionError):
            continue
        for candidate in _objects(data):
            kinds = candidate.get("@type")
            kinds = set(kinds) if isinstance(kinds, list) else {kinds}
            if kinds & ARTICLE_TYPES:
                return candidate
    return {}


def _objects(data):
    if isinstance(data, list):
        return [d for d in data if isinstance(d, dict)]
    if isinstance(data, dict):
        graph = data.get("@graph")
        return [data, *_objects(graph)] if graph else [data]
    return []


def meta(tree, name):
    for attribute in ("property", "name"):
        found = tree.xpath(f"//meta[@{attribute}=$name]/@content", name=name)
        if found:
            return squash(found[0])
    return ""


def _names(value, kind):
    """Names of the schema.org things of ``kind`` (Person, Organization) in value."""
    things = value if isinstance(value, list) else [value]
    names = []
    for thing in things:
        if isinstance(thing, str) and kind == "Person":
            names.append(thing)
        elif isinstance(thing, dict) and thing.get("@type", "Person") == kind:
            names.append(str(thing.get("name", "")))
    return [squash(name) for name in names if name]


def _keywords(article, tree):
    keywords = article.get("keywords", [])
    if isinstance(keywords, str):
        keywords = keywords.split(",")
    found = [squash(k) for k in keywords if isinstance(k, str)]
    found += tree.xpath("//meta[@property='article:tag']/@content")
    found += [
        squash(a.text_content())
        for a in tree.xpath("//a[contains(concat(' ', @rel, ' '), ' tag ')]")
    ]
    return tuple(found)


def _kicker_and_headline(tree):
    h1 = next(iter(tree.xpath("//article//h1 | //h1")), None)
    if h1 is None:
        return "", ""
    kicker = h1.xpath(".//*[contains(concat(' ', @class, ' '), ' kicker ')]")
    kicker_text = squash(kicker[0].text_content()).rstrip(" :") if kicker else ""
    headline = squash(h1.text_content())
    if kicker:
        headline = squash(headline.removeprefix(squash(kicker[0].text_content())))
    return kicker_text, headline


def _time_text(article, tree, key, meta_name):
    return first(
        article.get(key) if isinstance(article.get(key), str) else "",
        meta(tree, meta_name),
    )


def _time(article, tree, key, meta_name):
    value = _time_text(article, tree, key, meta_name)
    return parse_time(value, zone=BRUSSELS, what=key) if value else None


def _date_only(article, tree, found_by_htmldate):
    """Whether the page dates itself by the day alone: then no time is shown to readers."""
    stated = [
        _time_text(article, tree, "datePublished", "article:published_time"),
        _time_text(article, tree, "dateModified", "article:modified_time"),
    ]
    stated = [value for value in stated if value]
    if not stated:
        times = tree.xpath("//article//time/@datetime | //time/@datetime")
        stated = times[:1]
    return all(is_date_only(value) for value in stated) if stated else found_by_htmldate


def _guid(article, tree, headline, published):
    page = article.get("mainEntityOfPage")
    page = page.get("@id") if isinstance(page, dict) else page
    canonical = tree.xpath("//link[@rel='canonical']/@href")
    url = first(
        page if isinstance(page, str) else "",
        article.get("url") if isinstance(article.get("url"), str) else "",
        canonical[0] if canonical else "",
        meta(tree, "og:url"),
    )
    if url:
        return url.strip()
    # No address at all: the page's headline and date are its identity.
    return "sha256:" + hashlib.sha256(f"{headline}|{published}".encode()).hexdigest()


def page_to_dispatch(tree, text):
    article = json_ld(tree)
    kicker, h1 = _kicker_and_headline(tree)
    headline = first(
        squash(article.get("headline")) if isinstance(article.get("headline"), str) else "",
        h1,
        meta(tree, "og:title"),
        squash(tree.findtext(".//title")),
    )
    published = _time(article, tree, "datePublished", "article:published_time")
    modified = _time(article, tree, "dateModified", "article:modified_time")
    if published is None:
        published = _time_element(tree)
    by_htmldate = published is None
    if by_htmldate:
        found = htmldate.find_date(tree, extensive_search=False, original_date=True)
        published = (
            parse_time(found, zone=BRUSSELS, what=gettext_noop("page date")) if found else None
        )
    body = trafilatura.extract(
        text,
        output_format="html",
        include_formatting=True,
        include_links=True,
        include_images=False,
        include_tables=False,
        include_comments=False,
        # The fast path misses whole articles (it kept a subscription box instead):
        # the fallback extractors are worth their time on an import.
        fast=False,
    )
    if body and TEMPLATE_PLACEHOLDER.search(plain_text(body)):
        raise DispatchRejected(
            gettext_noop(
                "The page is a template whose text was never filled in ({{ … }}): save the "
                "page as a browser shows it, once its script has run."
            )
        )
    people = _names(article.get("author"), "Person")
    organisations = _names(article.get("author"), "Organization")
    publisher = _names(article.get("publisher"), "Organization")
    guid = _guid(article, tree, headline, published)
    standfirst = first(
        plain_text(article.get("description"))
        if isinstance(article.get("description"), str)
        else "",
        meta(tree, "og:description"),
        meta(tree, "description"),
    )
    dispatch = Dispatch(
        format="HTML page",
        guid=guid,
        headline=headline,
        provider=first(*organisations, *publisher, meta(tree, "og:site_name")),
        first_created=published,
        version_created=modified or published,
        date_only=published is not None and _date_only(article, tree, by_htmldate),
        language=first(
            article.get("inLanguage") if isinstance(article.get("inLanguage"), str) else "",
            tree.get("lang", ""),
            meta(tree, "og:locale"),
        ),
        kicker=kicker,
        standfirst=standfirst,
        body_html=_without_repeats(sanitise_body(body or ""), headline, standfirst),
        byline=", ".join(people),
        keywords=_keywords(article, tree),
        url=guid if guid.startswith(("http://", "https://")) else "",
    )
    if not plain_text(dispatch.body_html).strip():
        raise DispatchRejected(gettext_noop("No article text was found on the page."))
    check_mojibake(dispatch.headline, dispatch.standfirst, dispatch.body_html)
    return dispatch


def _without_repeats(body, *already_shown):
    """The body without the headline or standfirst the page repeats at its top."""
    shown = {squash(text).casefold() for text in already_shown if text}
    root = lxml.html.fragment_fromstring(body or "<p></p>", create_parent="div")
    for block in list(root):
        if squash(block.text_content()).casefold() not in shown:
            break
        root.remove(block)
    return "".join(lxml.html.tostring(block, encoding="unicode") for block in root).strip()


def _time_element(tree):
    for value in tree.xpath("//article//time/@datetime | //time/@datetime"):
        try:
            return parse_time(value, zone=BRUSSELS, what=gettext_noop("page time"))
        except DispatchRejected:
            continue
    return None
