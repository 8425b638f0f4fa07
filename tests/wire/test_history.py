"""Readers see an article's published versions and what changed between two of them."""

import pytest

from manchette.newsroom.models import ArticlePage
from manchette.wire.ingest import ingest
from manchette.wire.versions import word_diff

from .builders import ninjs

pytestmark = pytest.mark.django_db


@pytest.fixture
def updated(belga):
    ingest(ninjs(), transport="cli")
    ingest(
        ninjs(
            version="2",
            versioncreated="2024-03-12T12:30:00+01:00",
            bodies=[{"contenttype": "text/html", "value": "<p>Premier paragraphe corrigé.</p>"}],
        ),
        transport="cli",
    )
    return ArticlePage.objects.get()


def revision_ids(article):
    return list(article.revisions.order_by("pk").values_list("pk", flat=True))


def test_article_links_to_its_versions(updated, client):
    html = client.get(updated.url).content.decode()
    assert f'href="/a/{updated.pk}/versions/"' in html


def test_versions_page_lists_published_versions(updated, client):
    html = client.get(f"/a/{updated.pk}/versions/").content.decode()
    assert "Version 1" in html and "Version 2" in html
    first, second = revision_ids(updated)
    assert f'href="/a/{updated.pk}/versions/{first}..{second}/"' in html


def test_diff_marks_words_removed_and_added(updated, client):
    first, second = revision_ids(updated)
    response = client.get(f"/a/{updated.pk}/versions/{first}..{second}/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "<p>Premier paragraphe<ins> corrigé</ins>.</p>" in html


def test_draft_revisions_are_not_versions(updated, client, belga):
    belga.auto_publish = False
    belga.save()
    ingest(ninjs(version="3", headline="Brouillon secret"), transport="cli")
    draft = revision_ids(ArticlePage.objects.get())[-1]
    first = revision_ids(updated)[0]
    assert "Version 3" not in client.get(f"/a/{updated.pk}/versions/").content.decode()
    assert client.get(f"/a/{updated.pk}/versions/{first}..{draft}/").status_code == 404


@pytest.mark.parametrize(
    "path",
    [
        "/a/{pk}/versions/{first}..999999/",
        "/a/{pk}/versions/{first}..{first}/",
        "/a/{pk}/versions/99999999999999999999999..{first}/",
        "/a/{pk}/versions/abc..{first}/",
        "/a/999999/versions/",
        "/a/99999999999999999999999/versions/",
    ],
)
def test_bad_version_addresses_are_not_found(updated, client, path):
    first = revision_ids(updated)[0]
    assert client.get(path.format(pk=updated.pk, first=first)).status_code == 404


def test_versions_of_a_draft_are_not_found(belga, client):
    belga.auto_publish = False
    belga.save()
    ingest(ninjs(), transport="cli")
    assert client.get(f"/a/{ArticlePage.objects.get().pk}/versions/").status_code == 404


def test_word_diff_escapes_the_text():
    html = word_diff("<b>a</b> texte", "<script>alert(1)</script> texte")
    assert "<script" not in html and "<b>" not in html
    assert "script" in html and "&lt;" in html


def test_word_diff_keeps_paragraphs():
    html = word_diff("Un.\n\nDeux trois.", "Un.\n\nDeux quatre.")
    assert html == "<p>Un.</p>\n<p>Deux <del>trois</del><ins>quatre</ins>.</p>"
