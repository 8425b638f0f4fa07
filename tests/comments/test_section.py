"""The comment section under an article: count, empty state, feeds, form, threads, pages."""

import re

import pytest
from django.test import override_settings
from django.utils.translation import gettext, override, pgettext

from manchette.comments.models import Comment
from tests import factory

from .helpers import comment, post

pytestmark = pytest.mark.django_db


def section_of(html):
    start = html.index('<section class="comments"')
    return html[start : html.index("</section>", start)]


def test_empty_section_has_heading_feed_link_and_form(client):
    article = factory.article()
    html = section_of(client.get(article.url).content.decode())
    with override("fr"):
        for text in (
            gettext("Comments"),
            gettext("No comments yet"),
            gettext("Follow the comments RSS feed"),
            gettext("Add a comment"),
            gettext("Name / Pseudonym"),
            gettext("E-mail (optional)"),
            gettext("Website (optional)"),
            pgettext("comment form field", "Comment"),
        ):
            assert text in html
    assert '<span class="comment-count" data-count="0">(0)</span>' in html
    assert f'href="/comments/feed/{article.pk}/rss/" type="application/rss+xml"' in html
    # Real labels, tied to their fields.
    for field in ("name", "email", "website", "text"):
        assert f'<label for="id_{field}">' in html
    assert re.search(r'<input type="text" name="name"[^>]*required', html)


def test_section_shows_count_and_comments(client):
    article = factory.article()
    comment(article, name="Marc", text="Premier avis")
    comment(article, name="Anne", text="Second avis")
    comment(article, name="Spam", text="caché", status=Comment.Status.SPAM)
    html = section_of(client.get(article.url).content.decode())
    assert '<span class="comment-count" data-count="2">(2)</span>' in html
    assert "Premier avis" in html and "Second avis" in html and "caché" not in html
    assert gettext("No comments yet") not in html


def test_errors_beside_fields_and_typed_text_kept(client):
    article = factory.article()
    response = post(client, article, name="", website="ftp://example.com", text="Mon texte")
    assert response.status_code == 400
    assert "public" not in response.get("Cache-Control", "")
    # The form alone, on a small page of its own: not the whole article again.
    html = response.content.decode()
    assert "Premier paragraphe." not in html
    name_error = re.search(
        r'<ul class="errorlist" id="id_name_error">.*?</ul>\s*<input[^>]*id="id_name"', html, re.S
    )
    assert name_error
    assert 'aria-describedby="id_website_error"' in html
    assert 'value="ftp://example.com"' in html
    assert ">\nMon texte</textarea>" in html
    assert not Comment.objects.exists()


def test_replies_nest_three_levels_then_flat(client):
    article = factory.article()
    top = comment(article, text="niveau un")
    second = comment(article, parent=top, text="niveau deux")
    third = comment(article, parent=second, text="niveau trois")
    fourth = comment(article, parent=third, name="Zoé", text="niveau quatre")
    assert (second.depth, third.depth, fourth.depth) == (1, 2, 3)
    assert fourth.thread_id == top.pk
    html = section_of(client.get(article.url).content.decode())
    nesting = html.count('<ol class="comment-replies">')
    assert nesting == 2  # the fourth level is not a third list
    deep = html[html.index(f'id="comment-{fourth.pk}"') :]
    assert "Marc" in deep[: deep.index("</header>")]  # names whom it answers
    # Shown after the third level, in the same list.
    assert html.index("niveau trois") < html.index("niveau quatre")


def test_oldest_first_by_default_and_newest_on_request(client):
    article = factory.article()
    comment(article, text="ancien")
    comment(article, text="récent")
    html = client.get(article.url).content.decode()
    assert html.index("ancien") < html.index("récent")
    html = client.get(article.url + "?order=newest").content.decode()
    assert html.index("récent") < html.index("ancien")
    assert 'aria-current="true" data-order="newest"' in html


@override_settings(MANCHETTE_COMMENTS_PAGE_SIZE=2)
def test_long_threads_are_paginated_by_top_level_comment(client):
    article = factory.article()
    first = comment(article, text="fil 1")
    comment(article, parent=first, text="réponse au fil 1")
    comment(article, text="fil 2")
    comment(article, text="fil 3")
    html = section_of(client.get(article.url).content.decode())
    assert "fil 1" in html and "réponse au fil 1" in html and "fil 2" in html
    assert "fil 3" not in html
    assert f'href="{article.url}?page=2#comments" rel="next"' in html
    page_two = section_of(client.get(article.url + "?page=2").content.decode())
    assert "fil 3" in page_two and "fil 1" not in page_two
    assert 'rel="next"' not in page_two and 'rel="prev"' in page_two


def test_odd_page_numbers_show_the_first_page(client):
    article = factory.article()
    comment(article, text="seul fil")
    for query in ("?page=abc", "?page=-1", "?page=99999999999"):
        response = client.get(article.url + query)
        assert response.status_code == 200
        assert "seul fil" in response.content.decode()


def test_deleted_comment_holds_up_its_replies(client):
    article = factory.article()
    top = comment(article, text="retiré par son auteur")
    comment(article, parent=top, text="une réponse")
    lonely = comment(article, text="retiré sans réponse")
    Comment.objects.filter(pk__in=[top.pk, lonely.pk]).update(status=Comment.Status.DELETED)
    html = section_of(client.get(article.url).content.decode())
    assert "retiré" not in html
    assert "une réponse" in html
    assert html.count(gettext("This comment was deleted.")) == 1


def test_edited_comment_is_marked(client):
    from django.utils import timezone

    article = factory.article()
    comment(article, text="corrigé", edited=timezone.now())
    html = section_of(client.get(article.url).content.decode())
    assert '<span class="comment-edited"' in html


def test_first_page_of_many_comments_takes_few_queries(client, django_assert_max_num_queries):
    article = factory.article()
    threads = [comment(article, text=f"fil {n}") for n in range(30)]
    for top in threads[:10]:
        for n in range(3):
            comment(article, parent=top, text=f"réponse {n}")
    client.get(article.url)  # warm Wagtail's site and page lookups
    with django_assert_max_num_queries(25) as queries:
        client.get(article.url)
    comment_queries = [q for q in queries.captured_queries if 'FROM "comments_comment"' in q["sql"]]
    # The article page, with the count as a subquery; the threads with their replies.
    assert len(comment_queries) == 2
