"""Archive import: every input the ordinary way, a batch of them per transaction."""

import pytest
from wagtail.models import Page

from manchette.core.cache import purge_log_path
from manchette.newsroom.models import ArticlePage
from manchette.wire import upsert
from manchette.wire.archive import ArchiveImport
from manchette.wire.ingest import ingest
from manchette.wire.models import DispatchEntry, Receipt
from manchette.wire.versions import published_versions

from .builders import ninjs, sample

pytestmark = pytest.mark.django_db

Outcome = DispatchEntry.Outcome


def run(inputs, batch_size=4):
    archive = ArchiveImport(batch_size=batch_size)
    for origin, raw in inputs:
        archive.add(origin, raw)
    return archive, archive.finish()


def stories(count):
    return [
        (f"archive/{n}.json", ninjs(guid=f"urn:old:{n}", headline=f"Ancienne dépêche {n}",
                                    keywords=["Archives", f"Lot {n % 2}"]))
        for n in range(count)
    ]  # fmt: skip


def test_new_stories_become_published_articles(belga, client):
    _archive, totals = run(stories(10))
    assert totals == {"inputs": 10, Outcome.PUBLISHED: 10}
    assert ArticlePage.objects.published().count() == 10
    assert Page.find_problems() == ([], [], [], [], [])  # a sound page tree
    article = ArticlePage.objects.get(external_guid="urn:old:3")
    response = client.get(article.url)
    assert response.status_code == 200 and "Premier paragraphe." in response.content.decode()
    assert {tag.name for tag in article.tags.all()} == {"Archives", "Lot 1"}
    assert article.live_revision == article.latest_revision
    assert [v.number for v in published_versions(article)] == [1]


def test_an_archived_article_edits_like_any_other(belga):
    run(stories(2))
    article = ArticlePage.objects.get(external_guid="urn:old:1")
    draft = article.get_latest_revision_as_object()
    assert draft.title == "Ancienne dépêche 1"
    assert {tag.name for tag in draft.tags.all()} == {"Archives", "Lot 1"}
    draft.save_revision().publish()
    assert ArticlePage.objects.get(pk=article.pk).tags.count() == 2


def test_the_tree_accepts_ordinary_children_afterwards(belga):
    run(stories(3))
    ingest(ninjs(guid="urn:later"), transport="cli")
    assert ArticlePage.objects.count() == 4
    assert Page.find_problems() == ([], [], [], [], [])


def test_updates_kills_and_bad_inputs_among_the_archive(belga):
    ingest(ninjs(guid="urn:known"), transport="cli")
    inputs = [
        *stories(2),
        ("bad.xml", sample("bad-malformed.xml")),
        ("update.json", ninjs(guid="urn:known", version="2", headline="Mise à jour")),
        ("again.json", ninjs(guid="urn:old:0", version="2", headline="Deuxième version")),
        ("kill.json", ninjs(guid="urn:old:1", version="2", pubstatus="canceled")),
    ]
    archive, totals = run(inputs, batch_size=10)
    assert totals[Outcome.PUBLISHED] == 4 and totals[Outcome.WITHDRAWN] == 1
    assert archive.quarantined[0][0] == "bad.xml" and "Malformed XML" in archive.quarantined[0][1]
    assert ArticlePage.objects.get(external_guid="urn:known").title == "Mise à jour"
    assert ArticlePage.objects.get(external_guid="urn:old:0").title == "Deuxième version"
    assert not ArticlePage.objects.get(external_guid="urn:old:1").live
    assert Receipt.objects.filter(status=Receipt.Status.QUARANTINED).count() == 1


def test_importing_the_archive_twice_changes_nothing(belga):
    run(stories(5))
    _archive, totals = run(stories(5))
    assert totals == {"inputs": 5, Outcome.UNCHANGED: 5}
    assert ArticlePage.objects.count() == 5


def test_same_headlines_get_distinct_slugs(belga):
    run([(str(n), ninjs(guid=f"urn:{n}")) for n in range(3)], batch_size=2)
    slugs = sorted(ArticlePage.objects.values_list("slug", flat=True))
    assert slugs == ["premier-titre", "premier-titre-2", "premier-titre-3"]


def test_a_story_that_breaks_leaves_the_rest_of_its_batch(belga, monkeypatch):
    publish_new = upsert.publish_new

    def breaks_on_the_second(dispatch, routing):
        result = publish_new(dispatch, routing)  # the page is written, then it breaks
        if dispatch.guid == "urn:old:1":
            raise RuntimeError("disk full")
        return result

    monkeypatch.setattr(upsert, "publish_new", breaks_on_the_second)
    archive, totals = run(stories(3), batch_size=10)
    assert totals == {"inputs": 3, Outcome.PUBLISHED: 2, Outcome.QUARANTINED: 1}
    origin, reason = archive.quarantined[0]
    assert origin == "archive/1.json" and "Internal error" in reason and "disk full" in reason
    assert sorted(ArticlePage.objects.values_list("external_guid", flat=True)) == [
        "urn:old:0",
        "urn:old:2",
    ]
    assert Page.find_problems() == ([], [], [], [], [])


def test_a_batch_purges_the_page_cache_once(belga, settings, django_capture_on_commit_callbacks):
    settings.MANCHETTE_LISTEN = False  # the audio tasks would run here, at commit
    log = purge_log_path()
    before = len(log.read_text().splitlines()) if log.exists() else 0
    with django_capture_on_commit_callbacks(execute=True):
        run(stories(6), batch_size=3)
    # A new log starts with a line naming it.
    purges = [set(line.split()) for line in log.read_text().splitlines()[before:] if " " in line]
    assert len(purges) == 2
    for keys, numbers in zip(purges, (range(3), range(3, 6)), strict=True):
        guids = [f"urn:old:{n}" for n in numbers]
        pks = ArticlePage.objects.filter(external_guid__in=guids).values_list("pk", flat=True)
        section = f"section-{belga.default_section.pk}"
        assert {*(f"article-{pk}" for pk in pks), section, "tag-archives", "front"} <= keys


def test_an_archive_imported_without_audio_is_not_read(belga):
    archive = ArchiveImport(audio=False)
    for origin, raw in stories(2):
        archive.add(origin, raw)
    archive.finish()
    statuses = ArticlePage.objects.values_list("audio__status", flat=True)
    assert list(statuses) == ["skipped", "skipped"]
