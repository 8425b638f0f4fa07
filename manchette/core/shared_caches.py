"""Purges for the shared caches in front of the servers: Varnish, Fastly, Cloudflare.

Pages name what they show in ``Surrogate-Key`` (see ``manchette.core.cache``);
each shared cache is told which keys to drop in its own words:

- **Varnish** with the shipped ``deploy/varnish/manchette.vcl``: a ``PURGE``
  request carrying the keys in an ``xkey-purge`` header, to every address
  in ``MANCHETTE_VARNISH_URLS``;
- **Fastly**: its purge-by-surrogate-key API (``Surrogate-Key`` header),
  which reads the same ``Surrogate-Key`` response header;
- **Cloudflare**: its purge-by-cache-tag API; pages then also carry a
  ``Cache-Tag`` header, Cloudflare's name for the same keys.

The purges leave from a thread of the process that committed the change,
never from the reader's or editor's request, and are merged while the
previous ones are on their way. A process that exits (a command, the
clock) first sends what it has queued. A cache that does not answer is
tried again twice, then the failure is logged: ``MANCHETTE_CACHE_MAX_AGE``
bounds how long that cache keeps the page.
"""

import atexit
import logging
import os
import queue
import threading
import time
from dataclasses import dataclass

import httpx

from .conf import setting

PURGE_ALL = "*"
TIMEOUT_SECONDS = 5
RETRY_DELAYS = (0.2, 1.0)
# The longest a process waits, when it exits, for its purges to leave.
EXIT_WAIT_SECONDS = 10
# With purges going through Redis, a shared cache purged at once may ask a
# node for the page before that node's listener has heard the same purge,
# and keep the old page it is given: such keys are purged a second time,
# once the nodes have surely heard them.
AGAIN_SECONDS = 0.5

logger = logging.getLogger("manchette.cache")


@dataclass(frozen=True)
class Purge:
    """One HTTP request that drops pages from a shared cache."""

    method: str
    url: str
    headers: dict
    json: dict | None = None


def chunks(keys, size):
    return [keys[start : start + size] for start in range(0, len(keys), size)]


def varnish_purges(keys):
    # The VCL bans every page for "*"; a few hundred keys keep the header
    # far below Varnish's 8 KB limit.
    return [
        Purge("PURGE", url, {"xkey-purge": " ".join(chunk)})
        for url in setting("MANCHETTE_VARNISH_URLS")
        for chunk in chunks(keys, 200)
    ]


def fastly_purges(keys):
    service = setting("MANCHETTE_FASTLY_SERVICE_ID")
    if not service:
        return []
    base = f"{setting('MANCHETTE_FASTLY_API_URL').rstrip('/')}/service/{service}"
    headers = {"Fastly-Key": setting("MANCHETTE_FASTLY_API_TOKEN"), "Accept": "application/json"}
    if PURGE_ALL in keys:
        return [Purge("POST", f"{base}/purge_all", headers)]
    # Fastly takes up to 256 keys in one request.
    return [
        Purge("POST", f"{base}/purge", {**headers, "Surrogate-Key": " ".join(chunk)})
        for chunk in chunks(keys, 256)
    ]


def cloudflare_purges(keys):
    zone = setting("MANCHETTE_CLOUDFLARE_ZONE_ID")
    if not zone:
        return []
    url = f"{setting('MANCHETTE_CLOUDFLARE_API_URL').rstrip('/')}/zones/{zone}/purge_cache"
    headers = {"Authorization": f"Bearer {setting('MANCHETTE_CLOUDFLARE_API_TOKEN')}"}
    if PURGE_ALL in keys:
        return [Purge("POST", url, headers, {"purge_everything": True})]
    # Cloudflare takes up to 30 tags in one request on every plan.
    return [Purge("POST", url, headers, {"tags": chunk}) for chunk in chunks(keys, 30)]


def purges_for(keys):
    keys = sorted(keys)
    return varnish_purges(keys) + fastly_purges(keys) + cloudflare_purges(keys)


def cache_tags(keys):
    """The ``Cache-Tag`` header Cloudflare purges by, when Cloudflare is in front."""
    if not setting("MANCHETTE_CLOUDFLARE_ZONE_ID"):
        return None
    return ",".join(sorted(keys))


def any_configured():
    return bool(
        setting("MANCHETTE_VARNISH_URLS")
        or setting("MANCHETTE_FASTLY_SERVICE_ID")
        or setting("MANCHETTE_CLOUDFLARE_ZONE_ID")
    )


class Sender:
    """The thread of this process that sends purges to the shared caches."""

    def __init__(self):
        self.queue = queue.SimpleQueue()
        self.lock = threading.Lock()
        self.pid = None
        self.thread = None

    def send(self, keys, again=False):
        if self.pid != os.getpid():
            self._start()
        self.queue.put((list(keys), again))

    def _start(self):
        with self.lock:
            if self.pid == os.getpid():
                return
            self.queue = queue.SimpleQueue()
            self.thread = threading.Thread(target=self._run, name="manchette shared purges")
            self.thread.daemon = True
            self.thread.start()
            self.pid = os.getpid()
        atexit.register(self.finish)

    def finish(self):
        """Send what is queued, then stop: called when the process exits."""
        if self.pid == os.getpid() and self.thread.is_alive():
            self.queue.put(None)
            self.thread.join(EXIT_WAIT_SECONDS)

    def _run(self):
        again = []  # (when, keys) to purge a second time, soonest first
        with httpx.Client(timeout=TIMEOUT_SECONDS) as client:
            while True:
                wait = max(0.0, again[0][0] - time.monotonic()) if again else None
                keys, repeat, last = self._next_batch(wait)
                if last and again:  # exiting: the second purges cannot wait for their time
                    time.sleep(max(0.0, again[-1][0] - time.monotonic()))
                now = time.monotonic()
                while again and (last or again[0][0] <= now):
                    keys.update(again.pop(0)[1])
                if repeat:
                    again.append((now + AGAIN_SECONDS, repeat))
                if keys:
                    for purge in purges_for(keys):
                        self._send(client, purge)
                if last and not again:
                    return

    def _next_batch(self, wait):
        """What is queued within ``wait`` seconds, merged: (keys, keys to send again, exiting)."""
        keys, repeat, last = set(), set(), False
        try:
            item = self.queue.get(timeout=wait)
        except queue.Empty:
            return keys, repeat, last
        while True:
            if item is None:
                last = True
            else:
                keys.update(item[0])
                if item[1]:
                    repeat.update(item[0])
            try:
                item = self.queue.get_nowait()
            except queue.Empty:
                return keys, repeat, last

    def _send(self, client, purge):
        for delay in (*RETRY_DELAYS, None):
            try:
                answer = client.request(
                    purge.method, purge.url, headers=purge.headers, json=purge.json
                )
                if answer.is_success:
                    return
                problem = f"answered {answer.status_code}"
            except httpx.HTTPError as error:
                problem = str(error) or type(error).__name__
            if delay is None:
                logger.error("Purge by %s %s failed: %s.", purge.method, purge.url, problem)
                return
            time.sleep(delay)


sender = Sender()


def send(keys, again=False):
    """Drop the pages with these keys from every shared cache configured, off this thread.

    ``again``: and a second time, AGAIN_SECONDS later (see there why).
    """
    if any_configured():
        sender.send(keys, again)
