"""Bad input and attacks on the comment form: each gets a clear answer, nothing stored, no 500."""

import json
import time
from unittest import mock

import lxml.html
import pytest
from django.test import override_settings
from django.utils.html import escape
from django.utils.translation import gettext

from manchette.comments.forms import CommentForm
from manchette.comments.models import Comment, CommentPolicy
from manchette.comments.security import issue_token
from tests import factory

from .helpers import SAME_ORIGIN, comment, form_data, post

# These tests read messages by their English wording.
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]

OPAQUE = b"This form could not be accepted."


def errors_of(response):
    """The comment form the re-rendered article shows."""
    return next(
        c["form"] for c in response.context if "form" in c and isinstance(c["form"], CommentForm)
    ).errors


def assert_refused_and_nothing_stored(response, status=400):
    assert response.status_code == status
    assert not Comment.objects.exists()


# Cross-site posts (CSRF): the cached page has no CSRF cookie, the browser's word is checked.


def test_cross_site_post_is_refused(client):
    article = factory.article()
    response = post(client, article, headers={"HTTP_SEC_FETCH_SITE": "cross-site"})
    assert_refused_and_nothing_stored(response, 403)
    assert "this site" in response.content.decode()


def test_post_from_another_origin_is_refused(client):
    article = factory.article()
    response = post(client, article, headers={"HTTP_ORIGIN": "https://attacker.example"})
    assert_refused_and_nothing_stored(response, 403)


def test_post_with_a_foreign_referer_is_refused(client):
    article = factory.article()
    response = post(client, article, headers={"HTTP_REFERER": "https://attacker.example/page"})
    assert_refused_and_nothing_stored(response, 403)


def test_post_with_an_opaque_origin_is_refused(client):
    article = factory.article()
    response = post(client, article, headers={"HTTP_ORIGIN": "null"})
    assert_refused_and_nothing_stored(response, 403)


def test_post_from_the_site_own_origin_is_taken(client):
    article = factory.article()
    response = post(client, article, headers={"HTTP_ORIGIN": "http://testserver"})
    assert response.status_code == 303


# The signed form token.


def test_token_for_another_article_is_refused(client):
    article, other = factory.article(), factory.article(headline="Autre")
    token = issue_token(other.pk, now=time.time() - 60)
    response = post(client, article, token=token)
    assert_refused_and_nothing_stored(response)
    assert response.content == OPAQUE


def test_token_with_a_changed_timestamp_is_refused(client):
    article = factory.article()
    target, issued, signature = issue_token(article.pk, now=time.time() - 60).split(":")
    response = post(client, article, token=f"{target}:{int(issued) - 3600}:{signature}")
    assert_refused_and_nothing_stored(response)
    assert response.content == OPAQUE


def test_token_with_a_forged_signature_is_refused(client):
    article = factory.article()
    token = issue_token(article.pk, now=time.time() - 60)
    forged = token[:-4] + ("AAAA" if not token.endswith("AAAA") else "BBBB")
    response = post(client, article, token=forged)
    assert_refused_and_nothing_stored(response)
    assert response.content == OPAQUE


def test_missing_token_is_refused(client):
    article = factory.article()
    response = post(client, article, token="")
    assert_refused_and_nothing_stored(response)


def test_post_faster_than_a_person_types_is_refused(client):
    article = factory.article()
    response = post(client, article, token=issue_token(article.pk))
    assert_refused_and_nothing_stored(response)
    html = response.content.decode()
    assert (
        gettext("That was quick! Please wait a few seconds, then send your comment again.") in html
    )
    assert "Un avis mesuré sur la question." in html  # the text is kept


def test_token_older_than_two_hours_is_refused(client):
    article = factory.article()
    response = post(client, article, token=issue_token(article.pk, now=time.time() - 7201))
    assert_refused_and_nothing_stored(response)
    assert (
        gettext("This form has expired. Please send your comment again.")
        in response.content.decode()
    )


def test_an_expired_form_comes_back_with_a_fresh_token_that_is_taken(client):
    """A page cached (or left open) longer than a token lives: sending again works."""
    article = factory.article()
    expired = post(client, article, token=issue_token(article.pk, now=time.time() - 7201))
    fresh = lxml.html.fromstring(expired.content).xpath("//input[@name='token']/@value")[0]
    with mock.patch("manchette.comments.security.time.time", return_value=time.time() + 10):
        again = post(client, article, token=fresh)
    assert again.status_code == 303 and Comment.objects.count() == 1


