"""``manchette backup`` of a site that keeps taking comments, and ``manchette restore`` elsewhere.

The site is the test database shared with real processes: one seeds
articles with covers, comments and audio files, another posts comments
(driven by a thread) while a third makes the backup. The backup is
restored into a fresh database and media folder, where every article,
every comment acknowledged before the backup began, every image and every
audio file must be found, byte for byte.
"""

import json
import shutil
import sqlite3
import subprocess
import threading
import time
import uuid

import psycopg
import pytest
from django.db import connection

from manchette.core.backup import BackupError, verify
from tests.processes import MANCHETTE, REPO, manchette, postgres_url, process_env, shared_database

SEED = """
from django.core.files.base import ContentFile
from manchette.comments.models import Comment
from manchette.listen.models import ArticleAudio
from tests import factory
for number in range(4):
    article = factory.article(headline=f"Article {number}", cover=factory.image(f"Image {number}"))
    Comment.objects.create(article=article, name="Marc", text=f"Avis {number}",
                           ip_network="198.51.100.0/24")
    reading = ArticleAudio(article=article, status="ready", duration=1.5)
    reading.opus.save(f"{number}.opus", ContentFile(b"OggS" + bytes([number]) * 5000), save=False)
    reading.mp3.save(f"{number}.mp3", ContentFile(b"ID3" + bytes([number]) * 7000), save=False)
    reading.save()
"""

# Comments posted one by one, each printed once committed: the acknowledged writes.
WRITER = """
import sys, time
from manchette.comments.models import Comment
from manchette.newsroom.models import ArticlePage
article = ArticlePage.objects.first()
for number in range(400):
    comment = Comment.objects.create(article=article, name="Lucie", text=f"En direct {number}",
                                     ip_network="203.0.113.0/24")
    print(comment.pk, flush=True)
    time.sleep(0.005)
"""

QUERIES = {
    "articles": "SELECT page_ptr_id FROM newsroom_articlepage",
    "comments": "SELECT id FROM comments_comment",
    "files": "SELECT file FROM wagtailimages_image UNION SELECT opus FROM listen_articleaudio "
    "UNION SELECT mp3 FROM listen_articleaudio",
}


def read(database, name):
    if database.startswith("sqlite:///"):
        with sqlite3.connect(database.removeprefix("sqlite:///")) as reader:
            rows = reader.execute(QUERIES[name]).fetchall()
    else:
        with psycopg.connect(database) as reader:
            rows = reader.execute(QUERIES[name]).fetchall()
    return {row[0] for row in rows}


@pytest.fixture
def fresh_database(tmp_path):
    """An empty database to restore into, of the test database's engine."""
    if connection.vendor == "sqlite":
        yield f"sqlite:///{tmp_path / 'restored' / 'site.sqlite3'}"
        return
    name = f"manchette_restore_{uuid.uuid4().hex[:8]}"
    admin = postgres_url("postgres")
    with psycopg.connect(admin, autocommit=True) as server:
        server.execute(f'CREATE DATABASE "{name}"')
    yield postgres_url(name)
    with psycopg.connect(admin, autocommit=True) as server:
        server.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def post_comments(env, acknowledged):
    writer = subprocess.Popen(
        [MANCHETTE, "shell", "--command", WRITER],
        cwd=REPO, env=env, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True,
    )  # fmt: skip
    for line in writer.stdout:
        if line.strip().isdigit():  # the shell's own messages aside
            acknowledged.append(int(line))
    writer.wait()


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_backup_under_writes_restores_everything(tmp_path, fresh_database):
    database = shared_database(tmp_path)
    media = tmp_path / "media"
    env = process_env(database, MANCHETTE_WORKER_MEDIA=str(media))
    seeded = manchette(env, "shell", "--command", SEED)
    assert seeded.returncode == 0, seeded.stderr

    acknowledged = []
    writer = threading.Thread(target=post_comments, args=(env, acknowledged))
    writer.start()
    deadline = time.monotonic() + 60
    while len(acknowledged) < 20:
        assert writer.is_alive() and time.monotonic() < deadline, "the writer did not start"
        time.sleep(0.01)
    before_backup = set(acknowledged)
    made = manchette(env, "backup", str(tmp_path / "backup"))
    during_backup = len(acknowledged) - len(before_backup)
    writer.join()
    assert made.returncode == 0, made.stderr
    assert during_backup > 0, "no comment was posted while the backup ran"

    restored_media = tmp_path / "restored" / "media"
    restored_env = process_env(fresh_database, MANCHETTE_WORKER_MEDIA=str(restored_media))
    restored = manchette(restored_env, "restore", str(tmp_path / "backup"))
    assert restored.returncode == 0, restored.stderr

    assert read(fresh_database, "articles") == read(database, "articles")
    assert len(read(fresh_database, "articles")) == 4
    comments = read(fresh_database, "comments")
    assert comments >= before_backup | read(database, "comments") - set(acknowledged)
    assert comments <= read(database, "comments")
    files = read(database, "files") - {""}
    assert len(files) == 12 and read(fresh_database, "files") - {""} == files
    for name in files:
        assert (restored_media / name).read_bytes() == (media / name).read_bytes(), name


