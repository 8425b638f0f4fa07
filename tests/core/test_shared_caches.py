"""Purges sent to the shared caches in front: Varnish, Fastly and Cloudflare.

Each is pointed at a local HTTP server that records the requests it gets
(method, address, headers, body) and answers as told.
"""

import json
import logging
import subprocess
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from manchette.core import shared_caches
from manchette.core.cache import purge, purge_all

pytestmark = pytest.mark.django_db

REPO = Path(__file__).resolve().parents[2]
ZONE = "023e105f4ecef8ad9ca31a8372d0c353"


class Recorder(ThreadingHTTPServer):
    """An HTTP server that keeps every request it gets and answers ``statuses`` in turn."""

    def __init__(self):
        super().__init__(("127.0.0.1", 0), RecordingHandler)
        self.requests = []
        self.statuses = []
        self.arrived = threading.Condition()

    @property
    def origin(self):
        return f"http://127.0.0.1:{self.server_address[1]}"

    def wait_for(self, count, seconds=5.0):
        with self.arrived:
            self.arrived.wait_for(lambda: len(self.requests) >= count, seconds)
        return self.requests


class RecordingHandler(BaseHTTPRequestHandler):
    def record(self):
        body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
        server = self.server
        status = server.statuses.pop(0) if server.statuses else 200
        self.send_response(status)
        self.send_header("Content-Length", "0")
        self.end_headers()
        with server.arrived:
            server.requests.append((self.command, self.path, dict(self.headers), body))
            server.arrived.notify_all()

    do_POST = do_PURGE = record

    def log_message(self, *args):
        pass


@pytest.fixture
def recorder():
    server = Recorder()
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield server
    server.shutdown()
    server.server_close()


@pytest.fixture
def varnish(settings, recorder):
    settings.MANCHETTE_VARNISH_URLS = [recorder.origin + "/"]
    return recorder


@pytest.fixture
def fastly(settings, recorder):
    settings.MANCHETTE_FASTLY_SERVICE_ID = "SU1Z0isxPaozGVKXdv0eY"
    settings.MANCHETTE_FASTLY_API_TOKEN = "fastly-token"  # noqa: S105
    settings.MANCHETTE_FASTLY_API_URL = recorder.origin
    return recorder


@pytest.fixture
def cloudflare(settings, recorder):
    settings.MANCHETTE_CLOUDFLARE_ZONE_ID = ZONE
    settings.MANCHETTE_CLOUDFLARE_API_TOKEN = "cloudflare-token"  # noqa: S105
    settings.MANCHETTE_CLOUDFLARE_API_URL = recorder.origin + "/client/v4"
    return recorder


@pytest.fixture(autouse=True)
def quick_retries(monkeypatch):
    monkeypatch.setattr(shared_caches, "RETRY_DELAYS", (0.01, 0.01))


def test_varnish_gets_the_keys_in_an_xkey_purge(varnish, purged):
    purged("article-7", "front")
    [(method, path, headers, body)] = varnish.wait_for(1)
    assert (method, path, headers["xkey-purge"], body) == ("PURGE", "/", "article-7 front", b"")


def test_every_varnish_is_purged(settings, recorder, purged):
    other = Recorder()
    threading.Thread(target=other.serve_forever, daemon=True).start()
    try:
        settings.MANCHETTE_VARNISH_URLS = [recorder.origin, other.origin]
        purged("front")
        assert len(recorder.wait_for(1)) == len(other.wait_for(1)) == 1
    finally:
        other.shutdown()
        other.server_close()


