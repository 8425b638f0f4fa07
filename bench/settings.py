"""Settings for `make bench`: the local site's settings with every file in a throwaway folder.

Each benchmark sets ``MANCHETTE_BENCH_DIR``; nothing it writes (database,
media, static files, page cache, purge log, drop folder, comment counters)
lands in the project's ./var/.
"""

import os
from pathlib import Path

from manchette.settings.dev import *  # noqa: F403

BENCH_DIR = Path(os.environ["MANCHETTE_BENCH_DIR"])
# Folders whose default lies under VAR_DIR (the wire's drop folder, the purge log) follow it.
VAR_DIR = BENCH_DIR
DATABASES["default"]["NAME"] = BENCH_DIR / "manchette.sqlite3"  # noqa: F405
MEDIA_ROOT = BENCH_DIR / "media"
STATIC_ROOT = BENCH_DIR / "static"
MANCHETTE_PAGE_CACHE_DIR = BENCH_DIR / "cache"
CACHES["comments"]["LOCATION"] = str(BENCH_DIR / "comment-counts")  # noqa: F405

# One client posts for many readers, faster than a person types: the guard's
# rate limits and typing delay are lifted (its other checks, such as bans and
# duplicates, still run on every post). bench/flood.py measures the guard
# itself and keeps them (MANCHETTE_BENCH_GUARD=1).
if os.environ.get("MANCHETTE_BENCH_GUARD") != "1":
    MANCHETTE_COMMENTS_MIN_SECONDS = 0
    MANCHETTE_COMMENTS_NETWORK_RATES = []
    MANCHETTE_COMMENTS_ARTICLE_RATES = []
