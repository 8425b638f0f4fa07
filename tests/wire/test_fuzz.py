"""Arbitrary bytes never escape a parser as an unhandled exception.

Each parser gets random bytes, and mutations of its own sample files and of
the real agency files of its format in ``../shared/wire-real/`` when that
folder is there (so that the fuzzing reaches past the first syntax check):
whatever it is given, it returns dispatches or raises DispatchRejected.
"""

import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from manchette.wire.dispatch import Dispatch, DispatchRejected
from manchette.wire.parsers import feeds, html, newsml12, newsml_g2, ninjs, nitf, parse, scraped
from manchette.wire.parsers.markup import text_html
from manchette.wire.parsers.safexml import parse_xml
from manchette.wire.parsers.text import sanitise_body, text_to_html

from .builders import REAL, sample

FUZZ = settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow], database=None
)


@st.composite
def mutated(draw, original):
    """The original bytes with a few bytes replaced, inserted or deleted."""
    raw = bytearray(original)
    for _ in range(draw(st.integers(1, 8))):
        position = draw(st.integers(0, len(raw)))
        action = draw(st.sampled_from(["replace", "insert", "delete"]))
        byte = draw(st.integers(0, 255))
        if action == "insert" or position == len(raw):
            raw.insert(position, byte)
        elif action == "replace":
            raw[position] = byte
        else:
            del raw[position]
    return bytes(raw)


def real(*patterns):
    """The real files of a format, read in place; none when the folder is absent."""
    if not REAL.is_dir():
        return []
    paths = sorted(path for pattern in patterns for path in REAL.glob(pattern))
    return [path.read_bytes() for path in paths if path.suffix not in (".md", ".tsv")]


def inputs(*samples, seeds=()):
    originals = [sample(name) for name in samples] + list(seeds)
    return st.one_of(st.binary(max_size=2000), *(mutated(raw) for raw in originals))


def survives(read, raw):
    try:
        stories = read(raw)
    except DispatchRejected:
        return
    assert isinstance(stories, list)
    assert all(isinstance(story, Dispatch | DispatchRejected) for story in stories)


@FUZZ
@given(inputs("ninjs-1-superdesk.json", "ninjs-2.json", "ninjs-3.json", seeds=real("*ninjs*")))
def test_ninjs_parser(raw):
    survives(ninjs.parse, raw)


json_values = st.recursive(
    st.none() | st.booleans() | st.floats(allow_nan=False) | st.integers() | st.text(),
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=12), inner, max_size=6)
    ),
    max_leaves=20,
)
ninjs_names = st.sampled_from(
    ["uri", "guid", "headline", "headlines", "bodies", "body_html", "subject", "subjects",
     "associations", "signal", "signals", "standard", "versionCreated", "urgency", "renditions",
     "descriptions", "infosources", "pubstatus", "embargoed", "keywords", "$schema"]
)  # fmt: skip


@FUZZ
@given(st.dictionaries(ninjs_names, json_values, max_size=10))
def test_ninjs_parser_with_ninjs_shaped_json(item):
    survives(ninjs.parse, json.dumps(item).encode())


@FUZZ
@given(inputs("newsml-g2-nitf.xml", "newsml-g2-xhtml.xml", seeds=real("g2-*")))
def test_newsml_g2_parser(raw):
    survives(lambda data: newsml_g2.parse(parse_xml(data)), raw)


@FUZZ
@given(inputs("newsml12-belga.xml", seeds=real("*nml12-*")))
def test_newsml_12_parser(raw):
    survives(lambda data: newsml12.parse(parse_xml(data)), raw)


@FUZZ
@given(inputs(seeds=real("nitf-*")))
def test_nitf_parser(raw):
    survives(lambda data: nitf.parse(parse_xml(data)), raw)


@FUZZ
@given(inputs("newsml-g2-xhtml.xml", seeds=real("html-*", "nitf-*")))
def test_markup_conversion(raw):
    """Any markup, whole document or fragment, becomes a body or is refused."""
    try:
        html_body = text_html(raw.decode("utf-8", "replace"))
    except DispatchRejected:
        return
    assert isinstance(sanitise_body(html_body), str)


@FUZZ
@given(st.text(alphabet=st.sampled_from(" \t\n\r<p>/a.é"), max_size=300))
def test_plain_text_paragraphs(text):
    html_body = text_to_html(text)
    assert html_body == "" or (html_body.startswith("<p>") and html_body.endswith("</p>"))


@FUZZ
@given(inputs("rss.xml", "atom.xml", seeds=real("rss*", "atom*", "bad-rss*")))
def test_feed_parser(raw):
    survives(feeds.parse, raw)


@FUZZ
@given(inputs("article.html", seeds=real("html-*")))
def test_html_parser(raw):
    survives(html.parse, raw)


@FUZZ
@given(inputs("scraped-page.txt"))
def test_scraped_page_parser(raw):
    survives(scraped.parse, raw)


@FUZZ
@given(
    inputs(
        "ninjs-2.json", "newsml-g2-nitf.xml", "newsml12-belga.xml", "rss.xml", "article.html",
        "bad-entity-bomb.xml", seeds=real("*"),
    )
)  # fmt: skip
def test_format_detection(raw):
    survives(parse, raw)


@pytest.mark.parametrize(
    "raw",
    [b"\xff\xfe<\x00a\x00>\x00", b"<?xml version='1.0' encoding='UTF-16'?><a/>", b"[]", b"[1]",
     b'{"uri": ""}', b"<rss/>", b"<html>", b"\x00", "<a>\u00b2</a>".encode()],
)  # fmt: skip
def test_odd_inputs(raw, settings):
    survives(parse, raw)


@pytest.mark.parametrize(
    ("name", "old", "new"),
    [
        ("newsml-g2-nitf.xml", b"<urgency>3</urgency>", "<urgency>\u00b2</urgency>".encode()),
        (
            "newsml12-belga.xml",
            b'<Urgency FormalName="3"/>',
            '<Urgency FormalName="\u00b2"/>'.encode(),
        ),
        ("newsml12-belga.xml", b"20240916T222500", b"20241316T222500"),
        ("ninjs-2.json", b'"urgency": 4', b'"urgency": 1e400'),
    ],
)
def test_odd_values_in_good_files(name, old, new):
    survives(parse, sample(name).replace(old, new))


@pytest.mark.parametrize("encoding", [b"idna", b"punycode", b"utf-7", b"rot13", b"nonsense"])
def test_html_page_in_an_odd_declared_encoding(encoding):
    page = b'<!DOCTYPE html><html><head><meta charset="' + encoding + b'"></head><body>'
    survives(parse, page + b"a" * 100 + b"\xff</body></html>")
