"""A drop folder shared by several watchers (one per node): each file is ingested once."""

import time

import pytest

from manchette.newsroom.models import ArticlePage
from manchette.wire import dropfolder
from manchette.wire.models import Receipt

from .builders import ninjs

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _silent(settings):
    settings.MANCHETTE_LISTEN = False


def test_a_file_is_claimed_into_its_own_folder_and_its_origin_kept(tmp_path, belga):
    (tmp_path / "depeche.json").write_bytes(ninjs())
    [receipt] = dropfolder.scan(tmp_path)
    assert receipt.origin == str(tmp_path / "depeche.json")
    assert list((tmp_path / "claimed").iterdir()) == []
    assert [p.name.endswith("-depeche.json") for p in (tmp_path / "processed").iterdir()] == [True]


def test_a_file_another_watcher_took_first_is_skipped_without_error(tmp_path, belga, monkeypatch):
    for n in range(2):
        (tmp_path / f"{n}.json").write_bytes(ninjs(guid=f"urn:{n}"))
    listed = dropfolder.waiting_files(tmp_path)

    def listed_before_the_other_watcher(folder):
        # The other watcher renames the first file away between our listing and our claim.
        if folder == tmp_path:
            listed[0].rename(tmp_path / "elsewhere")
            return listed
        return []

    monkeypatch.setattr(dropfolder, "waiting_files", listed_before_the_other_watcher)
    receipts = dropfolder.scan(tmp_path)
    assert [r.origin for r in receipts] == [str(listed[1])]
    assert Receipt.objects.count() == 1


def test_a_file_left_claimed_by_a_killed_watcher_is_ingested_later(tmp_path, belga):
    (tmp_path / "claimed").mkdir()
    stamp = int(time.time()) - 120
    (tmp_path / "claimed" / f"{stamp}-0badc0de-depeche.json").write_bytes(ninjs())
    assert dropfolder.scan(tmp_path, recover_after=600) == []
    [receipt] = dropfolder.scan(tmp_path, recover_after=60)
    assert receipt.origin == str(tmp_path / "depeche.json")
    assert ArticlePage.objects.count() == 1
    assert list((tmp_path / "claimed").iterdir()) == []


def test_a_file_being_ingested_by_another_watcher_is_left_to_it(tmp_path, belga):
    (tmp_path / "claimed").mkdir()
    (tmp_path / "claimed" / f"{int(time.time())}-0badc0de-depeche.json").write_bytes(ninjs())
    assert dropfolder.scan(tmp_path, recover_after=60) == []
    assert len(list((tmp_path / "claimed").iterdir())) == 1


def test_a_file_put_in_claimed_by_hand_is_ingested(tmp_path, belga):
    (tmp_path / "claimed").mkdir()
    (tmp_path / "claimed" / "depeche.json").write_bytes(ninjs())
    [receipt] = dropfolder.scan(tmp_path, recover_after=60)
    assert receipt.status == Receipt.Status.PROCESSED
