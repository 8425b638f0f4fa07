"""A dispatch acknowledged with a 202 is never lost, even if the worker is killed mid-batch.

Receipts are stored and their tasks queued as the push endpoint does; a real
``db_worker`` process starts on them and is killed with SIGKILL half-way.
After a restart (the worker, then the watcher's recovery round for the task
that was running when the worker died), every receipt is processed once:
one article each, no duplicate, no half-written article.
"""

import signal
import sqlite3
import subprocess
import time

import pytest
from django.db import connection

from tests.processes import MANCHETTE, REPO, manchette, process_env, shared_database

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


def check(database, name):
    if database.startswith("sqlite:///"):
        with sqlite3.connect(database.removeprefix("sqlite:///"), timeout=20) as reader:
            return reader.execute(CHECKS[name]).fetchone()[0]
    with connection.cursor() as cursor:
        cursor.execute(CHECKS[name])
        return cursor.fetchone()[0]


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_worker_killed_mid_batch_loses_nothing(tmp_path):
    database = shared_database(tmp_path)
    env = process_env(database)
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
