"""Checking and storing what a browser posts to subscribe.

The body is the browser's ``PushSubscription.toJSON()`` with the reader's
choices::

    {"subscription": {"endpoint": "https://…", "keys": {"p256dh": "…", "auth": "…"}},
     "topics": ["breaking", "page-12"], "quiet": {"from": "22:00", "until": "07:00"}}

The endpoint is an address our server will send to, so it must be https
on a public address: a subscription cannot make the server post to the
newsroom's own network. The keys must be what RFC 8291 encrypts with (a
P-256 point and a 16-byte secret), or nothing sent could be read.
"""

import base64
import binascii
import ipaddress
import socket
from datetime import time
from urllib.parse import urlsplit

from cryptography.hazmat.primitives.asymmetric import ec
from django.db import transaction
from django.utils.translation import gettext as _

from manchette.core.conf import setting
from manchette.core.fetch import public

from . import topics as topic_names
from .models import FollowedTopic, Subscription

MAX_ENDPOINT = 1000


class BadSubscription(ValueError):
    """What the browser sent cannot be used; the message says why."""


def endpoint_address(endpoint):
    """The IP address to send to for this endpoint, once checked; BadSubscription says why not.

    The sending connects to this very address (``transport``): resolving the
    name again could give another one.
    """
    if not isinstance(endpoint, str) or not endpoint or len(endpoint) > MAX_ENDPOINT:
        raise BadSubscription(_("The push endpoint is missing or too long."))
    try:
        parts = urlsplit(endpoint)
        host, port = parts.hostname, parts.port
    except ValueError:
        raise BadSubscription(_("The push endpoint is not an address.")) from None
    if not host or parts.username or parts.password:
        raise BadSubscription(_("The push endpoint is not an address."))
    addresses = _addresses(host, port)
    if not addresses:
        raise BadSubscription(_("The push endpoint's host cannot be found."))
    loopback = all(ipaddress.ip_address(address).is_loopback for address in addresses)
    if parts.scheme == "http" and loopback and setting("MANCHETTE_PUSH_ALLOW_LOOPBACK"):
        return addresses[0]
    if parts.scheme != "https":
        raise BadSubscription(_("Push endpoints must use https."))
    # The same rule as every other address the server sends to (core.fetch).
    if not all(map(public, addresses)):
        raise BadSubscription(_("The push endpoint is not on a public address."))
    return addresses[0]


def _addresses(host, port):
    try:
        found = socket.getaddrinfo(host, port or 443, proto=socket.IPPROTO_TCP)
    except (OSError, UnicodeError):
        return []
    return [info[4][0].split("%")[0] for info in found]


def _key(value, name, length):
    try:
        raw = base64.urlsafe_b64decode(value + "=" * (-len(value) % 4))
    except (TypeError, ValueError, binascii.Error):
        raw = b""
    if len(raw) != length:
        raise BadSubscription(_("The subscription's %(key)s key is not valid.") % {"key": name})
    return raw


def _quiet_hours(quiet):
    if quiet in (None, {}):
        return None, None
    try:
        start, end = time.fromisoformat(quiet["from"]), time.fromisoformat(quiet["until"])
    except (TypeError, KeyError, ValueError):
        raise BadSubscription(_("Quiet hours are two times, such as 22:00 and 07:00.")) from None
    return start.replace(second=0, microsecond=0), end.replace(second=0, microsecond=0)


def checked(body):
    """The subscription's fields and topics from a posted body; BadSubscription if unusable."""
    if not isinstance(body, dict) or not isinstance(body.get("subscription"), dict):
        raise BadSubscription(_("Send the browser's push subscription as JSON."))
    browser = body["subscription"]
    endpoint = browser.get("endpoint")
    endpoint_address(endpoint)
    keys = browser.get("keys") if isinstance(browser.get("keys"), dict) else {}
    p256dh, auth = keys.get("p256dh"), keys.get("auth")
    if not isinstance(p256dh, str) or not isinstance(auth, str):
        raise BadSubscription(_("The subscription has no encryption keys."))
    try:
        ec.EllipticCurvePublicKey.from_encoded_point(ec.SECP256R1(), _key(p256dh, "p256dh", 65))
    except ValueError:
        raise BadSubscription(
            _("The subscription's %(key)s key is not valid.") % {"key": "p256dh"}
        ) from None
    _key(auth, "auth", 16)
    try:
        topics = topic_names.checked(body.get("topics"))
    except topic_names.UnknownTopic as unknown:
        raise BadSubscription(str(unknown)) from None
    if len(topics) > setting("MANCHETTE_PUSH_TOPICS_PER_SUBSCRIPTION"):
        raise BadSubscription(_("That is more topics than one browser may follow."))
    quiet_from, quiet_until = _quiet_hours(body.get("quiet"))
    fields = {"p256dh": p256dh, "auth": auth, "quiet_from": quiet_from, "quiet_until": quiet_until}
    return endpoint, fields, topics


@transaction.atomic
def save(body, language):
    """Store (or replace) a browser's subscription; with no topics left, remove it."""
    endpoint, fields, topics = checked(body)
    if not topics:
        Subscription.objects.filter(endpoint=endpoint).delete()
        return None
    subscription, _created = Subscription.objects.update_or_create(
        endpoint=endpoint, defaults={**fields, "language": language}
    )
    subscription.topics.exclude(topic__in=topics).delete()
    FollowedTopic.objects.bulk_create(
        [FollowedTopic(subscription=subscription, topic=topic) for topic in sorted(topics)],
        ignore_conflicts=True,
    )
    return subscription


def followed(endpoint):
    """What the browser with this endpoint follows, as it would post it back."""
    subscription = Subscription.objects.filter(endpoint=endpoint).first() if endpoint else None
    if subscription is None:
        return {"topics": [], "quiet": None}
    quiet = None
    if subscription.quiet_from is not None:
        quiet = {
            "from": subscription.quiet_from.strftime("%H:%M"),
            "until": subscription.quiet_until.strftime("%H:%M"),
        }
    return {"topics": sorted(subscription.topics.values_list("topic", flat=True)), "quiet": quiet}


def cancel(endpoint):
    return Subscription.objects.filter(endpoint=endpoint).delete()[0] > 0
