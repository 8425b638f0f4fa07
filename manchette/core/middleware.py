"""Cache headers for reader pages."""

from django.utils.cache import patch_cache_control
from django.utils.http import http_date

from .cache import KEY_HEADER


class ReaderCacheHeadersMiddleware:
    """Mark public reader pages cacheable and say what they show.

    A view that calls ``surrogate_keys`` opts its page in. Browsers revalidate
    every time (a cheap 304 thanks to ETag/Last-Modified), so a publication is
    visible at once; the page cache and CDNs key their purges on
    ``Surrogate-Key``. Editors, previews and errors are never marked public.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
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
        response[KEY_HEADER] = " ".join(sorted(keys))
        patch_cache_control(response, public=True, max_age=0, must_revalidate=True)
        last_modified = getattr(request, "last_modified", None)
        if last_modified and not response.has_header("Last-Modified"):
            response["Last-Modified"] = http_date(last_modified.timestamp())
        return response
