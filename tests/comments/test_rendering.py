"""A comment's text as HTML: paragraphs, links, restricted Markdown, all through nh3."""

import pytest
from django.test import override_settings

from manchette.comments.models import Comment
from manchette.comments.rendering import count_links, render

REL = 'rel="nofollow ugc noopener"'


def test_paragraphs_and_line_breaks():
    assert render("un\ndeux\n\n\ntrois") == "<p>un<br>deux</p><p>trois</p>"


def test_addresses_become_links_without_trailing_punctuation():
    html = render("Voir https://example.com/a_(b). Et (http://x.example/y), fin.")
    assert f'<a href="https://example.com/a_(b)" {REL}>https://example.com/a_(b)</a>. Et' in html
    assert f'<a href="http://x.example/y" {REL}>http://x.example/y</a>),' in html


def test_other_schemes_are_not_linked():
    html = render("javascript:alert(1) ftp://example.com www.example.com")
    assert "<a" not in html


def test_markup_is_escaped_in_plain_text():
    assert render("<b>gras</b> & <i>") == "<p>&lt;b&gt;gras&lt;/b&gt; &amp; &lt;i&gt;</p>"


def test_markdown_keeps_emphasis_quote_code_and_links():
    html = render("*un* **deux**\n\n> cité\n\n`code` [lien](https://a.example)", "markdown")
    assert "<em>un</em> <strong>deux</strong>" in html
    assert "<blockquote>" in html and "<code>code</code>" in html
    assert f'<a href="https://a.example" {REL}>lien</a>' in html


def test_markdown_drops_what_is_not_allowed():
    html = render(
        "# titre\n\n![img](https://a.example/i.png)\n\n[x](javascript:alert(1))", "markdown"
    )
    assert "<h1" not in html and "<img" not in html and "javascript" not in html.split("[x]")[0]
    assert 'href="javascript' not in html


def test_markdown_autolinks_bare_addresses():
    assert f'<a href="https://a.example" {REL}>' in render("voir https://a.example", "markdown")


@override_settings(MANCHETTE_COMMENTS_MARKDOWN=True)
def test_markdown_setting_applies_to_plain_comments():
    assert "<em>oui</em>" in render("*oui*")


def test_imported_html_is_sanitised():
    html = render(
        '<p onclick="x">ok <script>alert(1)</script><a href="data:text/html,x">l</a></p>',
        Comment.Markup.HTML,
    )
    assert html == f"<p>ok <a {REL}>l</a></p>"


def test_links_are_counted():
    assert count_links("https://a.example et http://b.example/x, pas ftp://c") == 2


@pytest.mark.parametrize("text", ["", "\n\n", "   "])
def test_empty_text_renders_nothing(text):
    assert render(text) == ""
