"""Publishing purges exactly the cached pages it changes, seen through the page cache."""

import re

import pytest

from manchette.core import pagecache
from manchette.core.cache import purge, purge_log_path
from manchette.core.pagecache import PageCache
from manchette.newsroom.models import ArticlePage
from tests import factory
from tests.core.wsgi import get

pytestmark = pytest.mark.django_db


@pytest.fixture
def newsroom():
    """Article A, the pages that show or list it, and pages that have nothing to do with it."""
    monde, sport = factory.section("Monde"), factory.section("Sport")
    a = factory.article(headline="A", in_section=monde, tags=["Syrie"])
    neighbour = factory.article(headline="Voisin", in_section=monde)
    cousin = factory.article(headline="Cousin", in_section=sport, tags=["Syrie"])
    # Same agency as A, other section, other tags.
    unrelated = factory.article(headline="Sans rapport", in_section=sport, tags=["Football"])
    return {
        "a": a,
        "showing A": {
            "article": a.url,
            "section": monde.url,
            "tag": "/tag/syrie/",
            "source": "/source/belga/",
            "front page": "/",
            "site feed": "/feeds/rss/",
            "section feed": "/feeds/section/monde/atom/",
            "sitemap": "/sitemap.xml",
            "news sitemap": "/news-sitemap.xml",
            "sidebar of the section's latest": neighbour.url,
            "sidebar of related articles": cousin.url,
        },
        "not showing A": {
            "unrelated article": unrelated.url,
            "other section": sport.url,
            "other tag": "/tag/football/",
        },
    }


@pytest.fixture
def cached(django_app, newsroom):
    """A page cache holding every page of the newsroom."""
    app = PageCache(django_app)
    for path in (*newsroom["showing A"].values(), *newsroom["not showing A"].values()):
        assert get(app, path).cache == "miss", path
    return app


def cache_states(app, pages):
    return {name: get(app, path).cache for name, path in pages.items()}


def every(pages, state):
    return dict.fromkeys(pages, state)


def test_publishing_an_update_purges_what_shows_the_article(
    cached, newsroom, django_capture_on_commit_callbacks
):
    a = newsroom["a"]
    a.title = "A, mis à jour"
    with django_capture_on_commit_callbacks(execute=True):
        a.save_revision().publish()
    assert cache_states(cached, newsroom["showing A"]) == every(newsroom["showing A"], "miss")
    assert cache_states(cached, newsroom["not showing A"]) == every(
        newsroom["not showing A"], "hit"
    )


def test_a_new_article_leaves_its_lists_and_the_sidebars_that_show_them_stale_a_moment(
    cached, newsroom, django_capture_on_commit_callbacks, monkeypatch
):
    monde = newsroom["a"].get_parent()
    with django_capture_on_commit_callbacks(execute=True):
        factory.article(headline="Nouveau", in_section=monde, tags=["Syrie"])
    pages = newsroom["showing A"]
    # Nothing they show changed, only what joins them: each keeps its copy, stale, until
    # it is rendered again (once the copy is a second old), rather than have readers
    # wait for a render at every story the wire adds.
    joined = {name: pages[name] for name in ("section", "tag", "front page", "site feed")}
    sidebars = {name: pages[name] for name in pages if name.startswith("sidebar")}
    assert cache_states(cached, {**joined, **sidebars}) == every({**joined, **sidebars}, "stale")
    assert cache_states(cached, newsroom["not showing A"]) == every(
        newsroom["not showing A"], "hit"
    )
    monkeypatch.setattr(pagecache, "SOFT_REFRESH_SECONDS", 0)
    for name, path in joined.items():
        again = get(cached, path)
        assert (again.cache, "Nouveau" in again.body.decode()) == ("miss", True), name


def test_a_recording_ready_leaves_only_its_article_page_stale_a_moment(
    cached, newsroom, django_capture_on_commit_callbacks
):
    a = newsroom["a"]
    # What the audio worker purges once an article's recording is ready (listen.tasks).
    with django_capture_on_commit_callbacks(execute=True):
        purge(f"listen-{a.pk}", "podcast")
    others = {**newsroom["showing A"], **newsroom["not showing A"]}
    assert get(cached, others.pop("article")).cache == "stale"
    assert cache_states(cached, others) == every(others, "hit")


def test_unpublishing_purges_what_showed_the_article(
    cached, newsroom, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        newsroom["a"].unpublish()
    showing = cache_states(cached, newsroom["showing A"])
    assert showing.pop("article") is None  # now a 404, which is never kept
    assert showing == every(showing, "miss")
    assert cache_states(cached, newsroom["not showing A"]) == every(
        newsroom["not showing A"], "hit"
    )


def test_deleting_purges_what_showed_it_tags_included(newsroom, django_capture_on_commit_callbacks):
    # Fetched afresh, as the admin does: no tags held in memory.
    a = ArticlePage.objects.get(pk=newsroom["a"].pk)
    keys = {f"article-{a.pk}", f"section-{a.get_parent().pk}", "tag-syrie"}
    with django_capture_on_commit_callbacks(execute=True):
        a.delete()
    assert keys <= set(purge_log_path().read_text().split())


def test_saving_a_draft_purges_nothing(cached, newsroom, django_capture_on_commit_callbacks):
    a = newsroom["a"]
    a.title = "Brouillon"
    a.tags.add("Nouveau")
    with django_capture_on_commit_callbacks() as purges:
        a.save_revision()
    assert purges == []
    assert cache_states(cached, newsroom["showing A"]) == every(newsroom["showing A"], "hit")


def test_scheduling_a_publication_purges_nothing(newsroom, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks() as purges:
        factory.scheduled_article(headline="Plus tard")
    assert purges == []


def test_moving_purges_both_sections(cached, newsroom, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        newsroom["a"].move(factory.section("Sport"), pos="last-child")
    # The section it left showed it: dropped at once. The one it joins is rendered again
    # a moment later, as for a new story.
    assert get(cached, newsroom["showing A"]["section"]).cache == "miss"
    assert get(cached, newsroom["not showing A"]["other section"]).cache == "stale"


def test_editing_a_source_purges_the_pages_that_name_it(
    cached, newsroom, django_capture_on_commit_callbacks
):
    source = factory.source("Belga")
    source.long_credit = "Belga, agence de presse"
    with django_capture_on_commit_callbacks(execute=True):
        source.save()
    assert get(cached, newsroom["showing A"]["article"]).cache == "miss"
    assert get(cached, newsroom["showing A"]["source"]).cache == "miss"
    assert get(cached, "/tag/football/").cache == "hit"


def test_choosing_a_new_lead_refreshes_the_front_page_only(
    cached, newsroom, django_capture_on_commit_callbacks
):
    home = factory.home()
    home.lead_story = ArticlePage.objects.get(title="Sans rapport")
    with django_capture_on_commit_callbacks(execute=True):
        home.save_revision().publish()
    others = {**newsroom["showing A"], **newsroom["not showing A"]}
    assert get(cached, others.pop("front page")).cache == "miss"
    assert cache_states(cached, others) == every(others, "hit")
    lead = re.search(r'class="teaser teaser-lead">.*?</li>', get(cached, "/").body.decode(), re.S)
    assert "Sans rapport" in lead.group()
