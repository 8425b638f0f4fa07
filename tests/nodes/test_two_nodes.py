"""Two nodes on one database, one Redis and one bucket: what one node makes, the other serves,
and work that must happen once happens once with both nodes' workers running."""

import json
import re
import time

import pytest

from tests import objectstore
from tests.wire.builders import ninjs

pytestmark = pytest.mark.nodes

ARTICLES = 3
DISPATCHES = 8
SEED = f"""
import json
from manchette.listen.tasks import generate_audio
from manchette.wire.models import WireSource
from tests import factory

WireSource.objects.create(
    name="Belga", slug="belga", source=factory.source("Belga"), provider_names="belga.be",
    default_section=factory.section("Monde"), push_token="belga-token",
)
articles = [
    factory.article(
        headline=f"Article {{n}}", slug=f"article-{{n}}", cover=factory.image(f"Image {{n}}"),
        body=factory.paragraphs(f"Le texte numéro {{n}}."),
    )
    for n in range({ARTICLES})
]
# Publication queued each reading; queue them twice more, as duplicates would be.
for article in articles:
    generate_audio.enqueue(article.pk)
    generate_audio.enqueue(article.pk)
print(json.dumps([{{"id": article.pk, "url": article.url}} for article in articles]))
"""
MEDIA_URLS = re.compile(r'(/media/[^"\s,]+)')


@pytest.fixture(scope="module")
def articles(cluster):
    # Written through node A's settings: its uploads go where node A's would.
    return json.loads(cluster["a"].shell(SEED))


def media_urls(page):
    return sorted(set(MEDIA_URLS.findall(page.body.decode())))


def assert_served_image(answer, url):
    assert answer.status == 200, url
    assert answer.headers["Content-Type"] == "image/jpeg"
    assert answer.body[:2] == b"\xff\xd8"
    assert "max-age=" in answer.headers["Cache-Control"]


def test_images_made_on_one_node_are_served_by_the_other(cluster, articles):
    a, b = cluster["a"], cluster["b"]
    # Node A renders the first article (making its renditions), node B the second.
    for maker, server, article in ((a, b, articles[0]), (b, a, articles[1])):
        page = maker.get(article["url"])
        assert page.status == 200
        urls = media_urls(page)
        assert urls, "the article page shows its cover"
        for url in urls:
            assert_served_image(server.get(url), url)
    [(original,)] = cluster.sql("SELECT file FROM wagtailimages_image WHERE title = 'Image 2'")
    assert_served_image(b.get(f"/media/{original}"), original)
    assert b.get("/media/images/never-made.jpg").status == 404


def ready_readings(cluster, articles):
    ids = [article["id"] for article in articles]
    rows = cluster.sql(
        "SELECT article_id, opus, mp3, opus_size, mp3_size, attempts FROM listen_articleaudio"
        " WHERE status = 'ready' AND article_id = ANY(%s)",
        (ids,),
    )
    # The worker logs once the files are in place: wait for its line too.
    logs = "\n".join(cluster.logs().values())
    logged = all(f"Audio of article {article_id} ready" in logs for article_id in ids)
    return (rows, logs) if len(rows) == len(ids) and logged else None


def test_audio_is_made_once_and_served_by_both_nodes(cluster, articles):
    readings, logs = cluster.wait_for(
        "every article's audio", lambda: ready_readings(cluster, articles)
    )
    for article_id, opus, mp3, opus_size, mp3_size, attempts in readings:
        assert attempts == 1
        assert logs.count(f"Audio of article {article_id} ready") == 1
        # Exactly the two current files: none lost, none left over by a second worker.
        assert cluster.bucket_keys(f"listen/{article_id}/") == sorted([opus, mp3])
        for node in cluster.nodes:
            for name, size in ((opus, opus_size), (mp3, mp3_size)):
                answer = node.get(f"/listen/{article_id}/{name.rsplit('/', 1)[1]}")
                assert answer.status == 200
                assert int(answer.headers["Content-Length"]) == size == len(answer.body)


def test_audio_missing_from_the_storage_is_404_on_every_node(cluster, articles):
    [(article_id, mp3)] = cluster.sql(
        "SELECT article_id, mp3 FROM listen_articleaudio WHERE status = 'ready' LIMIT 1"
    ) or pytest.fail("no audio was made")
    objectstore.client(cluster.s3_endpoint).delete_object(Bucket=cluster.bucket, Key=mp3)
    for node in cluster.nodes:
        assert node.get(f"/listen/{article_id}/{mp3.rsplit('/', 1)[1]}").status == 404


def test_a_shared_drop_folder_is_ingested_once(cluster, articles):
    folder = cluster.drop_dir
    for n in range(DISPATCHES):
        # Uploaded under a hidden name, then renamed: as an agency's transfer would.
        upload = folder / f".depeche-{n}.json"
        upload.write_bytes(ninjs(guid=f"urn:belga.be:nodes:{n}", headline=f"Dépêche {n}"))
        upload.rename(folder / f"depeche-{n}.json")
    done = folder / "processed"
    cluster.wait_for(
        "both watchers to empty the drop folder",
        lambda: done.is_dir() and len(list(done.iterdir())) == DISPATCHES,
    )
    time.sleep(2)  # a watcher that would ingest a file twice has had a round to do it
    assert sorted(p.name for p in folder.iterdir()) == ["claimed", "processed", "quarantine"]
    assert list((folder / "claimed").iterdir()) == []
    [(receipts, origins)] = cluster.sql(
        "SELECT count(*), count(DISTINCT origin) FROM wire_receipt WHERE transport = 'drop'"
    )
    assert receipts == origins == DISPATCHES
    [(stories,)] = cluster.sql(
        "SELECT count(*) FROM newsroom_articlepage WHERE external_guid LIKE 'urn:belga.be:nodes:%%'"
    )
    assert stories == DISPATCHES
    logs = "\n".join(cluster.logs().values())
    assert "wire watcher: drop folder failed" not in logs
    assert "FileNotFoundError" not in logs
