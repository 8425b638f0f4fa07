"""The flood gate: a network flooding the comment routes is refused before Django."""

import io
import json
from wsgiref.util import setup_testing_defaults

import pytest
from django.test import Client, override_settings

from manchette.comments.floodgate import FloodGate
from manchette.comments.guard import flood_refusal
from tests import factory

from .helpers import post

pytestmark = pytest.mark.django_db

ONE_A_MINUTE_RATES = {"MANCHETTE_COMMENTS_NETWORK_RATES": [(1, 60)]}
ONE_A_MINUTE = override_settings(**ONE_A_MINUTE_RATES)


def one_a_minute_held_for(seconds):
    return override_settings(**ONE_A_MINUTE_RATES, MANCHETTE_COMMENTS_FLOOD_HOLD=seconds)


class Django:
    """Stands for the application behind the gate: says whether a request reached it."""

    def __init__(self):
        self.reached = []

    def __call__(self, environ, start_response):
        self.reached.append(environ["PATH_INFO"])
        start_response("200 OK", [("Content-Type", "text/plain")])
        return [b"Django"]


def send(gate, path, method="POST", address="127.0.0.1", body=b"", **headers):
    environ = {"REQUEST_METHOD": method, "PATH_INFO": path, "REMOTE_ADDR": address}
    environ.update(headers)
    environ["wsgi.input"] = io.BytesIO(body)
    environ["CONTENT_LENGTH"] = str(len(body))
    setup_testing_defaults(environ)
    answer = {"input": environ["wsgi.input"]}

    def start_response(status, response_headers, exc_info=None):
        answer["status"] = int(status.split()[0])
        answer["headers"] = dict(response_headers)

    answer["body"] = b"".join(gate(environ, start_response))
    return answer


@pytest.fixture
def flooded():
    """An article to which the readers' network sent twice its limit of posts in the window."""
    article = factory.article()
    gate = FloodGate(Django())
    with ONE_A_MINUTE:
        for _ in range(2):
            assert send(gate, f"/comments/post/{article.pk}/")["status"] == 200
    return article


@ONE_A_MINUTE
def test_a_flooding_network_gets_a_bare_429_without_reaching_django(flooded):
    django = Django()
    answer = send(FloodGate(django), f"/comments/post/{flooded.pk}/")
    assert answer["status"] == 429
    assert django.reached == []
    assert answer["headers"]["Content-Type"].startswith("text/plain")
    # Held for MANCHETTE_COMMENTS_FLOOD_HOLD, not only to the end of the minute.
    assert int(answer["headers"]["Retry-After"]) == 600
    assert "no-store" in answer["headers"]["Cache-Control"]
    assert "Trop de commentaires" in answer["body"].decode()


@ONE_A_MINUTE
def test_posts_sent_at_once_reach_django_at_most_twice_the_limit():
    # Django here counts nothing, as when every post arrives before the first is counted.
    article = factory.article()
    django = Django()
    gate = FloodGate(django)
    answers = [send(gate, f"/comments/post/{article.pk}/")["status"] for _ in range(6)]
    assert answers == [200, 200, 429, 429, 429, 429]
    assert len(django.reached) == 2
    # Another network is not refused for it.
    assert send(gate, f"/comments/post/{article.pk}/", address="192.0.2.7")["status"] == 200


@ONE_A_MINUTE
def test_the_json_api_is_refused_in_json(flooded):
    answer = send(FloodGate(Django()), f"/comments/api/{flooded.pk}/")
    assert answer["status"] == 429
    assert answer["headers"]["Content-Type"] == "application/json"
    assert json.loads(answer["body"])["message"].startswith("Trop de commentaires")


@ONE_A_MINUTE
def test_a_network_refused_once_still_reaches_django_and_keeps_its_text():
    article = factory.article()
    client = Client()
    post(client, article, text="un")
    refused = post(client, article, text="deux")
    assert refused.status_code == 429 and "deux" in refused.content.decode()
    assert flood_refusal("127.0.0.0/24") is None
    django = Django()
    send(FloodGate(django), f"/comments/post/{article.pk}/")
    assert django.reached


@ONE_A_MINUTE
def test_other_networks_reading_and_other_routes_pass(flooded):
    django = Django()
    gate = FloodGate(django)
    assert send(gate, f"/comments/post/{flooded.pk}/", address="192.0.2.7")["status"] == 200
    assert send(gate, f"/comments/post/{flooded.pk}/", method="GET")["status"] == 200
    assert send(gate, "/comments/api/counts/")["status"] == 200
    assert send(gate, "/no/such/route/")["status"] == 200
    assert len(django.reached) == 4


@ONE_A_MINUTE
@override_settings(MANCHETTE_TRUSTED_PROXIES=["127.0.0.1/32"])
def test_behind_a_trusted_proxy_the_reader_is_refused_not_the_proxy(flooded):
    django = Django()
    gate = FloodGate(django)
    path = f"/comments/post/{flooded.pk}/"
    # The flood came from 127.0.0.0/24 itself; a reader behind the proxy is not refused for it.
    assert send(gate, path, HTTP_X_FORWARDED_FOR="192.0.2.7")["status"] == 200
    # A flooding address claiming another one to an untrusted peer gains nothing.
    assert send(gate, path, address="127.0.0.9", HTTP_X_FORWARDED_FOR="127.0.0.5")["status"] == 429


@ONE_A_MINUTE
def test_a_refused_post_is_read_to_its_end(flooded):
    # Left unread in a kept-alive connection, its body would be taken for the next request.
    body = b"name=Robot&text=" + b"x" * 200_000
    answer = send(FloodGate(Django()), f"/comments/post/{flooded.pk}/", body=body)
    assert answer["status"] == 429
    assert answer["input"].tell() == len(body)


@one_a_minute_held_for(600)
def test_a_flooding_network_stays_refused_into_the_next_windows():
    start = 1_000_040.0  # 20 s into a minute
    assert [flood_refusal("198.51.100.0/24", start) is None for _ in range(3)] == [
        True,
        True,
        False,
    ]
    # A new minute's window would let twice the limit through Django again; the hold does not.
    next_minute = flood_refusal("198.51.100.0/24", start + 60)
    assert next_minute is not None and next_minute.wait == 540
    assert flood_refusal("198.51.100.0/24", start + 599).wait == 1
    # Other networks are not held for it.
    assert flood_refusal("192.0.2.0/24", start + 60) is None


@one_a_minute_held_for(5)
def test_the_hold_ends():
    for _ in range(3):
        flood_refusal("198.51.100.0/24", 1_000_040.0)
    assert flood_refusal("198.51.100.0/24", 1_000_044.0) is not None
    # The cache forgets the hold; a new window counts from nothing.
    assert flood_refusal("198.51.100.0/24", 1_000_110.0) is None


@one_a_minute_held_for(0)
def test_without_a_hold_a_flood_is_refused_until_its_window_ends():
    for _ in range(3):
        refused = flood_refusal("198.51.100.0/24", 1_000_040.0)
    assert refused.wait == 41
    assert flood_refusal("198.51.100.0/24", 1_000_100.0) is None


@one_a_minute_held_for(600)
def test_the_gate_tells_a_held_network_how_long_to_wait(flooded):
    send(FloodGate(Django()), f"/comments/post/{flooded.pk}/")
    answer = send(FloodGate(Django()), f"/comments/post/{flooded.pk}/")
    assert answer["status"] == 429
    assert 595 <= int(answer["headers"]["Retry-After"]) <= 600
