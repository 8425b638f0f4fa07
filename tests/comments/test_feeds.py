"""Each article's comment feed, RSS 2.0 and Atom."""

import feedparser
import pytest
from django.test import Client

from manchette.comments.models import Comment
from tests import factory

from .helpers import comment

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("kind", ["rss", "atom"])
def test_feed_lists_published_comments_newest_first(kind):
    article = factory.article()
    comment(article, name="Marc", text="Premier https://a.example")
    comment(article, name="Anne", text="<b>Second</b>")
    comment(article, name="Spam", text="caché", status=Comment.Status.HELD)
    response = Client().get(f"/comments/feed/{article.pk}/{kind}/")
    assert response.status_code == 200
    feed = feedparser.parse(response.content)
    assert not feed.bozo
    assert article.title in feed.feed.title
    assert [entry.author for entry in feed.entries] == ["Anne", "Marc"]
    assert "&lt;b&gt;Second&lt;/b&gt;" in feed.entries[0].summary
    assert 'rel="nofollow ugc noopener"' in feed.entries[1].summary
    assert feed.entries[1].link.endswith(f"#comment-{Comment.objects.get(name='Marc').pk}")
    assert f"comments-{article.pk}" in response["Surrogate-Key"]


def test_feed_of_a_draft_is_not_found():
    draft = factory.article(publish=False)
    assert Client().get(f"/comments/feed/{draft.pk}/rss/").status_code == 404


def test_article_page_links_its_comment_feeds():
    article = factory.article()
    html = Client().get(article.url).content.decode()
    assert f'href="/comments/feed/{article.pk}/rss/"' in html
    assert f'href="/comments/feed/{article.pk}/atom/"' in html
