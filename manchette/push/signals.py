"""Alerts made from stories, without an editor: a dispatch of urgency 1.

The receivers are connected in ``apps.py``.
"""

from datetime import timedelta
from functools import partial

from django.db import transaction
from django.utils import timezone

from manchette.core.conf import setting

from . import topics
from .models import Alert
from .send import queue_alert, replaces_key


def alert_breaking_article(sender, instance, **kwargs):
    if instance.urgency == 1:
        # Once committed: the wire sets the agency's times in the same transaction.
        transaction.on_commit(partial(_alert_if_fresh, type(instance), instance.pk))


def _alert_if_fresh(model, page_id):
    article = model.objects.live().filter(pk=page_id, urgency=1).first()
    if article is None or Alert.objects.filter(page=article).exists():
        return  # unpublished meanwhile, or its alert went out at an earlier version
    # An old story (an archive import, a late correction) is no news to alert about.
    too_old = timezone.now() - timedelta(seconds=setting("MANCHETTE_PUSH_TTL_SECONDS"))
    if article.first_published_at < too_old:
        return
    queue_alert(
        text=article.title,
        url=article.url,
        topics=[topics.BREAKING, topics.page_topic(article.get_parent())],
        replaces=replaces_key(article),
        urgency=Alert.Urgency.HIGH,
        page=article,
    )