def test_honeypot_filled_is_refused(client):
    article = factory.article()
    response = post(client, article, homepage="http://spam.example")
    assert_refused_and_nothing_stored(response)
    assert response.content == OPAQUE


def test_replay_returns_the_earlier_comment(client):
    """Replaying a post (same token, same text) answers with the comment it made, once."""
    article = factory.article()
    data = form_data(article)
    first = client.post(f"/comments/post/{article.pk}/", data, **SAME_ORIGIN)
    again = client.post(f"/comments/post/{article.pk}/", data, **SAME_ORIGIN)
    assert Comment.objects.count() == 1
    assert first["Location"] == again["Location"]
    assert "Set-Cookie" not in again or "manchette_commenter" not in again.cookies


def test_same_text_in_other_case_and_spacing_is_the_same_comment(client):
    article = factory.article()
    post(client, article, text="Bravo  pour cet article")
    post(client, article, text="bravo pour\ncet article")
    assert Comment.objects.count() == 1


# Lengths, emptiness, encodings.


@pytest.mark.parametrize(
    "field, value",
    [
        ("name", "N" * 81),
        ("email", "a" * 250 + "@example.com"),
        ("website", "https://example.com/" + "a" * 200),
        ("text", "t" * 5001),
    ],
)
def test_over_long_field_is_refused(client, field, value):
    article = factory.article()
    response = post(client, article, **{field: value})
    assert_refused_and_nothing_stored(response)
    assert errors_of(response)[field]


@pytest.mark.parametrize("field", ["name", "text"])
@pytest.mark.parametrize("value", ["", "   ", "\n\t \n"])
def test_empty_required_field_is_refused(client, field, value):
    article = factory.article()
    response = post(client, article, **{field: value})
    assert_refused_and_nothing_stored(response)
    assert errors_of(response)[field]


@override_settings(MANCHETTE_COMMENTS_MAX_LENGTH=20)
def test_length_limit_is_a_setting(client):
    article = factory.article()
    response = post(client, article, text="x" * 21)
    assert_refused_and_nothing_stored(response)
    assert 'maxlength="20"' in response.content.decode()


def test_invalid_utf8_is_refused(client):
    article = factory.article()
    data = form_data(article)
    body = "&".join(f"{key}={value}" for key, value in data.items() if key != "text")
    response = client.generic(
        "POST",
        f"/comments/post/{article.pk}/",
        body.encode() + b"&text=caf%E9+cr%C3",
        content_type="application/x-www-form-urlencoded",
        **SAME_ORIGIN,
    )
    assert_refused_and_nothing_stored(response)
    assert errors_of(response)["text"]


@pytest.mark.parametrize("field", ["name", "text"])
def test_control_characters_are_refused(client, field):
    article = factory.article()
    response = post(client, article, **{field: "bonjour\x1b[31m\x07"})
    assert_refused_and_nothing_stored(response)
    assert errors_of(response)[field]


@pytest.mark.parametrize("field", ["name", "text"])
@pytest.mark.parametrize(
    "bidi", ["\u202a", "\u202b", "\u202c", "\u202d", "\u202e", "\u2066", "\u2069"]
)
def test_bidi_overrides_are_refused(client, field, bidi):
    article = factory.article()
    response = post(client, article, **{field: f"Lucie {bidi}gpj.exe"})
    assert_refused_and_nothing_stored(response)
    assert "change the direction of writing" in str(errors_of(response)[field])


def test_control_character_in_a_website_is_refused(client):
    article = factory.article()
    response = post(client, article, website="https://lucie.example/\x07")
    assert_refused_and_nothing_stored(response)
    assert errors_of(response)["website"]


def test_null_character_is_refused(client):
    article = factory.article()
    response = post(client, article, text="avant\x00après")
    assert_refused_and_nothing_stored(response)


def test_line_breaks_and_tabs_are_kept(client):
    article = factory.article()
    post(client, article, text="ligne un\r\n\tligne deux")
    assert Comment.objects.get().text == "ligne un\n\tligne deux"


# Websites: only http(s).


