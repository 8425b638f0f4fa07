"""Helpers for tests that run manchette as real processes on a database they share."""

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

from django.db import connection

REPO = Path(__file__).resolve().parents[1]
MANCHETTE = Path(sys.executable).parent / "manchette"


def shared_database(tmp_path):
    """The test database as a URL other processes can open (settings: tests.worker_settings)."""
    settings = connection.settings_dict
    if connection.vendor == "sqlite":
        # The in-memory test database, migrated, copied to a file the processes can open.
        path = tmp_path / "site.sqlite3"
        connection.ensure_connection()
        with sqlite3.connect(path) as copy:
            connection.connection.backup(copy)
        return f"sqlite:///{path}"
    return postgres_url(settings["NAME"])


def postgres_url(name):
    settings = connection.settings_dict
    return (
        f"postgres://{settings['USER']}:{settings['PASSWORD']}@{settings['HOST']}:"
        f"{settings['PORT'] or 5432}/{name}"
    )


def process_env(database, **more):
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "tests.worker_settings",
        "MANCHETTE_WORKER_DATABASE": database,
        "PYTHONPATH": str(REPO),
        **more,
    }


def manchette(env, *arguments, **options):
    return subprocess.run(
        [MANCHETTE, *arguments], cwd=REPO, env=env, capture_output=True, text=True, **options
    )
