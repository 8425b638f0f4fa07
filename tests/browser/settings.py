"""Settings of the server that the browser tests start: the local site's,
with its database, media, static files and purge log in a throwaway folder
named by ``MANCHETTE_BROWSER_DIR`` (set by the ``served_site`` fixture)."""

import os
from pathlib import Path

from manchette.settings.dev import *  # noqa: F403

THROWAWAY_DIR = Path(os.environ["MANCHETTE_BROWSER_DIR"])

DATABASES["default"]["NAME"] = THROWAWAY_DIR / "manchette.sqlite3"  # noqa: F405
MEDIA_ROOT = THROWAWAY_DIR / "media"
STATIC_ROOT = THROWAWAY_DIR / "static"
MANCHETTE_PAGE_CACHE_DIR = THROWAWAY_DIR / "cache"
# Two headlines a page, so that the seeded section and tag pages show their pagination.
MANCHETTE_PAGE_SIZE = 2
# Comment rate limits count in the throwaway folder, not in the repository's var/.
CACHES["comments"]["LOCATION"] = THROWAWAY_DIR / "comments-cache"  # noqa: F405
# The server's wire watcher looks at the throwaway folder, not the repository's var/wire.
MANCHETTE_WIRE_DROP_DIR = THROWAWAY_DIR / "wire"
# Two updates a page, so that the seeded live page shows its pagination; polls as
# often as readers' browsers may, so that the two-tab test waits as little as it can.
MANCHETTE_LIVE_PAGE_SIZE = 2
MANCHETTE_LIVE_POLL_SECONDS = 10
