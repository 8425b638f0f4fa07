"""Cache headers for reader pages, for browsers and for the shared caches in front."""

import hashlib

from django.utils.cache import patch_cache_control
from django.utils.http import http_date, quote_etag, split_header_value

from .cache import KEY_HEADER
from .conf import setting
from .shared_caches import cache_tags


def content_etag(response, per_render_parts):
    content = response.content
    for part in per_render_parts:
        content = content.replace(part.encode(), b"")
    return quote_etag(hashlib.md5(content, usedforsecurity=False).hexdigest())


class ReaderCacheHeadersMiddleware:
    """Mark public reader pages cacheable and say what they show.

    A view that calls ``surrogate_keys`` opts its page in. Browsers revalidate
    every time (a cheap 304 thanks to ETag/Last-Modified), so a publication is
    visible at once; shared caches (Varnish, a CDN) keep the page for
    ``s-maxage`` unless a purge comes first, and the page cache and they key
    their purges on ``Surrogate-Key`` (and ``Cache-Tag`` for Cloudflare).
    Editors, previews and errors are never marked public.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        parts = getattr(request, "per_render", None)
        if parts and not response.streaming and not response.has_header("ETag"):
            response["ETag"] = content_etag(response, parts)
        keys = getattr(request, "surrogate_keys", None)
        if not keys or request.method not in ("GET", "HEAD") or response.status_code != 200:
            return response
        # A response that sets a cookie belongs to one reader, whatever it shows;
        # so does one showing a reader their own content (``request.shows_own_content``).
        if (
            getattr(request, "is_preview", False)
            or request.user.is_authenticated
            or response.cookies
            or getattr(request, "shows_own_content", False)
        ):
            patch_cache_control(response, private=True, no_cache=True)
            return response
        request.public_page = True
        response[KEY_HEADER] = " ".join(sorted(keys))
        tags = cache_tags(keys)
        if tags:
            response["Cache-Tag"] = tags
        patch_cache_control(
            response,
            public=True,
            max_age=0,
            must_revalidate=True,
            s_maxage=setting("MANCHETTE_CACHE_MAX_AGE"),
        )
        last_modified = getattr(request, "last_modified", None)
        if last_modified and not response.has_header("Last-Modified"):
            response["Last-Modified"] = http_date(last_modified.timestamp())
        return response


class LanguageVaryMiddleware:
    """Public pages vary by the reader's language, not by every cookie.

    Django adds ``Vary: Cookie`` as soon as the session is looked at, and a
    shared cache that honours it keeps one copy per reader. A public page
    is the same for every anonymous reader of one language (readers with a
    cookie that changes the page are sent past the caches, see
    ``MANCHETTE_BYPASS_COOKIES``), so its ``Vary`` names ``Accept-Language``
    and no longer ``Cookie`` (any other header it names stays); the
    language cookie is folded into the cache key by the shipped Varnish
    configuration (docs/cache.md says how a CDN does it). This runs first,
    so that it sees the response after every other middleware.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        # Also on the 304 that ConditionalGetMiddleware made of a public page.
        if getattr(request, "public_page", False):
            kept = [
                name
                for name in split_header_value(response.get("Vary", ""))
                if name.lower() not in ("cookie", "accept-language")
            ]
            response["Vary"] = ", ".join(["Accept-Language", *kept])
        return response
