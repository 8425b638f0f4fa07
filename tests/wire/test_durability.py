"""A dispatch acknowledged with a 202 is never lost, even if the worker is killed mid-batch.

Receipts are stored and their tasks queued as the push endpoint does; a real
``db_worker`` process starts on them and is killed with SIGKILL half-way.
After a restart (the worker, then the watcher's recovery round for the task
that was running when the worker died), every receipt is processed once:
one article each, no duplicate, no half-written article.
"""

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.db import connection

REPO = Path(__file__).resolve().parents[2]
MANCHETTE = Path(sys.executable).parent / "manchette"
BATCH = 40

SEED = f"""
from manchette.wire.ingest import receive
from manchette.wire.models import WireSource
from manchette.wire.tasks import process_receipt
from tests import factory
from tests.wire.builders import ninjs
wire = WireSource.objects.create(
    name="Belga", slug="belga", source=factory.source("Belga"), default_section=factory.section()
)
for number in range({BATCH}):
    receipt = receive(ninjs(guid=f"urn:belga:{{number}}", headline=f"Dépêche {{number}}"),
                      transport="push", wire_source=wire)
    process_receipt.enqueue(receipt.pk)
"""

# What the workers left in the shared database, read without starting a process.
CHECKS = {
    "processed": "SELECT COUNT(*) FROM wire_receipt WHERE status != 'received'",
    "quarantined": "SELECT COUNT(*) FROM wire_receipt WHERE status = 'quarantined'",
    "articles": "SELECT COUNT(*) FROM newsroom_articlepage",
    "distinct guids": "SELECT COUNT(DISTINCT external_guid) FROM newsroom_articlepage",
    "live": "SELECT COUNT(*) FROM wagtailcore_page p JOIN newsroom_articlepage a "
    "ON a.page_ptr_id = p.id WHERE p.live",
    "log entries": "SELECT COUNT(*) FROM wire_dispatchentry",
}


def worker_database(tmp_path):
    """The test database, shared with the worker processes."""
    settings = connection.settings_dict
    if connection.vendor == "sqlite":
        # The in-memory test database, migrated, copied to a file the workers can open.
        path = tmp_path / "wire.sqlite3"
        connection.ensure_connection()
        with sqlite3.connect(path) as copy:
            connection.connection.backup(copy)
        return f"sqlite:///{path}"
    return (
        f"postgres://{settings['USER']}:{settings['PASSWORD']}@{settings['HOST']}:"
        f"{settings['PORT'] or 5432}/{settings['NAME']}"
    )


def check(database, name):
    if database.startswith("sqlite:///"):
        with sqlite3.connect(database.removeprefix("sqlite:///"), timeout=20) as reader:
            return reader.execute(CHECKS[name]).fetchone()[0]
    with connection.cursor() as cursor:
        cursor.execute(CHECKS[name])
        return cursor.fetchone()[0]


def manchette(env, *arguments, **options):
    return subprocess.run(
        [MANCHETTE, *arguments], cwd=REPO, env=env, capture_output=True, text=True, **options
    )


@pytest.mark.django_db(transaction=True)
def test_worker_killed_mid_batch_loses_nothing(tmp_path):
    database = worker_database(tmp_path)
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "tests.wire.worker_settings",
        "MANCHETTE_WORKER_DATABASE": database,
        "PYTHONPATH": str(REPO),
    }
    seeded = manchette(env, "shell", "--command", SEED)
    assert seeded.returncode == 0, seeded.stderr

    worker = subprocess.Popen(
        [MANCHETTE, "db_worker", "--queue-name", "*", "--no-reload", "--interval", "0.1"],
        cwd=REPO, env=env, stdout=subprocess.DEVNULL, stderr=(tmp_path / "worker.log").open("w"),
    )  # fmt: skip
    try:
        deadline = time.monotonic() + 60
        while check(database, "processed") < 3:
            assert worker.poll() is None and time.monotonic() < deadline, (
                f"the worker stopped or stalled:\n{(tmp_path / 'worker.log').read_text()}"
            )
            time.sleep(0.05)
    finally:
        worker.send_signal(signal.SIGKILL)
        worker.wait()
    assert check(database, "processed") < BATCH, "the worker finished before it could be killed"

    restarted = manchette(env, "db_worker", "--queue-name", "*", "--no-reload", "--batch")
    assert restarted.returncode == 0, restarted.stderr
    recovered = manchette(env, "watch_wire", "--once", "--recover-after", "0")
    assert recovered.returncode == 0, recovered.stderr

    found = {name: check(database, name) for name in CHECKS}
    assert found == {**dict.fromkeys(CHECKS, BATCH), "quarantined": 0}
