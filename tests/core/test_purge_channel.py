"""Purges through Redis: every page cache (one per server process, on any node) hears them.

Each ``PageCache`` below stands for a server process: it has a listening
thread of its own, subscribed to the real Redis at 127.0.0.1:6379.
"""

import logging
import os
import time
import uuid

import pytest
import redis

from manchette.core import purge_channel
from manchette.core.cache import purge_log_path
from manchette.core.pagecache import PageCache
from tests import factory
from tests.core.wsgi import get

pytestmark = pytest.mark.django_db

REDIS_URL = "redis://127.0.0.1:6379/0"
NOWHERE_URL = "redis://127.0.0.1:1/0"


def redis_running():
    try:
        return redis.Redis.from_url(REDIS_URL, socket_connect_timeout=1).ping()
    except redis.ConnectionError:
        return False


@pytest.fixture(autouse=True)
def own_channel(monkeypatch):
    """A channel of this test's own: other tests on this Redis cannot purge our pages."""
    monkeypatch.setattr(purge_channel, "CHANNEL", f"manchette:test:{uuid.uuid4().hex}")


@pytest.fixture
def on_redis(settings):
    if not redis_running():
        pytest.fail("These tests need Redis at 127.0.0.1:6379 (apt-get install redis-server).")
    settings.MANCHETTE_PURGE_REDIS_URL = REDIS_URL


def listening(app):
    deadline = time.monotonic() + 5
    while not app.listener.ready():
        assert time.monotonic() < deadline, "the page cache did not subscribe within 5 s"
        time.sleep(0.02)
    return app


def eventually(check, seconds=1.0):
    """Whether check() comes true within the time a purge is given to reach every process."""
    deadline = time.monotonic() + seconds
    while not check():
        if time.monotonic() > deadline:
            return False
        time.sleep(0.01)
    return True


@pytest.fixture
def article():
    return factory.article(tags=["Syrie"])


def test_a_purge_reaches_every_process_within_a_second(on_redis, django_app, purged, article):
    other = factory.article(headline="Autre", in_section=factory.section("Sport"))
    processes = [listening(PageCache(django_app)) for _ in range(2)]
    for app in processes:
        get(app, article.url)
        get(app, other.url)
    purged(f"article-{article.pk}")
    for app in processes:
        assert eventually(lambda app=app: not app.by_key.get(f"article-{article.pk}"))
        assert get(app, article.url).cache == "miss"
        assert get(app, other.url).cache == "hit"


def test_with_redis_the_purge_log_is_not_written(on_redis, purged):
    purged("front")
    assert not purge_log_path().exists()


def test_the_cache_steps_aside_until_it_is_subscribed(settings, django_app, article):
    settings.MANCHETTE_PURGE_REDIS_URL = NOWHERE_URL
    app = PageCache(django_app)
    first, second = get(app, article.url), get(app, article.url)
    assert (first.status, second.status) == (200, 200)
    assert (first.cache, second.cache) == (None, None)
    assert django_app.calls == 2
    assert not app.entries


def test_a_lost_connection_drops_every_page(on_redis, django_app, article):
    app = listening(PageCache(django_app))
    get(app, article.url)
    assert app.entries
    client = redis.Redis.from_url(REDIS_URL)
    ours = f"manchette-purges-{os.getpid()}"
    for connection in client.client_list():
        if connection["name"] == ours:
            client.client_kill_filter(_id=connection["id"])
    # Back on Redis, it cannot know what was purged meanwhile.
    assert eventually(lambda: not app.entries, seconds=5)
    listening(app)
    assert get(app, article.url).cache == "miss"


def test_a_purge_redis_refuses_does_not_fail_the_request(settings, purged, caplog):
    settings.MANCHETTE_PURGE_REDIS_URL = NOWHERE_URL
    with caplog.at_level(logging.ERROR, logger="manchette.cache"):
        purged("front")
    assert "Purge of front not published on Redis." in caplog.text


@pytest.mark.filterwarnings("ignore:This process .* is multi-threaded:DeprecationWarning")
def test_a_forked_worker_listens_for_itself(on_redis, django_app):
    app = listening(PageCache(django_app))
    child = os.fork()
    if child == 0:  # as granian's worker: the parent's thread did not come along
        try:
            heard_nothing_yet = not app.listener.subscribed
            listening(app)
            os._exit(0 if heard_nothing_yet else 1)
        except BaseException:
            os._exit(2)
    _, status = os.waitpid(child, 0)
    assert os.waitstatus_to_exitcode(status) == 0


def test_sites_on_other_redis_databases_do_not_purge_our_pages(on_redis, django_app, article):
    app = listening(PageCache(django_app))
    get(app, article.url)
    get(app, "/")
    assert app.by_key.get("home")
    purge_channel.publish("redis://127.0.0.1:6379/1", [f"article-{article.pk}"])
    purge_channel.publish(REDIS_URL, ["home"])  # ours, after theirs: once heard, theirs was too
    assert eventually(lambda: not app.by_key.get("home"))
    assert get(app, article.url).cache == "hit"
