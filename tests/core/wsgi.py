"""Calling a WSGI application as the server does, and Django's handler that counts its calls."""

from dataclasses import dataclass, field

from django.core.wsgi import get_wsgi_application
from django.test import RequestFactory


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
