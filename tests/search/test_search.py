"""The search page as readers use it: results, order, filters, snippets and every bad input."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone

from tests import factory

pytestmark = pytest.mark.django_db


def search(client, **params):
    response = client.get("/recherche/", params)
    assert response.status_code == 200
    return response


def headlines(response):
    return [result.article.title for result in response.context["results"]]


@pytest.fixture
def articles():
    return {
        "grue": factory.article(headline="Une grue pilotée à distance au port", kicker="Ports"),
        "draft": factory.article(headline="Une grue encore en brouillon", publish=False),
        "velo": factory.article(headline="Le peloton sous la pluie", kicker="Cyclisme"),
    }


def test_finds_published_articles_only(client, articles):
    response = search(client, q="grue")
    assert headlines(response) == ["Une grue pilotée à distance au port"]
    html = response.content.decode()
    assert "brouillon" not in html and "peloton" not in html


def test_an_unpublished_article_is_no_longer_found(client, articles):
    articles["grue"].unpublish()
    assert headlines(search(client, q="grue")) == []


def test_a_republished_article_is_found_by_its_new_words(client, articles):
    article = articles["velo"]
    article.title = "Le peloton sous la neige"
    article.save_revision().publish()
    assert headlines(search(client, q="neige")) == ["Le peloton sous la neige"]
    assert headlines(search(client, q="pluie")) == []


def test_the_readers_words_are_marked_in_headline_and_extract(client):
    factory.article(
        headline="Les syndicats reçus au ministère",
        body=factory.paragraphs("Le ministre a reçu les syndicats. Les économies restent."),
    )
    html = search(client, q="syndicat économie").content.decode()
    assert "Les <mark>syndicats</mark> reçus au ministère" in html
    assert re.search(r'class="extract">.*<mark>économies</mark>', html)


def test_marking_never_lets_markup_through(client):
    factory.article(
        headline="Le <b> et l'<i> du HTML", body=factory.paragraphs("Balises &lt;b&gt;")
    )
    html = search(client, q="html").content.decode()
    assert "Le &lt;b&gt; et" in html
    assert "<b>" not in html.split('id="content"')[1]


def test_headline_matches_come_first_then_the_newest(client):
    now = timezone.now()
    older_headline = factory.article(
        headline="Les syndicats manifestent", published_at=now - timedelta(days=3)
    )
    newer_body = factory.article(
        headline="Journée d'action",
        body=factory.paragraphs("Les syndicats appellent à la grève."),
        published_at=now - timedelta(hours=1),
    )
    older_body = factory.article(
        headline="Une grève annoncée",
        body=factory.paragraphs("Un syndicat dépose un préavis."),
        published_at=now - timedelta(days=1),
    )
    standfirst = factory.article(
        headline="Rencontre au ministère",
        standfirst="Les syndicats sont reçus.",
        published_at=now - timedelta(days=5),
    )
    found = headlines(search(client, q="syndicats"))
    assert found == [older_headline.title, standfirst.title, newer_body.title, older_body.title]
    recent = headlines(search(client, q="syndicats", sort="recent"))
    assert recent == [newer_body.title, older_body.title, older_headline.title, standfirst.title]


def test_sort_links_say_what_they_do_and_keep_the_query(client):
    factory.article(headline="Grue numéro un")
    factory.article(headline="Grue numéro deux")
    html = search(client, q="grue", period="week").content.decode()
    assert 'href="?q=grue&amp;period=week&amp;sort=recent">Les plus récents d’abord</a>' in html
    assert 'aria-current="true">Les plus pertinents d’abord</a>' in html
    assert "Plus anciens" not in html


def test_filter_by_section(client):
    factory.article(headline="Grue à Anvers", in_section=factory.section("Belgique"))
    factory.article(headline="Grue à Rotterdam", in_section=factory.section("Monde"))
    assert headlines(search(client, q="grue", section="monde")) == ["Grue à Rotterdam"]


def test_filter_by_period(client):
    now = timezone.now()
    factory.article(headline="Grue d'hier", published_at=now - timedelta(hours=20))
    factory.article(headline="Grue d'antan", published_at=now - timedelta(days=40))
    assert headlines(search(client, q="grue", period="day")) == ["Grue d'hier"]
    assert set(headlines(search(client, q="grue", period="year"))) == {
        "Grue d'hier",
        "Grue d'antan",
    }


@pytest.mark.parametrize(
    ("field", "value"), [("section", "nulle-part"), ("period", "century"), ("sort", "random")]
)
def test_a_bad_filter_is_shown_and_the_search_still_runs(client, articles, field, value):
    response = search(client, q="grue", **{field: value})
    assert response.context["form"].errors[field]
    assert headlines(response) == ["Une grue pilotée à distance au port"]


def test_a_draft_section_is_no_filter(client, articles):
    hidden = factory.section("Archives")
    hidden.unpublish()
    response = search(client, q="grue", section="archives")
    assert response.context["form"].errors["section"]


def test_common_words_alone_say_so(client, articles):
    response = search(client, q="de la")
    assert response.context["nothing_to_find"]
    html = response.content.decode()
    assert "Rien à chercher" in html and "Aucun article ne correspond" not in html


def test_only_excluded_words_say_so(client, articles):
    assert search(client, q="-grue").context["nothing_to_find"]


def test_empty_query_shows_the_form_only(client, articles):
    response = search(client, q="   ")
    assert 'name="q"' in response.content.decode()
    assert response.context["articles"] is None
    assert not response.context["nothing_to_find"]


def test_no_match_says_so_and_suggests_searches_that_find(client):
    factory.article(headline="Les inondations à Kinshasa", in_section=factory.section("Monde"))
    factory.article(headline="Le budget bouclé", in_section=factory.section("Belgique"))
    # Too many words, a filter too narrow, a typo: each has its way out.
    response = search(client, q="inondations budget", section="belgique")
    offered = {(s.query, s.count) for s in response.context["alternatives"]}
    assert ("inondations budget", 0) not in offered
    assert ("budget", 1) in offered
    typo = search(client, q="inondatoins")
    assert [(s.query, s.count) for s in typo.context["alternatives"]] == [("inondations", 1)]
    html = typo.content.decode()
    assert "Aucun article ne correspond à «\u202finondatoins\u202f»." in html
    assert 'href="?q=inondations"' in html


def test_sections_and_tags_named_by_the_query_are_offered(client):
    economie = factory.section("Économie", slug="economie")
    factory.article(headline="Le budget", in_section=economie, tags=["Budget"])
    html = search(client, q="économie budget").content.decode()
    assert f'href="{economie.url}">la rubrique Économie</a>' in html
    assert 'href="/tag/budget/" rel="tag">le mot-clé Budget</a>' in html


def test_overlong_query_is_cut(client, articles):
    response = search(client, q="grue " * 500)
    assert len(response.context["query"].text) == 200


def test_control_characters_are_dropped(client, articles):
    response = search(client, q="gr\x00ue\x1b")
    assert response.context["query"].text == "grue"
    assert headlines(response) == ["Une grue pilotée à distance au port"]


def test_markup_in_the_query_is_escaped(client, articles):
    html = search(client, q="<script>alert(1)</script>").content.decode()
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;" in html


@pytest.mark.parametrize(
    "query", ["grue' OR 1=1; --", '"', 'grue "', 'a"b"c', '"""', "NEAR(grue)", "grue*", "{body}: x"]
)
def test_search_syntax_is_just_text(client, articles, query):
    search(client, q=query)


@pytest.mark.parametrize("page", ["-1", "abc", "999999"])
def test_bad_page_numbers_are_not_found(client, articles, page):
    assert client.get("/recherche/", {"q": "grue", "page": page}).status_code == 404


def test_pagination_links_keep_the_query_and_say_previous_and_next(client, settings):
    settings.MANCHETTE_PAGE_SIZE = 1
    factory.article(headline="Grue numéro un")
    factory.article(headline="Grue numéro deux")
    html = search(client, q="grue", section="monde").content.decode()
    assert 'href="?page=2&amp;q=grue&amp;section=monde">Résultats suivants</a>' in html
