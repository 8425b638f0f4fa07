"""The page cache in front of Django: warm pages for anonymous readers.

Django's full stack costs about ten times what a bare WSGI callable does on
these machines, so a page that was already rendered is answered here,
before Django: a dictionary lookup keyed by host, path, query and the
reader's language. Only responses that Django marked as public and tagged
with surrogate keys (``ReaderCacheHeadersMiddleware``) are kept. Editors
and commenters carry a cookie that sends them straight to Django.

Every server process has its own cache and follows the purge log written by
``manchette.core.cache.purge``: before each lookup it stats the log and
drops the pages whose keys were purged since it last looked.
"""

import os
import threading
from collections import OrderedDict
from functools import lru_cache
from urllib.parse import parse_qsl

from django.conf import settings
from django.http import parse_cookie
from django.utils import translation
from django.utils.http import parse_http_date_safe

from .cache import KEY_HEADER, PURGE_ALL, purge_log_path
from .conf import setting

# Query parameters a cacheable page may vary on; any other query string is
# answered by Django and not kept, so random parameters cannot flood the cache.
CACHEABLE_PARAMS = {"page"}
# Headers of a 304: what RFC 9110 says a cache must repeat.
NOT_MODIFIED_HEADERS = {"cache-control", "etag", "last-modified", "vary", "content-location", "date"}


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


class CachedPage:
    __slots__ = ("status", "headers", "body", "etag", "last_modified", "keys")

    def __init__(self, status, headers, body):
        self.status = status
        self.headers = [*headers, ("X-Page-Cache", "hit")]
        self.body = body
        found = {name.lower(): value for name, value in headers}
        self.etag = found.get("etag")
        self.last_modified = parse_http_date_safe(found.get("last-modified") or "")
        self.keys = found.get(KEY_HEADER.lower(), "").split()

    def not_modified(self, environ):
        if_none_match = environ.get("HTTP_IF_NONE_MATCH")
        if if_none_match:
            return self.etag is not None and (
                if_none_match.strip() == "*"
                or self.etag in (tag.strip().removeprefix("W/") for tag in if_none_match.split(","))
            )
        since = parse_http_date_safe(environ.get("HTTP_IF_MODIFIED_SINCE") or "")
        return since is not None and self.last_modified is not None and self.last_modified <= since

    def respond(self, environ, start_response):
        if self.not_modified(environ):
            start_response(
                "304 Not Modified",
                [(k, v) for k, v in self.headers if k.lower() in NOT_MODIFIED_HEADERS],
            )
            return [b""]
        start_response(self.status, self.headers)
        return [b""] if environ["REQUEST_METHOD"] == "HEAD" else [self.body]


class PageCache:
    def __init__(self, app):
        self.app = app
        self.enabled = bool(setting("MANCHETTE_PAGE_CACHE"))
        self.capacity = int(setting("MANCHETTE_PAGE_CACHE_ENTRIES"))
        self.bypass = tuple(f"{name}=" for name in setting("MANCHETTE_BYPASS_COOKIES"))
        self.entries = OrderedDict()
        self.by_key = {}
        self.lock = threading.Lock()
        self.log_path = purge_log_path()
        self.log_inode, self.log_offset = self._log_position()

    def __call__(self, environ, start_response):
        if not self.enabled or environ["REQUEST_METHOD"] not in ("GET", "HEAD"):
            return self.app(environ, start_response)
        cookie_header = environ.get("HTTP_COOKIE", "")
        if cookie_header and any(name in cookie_header for name in self.bypass):
            return self.app(environ, start_response)
        self.follow_purges()
        cache_key = self._cache_key(environ, cookie_header)
        page = self.entries.get(cache_key)
        if page is not None:
            return page.respond(environ, start_response)
        return self._render(cache_key, environ, start_response)

    def _cache_key(self, environ, cookie_header):
        cookie_language = None
        if cookie_header:
            cookie_language = parse_cookie(cookie_header).get(settings.LANGUAGE_COOKIE_NAME)
        language = reader_language(cookie_language, environ.get("HTTP_ACCEPT_LANGUAGE"))
        return (
            environ.get("HTTP_HOST", ""),
            environ.get("PATH_INFO", "/"),
            environ.get("QUERY_STRING", ""),
            language,
        )

    def _render(self, cache_key, environ, start_response):
        position = self._log_position()
        answer = {}

        def capture(status, headers, exc_info=None):
            answer.update(status=status, headers=headers)
            return start_response(status, headers, exc_info)

        result = self.app(environ, capture)
        if not self._storable(environ, answer):
            return result
        try:
            body = b"".join(result)
        finally:
            if hasattr(result, "close"):
                result.close()
        # A purge while we rendered may concern what we rendered: do not keep it.
        if self._log_position() == position:
            self._store(cache_key, CachedPage(answer["status"], answer["headers"], body))
        return [body]

    @staticmethod
    def _storable(environ, answer):
        if environ["REQUEST_METHOD"] != "GET" or not answer.get("status", "").startswith("200"):
            return False
        names = {name.lower(): value for name, value in answer["headers"]}
        if KEY_HEADER.lower() not in names or "set-cookie" in names:
            return False
        if "public" not in names.get("cache-control", ""):
            return False
        query = environ.get("QUERY_STRING", "")
        return all(name in CACHEABLE_PARAMS for name, _ in parse_qsl(query, keep_blank_values=True))

    def _store(self, cache_key, page):
        with self.lock:
            self.entries[cache_key] = page
            for key in page.keys:
                self.by_key.setdefault(key, set()).add(cache_key)
            while len(self.entries) > self.capacity:
                self._forget(next(iter(self.entries)))

    def _forget(self, cache_key):
        page = self.entries.pop(cache_key, None)
        if page is None:
            return
        for key in page.keys:
            holders = self.by_key.get(key)
            if holders is not None:
                holders.discard(cache_key)
                if not holders:
                    del self.by_key[key]

    def clear(self):
        with self.lock:
            self.entries.clear()
            self.by_key.clear()

    def _log_position(self):
        try:
            stat = os.stat(self.log_path)
        except FileNotFoundError:
            return (None, 0)
        return (stat.st_ino, stat.st_size)

    def follow_purges(self):
        inode, size = self._log_position()
        if inode == self.log_inode and size == self.log_offset:
            return
        if inode != self.log_inode:
            # The log was started again: what it said before is gone.
            self.clear()
            self.log_inode, self.log_offset = inode, 0
        if size <= self.log_offset:
            return
        with open(self.log_path, "rb") as log:
            log.seek(self.log_offset)
            chunk = log.read(size - self.log_offset)
        complete = chunk.rfind(b"\n") + 1
        self.log_offset += complete
        keys = chunk[:complete].decode(errors="replace").split()
        if PURGE_ALL in keys:
            self.clear()
            return
        with self.lock:
            for key in keys:
                for cache_key in list(self.by_key.get(key, ())):
                    self._forget(cache_key)
