"""A page of threads reads that page's comments, not every comment of the site.

SQLite picks an index without statistics of the data; these tests read its
plans (EXPLAIN QUERY PLAN) for the two queries of a page of threads.
PostgreSQL plans from statistics it gathers itself, so they run on SQLite.
"""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from manchette.comments.models import Comment
from manchette.comments.threads import thread_page
from tests import factory

from .helpers import comment

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite's query planner"),
]


def plans_of_a_page(article, author_hash=""):
    with CaptureQueriesContext(connection) as queries:
        thread_page(article.pk, author_hash=author_hash)
    plans = []
    with connection.cursor() as cursor:
        for query in queries.captured_queries:
            cursor.execute(f"EXPLAIN QUERY PLAN {query['sql']}")
            plans.append(" ".join(row[-1] for row in cursor.fetchall()))
    return plans


@pytest.fixture
def busy_site():
    """An article among others, with replies and comments in every status."""
    article = factory.article()
    other = factory.article(headline="Autre")
    for status in Comment.Status.values:
        root = comment(article, status=status)
        comment(article, parent=root, status=status)
        comment(other, status=status)
    return article


@pytest.mark.parametrize("author_hash", ["", "a" * 64])
def test_the_threads_and_their_replies_use_their_own_indexes(busy_site, author_hash):
    roots, replies = plans_of_a_page(busy_site, author_hash)
    assert "USING INDEX comment_thread_roots (article_id=? AND depth=?)" in roots
    assert "TEMP B-TREE" not in roots  # read in the order shown: the page stops early
    assert "(thread_id=?" in replies  # by thread (one index or another), not by status
    assert "comment_queue" not in roots + replies
