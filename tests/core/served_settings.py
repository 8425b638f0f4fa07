"""Settings of the servers the shared-cache tests start: the browser tests'
throwaway site (``MANCHETTE_BROWSER_DIR``), purging through the Redis and
Varnish the test names in the environment."""

import os

from tests.browser.settings import *  # noqa: F403

MANCHETTE_PAGE_CACHE_DIR = os.environ.get("MANCHETTE_PAGE_CACHE_DIR", MANCHETTE_PAGE_CACHE_DIR)  # noqa: F405
MANCHETTE_PURGE_REDIS_URL = os.environ.get("MANCHETTE_PURGE_REDIS_URL") or None
MANCHETTE_VARNISH_URLS = list(filter(None, os.environ.get("MANCHETTE_VARNISH_URLS", "").split(",")))
# Pages name static files without a manifest: no collectstatic to wait for.
STORAGES = {
    **STORAGES,  # noqa: F405
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