@pytest.mark.parametrize(
    "website",
    [
        "javascript:alert(1)",
        "JaVaScRiPt:alert(document.cookie)",
        " javascript:alert(1)",
        "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==",
        "vbscript:msgbox(1)",
        "ftp://example.com/",
        "mailto:lucie@example.com",
    ],
)
def test_website_other_than_http_is_refused(client, website):
    article = factory.article()
    response = post(client, article, website=website)
    assert_refused_and_nothing_stored(response)
    assert errors_of(response)["website"]


def test_website_without_scheme_becomes_https(client):
    article = factory.article()
    post(client, article, website="example.com")
    assert Comment.objects.get().website == "https://example.com"


# Where the comment comes from.


@override_settings(MANCHETTE_TRUSTED_PROXIES=[])
def test_spoofed_forwarded_for_from_an_untrusted_peer_is_ignored(client):
    article = factory.article()
    post(client, article, headers={**SAME_ORIGIN, "HTTP_X_FORWARDED_FOR": "203.0.113.9"})
    assert Comment.objects.get().ip_network == "127.0.0.0/24"


@override_settings(MANCHETTE_TRUSTED_PROXIES=["127.0.0.1"])
def test_forwarded_for_from_a_trusted_proxy_names_the_reader(client):
    article = factory.article()
    spoofed_then_real = "192.0.2.66, 203.0.113.9"  # the reader wrote the first, our proxy the last
    post(client, article, headers={**SAME_ORIGIN, "HTTP_X_FORWARDED_FOR": spoofed_then_real})
    assert Comment.objects.get().ip_network == "203.0.113.0/24"


@override_settings(MANCHETTE_TRUSTED_PROXIES=["127.0.0.1"])
def test_garbage_forwarded_for_falls_back_to_the_peer(client):
    article = factory.article()
    post(client, article, headers={**SAME_ORIGIN, "HTTP_X_FORWARDED_FOR": "'; DROP TABLE--"})
    assert Comment.objects.get().ip_network == "127.0.0.0/24"


def test_ipv6_is_stored_as_its_64_network(client):
    article = factory.article()
    post(client, article, headers={**SAME_ORIGIN, "REMOTE_ADDR": "2001:db8:1:2:3:4:5:6"})
    assert Comment.objects.get().ip_network == "2001:db8:1:2::/64"


def test_sql_metacharacters_are_stored_as_text(client):
    article = factory.article()
    nasty = "Robert'); DROP TABLE comments_comment;-- \" OR 1=1 -- %_\\"
    response = post(client, article, name=nasty[:80], text=nasty)
    assert response.status_code == 303
    stored = Comment.objects.get()
    assert stored.text == nasty and stored.name == nasty[:80].strip()
    assert client.get(article.url).status_code == 200


# Which articles take comments.


def test_comment_on_a_draft_is_not_found(client):
    draft = factory.article(publish=False)
    assert_refused_and_nothing_stored(post(client, draft), 404)


def test_comment_on_an_unpublished_article_is_not_found(client):
    gone = factory.unpublished_article()
    assert_refused_and_nothing_stored(post(client, gone), 404)


def test_comment_on_a_scheduled_article_is_not_found(client):
    scheduled = factory.scheduled_article()
    assert_refused_and_nothing_stored(post(client, scheduled), 404)


def test_comment_on_an_article_that_does_not_exist_is_not_found(client):
    article = factory.article()
    data = form_data(article)
    response = client.post("/comments/post/999999/", data, **SAME_ORIGIN)
    assert_refused_and_nothing_stored(response, 404)


def test_an_article_number_too_large_for_the_database_is_not_found(client):
    article = factory.article()
    huge = 2**64
    assert client.get(f"/comments/api/{huge}/").status_code == 404
    assert client.get(f"/comments/api/{huge}/token/").status_code == 404
    assert client.get(f"/comments/api/counts/?article={huge}").status_code == 404
    assert client.get(f"/comments/feed/{huge}/rss/").status_code == 404
    response = client.post(f"/comments/post/{huge}/", form_data(article), **SAME_ORIGIN)
    assert_refused_and_nothing_stored(response, 404)
    response = client.post(
        f"/comments/api/{huge}/",
        json.dumps(form_data(article)),
        content_type="application/json",
        **SAME_ORIGIN,
    )
    assert_refused_and_nothing_stored(response, 404)


