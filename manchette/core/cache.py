"""Surrogate keys: which cached pages show what, and how to purge them.

A view names the things a page shows with ``surrogate_keys(request, …)``:
``article-<id>`` for every article on the page, ``section-<id>``,
``tag-<slug>`` and ``source-<id>`` for lists a new article would join,
``front``, ``feeds`` and ``sitemaps``. Publishing an article purges its own
key and the keys of the lists it belongs to, so exactly the pages that
show it, or should now show it, are rendered again.

Purges go to an append-only log file shared by every server process on the
host; each process reads what is new in it before answering from its
in-process page cache (see ``manchette.core.pagecache``).
"""

import fcntl
import os
from pathlib import Path

from django.conf import settings

from .conf import setting

KEY_HEADER = "Surrogate-Key"
PURGE_ALL = "*"
# Past this size the log is started again with a purge-all line, which every
# process treats as "drop everything": rare, and always correct.
LOG_LIMIT = 1024 * 1024


def surrogate_keys(request, *keys):
    """Record what this response shows, for the page cache and CDNs."""
    if request is None:
        return
    found = getattr(request, "surrogate_keys", None)
    if found is None:
        found = request.surrogate_keys = set()
    found.update(key for key in keys if key)


def cache_dir():
    return Path(setting("MANCHETTE_PAGE_CACHE_DIR") or Path(settings.VAR_DIR) / "cache")


def purge_log_path():
    return cache_dir() / "purge.log"


def purge(*keys):
    """Drop every cached page that carries one of these keys, in all processes."""
    keys = sorted({key for key in keys if key})
    if not keys:
        return
    path = purge_log_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    line = (" ".join(keys) + "\n").encode()
    with open(path.with_suffix(".lock"), "a") as lock:
        # Writers take turns so that a rotation never loses a concurrent line.
        fcntl.flock(lock, fcntl.LOCK_EX)
        if path.exists() and path.stat().st_size + len(line) > LOG_LIMIT:
            # A new file (new inode) tells readers to start over from a purge-all.
            fresh = path.with_suffix(".new")
            fresh.write_bytes(f"{PURGE_ALL}\n".encode())
            os.replace(fresh, path)
        with open(path, "ab") as log:
            log.write(line)


def purge_all():
    purge(PURGE_ALL)
