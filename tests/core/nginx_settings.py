"""Settings of the server behind nginx in test_behind_nginx.py: production's, read from the
environment like a real install, with its files in the throwaway folder
``MANCHETTE_TEST_DIR`` and low comment limits so that a few posts reach them."""

import os
from pathlib import Path

from manchette.settings.production import *  # noqa: F403

THROWAWAY_DIR = Path(os.environ["MANCHETTE_TEST_DIR"])

DATABASES["default"]["NAME"] = THROWAWAY_DIR / "manchette.sqlite3"  # noqa: F405
MEDIA_ROOT = THROWAWAY_DIR / "media"
STATIC_ROOT = THROWAWAY_DIR / "static"
MANCHETTE_PAGE_CACHE_DIR = THROWAWAY_DIR / "cache"
MANCHETTE_WIRE_DROP_DIR = THROWAWAY_DIR / "wire"
CACHES["comments"]["LOCATION"] = THROWAWAY_DIR / "comments-cache"  # noqa: F405
MANCHETTE_COMMENTS_NETWORK_RATES = [(2, 3600)]
MANCHETTE_COMMENTS_MIN_SECONDS = 0