@pytest.fixture(scope="module")
def small_site(tmp_path_factory):
    """A SQLite site of one table and one image, and its backup made by the command."""
    site = tmp_path_factory.mktemp("site")
    (site / "media" / "images").mkdir(parents=True)
    (site / "media" / "images" / "une.jpg").write_bytes(b"\xff\xd8" * 100)
    with sqlite3.connect(site / "site.sqlite3") as database:
        database.execute("CREATE TABLE edition (number)")
    database, media = f"sqlite:///{site / 'site.sqlite3'}", str(site / "media")
    env = process_env(database, MANCHETTE_WORKER_MEDIA=media)
    made = manchette(env, "backup", str(site / "backup"))
    assert made.returncode == 0, made.stderr
    return env, site / "backup"


@pytest.fixture
def made_backup(small_site, tmp_path):
    """A copy of the small site's backup, for a test to damage."""
    return shutil.copytree(small_site[1], tmp_path / "backup")


def test_verify_accepts_the_backup_as_made(made_backup):
    assert set(verify(made_backup)["files"]) == {"database.sqlite3", "media/images/une.jpg"}


def test_restore_refuses_a_changed_file(made_backup):
    (made_backup / "media" / "images" / "une.jpg").write_bytes(b"\xff\xd8" * 99 + b"\x00\x00")
    with pytest.raises(BackupError, match=r"1 file\(s\) missing or changed \(media/images"):
        verify(made_backup)


def test_restore_refuses_a_missing_file(made_backup):
    (made_backup / "database.sqlite3").unlink()
    with pytest.raises(BackupError, match=r"damaged: 1 file\(s\) missing or changed \(database"):
        verify(made_backup)


def test_restore_refuses_a_manifest_pointing_outside_the_backup(made_backup, tmp_path):
    manifest = json.loads((made_backup / "manifest.json").read_text())
    manifest["files"]["media/../../elsewhere"] = manifest["files"].pop("media/images/une.jpg")
    (tmp_path / "elsewhere").write_bytes(b"\xff\xd8" * 100)
    (made_backup / "manifest.json").write_text(json.dumps(manifest))
    with pytest.raises(BackupError, match="damaged: 1 file"):
        verify(made_backup)


def test_restore_refuses_an_unfinished_backup(made_backup):
    (made_backup / "manifest.json").unlink()
    with pytest.raises(BackupError, match="no manifest.json: not a backup, or an unfinished one"):
        verify(made_backup)


def test_restore_refuses_a_truncated_manifest(made_backup):
    text = (made_backup / "manifest.json").read_text()
    (made_backup / "manifest.json").write_text(text[: len(text) // 2])
    with pytest.raises(BackupError, match="cannot be read .*the backup is damaged"):
        verify(made_backup)


def test_restore_command_refuses_damage_and_changes_nothing(small_site, made_backup, tmp_path):
    shutil.rmtree(made_backup / "media")
    env = process_env(f"sqlite:///{tmp_path / 'new.sqlite3'}")
    refused = manchette(env, "restore", str(made_backup))
    assert refused.returncode == 1, refused.stderr
    assert "CommandError: The backup in" in refused.stderr and "Traceback" not in refused.stderr
    assert not (tmp_path / "new.sqlite3").exists()


def test_restore_refuses_to_overwrite_a_site_without_replace(small_site):
    env, folder = small_site
    refused = manchette(env, "restore", str(folder))
    assert refused.returncode == 1
    assert "not empty: restore into a new one, or pass --replace" in refused.stderr


def test_backup_refuses_a_folder_that_is_not_empty(small_site):
    env, folder = small_site
    refused = manchette(env, "backup", str(folder))
    assert refused.returncode == 1 and "is not empty: back up into a new folder" in refused.stderr
