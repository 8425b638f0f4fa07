"""The flood gate: comment posts from a flooding network, refused before Django.

A post that a rate limit refuses still goes through Django's whole stack
(sessions, CSRF, the article, the form page): tens of milliseconds of a
server thread, during which readers' pages wait their turn. A network that
tried FLOOD_FACTOR times its limit in the current window
(``guard.flood_refusal``) is no reader resending a comment, so its posts to
the comment form and the JSON API are answered here, before Django: a bare
429 with ``Retry-After``, in JSON for the API, in the site's language. The
gate counts the posts it sees arrive, beside the guard's counters in the
cache every server process shares; a reader's first refusals still get the
form with their text from Django.
"""

import json

from django.conf import settings
from django.urls import Resolver404, resolve
from django.utils import translation

from manchette.core.proxies import environ_address

from .guard import flood_refusal
from .security import network_of

GUARDED = {"comments:post": "text/plain; charset=utf-8", "comments:api": "application/json"}


class FloodGate:
    """WSGI middleware in front of Django (see manchette.wsgi)."""

    def __init__(self, app):
        self.app = app

    def __call__(self, environ, start_response):
        if environ.get("REQUEST_METHOD") == "POST":
            refused = self.refusal(environ)
            if refused is not None:
                content_type, wait, body = refused
                drain(environ)
                start_response(
                    "429 Too Many Requests",
                    [
                        ("Content-Type", content_type),
                        ("Content-Length", str(len(body))),
                        ("Retry-After", str(wait)),
                        ("Cache-Control", "private, no-store"),
                    ],
                )
                return [body]
        return self.app(environ, start_response)

    def refusal(self, environ):
        """(content type, seconds to wait, body) for a flooding network's comment post, or None."""
        try:
            route = resolve(environ.get("PATH_INFO", "")).view_name
        except Resolver404:
            return None
        if route not in GUARDED:
            return None
        network = network_of(environ_address(environ))
        if not network:
            return None
        with translation.override(settings.LANGUAGE_CODE):
            refused = flood_refusal(network)
            if refused is None:
                return None
            message = str(refused.message)
        content_type = GUARDED[route]
        if content_type == "application/json":
            # As the API's own refusals read (comments.api.error).
            body = json.dumps({"message": message, "errors": {}}, ensure_ascii=False)
        else:
            body = message
        return content_type, refused.wait, body.encode()


def drain(environ, chunk=64 * 1024):
    """Read the post's body, unread by anyone: left in a kept-alive connection, it would be
    taken for the client's next request."""
    try:
        left = int(environ.get("CONTENT_LENGTH") or 0)
    except ValueError:
        return
    body = environ["wsgi.input"]
    while left > 0:
        piece = body.read(min(chunk, left))
        if not piece:
            return
        left -= len(piece)
