"""Posting a comment with the plain form: what is stored, held, refused, and who sees it."""

import pytest
from django.db import connection
from django.test import Client, override_settings
from django.test.utils import CaptureQueriesContext
from django.utils.translation import gettext

from manchette.comments.models import Ban, Comment, ReplySubscription
from manchette.comments.security import AUTHOR_COOKIE
from tests import factory

from .helpers import comment, post

pytestmark = pytest.mark.django_db

AWAITING = "Awaiting moderation: only you can see this comment for now."


def test_plain_form_post_redirects_to_the_new_comment(client):
    article = factory.article()
    response = post(client, article, website="https://lucie.example/")
    stored = Comment.objects.get()
    assert response.status_code == 303
    assert response["Location"] == f"{article.url}#comment-{stored.pk}"
    assert stored.status == Comment.Status.PUBLISHED
    assert stored.ip_network == "127.0.0.0/24"
    assert stored.language == "fr"
    html = client.get(article.url).content.decode()
    assert f'id="comment-{stored.pk}"' in html
    assert "Un avis mesuré sur la question." in html
    assert '<a href="https://lucie.example/" rel="nofollow ugc noopener">Lucie</a>' in html


def test_author_gets_a_signed_cookie_and_only_its_hash_is_stored(client):
    article = factory.article()
    response = post(client, article)
    cookie = response.cookies[AUTHOR_COOKIE]
    assert cookie["httponly"] and cookie["samesite"] == "Lax"
    stored = Comment.objects.get()
    assert len(stored.author_token_hash) == 64
    assert stored.author_token_hash not in cookie.value


def test_reply_joins_its_parent_thread(client):
    article = factory.article()
    top = comment(article)
    response = post(client, article, parent=str(top.pk), text="Je réponds")
    reply = Comment.objects.get(text="Je réponds")
    assert response["Location"].endswith(f"#comment-{reply.pk}")
    assert (reply.parent, reply.thread, reply.depth) == (top, top, 1)
    top.refresh_from_db()
    assert top.reply_count == 1


def test_reply_link_without_javascript_prepares_the_form(client):
    article = factory.article()
    top = comment(article, name="Marc")
    html = client.get(f"{article.url}?reply={top.pk}").content.decode()
    assert f'name="parent" value="{top.pk}"' in html
    assert "Marc" in html[html.index('class="comment-replying"') :]


def test_held_comment_is_shown_to_its_author_only(client):
    article = factory.article()
    post(client, article, text="Voyez http://a.example et http://b.example")
    held = Comment.objects.get()
    assert held.status == Comment.Status.HELD
    mine = client.get(article.url)
    assert "http://a.example" in mine.content.decode()
    assert gettext(AWAITING) in mine.content.decode()
    # The author's page is theirs alone: no shared cache may keep it.
    assert "public" not in mine.get("Cache-Control", "") and "Surrogate-Key" not in mine
    stranger = Client().get(article.url).content.decode()
    assert "http://a.example" not in stranger
    assert '<span class="comment-count" data-count="0">(0)</span>' in stranger


def test_another_author_cookie_does_not_show_a_held_comment(client):
    article = factory.article()
    post(client, article, text="Voyez http://a.example et http://b.example")
    other = Client()
    post(other, article, text="Mon propre avis")
    assert "http://a.example" not in other.get(article.url).content.decode()


def test_forged_author_cookie_is_ignored(client):
    article = factory.article()
    post(client, article, text="Voyez http://a.example et http://b.example")
    stranger = Client()
    stranger.cookies[AUTHOR_COOKIE] = client.cookies[AUTHOR_COOKIE].value[:-3] + "xyz"
    assert "http://a.example" not in stranger.get(article.url).content.decode()


@pytest.mark.usefixtures("english")  # reads the held reason's English wording
def test_one_link_is_published_two_are_held(client):
    article = factory.article()
    post(client, article, text="Source: https://a.example/rapport")
    post(client, article, text="https://a.example et https://b.example")
    statuses = dict(Comment.objects.values_list("text", "status"))
    assert statuses["Source: https://a.example/rapport"] == "published"
    assert statuses["https://a.example et https://b.example"] == "held"
    assert "link" in Comment.objects.get(status="held").held_reason


