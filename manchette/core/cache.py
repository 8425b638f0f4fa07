"""Surrogate keys: which cached pages show what, and how to purge them.

A view names the things a page shows with ``surrogate_keys(request, …)``:
``article-<id>`` for every article on the page, ``section-<id>``,
``tag-<slug>`` and ``source-<id>`` for lists a new article would join,
``sidebar-section-<id>`` and ``sidebar-tag-<slug>`` for the lists an
article's sidebar shows (purged softly: see ``manchette.core.pagecache``),
``credit-<id>`` where a source's name is shown (the article page), and
``front``, ``feeds`` and ``sitemaps``, and ``home`` for what editors chose
for the front page. Publishing an article purges its own key and the keys
of the lists it belongs to, so exactly the pages that show it, or should
now show it, are rendered again: the pages of other articles from the same
agency, which only name it, are left alone. The page cache drops a page at
once for its own key, and keeps it a moment, stale, for a list's: the list
only gained a story (``manchette.core.pagecache.SOFT_KEY_PREFIXES``).

With ``MANCHETTE_PURGE_REDIS_URL`` set (several nodes), a purge is published
on Redis and heard by every server process of every node (see
``manchette.core.purge_channel``). Otherwise purges go to an append-only
log file shared by every server process on the host; each process reads
what is new in it before answering from its in-process page cache (see
``manchette.core.pagecache``). Each purge also
increments a count kept in a file of eight bytes next to the log, which the
processes map in memory: telling that nothing changed costs them a
comparison of eight bytes, not a system call. A purge is written once the
transaction that changed the content commits: written earlier, a page
rendered in between from the old content would be kept.

Bulk work (an archive import publishing hundreds of articles at a time)
runs inside ``purges_held()``: the keys it purges are collected and written
as one purge on leaving, instead of a line per article that every process
would have to read.
"""

import fcntl
import logging
import os
import uuid
from contextlib import contextmanager
from contextvars import ContextVar
from functools import partial
from pathlib import Path

import redis
from django.conf import settings
from django.db import transaction

from . import purge_channel, shared_caches
from .conf import setting

KEY_HEADER = "Surrogate-Key"
PURGE_ALL = "*"
# Each log's first line names it (readers tell a new log from the one they
# follow by it). Past this size the log is started again, its first line
# also purging everything: rare, and always correct.
LOG_LIMIT = 1024 * 1024
COUNT_BYTES = 8
# Inside purges_held(): the set of keys purged so far.
_held = ContextVar("manchette purges held", default=None)

logger = logging.getLogger("manchette.cache")


def surrogate_keys(request, *keys):
    """Record what this response shows, for the page cache and CDNs."""
    if request is None:
        return
    found = getattr(request, "surrogate_keys", None)
    if found is None:
        found = request.surrogate_keys = set()
    found.update(key for key in keys if key)


def per_render(request, *parts):
    """Name text of this response that changes with every render but not with the content.

    The comment form's token names the second it was issued: left in, it
    would give the same page a new ETag in every process and every second,
    and readers' conditional requests would never be answered 304.
    """
    request.per_render = [*getattr(request, "per_render", ()), *parts]


def cache_dir():
    return Path(setting("MANCHETTE_PAGE_CACHE_DIR") or Path(settings.VAR_DIR) / "cache")


def purge_log_path():
    return cache_dir() / "purge.log"


def purge_count_path():
    return cache_dir() / "purge.count"


def open_purge_count():
    """The purge count's file, created as eight zero bytes if need be."""
    fd = _open(purge_count_path(), os.O_RDWR | os.O_CREAT)
    # Growing a file to the size it already has changes nothing: this cannot
    # undo a count that a purge wrote meanwhile.
    if os.fstat(fd).st_size < COUNT_BYTES:
        os.ftruncate(fd, COUNT_BYTES)
    return open(fd, "r+b", buffering=0)  # noqa: SIM115 (the caller closes it)


def purge(*keys):
    """Drop every cached page that carries one of these keys, in all processes."""
    keys = sorted({key for key in keys if key})
    held = _held.get()
    if held is not None:
        held.update(keys)
    elif keys:
        transaction.on_commit(partial(_announce, keys))


@contextmanager
def purges_held():
    """Collect the keys purged inside, and purge them all at once on leaving."""
    if _held.get() is not None:  # inside another: that one purges
        yield
        return
    held = set()
    token = _held.set(held)
    try:
        yield
    finally:
        _held.reset(token)
        purge(*held)


def _announce(keys):
    """Tell every cache that may hold these keys' pages: the servers' own, then shared ones."""
    redis_url = setting("MANCHETTE_PURGE_REDIS_URL")
    if not redis_url:
        _write_purge(keys)
    else:
        try:
            purge_channel.publish(redis_url, keys)
        except redis.RedisError:
            # The content is saved: the request must not fail for it. Pages stay
            # stale at most MANCHETTE_CACHE_MAX_AGE; listeners that lost Redis
            # too drop everything when they are back.
            logger.exception("Purge of %s not published on Redis.", " ".join(keys))
    # After the servers' caches: a shared cache that fetches the page again
    # at once must not get the old one from a server. Through Redis, the
    # servers may hear it a little later: the shared caches are purged again.
    shared_caches.send(keys, again=bool(redis_url))


def _write_purge(keys):
    # Every comment posted writes here: plain file descriptors, and the
    # folder made only when it is missing, keep that to a few system calls.
    path = purge_log_path()
    line = (" ".join(keys) + "\n").encode()
    lock = _open(path.with_suffix(".lock"), os.O_WRONLY | os.O_CREAT)
    try:
        # Writers take turns so that a new log never loses a concurrent line.
        fcntl.flock(lock, fcntl.LOCK_EX)
        log = _log_with_room(path, len(line))
        try:
            os.write(log, line)
        finally:
            os.close(log)
        # Counted once the line is whole: a reader that sees the new count finds it.
        counter = _open(purge_count_path(), os.O_RDWR | os.O_CREAT)
        try:
            count = int.from_bytes(os.pread(counter, COUNT_BYTES, 0), "little") + 1
            os.pwrite(counter, (count % 2 ** (8 * COUNT_BYTES)).to_bytes(COUNT_BYTES, "little"), 0)
        finally:
            os.close(counter)
    finally:
        os.close(lock)  # which also lets the next writer in


def _log_with_room(path, size):
    """The log open for appending ``size`` bytes: started again if missing or full."""
    try:
        log = os.open(path, os.O_WRONLY | os.O_APPEND)
    except FileNotFoundError:
        _start_log(path)
    else:
        if os.fstat(log).st_size + size <= LOG_LIMIT:
            return log
        os.close(log)
        _start_log(path, PURGE_ALL)
    return os.open(path, os.O_WRONLY | os.O_APPEND)


def _open(path, flags):
    """A file descriptor, the cache folder made first if it is missing."""
    try:
        return os.open(path, flags, 0o644)
    except FileNotFoundError:
        path.parent.mkdir(parents=True, exist_ok=True)
        return os.open(path, flags, 0o644)


def _start_log(path, *keys):
    """Put a new log in place at once, under a name no other log had."""
    fresh = path.with_suffix(".new")
    fresh.write_bytes(" ".join([*keys, f"log-{uuid.uuid4().hex}\n"]).encode())
    os.replace(fresh, path)


def purge_all():
    purge(PURGE_ALL)
