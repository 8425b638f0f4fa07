"""The shipped Varnish rules after a purge, in front of a node whose answers the test scripts.

A purge is soft: the old copy is still given, at once, while one request
fetches the new one, but never more than 2 s after the purge. A node's
stale copy (``X-Page-Cache: stale``, see ``manchette.core.pagecache``) is
kept a second under its keys rather than sending every reader to the node,
then given for 2 s more, like any copy, while its next version is fetched.
"""

import time

import httpx
import pytest

from tests.nodes import harness

KEY = "article-1"
FRESH_HEADERS = {
    "Content-Type": "text/html; charset=utf-8",
    "Cache-Control": "public, max-age=0, must-revalidate, s-maxage=600",
    "Surrogate-Key": f"{KEY} front",
    "Vary": "Accept-Language",
}


class Node:
    """What the fake node answers next, and the requests it was sent."""

    def __init__(self):
        self.version, self.delay, self.stale = "v1", 0.0, False
        self.fetched = []

    def answer(self, handler):
        self.fetched.append(handler.path)
        time.sleep(self.delay)
        headers = dict(FRESH_HEADERS)
        if self.stale:
            headers.update({"Cache-Control": "no-store", "X-Page-Cache": "stale"})
        body = f"<p>{self.version}</p>".encode()
        handler.send_response(200)
        for name, value in {**headers, "Content-Length": str(len(body))}.items():
            handler.send_header(name, value)
        handler.end_headers()
        handler.wfile.write(body)


@pytest.fixture
def node():
    return Node()


@pytest.fixture
def varnish(node, tmp_path):
    if harness.VARNISHD is None:
        pytest.skip("varnishd is not installed (apt-get install varnish varnish-modules)")
    cache, origin = harness.varnish_in_front_of(node.answer, tmp_path)
    try:
        yield cache
    finally:
        cache.stop()
        origin.shutdown()


def purge(varnish, key=KEY):
    answer = httpx.request("PURGE", varnish.origin + "/", headers={"xkey-purge": key})
    assert answer.status_code == 200


def read(varnish, path="/article/"):
    """(body, X-Cache, seconds the answer took)."""
    started = time.monotonic()
    answer = varnish.get(path)
    return answer.body, answer.headers["X-Cache"], time.monotonic() - started


def kept(varnish, node, path="/article/"):
    assert read(varnish, path)[0] == b"<p>v1</p>"
    assert read(varnish, path)[1] == "hit"
    node.fetched.clear()


def test_after_a_purge_readers_get_the_old_copy_at_once_while_one_fetch_runs(varnish, node):
    kept(varnish, node)
    node.version, node.delay = "v2", 1.0
    purge(varnish)
    answers = [read(varnish) for _ in range(5)]
    assert [body for body, _, _ in answers] == [b"<p>v1</p>"] * 5
    assert max(seconds for _, _, seconds in answers) < 0.5
    deadline = time.monotonic() + 2
    while read(varnish)[0] != b"<p>v2</p>":
        assert time.monotonic() < deadline, "the new copy was not served 2 s after the purge"
        time.sleep(0.05)
    assert node.fetched == ["/article/"]  # one fetch for all those readers


def test_no_reader_gets_a_page_more_than_two_seconds_after_its_purge(varnish, node):
    kept(varnish, node)
    node.version, node.delay = "v2", 3.0
    purge(varnish)
    assert read(varnish)[0] == b"<p>v1</p>"  # the fetch starts, slower than the grace
    time.sleep(2.1)
    body, _, seconds = read(varnish)
    assert body == b"<p>v2</p>" and seconds > 0.5  # waited for the node, not given v1


def test_a_purge_of_other_keys_leaves_the_page_alone(varnish, node):
    kept(varnish, node)
    purge(varnish, "article-2")
    assert read(varnish)[1] == "hit"
    time.sleep(0.2)
    assert node.fetched == []


def test_a_node_s_stale_copy_is_kept_a_second_under_its_keys(varnish, node):
    node.stale, node.version = True, "v1"
    node.fetched.clear()
    first = varnish.get("/article/")
    assert first.headers["Cache-Control"] == "no-store"  # browsers still do not keep it
    assert read(varnish)[1] == "hit"
    assert node.fetched == ["/article/"]
    # Purged: it is fetched again, as any page would be.
    node.stale, node.version = False, "v2"
    purge(varnish)
    read(varnish)
    deadline = time.monotonic() + 1
    while read(varnish)[0] != b"<p>v2</p>":
        assert time.monotonic() < deadline
        time.sleep(0.05)


def test_a_node_s_stale_copy_is_still_given_while_its_next_version_is_rendered(varnish, node):
    node.stale = True
    varnish.get("/article/")
    # The node's next answer is the render, slower than the copy's one second here.
    node.stale, node.version, node.delay = False, "v2", 1.8
    time.sleep(1.1)
    first = read(varnish)  # its second is over: the fetch starts
    time.sleep(1.2)
    second = read(varnish)  # the fetch still runs, past the copy's second and one more
    assert [body for body, _, _ in (first, second)] == [b"<p>v1</p>"] * 2
    assert max(seconds for _, _, seconds in (first, second)) < 0.5
    deadline = time.monotonic() + 2
    while read(varnish)[0] != b"<p>v2</p>":
        assert time.monotonic() < deadline
        time.sleep(0.05)
