"""NITF, XHTML and plain text become the blocks of an article body, and nothing else."""

import pytest

from manchette.wire.body import body_blocks
from manchette.wire.dispatch import DispatchRejected
from manchette.wire.parsers.markup import text_html
from manchette.wire.parsers.text import sanitise_body, text_to_html


def blocks(markup):
    return body_blocks(sanitise_body(text_html(markup)))


def paragraphs(html):
    return [block["value"] for block in body_blocks(html) if block["type"] == "paragraph"]


def test_a_whole_html_document_gives_its_story_alone():
    found = blocks(
        "<html><head><title>Titre</title></head><body><article><h1>Titre</h1>"
        '<div class="dat"><span class="vignette">Défense</span><span>TT</span></div>'
        '<div class="bodytext"><p>Premier.</p><blockquote>Citation.</blockquote></div>'
        '<figure><img src="x.jpg"/><div class="byline">Photo: A. B.</div>'
        "<figcaption>Légende</figcaption></figure></article></body></html>"
    )
    assert found == [
        {"type": "paragraph", "value": "<p>Premier.</p>"},
        {"type": "quote", "value": {"quote": "Citation.", "attribution": ""}},
    ]


def test_dpa_xhtml_header_is_left_out():
    found = blocks(
        '<html xmlns="http://www.w3.org/1999/xhtml"><body><header><time>26.06.2024</time>'
        '<ul class="slugline"><li>politics</li></ul><p class="genre">EXTRA</p><h1>Titre</h1>'
        '</header><section class="main"><p><span class="dateline">Berlin '
        '<span class="credit">(dpa)</span> - </span>Texte.</p></section></body></html>'
    )
    assert found == [{"type": "paragraph", "value": "<p>Berlin (dpa) - Texte.</p>"}]


def test_nitf_as_text():
    found = blocks(
        '<?xml version="1.0" encoding="UTF-8"?><nitf><head><title>Titre</title></head><body>'
        "<body.head><hedline><hl1>Titre</hl1></hedline><byline>Par X</byline></body.head>"
        '<body.content><block><p lede="true">Un <person>Tel</person>.</p><hl2>Inter</hl2>'
        "<bq><block><p>Dit.</p></block></bq><media><media-caption>L</media-caption></media>"
        "</block></body.content><body.end><tagline>Fin</tagline></body.end></body></nitf>"
    )
    assert found == [
        {"type": "paragraph", "value": "<p>Un Tel.</p>"},
        {"type": "intertitle", "value": "Inter"},
        {"type": "quote", "value": {"quote": "Dit.", "attribution": ""}},
    ]


def test_boxes_holding_text_are_paragraphs_of_their_own():
    assert paragraphs(sanitise_body(text_html("<div>Un.</div><div>Deux <b>gras</b>.</div>"))) == [
        "<p>Un.</p>",
        "<p>Deux <b>gras</b>.</p>",
    ]


def test_entities_escaped_twice_are_made_whole():
    html = sanitise_body(
        text_html("<html><body><p>l&amp;#39;alcool &amp;quot;fort&amp;quot;</p></body></html>")
    )
    assert paragraphs(html) == ['<p>l\'alcool "fort"</p>']


def test_empty_paragraphs_and_the_desk_sign_off_are_dropped():
    html = sanitise_body(text_html("<p><br/></p><p>Texte.</p><p>asl/tib/pid/cac</p>"))
    assert paragraphs(html) == ["<p>Texte.</p>"]


def test_hard_wrapped_text_with_indented_paragraphs():
    text = (
        '<p>\n   (ANSA) - Rome - Le ministre\na dit ceci.\n   "Inacceptable,"\na-t-il écrit.\n</p>'
    )
    assert paragraphs(text_to_html(text)) == [
        "<p>(ANSA) - Rome - Le ministre a dit ceci.</p>",
        '<p>"Inacceptable," a-t-il écrit.</p>',
    ]


def test_blank_lines_separate_paragraphs_and_join_wrapped_lines():
    text = "Premier paragraphe\nsur deux lignes.\n\nSecond."
    assert paragraphs(text_to_html(text)) == [
        "<p>Premier paragraphe sur deux lignes.</p>",
        "<p>Second.</p>",
    ]


def test_one_paragraph_per_line_without_blank_lines_or_indents():
    assert paragraphs(text_to_html("Un.\nDeux.\r\nTrois.")) == [
        "<p>Un.</p>",
        "<p>Deux.</p>",
        "<p>Trois.</p>",
    ]


def test_nitf_as_text_goes_through_the_safe_parser():
    with pytest.raises(DispatchRejected, match="entities"):
        text_html('<!DOCTYPE nitf [<!ENTITY b "lol">]><nitf><body>&b;</body></nitf>')


def test_a_tag_html_keeps_but_xml_cannot_name_is_its_text():
    assert paragraphs(sanitise_body(text_html("<div><m[ta>Texte</m[ta></div>"))) == ["<p>Texte</p>"]
