"""What a post and a page of threads cost the database: a few queries, however long the thread."""

import json

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from manchette.comments.models import Comment
from manchette.comments.threads import thread_page
from tests import factory

from .helpers import SAME_ORIGIN, comment, form_data

pytestmark = pytest.mark.django_db

# Reading the article and its policy, bans, an earlier copy; the insert.
POST_QUERIES = 6
# And the thread's reply count, recounted.
REPLY_QUERIES = POST_QUERIES + 3


def post_json(client, article, **fields):
    with CaptureQueriesContext(connection) as queries:
        response = client.post(
            f"/comments/api/{article.pk}/",
            json.dumps(form_data(article, **fields)),
            content_type="application/json",
            **SAME_ORIGIN,
        )
    assert response.status_code == 201
    return len(queries.captured_queries)


@pytest.mark.parametrize("earlier_comments", [0, 60])
def test_a_post_takes_as_many_queries_however_long_the_thread(client, earlier_comments):
    article = factory.article()
    top = comment(article)
    for n in range(earlier_comments):
        comment(article, parent=top, text=f"réponse {n}")
    assert post_json(client, article, text="Un nouvel avis") <= POST_QUERIES
    assert post_json(client, article, text="Une réponse", parent=str(top.pk)) <= REPLY_QUERIES


@pytest.fixture
def busy_site():
    """An article among others, each with a reply and comments in every status."""
    article = factory.article()
    other = factory.article(headline="Autre")
    for status in Comment.Status.values:
        for on in (article, other):
            root = comment(on, status=status, text=f"{on.title} {status}")
            comment(on, parent=root, status=status, text=f"{on.title} {status}, réponse")
    return article


@pytest.mark.parametrize("author_hash", ["", "a" * 64])
def test_a_page_of_threads_reads_its_own_article_in_one_query(busy_site, author_hash):
    Comment.objects.filter(status=Comment.Status.HELD).update(author_token_hash="a" * 64)
    with CaptureQueriesContext(connection) as queries:
        page = thread_page(busy_site.pk, author_hash=author_hash)
    assert len(queries.captured_queries) == 1  # the threads with their replies
    shown = {node.comment.text for node in page.threads} | {
        reply.comment.text for node in page.threads for reply in node.replies
    }
    statuses = [Comment.Status.PUBLISHED] + ([Comment.Status.HELD] if author_hash else [])
    title = busy_site.title
    assert shown == {text for s in statuses for text in (f"{title} {s}", f"{title} {s}, réponse")}
