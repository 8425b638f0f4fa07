"""Calling a WSGI application as the server does, Django's handler that counts its calls, and
a page cache in front of it whose renders a purge overtakes."""

from dataclasses import dataclass, field

from django.core.wsgi import get_wsgi_application
from django.test import RequestFactory

from manchette.core.cache import purge
from manchette.core.pagecache import PageCache


@dataclass
class Answer:
    status: int
    headers: dict
    body: bytes
    header_list: list = field(default_factory=list)  # as sent, repeated names included

    @property
    def cache(self):
        return self.headers.get("X-Page-Cache")


class Django:
    """Django's WSGI handler, counting the requests that reach it."""

    def __init__(self):
        self.handler = get_wsgi_application()
        self.calls = 0

    def __call__(self, environ, start_response):
        self.calls += 1
        return self.handler(environ, start_response)


def get(app, path, method="GET", **headers):
    environ = RequestFactory().generic(method, path, headers=headers).environ
    answer = {}

    def start_response(status, headers, exc_info=None):
        answer.update(status=int(status.split()[0]), headers=dict(headers), header_list=headers)

    result = app(environ, start_response)
    try:
        body = b"".join(result)
    finally:
        if hasattr(result, "close"):
            result.close()
    return Answer(answer["status"], answer["headers"], body, answer["header_list"])


def purged_while_rendering(django_app, on_commit, *keys, renders=1):
    """A page cache in front of ``django_app``, whose first ``renders`` renders these keys'
    purge overtakes.

    Another process publishes while Django renders, and another thread of the
    cache's process reads the purge. ``on_commit``: pytest-django's
    django_capture_on_commit_callbacks.
    """
    app = None

    def purging_meanwhile(environ, start_response):
        result = django_app(environ, start_response)
        if django_app.calls <= renders:
            with on_commit(execute=True):
                purge(*keys)
            app.follow_purges()
        return result

    app = PageCache(purging_meanwhile)
    return app
