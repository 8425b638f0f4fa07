"""Sending an alert to every browser that follows one of its topics.

``queue_alert`` stores the alert and queues ``send_alert`` once the
transaction commits, so that the task worker sends it, never the request.
The task claims the alert (queued → sending) so that it goes out once
however many workers run, then posts one encrypted message (RFC 8291,
through pywebpush) per subscription, a few at a time:

- ``TTL``: how long the push service keeps it for an offline phone;
- ``Urgency``: ``high`` for breaking news, so a phone on battery still shows it;
- ``Topic``: the alert's ``replaces`` key, so that a newer alert on the same
  story or live page replaces an older one the phone has not yet received.

Each push service's address is checked once per alert and the connections
go to that very address (``transport``), not to whatever the name resolves
to a moment later. A reader in their quiet hours is skipped. An endpoint
that the push service answers 404 or 410 for is gone for good: its
subscription is removed. Everything else that fails is counted and logged,
and does not stop the others.
"""

import json
import logging
import threading
from concurrent.futures import ThreadPoolExecutor
from functools import partial
from urllib.parse import urljoin

import requests
from django.conf import settings
from django.db import transaction
from django.tasks import task
from django.utils import timezone, translation
from pywebpush import WebPushException, webpush

from manchette.core.conf import setting

from . import topics as topic_names
from .keys import signing_key
from .models import Alert, Subscription
from .subscriptions import BadSubscription, endpoint_address
from .transport import origin, pinned_session

log = logging.getLogger("manchette.push")

GONE = (404, 410)


def queue_alert(**fields):
    """Store an alert and have the task worker send it once the transaction commits."""
    alert = Alert.objects.create(**fields)
    transaction.on_commit(partial(send_alert.enqueue, alert.pk))
    return alert


def in_quiet_hours(subscription, now):
    start, end = subscription.quiet_from, subscription.quiet_until
    if start is None or end is None or start == end:
        return False
    clock = timezone.localtime(now).time()
    # Hours that span midnight (22:00 to 07:00) are the night, not the day.
    return start <= clock < end if start < end else clock >= start or clock < end


def message(alert, subscription, pages):
    """The alert's text as the reader's browser will show it, in the reader's language."""
    followed = {followed.topic for followed in subscription.topics.all()}
    topic = next((topic for topic in alert.topics if topic in followed), alert.topics[0])
    with translation.override(subscription.language):
        title = alert.title or topic_names.label(topic, pages)
    return json.dumps(
        {
            "title": title,
            "body": alert.text,
            "url": urljoin(settings.WAGTAILADMIN_BASE_URL, alert.url),
            "tag": alert.replaces,
        },
        ensure_ascii=False,
    )


@task
def send_alert(alert_id):
    claimed = Alert.objects.filter(pk=alert_id, status=Alert.Status.QUEUED).update(
        status=Alert.Status.SENDING
    )
    if not claimed:
        return
    alert = Alert.objects.get(pk=alert_id)
    pages = topic_names.pages_by_topic(alert.topics)
    now = timezone.now()
    followers = (
        Subscription.objects.filter(topics__topic__in=alert.topics)
        .distinct()
        .prefetch_related("topics")
        .order_by("pk")
    )
    to_send = []
    for subscription in followers.iterator(chunk_size=1000):
        if in_quiet_hours(subscription, now):
            alert.quiet += 1
        else:
            to_send.append((subscription, message(alert, subscription, pages)))
    # One look-up per push service, not per reader: its checked address, or why not.
    addresses, problems = {}, {}
    signer = signing_key()  # read here: the sending threads never touch the database
    # One session per sending thread: pushes to one service reuse their connections.
    sessions = threading.local()

    def send(subscription, payload):
        service = origin(subscription.endpoint)
        if service not in problems:
            try:
                addresses[service] = endpoint_address(subscription.endpoint)
                problems[service] = None
            except BadSubscription as refused:
                problems[service] = str(refused)
        if not hasattr(sessions, "session"):
            sessions.session = pinned_session(addresses)
        return deliver(alert, subscription, payload, problems[service], signer, sessions.session)

    with ThreadPoolExecutor(setting("MANCHETTE_PUSH_SEND_THREADS")) as pool:
        outcomes = list(pool.map(lambda sending: send(*sending), to_send))
    sent = zip(to_send, outcomes, strict=True)
    gone = [subscription.pk for (subscription, _), outcome in sent if outcome == "gone"]
    Subscription.objects.filter(pk__in=gone).delete()
    alert.delivered = outcomes.count("delivered")
    alert.removed = len(gone)
    alert.failed = outcomes.count("failed")
    alert.status = Alert.Status.SENT
    alert.sent_at = timezone.now()
    alert.save()


def deliver(alert, subscription, payload, problem, signer, session):
    """Post one message through a session of ``pinned_session``; 'delivered', 'gone' or 'failed'."""
    if problem:
        log.warning("push alert %s: subscription %s: %s", alert.pk, subscription.pk, problem)
        return "failed"
    try:
        webpush(
            subscription.as_webpush(),
            data=payload,
            vapid_private_key=signer,
            vapid_claims={"sub": contact()},
            ttl=setting("MANCHETTE_PUSH_TTL_SECONDS"),
            headers={"Urgency": alert.urgency, "Topic": alert.replaces},
            timeout=10,
            requests_session=session,
        )
    except WebPushException as refused:
        status = getattr(refused.response, "status_code", None)
        if status in GONE:
            return "gone"
        log.warning("push alert %s: subscription %s: %s", alert.pk, subscription.pk, refused)
        return "failed"
    except (requests.RequestException, ValueError) as error:
        log.warning("push alert %s: subscription %s: %s", alert.pk, subscription.pk, error)
        return "failed"
    return "delivered"


def contact():
    return setting("MANCHETTE_PUSH_CONTACT") or f"mailto:{settings.DEFAULT_FROM_EMAIL}"


def replaces_key(page):
    """The Topic header of alerts about a page (RFC 8030: at most 32 URL-safe characters)."""
    return f"page-{page.pk}"
