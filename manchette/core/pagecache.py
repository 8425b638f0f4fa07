"""The page cache in front of Django: warm pages for anonymous readers.

Django's full stack costs about ten times what a bare WSGI callable does on
these machines, so a page that was already rendered is answered here,
before Django: a dictionary lookup keyed by host, path, query and the
reader's language. Only responses that Django marked as public and tagged
with surrogate keys (``ReaderCacheHeadersMiddleware``) are kept. Editors
and commenters carry a cookie that sends them straight to Django.

On a miss Django always renders the full page, as a GET without the
reader's validators, so that what it renders can be kept; the reader's HEAD
or conditional request is then answered from it (headers only, or a 304).

Every server process has its own cache. On one host it follows the purge
log written by ``manchette.core.cache.purge``: before each lookup it
compares the purge count (mapped in memory) with the one it last saw and,
when it changed, drops the pages whose keys were purged since. Once a
second it also looks at the log itself, so that a log or count removed or
replaced by hand is noticed too. With Redis (several nodes), a thread of
each process hears the purges instead (``manchette.core.purge_channel``).
A page whose render overlapped a purge of one of its keys is not kept, since
it may show what was purged (a purge of other pages' keys spares it), and no
page is kept longer than ``MANCHETTE_CACHE_MAX_AGE``, so that a purge lost on
the way cannot keep one for ever. Granian runs the application in several
threads: the entries, the key index and the log position change only under
one lock; a hit takes no lock (see ``CachedPage.read_again``).

A purge of a page's comments (``comments-<id>``, at every comment posted or
moderated), of the lists it shows (``front``, ``section-…``, ``tag-…``,
``feeds``) or of those its sidebar shows (``sidebar-…``), at every article
published in them, or of its player (``listen-<id>``, once the article's
recording is ready) is soft: the page is kept, marked stale, and the next
request for it (once the copy is a second old) renders it again while the
others still get the stale copy, marked ``no-store`` so that no browser keeps
it (it keeps its ``Surrogate-Key``: the shipped Varnish rules keep it one
second, purgeable, rather than send every reader to the nodes meanwhile). A
busy thread then costs at most one render a second per process, with nobody
but that one reader waiting for Django; any other purge drops the page at
once.

Pages are kept by host name without the port a reader made up: the port
stays in the key (and in the ``Host`` Django renders for) only when it is
the one the server listens on, since absolute links in the page name it.
"""

import mmap
import os
import re
import threading
import time
from collections import OrderedDict
from functools import lru_cache

from django.conf import settings
from django.http import parse_cookie
from django.utils import translation
from django.utils.http import parse_etags, parse_http_date_safe

from .cache import COUNT_BYTES, KEY_HEADER, PURGE_ALL, open_purge_count, purge_log_path
from .conf import setting
from .proxies import secure
from .purge_channel import PurgeListener

# The only query string a cacheable page may have: a canonical page number.
# Anything else (?page=02, ?utm_source=…) goes to Django and is not kept, so
# made-up query strings cannot push real pages out of the cache.
CACHEABLE_QUERY = re.compile(r"(?:page=[1-9][0-9]{0,5})?")
# The key covers these Vary headers: the language comes from Accept-Language
# or the language cookie, and any cookie that changes the page bypasses us.
KEYED_VARY = {"accept-language", "cookie"}
# What a 304 repeats of the full answer (RFC 9110, section 15.4.5).
NOT_MODIFIED_HEADERS = {
    "cache-control",
    "etag",
    "last-modified",
    "vary",
    "content-location",
    "date",
}
VALIDATORS = ("HTTP_IF_NONE_MATCH", "HTTP_IF_MODIFIED_SINCE")
# Keys whose purge leaves the page served, stale, until it is rendered again (see the
# module's docstring): they only say that something joined what the page shows, a
# comment, a story in one of its lists, its recording. What changes what a page already
# shows purges a key of its own (``article-<id>``, ``home``). Sitemaps and source pages
# name no article key, and are seldom read: they stay dropped at once.
SOFT_KEY_PREFIXES = ("comments-", "sidebar-", "front", "section-", "tag-", "feeds", "listen-")
SOFT_REFRESH_SECONDS = 1.0
# What a stale copy drops of its headers: no browser may keep it or revalidate against
# it. It keeps its Surrogate-Key, so that a shared cache keeping it for a moment (the
# shipped Varnish rules do) can still have it purged.
STALE_DROPPED = {"cache-control", "etag", "last-modified", "x-page-cache"}
HIT = ("X-Page-Cache", "hit")
MISS = ("X-Page-Cache", "miss")
STALE = ("X-Page-Cache", "stale")
# Bytes counted for an entry besides its body: headers, key tuple, index.
ENTRY_OVERHEAD = 2048
# How often each process looks at the purge log itself, whatever the count says.
FULL_LOOK_SECONDS = 1.0