def test_purging_everything_reaches_varnish(varnish, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        purge_all()
    assert varnish.wait_for(1)[0][2]["xkey-purge"] == "*"


def test_fastly_is_purged_by_surrogate_key(fastly, purged):
    purged("tag-syrie", "article-7")
    [(method, path, headers, body)] = fastly.wait_for(1)
    assert (method, path) == ("POST", "/service/SU1Z0isxPaozGVKXdv0eY/purge")
    assert headers["Surrogate-Key"] == "article-7 tag-syrie"
    assert headers["Fastly-Key"] == "fastly-token"


def test_fastly_purges_everything_with_purge_all(fastly, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        purge_all()
    assert fastly.wait_for(1)[0][:2] == ("POST", "/service/SU1Z0isxPaozGVKXdv0eY/purge_all")


def test_fastly_takes_256_keys_a_request(fastly, purged):
    purged(*(f"article-{number}" for number in range(300)))
    sent = fastly.wait_for(2)
    assert [len(headers["Surrogate-Key"].split()) for _, _, headers, _ in sent] == [256, 44]


def test_cloudflare_is_purged_by_cache_tag(cloudflare, purged):
    purged("tag-syrie", "article-7")
    [(method, path, headers, body)] = cloudflare.wait_for(1)
    assert (method, path) == ("POST", f"/client/v4/zones/{ZONE}/purge_cache")
    assert headers["Authorization"] == "Bearer cloudflare-token"
    assert headers["Content-Type"] == "application/json"
    assert json.loads(body) == {"tags": ["article-7", "tag-syrie"]}


def test_cloudflare_takes_30_tags_a_request(cloudflare, purged):
    purged(*(f"article-{number}" for number in range(31)))
    sent = cloudflare.wait_for(2)
    assert [len(json.loads(body)["tags"]) for *_, body in sent] == [30, 1]


def test_cloudflare_purges_everything(cloudflare, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        purge_all()
    assert json.loads(cloudflare.wait_for(1)[0][3]) == {"purge_everything": True}


def test_nothing_leaves_before_the_commit(varnish, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        purge("front")
    time.sleep(0.2)
    assert varnish.requests == []
    assert len(callbacks) == 1


def test_a_cache_that_fails_is_tried_again(varnish, purged):
    varnish.statuses = [503, 503]
    purged("front")
    assert len(varnish.wait_for(3)) == 3


def test_a_cache_that_keeps_failing_is_logged(varnish, purged, caplog):
    varnish.statuses = [500, 500, 500]
    with caplog.at_level(logging.ERROR, logger="manchette.cache"):
        purged("front")
        varnish.wait_for(3)
        deadline = time.monotonic() + 5
        while "failed: answered 500" not in caplog.text and time.monotonic() < deadline:
            time.sleep(0.01)
    assert f"Purge by PURGE {varnish.origin}/ failed: answered 500." in caplog.text


def test_an_unreachable_cache_is_logged(settings, purged, caplog):
    settings.MANCHETTE_VARNISH_URLS = ["http://127.0.0.1:1/"]
    with caplog.at_level(logging.ERROR, logger="manchette.cache"):
        purged("front")
        deadline = time.monotonic() + 5
        while "Purge by PURGE" not in caplog.text and time.monotonic() < deadline:
            time.sleep(0.01)
    assert "Purge by PURGE http://127.0.0.1:1/ failed" in caplog.text


def test_a_process_that_exits_sends_its_purges_first(recorder):
    code = (
        "import django; django.setup();"
        "from django.conf import settings;"
        f"settings.MANCHETTE_VARNISH_URLS = [{recorder.origin!r}];"
        "from manchette.core import shared_caches;"
        "shared_caches.send(['front'], again=True)"
    )
    done = subprocess.run(
        [sys.executable, "-c", code],
        cwd=REPO,
        env={"DJANGO_SETTINGS_MODULE": "manchette.settings.test", "PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert [request[2]["xkey-purge"] for request in recorder.requests] == ["front", "front"]


def test_through_redis_shared_caches_are_purged_again(settings, varnish, purged):
    # A node may hear the purge from Redis after Varnish asked it for the page again.
    settings.MANCHETTE_PURGE_REDIS_URL = "redis://127.0.0.1:6379/0"
    purged("front")
    assert len(varnish.wait_for(1)) == 1
    time.sleep(shared_caches.AGAIN_SECONDS / 2)
    assert len(varnish.requests) == 1
    assert [request[2]["xkey-purge"] for request in varnish.wait_for(2)] == ["front", "front"]


def test_with_the_purge_log_once_is_enough(varnish, purged):
    purged("front")
    varnish.wait_for(1)
    time.sleep(shared_caches.AGAIN_SECONDS * 2)
    assert len(varnish.requests) == 1


def test_nothing_is_sent_without_a_shared_cache(recorder, purged, monkeypatch):
    monkeypatch.setattr(shared_caches.sender, "send", lambda keys: pytest.fail("sent"))
    purged("front")
