"""Test settings: fast hashing, throwaway media, PostgreSQL when DATABASE_URL says so."""

import os
import tempfile

import dj_database_url

from .base import *  # noqa: F403

DEBUG = False
SECRET_KEY = "manchette-test-key"  # noqa: S105
ALLOWED_HOSTS = ["*"]
MANCHETTE_PUSH_ALLOW_LOOPBACK = True
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
MEDIA_ROOT = tempfile.mkdtemp(prefix="manchette-media-")
MANCHETTE_SERVE_MEDIA = True
MANCHETTE_PAGE_CACHE_DIR = tempfile.mkdtemp(prefix="manchette-cache-")
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    "comments": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "comments",
    },
}


if os.environ.get("DATABASE_URL"):
    DATABASES = {"default": dj_database_url.parse(os.environ["DATABASE_URL"])}
else:
    DATABASES["default"]["NAME"] = ":memory:"  # noqa: F405
    DATABASES["default"]["OPTIONS"] = {}  # noqa: F405

# Tasks run at once, inside the test, unless a test chooses the database backend.
TASKS = {
    "default": {
        "BACKEND": "django.tasks.backends.immediate.ImmediateBackend",
        "QUEUES": ["default", "audio"],
    }
}