class _LanguageProbe:
    """Just enough of a request for Django's own language negotiation."""

    def __init__(self, cookie_language, accept_language):
        self.COOKIES = {settings.LANGUAGE_COOKIE_NAME: cookie_language} if cookie_language else {}
        self.META = {"HTTP_ACCEPT_LANGUAGE": accept_language} if accept_language else {}
        self.path_info = "/"


@lru_cache(maxsize=1024)
def reader_language(cookie_language, accept_language):
    """The language Django's LocaleMiddleware would choose for these headers."""
    probe = _LanguageProbe(cookie_language, accept_language)
    return translation.get_language_from_request(probe, check_path=False)


@lru_cache(maxsize=1024)
def read_cookies(cookie_header, bypass):
    """(whether a bypass cookie is set, the language cookie) for a Cookie header."""
    cookies = parse_cookie(cookie_header)
    return any(name in cookies for name in bypass), cookies.get(settings.LANGUAGE_COOKIE_NAME)


def opaque_tag(etag):
    """The entity tag without its weakness mark: If-None-Match compares weakly."""
    return etag.removeprefix("W/")


class Validators:
    """What a conditional request is checked against: the answer's ETag and Last-Modified."""

    __slots__ = ("etag", "last_modified", "not_modified_headers")

    def __init__(self, headers):
        found = {name.lower(): value for name, value in headers}
        self.etag = found.get("etag")
        self.last_modified = parse_http_date_safe(found.get("last-modified", ""))
        self.not_modified_headers = [
            (name, value) for name, value in headers if name.lower() in NOT_MODIFIED_HEADERS
        ]

    def not_modified(self, environ):
        """Whether the reader's copy is current (RFC 9110, section 13.2.2)."""
        if_none_match = environ.get("HTTP_IF_NONE_MATCH")
        if if_none_match is not None:
            if self.etag is None:
                return False
            tags = parse_etags(if_none_match)
            return tags == ["*"] or opaque_tag(self.etag) in map(opaque_tag, tags)
        if_modified_since = environ.get("HTTP_IF_MODIFIED_SINCE")
        if if_modified_since is None or self.last_modified is None:
            return False
        since = parse_http_date_safe(if_modified_since)
        return since is not None and self.last_modified <= since


class CachedPage(Validators):
    """A rendered 200 page, answered as a GET, a HEAD or a 304.

    ``read_again`` marks a page read since it was stored or last passed over
    for eviction: the cache evicts the oldest page not so marked (the "clock"
    approximation of least recently used), so a hit only sets a flag, where
    reordering the entries would need the lock.
    """

    __slots__ = (
        "status",
        "headers",
        "body",
        "keys",
        "size",
        "read_again",
        "stored",
        "stale",
        "refreshing",
    )

    def __init__(self, status, headers, body):
        super().__init__(headers)
        self.status = status
        self.headers = headers
        self.body = body
        self.keys = next((v for k, v in headers if k.lower() == KEY_HEADER.lower()), "").split()
        self.size = len(body) + ENTRY_OVERHEAD
        self.read_again = False
        self.stored = time.monotonic()
        # Soft-purged, and whether a request of this process is rendering it again.
        self.stale = self.refreshing = False

    def respond(self, environ, start_response, age=0.0):
        # Its age tells a shared cache in front how much of its own lifetime is gone.
        age = ("Age", str(int(age)))
        # Lists, not other iterables: granian sends a list in one write.
        if self.not_modified(environ):
            start_response("304 Not Modified", [*self.not_modified_headers, age])
            return [b""]
        start_response(self.status, [*self.headers, age])
        return [b""] if environ["REQUEST_METHOD"] == "HEAD" else [self.body]

    def respond_stale(self, environ, start_response):
        """The copy kept past a soft purge: whole, for this request only."""
        headers = [
            (name, value) for name, value in self.headers if name.lower() not in STALE_DROPPED
        ]
        start_response(self.status, [*headers, ("Cache-Control", "no-store"), STALE])
        return [b""] if environ["REQUEST_METHOD"] == "HEAD" else [self.body]


