"""Abuse defences that need no third-party service.

Run on a comment that passed the form, before it is saved:

- ``banned()``: an e-mail address or network a moderator banned is refused;
- ``check_rates()``: too many comments from one network (/24 IPv4, /64 IPv6)
  or on one article in a window is refused with a 429. The counters live in
  the ``MANCHETTE_COMMENTS_CACHE`` cache, which every server process shares
  (diskcache on disk by default, Redis when ``REDIS_URL`` is set). Counting is
  fixed windows: a burst across two windows can pass twice the limit, which
  is enough against floods and costs one increment a window;
- ``earlier_copy()``: the same text from the same network or name on the
  same article is the earlier comment again (a double click, a resent form),
  so it is answered with the earlier one and nothing is stored;
- ``reasons_to_hold()``: two links or more, or a banned word, hold the
  comment for a moderator rather than refusing it, so that a false positive
  costs a delay, not the reader's text.

``refuse_flood()`` runs first of all: a network or article already refused
in this window is refused again without further work.
"""

import ipaddress
import math
import re
import time
from functools import cache

from django.core.cache import caches
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from manchette.core.conf import setting

from .models import Ban, Comment, text_digest
from .rendering import count_links

# Attempts in a window past which a network is flooding, in multiples of its limit.
FLOOD_FACTOR = 2


class Refused(Exception):
    """A comment that will not be taken, with the status and message to answer."""

    def __init__(self, message, status=400):
        super().__init__(message)
        self.message = message
        self.status = status


class TooMany(Refused):
    """Past a rate limit: the reader may send again in ``wait`` seconds."""

    def __init__(self, wait):
        super().__init__(
            ngettext(
                "Too many comments in a short time. Please wait a second and send again.",
                "Too many comments in a short time. Please wait %(seconds)d seconds "
                "and send again.",
                wait,
            )
            % {"seconds": wait},
            status=429,
        )
        self.wait = wait


def banned(email, network):
    # Every network ban, and the e-mail ban that matches (case aside), in one reading.
    bans = Ban.objects.filter(
        Q(kind=Ban.Kind.NETWORK) | Q(kind=Ban.Kind.EMAIL, value__iexact=email)
    ).values_list("kind", "value")
    return any(
        _within(network, value) if kind == Ban.Kind.NETWORK else bool(email) for kind, value in bans
    )


def _within(network, banned_network):
    try:
        return ipaddress.ip_network(network).subnet_of(
            ipaddress.ip_network(banned_network, strict=False)
        )
    except (TypeError, ValueError):  # no network, or IPv4 against IPv6
        return False


def _network_limits(network, now, counted="net"):
    """(counter key, comments allowed, window seconds) of each limit on one network.

    ``counted``: "net" for the comments the guard counts, "gate" for the posts the
    flood gate saw arrive.
    """
    return [
        (f"rate:{counted}:{network}:{seconds}:{int(now // seconds)}", count, seconds)
        for count, seconds in setting("MANCHETTE_COMMENTS_NETWORK_RATES")
    ]


def _limits(network, article_id, now):
    """The network's limits and the article's: each comment counts against all of them."""
    return _network_limits(network, now) + [
        (f"rate:article:{article_id}:{seconds}:{int(now // seconds)}", count, seconds)
        for count, seconds in setting("MANCHETTE_COMMENTS_ARTICLE_RATES")
    ]


def _too_many(seconds, now):
    return TooMany(int(seconds - now % seconds) + 1)


def _count(counters, key, seconds):
    """One more on a window's counter; what it now says."""
    counters.add(key, 0, timeout=seconds + 1)
    try:
        return counters.incr(key)
    except ValueError:  # expired between add and incr: a new window
        counters.set(key, 1, timeout=seconds + 1)
        return 1


def _past(limits, sent, factor=1):
    """The first limit whose counter in ``sent`` is past ``factor`` times what it allows."""
    return next((limit for limit in limits if sent.get(limit[0], 0) > factor * limit[1]), None)


def _counters():
    return caches[setting("MANCHETTE_COMMENTS_CACHE")]


def refuse_flood(network, article_id, now=None):
    """Refuse at once what a limit already refused in this window, before any other work.

    A flood's posts then cost one cache read each rather than the checks and
    the form page, so that readers' pages do not wait behind them. Only a
    counter already past its limit refuses here: a reader at the limit who
    sends the same comment again still gets it back (``earlier_copy``).
    """
    now = time.time() if now is None else now
    limits = _limits(network, article_id, now)
    past = _past(limits, _counters().get_many([key for key, _, _ in limits]))
    if past is not None:
        raise _too_many(past[2], now)


def flood_refusal(network, now=None):
    """The refusal for a network that tried FLOOD_FACTOR times a limit in its window, else None.

    No reader resending a comment does that: ``comments.floodgate`` refuses
    such a network's posts before Django. The gate counts each post as it
    arrives, until the network floods (every post to the comment routes
    passes it, so its count is never behind the guard's): posts sent at the
    same instant would otherwise all pass before Django had counted the
    first of them. No more than FLOOD_FACTOR times a limit reach Django in
    a window, and a flood's posts cost one cache read each.

    A network found flooding is then held at the gate for
    ``MANCHETTE_COMMENTS_FLOOD_HOLD`` seconds, across the windows' ends: a
    flood that goes on would otherwise have FLOOD_FACTOR times the limit
    through Django, and half of them stored, at the start of every window.
    """
    now = time.time() if now is None else now
    counters = _counters()
    held = f"rate:flooding:{network}"
    arrivals = _network_limits(network, now, "gate")
    sent = counters.get_many([held] + [key for key, _, _ in arrivals])
    if sent.get(held, 0) > now:
        return TooMany(math.ceil(sent[held] - now))
    past = _past(arrivals, sent, FLOOD_FACTOR)
    if past is None:
        counted = {key: _count(counters, key, seconds) for key, _, seconds in arrivals}
        past = _past(arrivals, counted, FLOOD_FACTOR)
        if past is None:
            return None
    hold = setting("MANCHETTE_COMMENTS_FLOOD_HOLD")
    if hold <= 0:
        return _too_many(past[2], now)
    counters.set(held, now + hold, timeout=hold)
    return TooMany(hold)


def check_rates(network, article_id, now=None):
    """Count this comment against each limit; refuse it if one is exceeded."""
    now = time.time() if now is None else now
    counters = _counters()
    for key, count, seconds in _limits(network, article_id, now):
        if _count(counters, key, seconds) > count:
            raise _too_many(seconds, now)


def earlier_copy(article_id, network, name, text):
    """The comment this one repeats, if any: the earliest not deleted, from this network or name."""
    return (
        Comment.objects.filter(article_id=article_id, text_digest=text_digest(text))
        .filter(Q(ip_network=network) | Q(name=name))
        .exclude(status=Comment.Status.DELETED)
        .order_by("created", "pk")
        .first()
    )


@cache
def _banned_words(words):
    if not words:
        return None
    return re.compile(
        r"(?<!\w)(?:" + "|".join(re.escape(word) for word in words) + r")(?!\w)", re.IGNORECASE
    )


def reasons_to_hold(text):
    """Why a moderator should see this comment before readers do (empty: no reason)."""
    reasons = []
    if count_links(text) >= setting("MANCHETTE_COMMENTS_LINKS_TO_HOLD"):
        reasons.append(_("Several links."))
    pattern = _banned_words(tuple(setting("MANCHETTE_COMMENTS_BANNED_WORDS")))
    if pattern is not None and pattern.search(text):
        reasons.append(_("A banned word."))
    return reasons
