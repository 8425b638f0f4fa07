"""A commenter's own comments: a copy of them, or their erasure, asked for by e-mail.

Anyone may type an address into the request form; the answer is the same
whether or not comments were posted with it, so the form tells nobody who
commented. Only the mailbox's owner gets the two signed links (export,
erase; one salt each, valid ``MANCHETTE_COMMENTS_PRIVACY_LINK_HOURS``), and
at most one message per address every ``RESEND_SECONDS``, so the form
cannot be used to flood someone's mailbox.

Erasing removes the comments for good. A comment that other people
replied to stays in its thread as an empty “deleted comment” placeholder,
so that the replies keep their place: its name, e-mail address, website,
network, browser and text are wiped all the same. Reply subscriptions of
the address go too. Bans that name the address stay: they protect the site
and are not comments.
"""

import hashlib
import io

from django import forms
from django.core.cache import caches
from django.db import transaction
from django.http import HttpResponse
from django.shortcuts import render
from django.tasks import task
from django.urls import reverse
from django.utils import translation
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from manchette.core.conf import setting

from . import exporters
from .models import Comment, ReplySubscription
from .moderation import purge_article, refresh_reply_counts
from .notifications import BadLink, bad_link, send, sign, site_url, unsign

EXPORT_SALT = "manchette.comments.privacy.export"
ERASE_SALT = "manchette.comments.privacy.erase"
RESEND_SECONDS = 600
# What is left of a comment that is erased but carries replies.
WIPED = {
    "name": "",
    "email": "",
    "website": "",
    "text": "",
    "text_digest": "",
    "ip_network": "",
    "user_agent": "",
    "author_token_hash": "",
    "held_reason": "",
    "edited": None,
    "status": Comment.Status.DELETED,
}


class PrivacyRequestForm(forms.Form):
    email = forms.EmailField(
        label=gettext_lazy("The e-mail address you gave with your comments"),
        max_length=Comment._meta.get_field("email").max_length,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )


def comments_of(email):
    return Comment.objects.filter(email__iexact=email)


def erase(comments):
    """Erase these comments (see the module's docstring); returns how many there were."""
    touched = list(comments.values_list("pk", "thread_id", "article_id"))
    ids = {pk for pk, _thread, _article in touched}
    with transaction.atomic():
        ReplySubscription.objects.filter(comment_id__in=ids).delete()
        Comment.objects.filter(pk__in=ids).update(**WIPED)
        # Leaves first: deleting a reply may leave its parent with none.
        while ids:
            leaves = set(
                Comment.objects.filter(pk__in=ids, replies__isnull=True).values_list(
                    "pk", flat=True
                )
            )
            if not leaves:
                break
            Comment.objects.filter(pk__in=leaves).delete()
            ids -= leaves
        refresh_reply_counts({thread or pk for pk, thread, _article in touched})
        purge_article(*(article for _pk, _thread, article in touched))
    return len(touched)


def link(name, email, salt):
    return site_url(reverse(f"comments:{name}", args=[sign(email, salt)]))


@task()
def send_links(email, language):
    """Mail the export and erase links, if this address has comments (else nothing)."""
    if not comments_of(email).exists():
        return
    with translation.override(language):
        send(
            _("Your comments: download or erase them"),
            "comments/email/privacy_links.txt",
            {
                "export_url": link("privacy_export", email, EXPORT_SALT),
                "erase_url": link("privacy_erase", email, ERASE_SALT),
                "hours": setting("MANCHETTE_COMMENTS_PRIVACY_LINK_HOURS"),
            },
            to=[email],
        )


def first_request_in_a_while(email):
    digest = hashlib.sha256(email.encode()).hexdigest()
    return caches[setting("MANCHETTE_COMMENTS_CACHE")].add(
        f"privacy:{digest}", 1, timeout=RESEND_SECONDS
    )


@never_cache
@require_http_methods(["GET", "POST"])
def request_links(request):
    form = PrivacyRequestForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        email = form.cleaned_data["email"].lower()
        # Queued either way, so that the answer takes as long with comments as without.
        if first_request_in_a_while(email):
            send_links.enqueue(email, get_language())
        return render(request, "comments/privacy/sent.html", {"email": email})
    return render(request, "comments/privacy/request.html", {"form": form})


def signed_email(signed, salt):
    return unsign(signed, salt, setting("MANCHETTE_COMMENTS_PRIVACY_LINK_HOURS") * 3600)


@never_cache
@require_http_methods(["GET", "POST"])
def export(request, signed):
    try:
        email = signed_email(signed, EXPORT_SALT)
    except BadLink:
        return bad_link(request)
    if request.method == "GET":
        return render(request, "comments/privacy/export.html", {"email": email})
    stream = io.StringIO()
    exporters.write(stream, comments_of(email))
    response = HttpResponse(stream.getvalue(), content_type="application/json; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="my-comments.json"'
    response["Cache-Control"] = "private, no-store"
    return response


@never_cache
@require_http_methods(["GET", "POST"])
def erase_view(request, signed):
    try:
        email = signed_email(signed, ERASE_SALT)
    except BadLink:
        return bad_link(request)
    comments = comments_of(email)
    if request.method == "GET":
        return render(
            request, "comments/privacy/erase.html", {"email": email, "count": comments.count()}
        )
    erased = erase(comments)
    ReplySubscription.objects.filter(email__iexact=email).delete()
    return render(request, "comments/privacy/erased.html", {"count": erased})
