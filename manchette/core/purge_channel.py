"""Purges through Redis, so that every server process on every node hears them.

With ``MANCHETTE_PURGE_REDIS_URL`` set (``REDIS_URL`` in production),
``manchette.core.cache.purge`` publishes the purged keys on one Redis
channel instead of writing the host's purge log, and each server process
follows that channel from a thread of its own (``PurgeListener``).

The thread starts with the first request a process serves, not when the
application is imported: granian imports it once and then forks its
workers, and a thread does not survive a fork.

A process that is not subscribed cannot know what was purged, so until it
is (at start, and whenever Redis is gone or silent), its page cache steps
aside and every reader's request goes to Django. Each subscription, the
first one and every one after a lost connection, drops every page the
process held: purges may have been published while it was not listening.
"""

import logging
import os
import threading
import time
from functools import cache

import redis

# Channels are shared by every database of a Redis server: the database's
# number is part of the name, so that sites on one server do not purge
# each other's pages.
CHANNEL = "manchette:purges"
# The listener pings Redis this often and calls a connection dead when
# nothing at all came back for SILENT_SECONDS: a silent network must not
# leave a process serving pages that a lost purge should have dropped.
PING_SECONDS = 1.0
SILENT_SECONDS = 5.0
RETRY_SECONDS = 0.5

logger = logging.getLogger("manchette.cache")


def channel_of(url):
    return f"{CHANNEL}:{_client(url).get_connection_kwargs().get('db', 0)}"


def publish(url, keys):
    """Tell every listening process that pages with these keys are stale."""
    _client(url).publish(channel_of(url), " ".join(keys))


@cache
def _client(url):
    # Its connection pool is thread-safe and opens new connections after a fork.
    return redis.Redis.from_url(url, socket_timeout=2, socket_connect_timeout=2)


class PurgeListener:
    """A thread that applies the purges published on Redis to one page cache.

    ``drop(keys)`` and ``drop_all()`` are the page cache's; both are called
    from the listening thread.
    """

    def __init__(self, url, drop, drop_all):
        self.url = url
        self.drop = drop
        self.drop_all = drop_all
        self.lock = threading.Lock()
        self.started = False
        self.subscribed = False
        # A forked worker has no listening thread, whatever its parent had;
        # told so here, a hit does not ask the system for its process id.
        os.register_at_fork(after_in_child=self._forked)

    def ready(self):
        """Whether this process hears purges now; starts its listening thread if need be."""
        if not self.started:
            self._start()
        return self.subscribed

    def _forked(self):
        self.lock = threading.Lock()
        self.started = self.subscribed = False

    def _start(self):
        with self.lock:
            if self.started:
                return
            threading.Thread(target=self._listen, name="manchette purges", daemon=True).start()
            self.started = True

    def _listen(self):
        while True:
            try:
                self._follow()
            except (redis.RedisError, OSError) as error:
                if self.subscribed:
                    logger.warning("Purges from Redis stopped (%s); reconnecting.", error)
            finally:
                self.subscribed = False
            time.sleep(RETRY_SECONDS)

    def _follow(self):
        client = redis.Redis.from_url(
            self.url,
            socket_connect_timeout=2,
            socket_timeout=2,
            # Named, so that CLIENT LIST shows which process listens.
            client_name=f"manchette-purges-{os.getpid()}",
        )
        channel = client.pubsub()
        try:
            channel.subscribe(channel_of(self.url))
            heard = next_ping = time.monotonic()
            while True:
                now = time.monotonic()
                if now - heard > SILENT_SECONDS:
                    raise redis.ConnectionError(f"no answer from Redis for {SILENT_SECONDS} s")
                if now >= next_ping:
                    channel.ping()
                    next_ping = now + PING_SECONDS
                message = channel.get_message(timeout=PING_SECONDS)
                if message is None:
                    continue
                heard = time.monotonic()
                if message["type"] == "subscribe":
                    # Also after redis-py reconnected by itself: purges may have been missed.
                    self.drop_all()
                    self.subscribed = True
                elif message["type"] == "message":
                    self.drop(message["data"].decode(errors="replace").split())
        finally:
            channel.close()
            client.close()
