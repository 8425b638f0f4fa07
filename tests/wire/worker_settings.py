"""Settings of the worker processes the durability test starts and kills.

They share one database with the test, named by MANCHETTE_WORKER_DATABASE
(a SQLite file in WAL mode, or the PostgreSQL test database), and queue
tasks in it as the production worker does.
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
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
# Speech synthesis is not what this test is about.
MANCHETTE_LISTEN = False