def storable(headers):
    """Whether Django said this 200 page is the same for every anonymous reader."""
    found = {name.lower(): value.lower() for name, value in headers}
    if KEY_HEADER.lower() not in found or "set-cookie" in found:
        return False
    cache_control = directives(found.get("cache-control", ""))
    if "public" not in cache_control or cache_control & {"private", "no-store", "no-cache"}:
        return False
    return directives(found.get("vary", "")) <= KEYED_VARY


def directives(value):
    """The names in a comma-separated header, as {"public", "max-age"} for "public, max-age=0"."""
    return {token.partition("=")[0].strip() for token in value.split(",")} - {""}


@lru_cache(maxsize=1024)
def host_key(host, server_port):
    """The Host a page is kept under and rendered for: without a port the server does not use."""
    name, colon, port = host.rpartition(":")
    if not colon or "]" in port or port == server_port:
        return host  # no port ("news.example", "[::1]"), or the one we listen on
    return name


def _no_write(data):
    raise RuntimeError("The page cache needs the response as an iterable, not through write().")


class PageCache:
    """WSGI middleware: anonymous GET and HEAD requests for kept pages never reach ``app``."""

    def __init__(self, app):
        self.app = app
        self.enabled = bool(setting("MANCHETTE_PAGE_CACHE"))
        self.capacity = int(setting("MANCHETTE_PAGE_CACHE_ENTRIES"))
        self.budget = int(setting("MANCHETTE_PAGE_CACHE_MEGABYTES") * 1024 * 1024)
        self.bypass = tuple(setting("MANCHETTE_BYPASS_COOKIES"))
        self.max_age = setting("MANCHETTE_CACHE_MAX_AGE")
        # Pages are kept from https requests: a plain http one is Django's to redirect.
        self.https_only = settings.SECURE_SSL_REDIRECT
        self.redirect_exempt = [re.compile(pattern) for pattern in settings.SECURE_REDIRECT_EXEMPT]
        redis_url = setting("MANCHETTE_PURGE_REDIS_URL")
        self.listener = redis_url and PurgeListener(redis_url, self.drop, self.drop_all)
        self.entries = OrderedDict()  # oldest stored or passed over first
        self.by_key = {}
        self.size = 0
        self.lock = threading.Lock()
        self.log_path = purge_log_path()
        # The log is kept open (fstat costs a third of stat) and known by its
        # first line; purges are read from log_offset on.
        self.log, self.log_header, self.log_offset = None, None, 0
        # The purge count's file, its mapping, the count when the log was last
        # read and when to look at the log regardless.
        self.count_file, self.count, self.seen_count, self.next_full_look = None, None, None, 0.0
        # Count the purges applied and note each key's last: a render during which one
        # of its page's keys was purged is not kept (purged), kept stale when that purge
        # was soft (soft_purged). A purge of other keys (the wire's stories purging the
        # front page every second) spares it; a purge of everything spoils every render.
        self.generation = self.everything_purged = 0
        self.purged, self.soft_purged = {}, {}
        if not self.listener:
            self.follow_purges()

    def __call__(self, environ, start_response):
        method = environ["REQUEST_METHOD"]
        query = environ.get("QUERY_STRING", "")
        if (
            not self.enabled
            or (method != "GET" and method != "HEAD")
            or (query and not CACHEABLE_QUERY.fullmatch(query))
            or (self.https_only and self.redirected(environ))
        ):
            return self.app(environ, start_response)
        cookie_header = environ.get("HTTP_COOKIE")
        cookie_language = None
        if cookie_header:
            bypassed, cookie_language = read_cookies(cookie_header, self.bypass)
            if bypassed:
                return self.app(environ, start_response)
        if not self.listener:
            self.follow_purges()
        elif not self.listener.ready():
            return self.app(environ, start_response)
        host = host_key(
            environ.get("HTTP_HOST") or environ.get("SERVER_NAME", ""), environ.get("SERVER_PORT")
        )
        cache_key = (
            host,
            environ.get("PATH_INFO", "/"),
            query,
            reader_language(cookie_language, environ.get("HTTP_ACCEPT_LANGUAGE")),
        )
        page = self.entries.get(cache_key)
        if page is None:
            return self._render(cache_key, host, environ, start_response)
        age = time.monotonic() - page.stored
        if age > self.max_age:
            return self._render(cache_key, host, environ, start_response)
        page.read_again = True
        if page.stale:
            if age >= SOFT_REFRESH_SECONDS and self._claim(page):
                return self._render(cache_key, host, environ, start_response, page)
            return page.respond_stale(environ, start_response)
        return page.respond(environ, start_response, age)

    def _claim(self, page):
        """Whether this request is the one to render a stale page again (one per process)."""
        with self.lock:
            if page.refreshing:
                return False
            page.refreshing = True
            return True

    def redirected(self, environ):
        """Whether SecurityMiddleware will send this request to https (SECURE_SSL_REDIRECT)."""
        if secure(environ):
            return False
        path = environ.get("PATH_INFO", "/").lstrip("/")
        return not any(pattern.search(path) for pattern in self.redirect_exempt)

    def _render(self, cache_key, host, environ, start_response, stale=None):
        """Django's answer, kept if it may be; ``stale``: the soft-purged copy it replaces."""
        if stale is None:
            return self._fresh(cache_key, host, environ, start_response)
        try:
            return self._fresh(cache_key, host, environ, start_response)
        finally:
            with self.lock:
                # Not replaced (not kept, or a purge overlapped the render): the next
                # request tries again, or finds the page gone if Django no longer keeps it.
                if self.entries.get(cache_key) is stale:
                    stale.refreshing = False

    def _fresh(self, cache_key, host, environ, start_response, again=True):
        generation = self.generation
        full_get = environ
        if (
            environ["REQUEST_METHOD"] != "GET"
            or any(name in environ for name in VALIDATORS)
            or environ.get("HTTP_HOST", host) != host
        ):
            full_get = {name: value for name, value in environ.items() if name not in VALIDATORS}
            full_get["REQUEST_METHOD"] = "GET"
            if "HTTP_HOST" in environ:
                full_get["HTTP_HOST"] = host
        answer = []

        def capture(status, headers, exc_info=None):
            answer[:] = status, headers
            return _no_write

        result = self.app(full_get, capture)
        status, headers = answer
        if status.startswith("200 ") and storable(headers):
            try:
                body = b"".join(result)
            finally:
                if hasattr(result, "close"):
                    result.close()
            kept = CachedPage(status, [*headers, HIT], body)
            if self._store(cache_key, kept, generation):
                return CachedPage(status, [*headers, MISS], body).respond(environ, start_response)
            # It may show what was edited, unpublished or killed meanwhile, and a shared
            # cache in front, whose purge it missed, would keep it: rendered again, once,
            # now that the purge is known. Overtaken again, it is given as a stale copy,
            # which the shipped Varnish rules keep a second and no browser keeps. (After
            # a soft purge, a comment or a story joining a list, it goes out as it is: a
            # stale copy would send the shared cache back to a busy node every second.)
            if again:
                return self._fresh(cache_key, host, environ, start_response, again=False)
            return kept.respond_stale(environ, start_response)
        # Not ours to keep (any longer): a stale or expired copy must not outlive this answer.
        if cache_key in self.entries:
            with self.lock:
                self._forget(cache_key)
        # Still honour what the reader asked, without reading the body.
        if status.startswith("200 ") and full_get is not environ:
            validators = Validators(headers)
            if validators.not_modified(environ):
                return _close(
                    result, start_response, "304 Not Modified", validators.not_modified_headers
                )
        if environ["REQUEST_METHOD"] == "HEAD":
            return _close(result, start_response, status, headers)
        start_response(status, headers)
        return result

    def _store(self, cache_key, page, generation):
        """Keep the page if it may be; False when a purge of its keys (other than a soft one)
        overtook its render."""
        with self.lock:
            # A purge applied while Django rendered may concern what it rendered.
            if self.everything_purged > generation or any(
                self.purged.get(key, -1) > generation for key in page.keys
            ):
                return False
            # Its comments or lists may have changed while it rendered: kept, and
            # rendered again.
            page.stale = any(self.soft_purged.get(key, -1) > generation for key in page.keys)
            if page.size > self.budget:
                return True
            self._forget(cache_key)
            self.entries[cache_key] = page
            self.size += page.size
            for key in page.keys:
                self.by_key.setdefault(key, set()).add(cache_key)
            while len(self.entries) > self.capacity or self.size > self.budget:
                oldest_key, oldest = next(iter(self.entries.items()))
                if oldest.read_again:
                    oldest.read_again = False
                    self.entries.move_to_end(oldest_key)
                else:
                    self._forget(oldest_key)
            return True

    def _forget(self, cache_key):
        page = self.entries.pop(cache_key, None)
        if page is None:
            return
        self.size -= page.size
        for key in page.keys:
            holders = self.by_key.get(key)
            if holders is not None:
                holders.discard(cache_key)
                if not holders:
                    del self.by_key[key]

    def _forget_all(self):
        self.entries.clear()
        self.by_key.clear()
        self.purged.clear()
        self.soft_purged.clear()
        self.size = 0
        self.generation += 1
        self.everything_purged = self.generation

    def follow_purges(self):
        """Apply what other processes purged since the last look."""
        count = self.count
        if (
            count is not None
            and count[:COUNT_BYTES] == self.seen_count
            and time.monotonic() < self.next_full_look
        ):
            return
        with self.lock:
            self._watch_count()
            self._read_log()

    def _watch_count(self):
        """Map the purge count, noting its value before the log is read."""
        if self.count_file is not None and os.fstat(self.count_file.fileno()).st_nlink == 0:
            # Removed by hand: purges now count in a new file. The old mapping
            # is left to the garbage collector, since other threads may be
            # reading it this instant.
            self.count_file.close()
            self.count_file = self.count = None
        if self.count is None:
            self.count_file = open_purge_count()
            self.count = mmap.mmap(self.count_file.fileno(), COUNT_BYTES, access=mmap.ACCESS_READ)
        # Noted first: a purge counted while the log is read brings us back.
        self.seen_count = self.count[:COUNT_BYTES]
        self.next_full_look = time.monotonic() + FULL_LOOK_SECONDS

    def _read_log(self):
        if self.log is not None and os.fstat(self.log.fileno()).st_nlink == 0:
            self.log.close()
            self.log = None
        if self.log is None:
            try:
                self.log = open(self.log_path, "rb", buffering=0)  # noqa: SIM115 (kept open)
            except FileNotFoundError:
                if self.log_header is not None:
                    # The log was removed: what it said last is unknown.
                    self._forget_all()
                    self.log_header, self.log_offset = None, 0
                return
        fd = self.log.fileno()
        size = os.fstat(fd).st_size
        header = os.pread(fd, 4096, 0).partition(b"\n")
        if not header[1]:
            return  # being written: look again on the next request
        header = header[0]
        if header != self.log_header or size < self.log_offset:
            # Another log took the place of the one we followed (see cache.purge):
            # its last lines may have been missed, so everything cached goes.
            # The new log is read from its first line.
            if self.log_header is not None:
                self._forget_all()
            self.log_header, self.log_offset = header, 0
        chunk = os.pread(fd, size - self.log_offset, self.log_offset)
        complete = chunk.rfind(b"\n") + 1
        self.log_offset += complete
        self._drop(chunk[:complete].decode(errors="replace").split())

    def drop(self, keys):
        """Drop the pages that carry one of these keys (purges heard from Redis)."""
        with self.lock:
            self._drop(keys)

    def drop_all(self):
        with self.lock:
            self._forget_all()

    def _drop(self, keys):
        if PURGE_ALL in keys:
            self._forget_all()
            return
        self.generation += 1
        for key in keys:
            if key.startswith(SOFT_KEY_PREFIXES):
                self.soft_purged[key] = self.generation
                for cache_key in self.by_key.get(key, ()):
                    self.entries[cache_key].stale = True
            else:
                self.purged[key] = self.generation
                for cache_key in list(self.by_key.get(key, ())):
                    self._forget(cache_key)


def _close(result, start_response, status, headers):
    """Answer with headers only, releasing what Django prepared for the body."""
    if hasattr(result, "close"):
        result.close()
    start_response(status, headers)
    return [b""]
