"""Readers' push subscriptions and the alerts sent to them.

A subscription is what the browser's Push API hands over
(``PushSubscription.toJSON()``: an endpoint at the browser's push service
and the keys that encrypt what is sent there), with the topics the reader
follows, the interface language alerts are written in and optional quiet
hours. The endpoint is a secret address, known only to that browser: it
is how a reader finds and cancels their own subscription.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class VapidKey(models.Model):
    """The key that signs alerts (RFC 8292), made once for every node."""

    private_pem = models.TextField()
    created = models.DateTimeField(auto_now_add=True)

    def __str__(self):
        return f"VAPID key of {self.created:%Y-%m-%d}"


class Subscription(models.Model):
    endpoint = models.TextField(_("push endpoint"), unique=True)
    p256dh = models.CharField(max_length=100)
    auth = models.CharField(max_length=40)
    language = models.CharField(_("language"), max_length=10)
    quiet_from = models.TimeField(_("quiet from"), null=True, blank=True)
    quiet_until = models.TimeField(_("quiet until"), null=True, blank=True)
    created = models.DateTimeField(auto_now_add=True)
    updated = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("push subscription")

    def __str__(self):
        return self.endpoint[:60]

    def as_webpush(self):
        """The subscription as pywebpush and the browser write it."""
        return {"endpoint": self.endpoint, "keys": {"p256dh": self.p256dh, "auth": self.auth}}


class FollowedTopic(models.Model):
    """One topic a subscription follows: ``breaking`` or ``page-<id>``."""

    subscription = models.ForeignKey(Subscription, on_delete=models.CASCADE, related_name="topics")
    topic = models.CharField(max_length=40)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["topic", "subscription"], name="push_topic_once")
        ]

    def __str__(self):
        return self.topic


class Alert(models.Model):
    """One alert, written by an editor or made from a story, sent once by the task worker."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("Queued")
        SENDING = "sending", _("Sending")
        SENT = "sent", _("Sent")

    class Urgency(models.TextChoices):
        # The Urgency header of RFC 8030: a phone on battery may hold back the lower ones.
        NORMAL = "normal", _("Normal")
        HIGH = "high", _("High")

    # Empty for alerts made from a story: each reader then reads the name of
    # what they follow ("Breaking news", a section, a live page) in their language.
    title = models.CharField(_("title"), max_length=80, blank=True)
    text = models.CharField(_("text"), max_length=200)
    url = models.CharField(_("address"), max_length=500)
    topics = models.JSONField(_("topics"), default=list)
    replaces = models.CharField(
        _("replaces"),
        max_length=32,
        help_text=_("Alerts with the same key replace each other on a phone not yet reached."),
    )
    urgency = models.CharField(max_length=10, choices=Urgency.choices, default=Urgency.NORMAL)
    page = models.ForeignKey(
        "wagtailcore.Page", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL
    )
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.QUEUED)
    created = models.DateTimeField(auto_now_add=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    delivered = models.PositiveIntegerField(default=0)
    removed = models.PositiveIntegerField(
        default=0, help_text=_("Subscriptions the push service no longer knows, removed.")
    )
    failed = models.PositiveIntegerField(default=0)
    quiet = models.PositiveIntegerField(default=0, help_text=_("Readers in their quiet hours."))

    class Meta:
        verbose_name = _("push alert")
        ordering = ["-created"]

    def __str__(self):
        return self.title