@override_settings(MANCHETTE_COMMENTS_BANNED_WORDS=["casino", "pilules bleues"])
def test_banned_words_hold_the_comment(client):
    article = factory.article()
    post(client, article, text="Le CASINO en ligne")
    post(client, article, text="Des pilules bleues", name="Autre")
    post(client, article, text="Le mot casinos n'est pas exact", name="Troisième")
    statuses = dict(Comment.objects.values_list("text", "status"))
    assert statuses == {
        "Le CASINO en ligne": "held",
        "Des pilules bleues": "held",
        "Le mot casinos n'est pas exact": "published",
    }


def test_banned_email_is_refused(client):
    article = factory.article()
    Ban.objects.create(kind=Ban.Kind.EMAIL, value="troll@example.com")
    response = post(client, article, email="Troll@Example.com")
    assert response.status_code == 403
    assert not Comment.objects.exists()
    assert "Un avis mesuré" in response.content.decode()


def test_banned_network_is_refused(client):
    article = factory.article()
    Ban.objects.create(kind=Ban.Kind.NETWORK, value="127.0.0.0/16")
    assert post(client, article).status_code == 403
    assert not Comment.objects.exists()


@override_settings(MANCHETTE_COMMENTS_NETWORK_RATES=[(2, 60)])
def test_too_many_comments_from_one_network_are_refused(client):
    article = factory.article()
    assert post(client, article, text="un").status_code == 303
    assert post(client, article, text="deux").status_code == 303
    response = post(client, article, text="trois")
    assert response.status_code == 429
    assert "trois" in response.content.decode()  # kept for the next try
    assert Comment.objects.count() == 2
    # The form alone: a flood of refused posts must not render the article for each.
    assert "Premier paragraphe." not in response.content.decode()
    assert [t.name for t in response.templates][0] == "comments/form_page.html"
    assert "no-store" in response["Cache-Control"]
    other_network = post(client, article, text="quatre", headers={"REMOTE_ADDR": "192.0.2.1"})
    assert other_network.status_code == 303


@override_settings(MANCHETTE_COMMENTS_ARTICLE_RATES=[(2, 60)])
def test_too_many_comments_on_one_article_are_refused(client):
    article, other = factory.article(), factory.article(headline="Autre")
    for n, address in enumerate(["192.0.2.1", "198.51.100.1"]):
        assert (
            post(client, article, text=f"n{n}", headers={"REMOTE_ADDR": address}).status_code == 303
        )
    assert (
        post(client, article, text="n3", headers={"REMOTE_ADDR": "203.0.113.1"}).status_code == 429
    )
    assert post(client, other, text="ailleurs").status_code == 303


def test_duplicate_does_not_count_against_the_rate_limit(client):
    article = factory.article()
    with override_settings(MANCHETTE_COMMENTS_NETWORK_RATES=[(1, 60)]):
        post(client, article)
        assert post(client, article).status_code == 303
    assert Comment.objects.count() == 1


def test_asking_for_reply_notifications_subscribes_unconfirmed(client):
    article = factory.article()
    post(client, article, email="lucie@example.com", notify="on")
    post(client, article, text="Sans abonnement", email="lucie@example.com")
    subscription = ReplySubscription.objects.get()
    assert subscription.email == "lucie@example.com" and subscription.confirmed_at is None
    assert subscription.comment.text == "Un avis mesuré sur la question."


@override_settings(MANCHETTE_COMMENTS_NETWORK_RATES=[(1, 60)])
def test_a_network_already_refused_is_refused_again_before_any_other_work(client):
    article = factory.article()
    assert post(client, article, text="un").status_code == 303
    assert post(client, article, text="deux").status_code == 429
    with CaptureQueriesContext(connection) as queries:
        again = post(client, article, text="trois")
    assert again.status_code == 429
    assert "trois" in again.content.decode()
    # No ban or duplicate look-up, and the form page without its section menu.
    touched = " ".join(query["sql"] for query in queries.captured_queries)
    for table in ('"comments_ban"', '"comments_comment"', '"newsroom_sectionpage"'):
        assert table not in touched
    assert Comment.objects.count() == 1
