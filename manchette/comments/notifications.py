"""E-mail about comments: to moderators, and to commenters who asked for it.

Moderators (``MANCHETTE_COMMENTS_MODERATOR_EMAILS``) hear of each new
comment held for moderation, or of every new one when
``MANCHETTE_COMMENTS_NOTIFY_MODERATORS = "all"``.

A commenter who gave an e-mail address may ask to hear of replies to their
comment: ``subscribe(comment)`` stores an unconfirmed ``ReplySubscription``
and mails a confirmation link (double opt-in); nothing else is sent until
they confirm. Each reply notification carries a one-click unsubscribe link
in its ``List-Unsubscribe`` and ``List-Unsubscribe-Post`` headers (RFC 8058)
as well as in its text.

Every link in these e-mails is signed (``django.core.signing``, one salt per
purpose) and expires. Opening one shows a page with a button: only the POST
that button sends changes anything, so a mail scanner that follows links
changes nothing. (The one exception is RFC 8058's own one-click POST, which
a mail client sends on the reader's behalf.)

Mail leaves through Django's mail backends (the console unless a site
configures a mailer), from tasks queued once the comment's transaction
commits, so a slow mail server never slows a reader's post. The receivers
``comment_saved`` and ``subscription_saved`` are connected in ``apps.py``.
"""

import secrets
from functools import partial

from django.conf import settings
from django.core import signing
from django.core.mail import EmailMessage
from django.db import transaction
from django.http import Http404
from django.shortcuts import render
from django.tasks import task
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods
from wagtail.models import Site

from manchette.core.conf import setting

from .models import Comment, ReplySubscription

CONFIRM_SALT = "manchette.comments.replies.confirm"
UNSUBSCRIBE_SALT = "manchette.comments.replies.unsubscribe"


class BadLink(Exception):
    """An e-mailed link that was altered, or is too old."""


def sign(value, salt):
    return signing.dumps(value, salt=salt, compress=True)


def unsign(signed, salt, max_age_seconds):
    try:
        return signing.loads(signed, salt=salt, max_age=max_age_seconds)
    except signing.BadSignature as error:  # SignatureExpired is one too
        raise BadLink from error


def site_url(path, article=None):
    """An absolute address on the article's site (or the default one), for an e-mail."""
    site = article.get_site() if article is not None else None
    site = site or Site.objects.filter(is_default_site=True).first()
    root = site.root_url if site else settings.WAGTAILADMIN_BASE_URL
    return root.rstrip("/") + path


def bad_link(request):
    """The page for an altered or expired link: what happened, and what to do."""
    return render(request, "comments/email/bad_link.html", status=400)


def send(subject, template, context, to, headers=None):
    body = render_to_string(template, context)
    EmailMessage(subject, body, to=to, headers=headers).send()


def in_language(comment):
    return translation.override(comment.language or settings.LANGUAGE_CODE)


def after_commit(queued_task, *args):
    # The worker must find the comment the task names: queue it once it is saved for good.
    transaction.on_commit(partial(queued_task.enqueue, *args))


# Moderators


def moderators_hear_of(comment):
    if not setting("MANCHETTE_COMMENTS_MODERATOR_EMAILS"):
        return False
    return comment.status == Comment.Status.HELD or (
        comment.status == Comment.Status.PUBLISHED
        and setting("MANCHETTE_COMMENTS_NOTIFY_MODERATORS") == "all"
    )


@task()
def tell_moderators(comment_id):
    comment = Comment.objects.select_related("article").filter(pk=comment_id).first()
    if comment is None or not moderators_hear_of(comment):
        return
    queue = reverse("comment_queue:index") + "?status=held"
    with translation.override(settings.LANGUAGE_CODE):
        subject = (
            _("Comment awaiting moderation: %(headline)s")
            if comment.is_held
            else _("New comment: %(headline)s")
        ) % {"headline": comment.article.title}
        send(
            subject,
            "comments/email/moderators.txt",
            {
                "comment": comment,
                "article_url": comment.article.full_url,
                "queue_url": settings.WAGTAILADMIN_BASE_URL.rstrip("/") + queue,
            },
            to=setting("MANCHETTE_COMMENTS_MODERATOR_EMAILS"),
        )


# Reply notifications


def subscribe(comment):
    """Ask the comment's author to confirm they want e-mail about replies; None if they can't."""
    if not comment.email or not setting("MANCHETTE_COMMENTS_REPLY_NOTIFICATIONS"):
        return None
    subscription, _created = ReplySubscription.objects.get_or_create(
        comment=comment, email=comment.email, defaults={"token": secrets.token_urlsafe(32)}
    )
    return subscription


