"""Settings for `make bench`: the local site's settings with every file in a throwaway folder.

``bench/run.py`` sets ``MANCHETTE_BENCH_DIR``; nothing the benchmark writes
(database, media, static files, purge log) lands in the project's ./var/.
"""

import os
from pathlib import Path

from manchette.settings.dev import *  # noqa: F403

BENCH_DIR = Path(os.environ["MANCHETTE_BENCH_DIR"])
DATABASES["default"]["NAME"] = BENCH_DIR / "manchette.sqlite3"  # noqa: F405
MEDIA_ROOT = BENCH_DIR / "media"
STATIC_ROOT = BENCH_DIR / "static"
MANCHETTE_PAGE_CACHE_DIR = BENCH_DIR / "cache"
