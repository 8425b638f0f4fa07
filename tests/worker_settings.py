"""Settings of the real processes that tests start (and kill): workers, backups.

They share one database with the test, named by MANCHETTE_WORKER_DATABASE
(a SQLite file in WAL mode, or a PostgreSQL database), and queue tasks in it
as the production worker does. MANCHETTE_WORKER_MEDIA, when set, is their
media folder (each process of the test settings would make its own).
"""

import os

import dj_database_url

from manchette.settings.test import *  # noqa: F403

DATABASES = {"default": dj_database_url.parse(os.environ["MANCHETTE_WORKER_DATABASE"])}
if not DATABASES["default"]["ENGINE"].endswith("postgresql"):
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
    }
MEDIA_ROOT = os.environ.get("MANCHETTE_WORKER_MEDIA", MEDIA_ROOT)  # noqa: F405
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default", "audio"]}}
# Speech synthesis is not what this test is about.
MANCHETTE_LISTEN = False
