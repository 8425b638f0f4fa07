"""Surrogate keys: which cached pages show what, and how to purge them.

A view names the things a page shows with ``surrogate_keys(request, …)``:
``article-<id>`` for every article on the page, ``section-<id>``,
``tag-<slug>`` and ``source-<id>`` for lists a new article would join,
``credit-<id>`` where a source's name is shown (the article page), and
``front``, ``feeds`` and ``sitemaps``. Publishing an article purges its own
key and the keys of the lists it belongs to, so exactly the pages that
show it, or should now show it, are rendered again: the pages of other
articles from the same agency, which only name it, are left alone.

Purges go to an append-only log file shared by every server process on the
host; each process reads what is new in it before answering from its
in-process page cache (see ``manchette.core.pagecache``). Each purge also
increments a count kept in a file of eight bytes next to the log, which the
processes map in memory: telling that nothing changed costs them a
comparison of eight bytes, not a system call. A purge is written once the
transaction that changed the content commits: written earlier, a page
rendered in between from the old content would be kept.
"""

import fcntl
import os
import uuid
from functools import partial
from pathlib import Path

from django.conf import settings
from django.db import transaction

from .conf import setting

KEY_HEADER = "Surrogate-Key"
PURGE_ALL = "*"
# Each log's first line names it (readers tell a new log from the one they
# follow by it). Past this size the log is started again, its first line
# also purging everything: rare, and always correct.
LOG_LIMIT = 1024 * 1024
COUNT_BYTES = 8


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


def purge_count_path():
    return cache_dir() / "purge.count"


def open_purge_count():
    """The purge count's file, created as eight zero bytes if need be."""
    path = purge_count_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    # Growing a file to the size it already has changes nothing: this cannot
    # undo a count that a purge wrote meanwhile.
    if os.fstat(fd).st_size < COUNT_BYTES:
        os.ftruncate(fd, COUNT_BYTES)
    return open(fd, "r+b", buffering=0)  # noqa: SIM115 (the caller closes it)


def purge(*keys):
    """Drop every cached page that carries one of these keys, in all processes."""
    keys = sorted({key for key in keys if key})
    if keys:
        transaction.on_commit(partial(_write_purge, keys))


def _write_purge(keys):
    path = purge_log_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    line = (" ".join(keys) + "\n").encode()
    with open(path.with_suffix(".lock"), "a") as lock:
        # Writers take turns so that a new log never loses a concurrent line.
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            full = path.stat().st_size + len(line) > LOG_LIMIT
        except FileNotFoundError:
            _start_log(path)
        else:
            if full:
                _start_log(path, PURGE_ALL)
        with open(path, "ab") as log:
            log.write(line)
        # Counted once the line is whole: a reader that sees the new count finds it.
        with open_purge_count() as counter:
            fd = counter.fileno()
            count = int.from_bytes(os.pread(fd, COUNT_BYTES, 0), "little") + 1
            os.pwrite(fd, (count % 2 ** (8 * COUNT_BYTES)).to_bytes(COUNT_BYTES, "little"), 0)


def _start_log(path, *keys):
    """Put a new log in place at once, under a name no other log had."""
    fresh = path.with_suffix(".new")
    fresh.write_bytes(" ".join([*keys, f"log-{uuid.uuid4().hex}\n"]).encode())
    os.replace(fresh, path)


def purge_all():
    purge(PURGE_ALL)
