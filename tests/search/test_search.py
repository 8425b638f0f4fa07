import pytest

from tests import factory

pytestmark = pytest.mark.django_db


@pytest.fixture
def articles():
    return {
        "grue": factory.article(headline="Une grue pilotée à distance au port", kicker="Ports"),
        "draft": factory.article(headline="Une grue encore en brouillon", publish=False),
        "velo": factory.article(headline="Le peloton sous la pluie", kicker="Cyclisme"),
    }


def test_finds_published_articles_only(client, articles):
    html = client.get("/recherche/", {"q": "grue"}).content.decode()
    assert "Une grue pilotée à distance au port" in html
    assert "brouillon" not in html
    assert "peloton" not in html


def test_empty_query_shows_the_form_only(client, articles):
    response = client.get("/recherche/", {"q": "   "})
    assert response.status_code == 200
    assert 'name="q"' in response.content.decode()
    assert response.context["articles"] is None


def test_no_match_says_so(client, articles):
    response = client.get("/recherche/", {"q": "zeppelin"})
    assert response.status_code == 200
    assert "zeppelin" in response.content.decode()
    assert response.context["articles"] is not None and len(response.context["articles"]) == 0


def test_overlong_query_is_cut(client, articles):
    response = client.get("/recherche/", {"q": "grue " * 500})
    assert response.status_code == 200
    assert len(response.context["query"]) == 200


def test_control_characters_are_dropped(client, articles):
    response = client.get("/recherche/", {"q": "gr\x00ue\x1b"})
    assert response.status_code == 200
    assert response.context["query"] == "grue"


def test_markup_in_the_query_is_escaped(client, articles):
    html = client.get("/recherche/", {"q": "<script>alert(1)</script>"}).content.decode()
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;" in html


def test_sql_metacharacters_are_just_text(client, articles):
    response = client.get("/recherche/", {"q": "grue' OR 1=1; --"})
    assert response.status_code == 200


@pytest.mark.parametrize("page", ["-1", "abc", "999999"])
def test_bad_page_numbers_are_not_found(client, articles, page):
    assert client.get("/recherche/", {"q": "grue", "page": page}).status_code == 404


def test_pagination_links_keep_the_query(client, settings):
    settings.MANCHETTE_PAGE_SIZE = 1
    factory.article(headline="Grue numéro un")
    factory.article(headline="Grue numéro deux")
    html = client.get("/recherche/", {"q": "grue"}).content.decode()
    assert 'href="?page=2&amp;q=grue"' in html