@task()
def ask_confirmation(subscription_id):
    subscription = ReplySubscription.objects.filter(
        pk=subscription_id, confirmed_at__isnull=True
    ).first()
    if subscription is None:
        return
    comment = subscription.comment
    article = comment.article
    path = reverse("comments:confirm_replies", args=[sign(subscription.token, CONFIRM_SALT)])
    with in_language(comment):
        send(
            _("Confirm: e-mail me replies to my comment"),
            "comments/email/confirm_replies.txt",
            {
                "article": article,
                "confirm_url": site_url(path, article),
                "hours": setting("MANCHETTE_COMMENTS_CONFIRM_LINK_HOURS"),
            },
            to=[subscription.email],
        )


def unsubscribe_url(subscription, article):
    signed = sign(subscription.token, UNSUBSCRIBE_SALT)
    return site_url(reverse("comments:unsubscribe", args=[signed]), article)


@task()
def announce_reply(comment_id):
    """Tell whoever confirmed they follow the parent comment that a reply is published."""
    reply = Comment.objects.select_related("article", "parent").filter(pk=comment_id).first()
    if reply is None or reply.parent is None or reply.status != Comment.Status.PUBLISHED:
        return
    article = reply.article
    subscriptions = ReplySubscription.objects.filter(
        comment=reply.parent, confirmed_at__isnull=False
    ).select_related("comment")
    if reply.email:  # nobody hears of their own reply
        subscriptions = subscriptions.exclude(email__iexact=reply.email)
    for subscription in subscriptions:
        stop = unsubscribe_url(subscription, article)
        with in_language(subscription.comment):
            send(
                _("A reply to your comment on “%(headline)s”") % {"headline": article.title},
                "comments/email/reply.txt",
                {
                    "reply": reply,
                    "reply_url": site_url(f"{article.url}#{reply.anchor}", article),
                    "unsubscribe_url": stop,
                },
                to=[subscription.email],
                headers={
                    "List-Unsubscribe": f"<{stop}>",
                    "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
                },
            )


def announce_approved(comments):
    """Announce the replies among ``comments`` that a moderator is about to publish.

    Call it before publishing them. Only comments that readers have never
    seen are announced: held since they were posted (never moderated, never
    flagged), so that a comment published again after a flag is not
    announced twice.
    """
    for pk in comments.filter(
        status=Comment.Status.HELD,
        parent__isnull=False,
        moderated_at__isnull=True,
        flag_count=0,
    ).values_list("pk", flat=True):
        after_commit(announce_reply, pk)


def comment_saved(sender, instance, created, update_fields=None, raw=False, **kwargs):
    if raw:
        return
    # A comment held after it was posted: readers flagged it, or its author's edit looks like spam.
    held_later = bool(update_fields) and "status" in update_fields and instance.is_held
    if (created or held_later) and moderators_hear_of(instance):
        after_commit(tell_moderators, instance.pk)
    if created and instance.parent_id and instance.status == Comment.Status.PUBLISHED:
        after_commit(announce_reply, instance.pk)


def subscription_saved(sender, instance, created, raw=False, **kwargs):
    if created and not raw and instance.confirmed_at is None:
        after_commit(ask_confirmation, instance.pk)


# The pages behind the links


def subscription_from(signed, salt, max_age_seconds):
    token = unsign(signed, salt, max_age_seconds)
    return ReplySubscription.objects.select_related("comment__article").filter(token=token).first()


@never_cache
@require_http_methods(["GET", "POST"])
def confirm_replies(request, signed):
    max_age = setting("MANCHETTE_COMMENTS_CONFIRM_LINK_HOURS") * 3600
    try:
        subscription = subscription_from(signed, CONFIRM_SALT, max_age)
    except BadLink:
        return bad_link(request)
    if subscription is None:  # unsubscribed since
        raise Http404(_("This subscription no longer exists."))
    if request.method == "POST" and subscription.confirmed_at is None:
        subscription.confirmed_at = timezone.now()
        subscription.save(update_fields=["confirmed_at"])
    return render(
        request,
        "comments/email/confirm_replies.html",
        {
            "subscription": subscription,
            "article": subscription.comment.article,
            "unsubscribe_url": unsubscribe_url(subscription, subscription.comment.article),
        },
    )


# RFC 8058: the mail client's one-click POST carries no cookie; the signed link is the proof.
@csrf_exempt
@never_cache
@require_http_methods(["GET", "POST"])
def unsubscribe(request, signed):
    max_age = setting("MANCHETTE_COMMENTS_UNSUBSCRIBE_LINK_DAYS") * 24 * 3600
    try:
        subscription = subscription_from(signed, UNSUBSCRIBE_SALT, max_age)
    except BadLink:
        return bad_link(request)
    done = request.method == "POST"
    if done and subscription is not None:
        subscription.delete()
    return render(
        request,
        "comments/email/unsubscribe.html",
        {"subscription": subscription, "done": done or subscription is None},
    )
