"""Scheduled publishing and expiry, done once per page however many clocks run.

Wagtail's ``publish_scheduled`` publishes every due revision it lists: two
nodes' clocks listing the same revision both publish it (two revisions go
live, two purges, two audio readings). Here each due revision, and each
expired page, is handled in its own transaction that first locks its row
with ``SKIP LOCKED`` and checks again that it is still due: a clock that
finds the row locked, or already done, goes on to the next. On SQLite (one
machine) writers queue anyway.
"""

from django.apps import apps
from django.db import transaction
from django.utils import timezone
from wagtail.models import DraftStateMixin, Page, Revision


def models_with_expiry():
    return [Page] + [
        model
        for model in apps.get_models()
        if issubclass(model, DraftStateMixin) and not issubclass(model, Page)
    ]


def locked(queryset, pk):
    """The row, locked for this transaction, or None if another clock holds it or it is done."""
    return queryset.select_for_update(skip_locked=True).filter(pk=pk).first()


def unpublish_expired():
    done = 0
    for model in models_with_expiry():
        expired = model.objects.filter(live=True, expire_at__lt=timezone.now())
        for pk in expired.order_by("expire_at").values_list("pk", flat=True):
            with transaction.atomic():
                item = locked(model.objects.filter(live=True, expire_at__lt=timezone.now()), pk)
                if item is None:
                    continue
                if isinstance(item, Page):
                    item = item.specific
                item.unpublish(set_expired=True, log_action="wagtail.unpublish.scheduled")
                done += 1
    return done


def publish_due():
    done = 0
    due = Revision.objects.filter(approved_go_live_at__lt=timezone.now())
    for pk in due.order_by("approved_go_live_at").values_list("pk", flat=True):
        with transaction.atomic():
            revision = locked(Revision.objects.filter(approved_go_live_at__lt=timezone.now()), pk)
            if revision is None:
                continue
            revision.publish(log_action="wagtail.publish.scheduled")
            done += 1
    return done