def test_comment_on_a_closed_article_is_refused(client):
    article = factory.article()
    CommentPolicy.objects.create(page=article, mode="closed")
    response = post(client, article)
    assert_refused_and_nothing_stored(response, 403)
    assert gettext("Comments are closed on this article.") in response.content.decode()


def test_reply_to_a_comment_of_another_article_is_refused(client):
    article, other = factory.article(), factory.article(headline="Autre")
    elsewhere = comment(other)
    response = post(client, article, parent=str(elsewhere.pk))
    assert response.status_code == 400
    assert Comment.objects.count() == 1
    assert gettext("The comment you reply to is not on this article.") in response.content.decode()


def test_reply_to_a_held_comment_of_someone_else_is_refused(client):
    article = factory.article()
    held = comment(article, status=Comment.Status.HELD)
    response = post(client, article, parent=str(held.pk))
    assert response.status_code == 400
    assert Comment.objects.count() == 1


def test_reply_to_a_made_up_parent_is_refused(client):
    article = factory.article()
    for parent in ("abc", "-3", "99999999999999999999"):
        response = post(client, article, parent=parent)
        assert_refused_and_nothing_stored(response)


def test_get_on_the_post_address_is_not_allowed(client):
    article = factory.article()
    assert client.get(f"/comments/post/{article.pk}/").status_code == 405


# XSS: every field is shown escaped or sanitised (the browser corpus is in tests/browser).

PAYLOADS = [
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    "<svg/onload=alert(1)>",
    "'\"><iframe src=javascript:alert(1)>",
    '<a href="javascript:alert(1)">x</a>',
]


def assert_inert(html):
    """No element or attribute in the comment section that could run a script."""
    start = html.index('<section class="comments"')
    section = lxml.html.fromstring(html[start : html.index("</section>", start) + 10])
    for element in section.iter():
        if element.tag == "script":  # only our own enhancement script
            assert element.get("src") == "/static/comments/comments.js" and not element.text
            continue
        assert element.tag not in {"img", "svg", "iframe", "object", "embed"}
        for name, value in element.attrib.items():
            assert not name.lower().startswith("on"), (element.tag, name)
            if name in {"href", "src", "action"}:
                assert not value.strip().lower().startswith(("javascript:", "data:", "vbscript:"))


@pytest.mark.parametrize("payload", PAYLOADS)
@pytest.mark.parametrize("field", ["name", "text"])
def test_markup_in_a_field_is_shown_as_text(client, field, payload):
    article = factory.article()
    response = post(client, article, **{field: payload})
    assert response.status_code == 303
    html = client.get(article.url).content.decode()
    assert_inert(html)
    assert escape(payload) in html


@pytest.mark.parametrize(
    "website",
    [
        'https://example.com/"><script>alert(1)</script>',
        "https://example.com/?q=<svg/onload=alert(1)>",
        "https://example.com/' onmouseover='alert(1)",
    ],
)
def test_markup_in_a_website_is_escaped_in_its_link(client, website):
    article = factory.article()
    response = post(client, article, website=website)
    if response.status_code == 303:
        assert_inert(client.get(article.url).content.decode())
    else:
        assert_refused_and_nothing_stored(response)


@override_settings(MANCHETTE_COMMENTS_MARKDOWN=True)
@pytest.mark.parametrize(
    "payload", [*PAYLOADS, "[x](javascript:alert(1))", "[x](data:text/html,hi)"]
)
def test_markup_in_markdown_is_sanitised(client, payload):
    article = factory.article()
    post(client, article, text=payload)
    assert_inert(client.get(article.url).content.decode())


def test_email_is_never_shown(client):
    article = factory.article()
    post(client, article, email="lucie@example.com")
    assert Comment.objects.get().email == "lucie@example.com"
    assert "lucie@example.com" not in client.get(article.url).content.decode()
    assert b"lucie@example.com" not in client.get(f"/comments/api/{article.pk}/").content
    assert b"lucie@example.com" not in client.get(f"/comments/feed/{article.pk}/rss/").content


@pytest.mark.parametrize(
    "payload", ['"><script>alert(1)</script>@example.com', "x@example.com\nBcc: a@b.c"]
)
def test_markup_in_the_email_is_refused(client, payload):
    article = factory.article()
    response = post(client, article, email=payload)
    assert_refused_and_nothing_stored(response)
    assert errors_of(response)["email"]
