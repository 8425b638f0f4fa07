"""From a reader's POST to a stored comment: the steps the plain form and the JSON API share.

    origin -> already refused? -> open? -> honeypot, token -> fields -> parent -> bans
           -> duplicate? (the earlier comment) -> rate limits -> held or published -> saved

A robot's mistakes (a filled honeypot, a token that was not ours or names
another article) end in ``Opaque``: one 400 that says nothing of which
check failed. A person's end in form errors or ``Refused`` with a message.
"""

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.http import Http404
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from manchette.core.conf import setting
from manchette.newsroom.models import ArticlePage

from .forms import HONEYPOT_FIELD, TOKEN_FIELD, CommentForm
from .guard import (
    Refused,
    banned,
    check_rates,
    earlier_copy,
    reasons_to_hold,
    refuse_flood,
)
from .models import Comment
from .moderation import Policy, initial_status
from .notifications import subscribe
from .security import TokenError, check_token, ensure_author_token, reader_of, same_origin
from .threads import visible_to

TOKEN_ERRORS = {
    "too_fast": _("That was quick! Please wait a few seconds, then send your comment again."),
    "too_old": _("This form has expired. Please send your comment again."),
}
CLOSED = _("Comments are closed on this article.")
CROSS_SITE = _("Comments can only be sent from this site's pages.")
NOT_PUBLISHED = _("No published article has this number.")
# What taking comments reads of an article (``Policy``): its body and the rest stay unread.
INTAKE_FIELDS = ("path", "first_published_at")


class Opaque(Exception):
    """A post that no person's browser sends: answered with a bare 400."""


class CrossSite(Refused):
    """A post sent from another site's page."""

    def __init__(self):
        super().__init__(CROSS_SITE, status=403)


@dataclass
class Received:
    form: CommentForm
    comment: Comment | None = None
    created: bool = False


def published_article(article_id, only=None):
    """The published article page, or 404. ``only``: the fields to load (others load when read).

    ``article_id`` is a number the database can hold (``<article_id:…>`` in URLs).
    """
    articles = ArticlePage.objects.published().filter(pk=article_id)
    if only is not None:
        articles = articles.only(*only)
    article = articles.first()
    if article is None:
        raise Http404(NOT_PUBLISHED)
    return article


def check_published(article_id):
    """404 unless the article is published: for what shows or changes its comments."""
    if not ArticlePage.objects.published().filter(pk=article_id).exists():
        raise Http404(NOT_PUBLISHED)


def check_origin(request):
    if not same_origin(request):
        raise CrossSite


def can_change(comment, reader, now=None):
    """Whether this reader wrote the comment and may still edit or delete it."""
    now = now or timezone.now()
    window = setting("MANCHETTE_COMMENTS_EDIT_MINUTES") * 60
    return (
        bool(reader.author_hash)
        and comment.author_token_hash == reader.author_hash
        and comment.status in (Comment.Status.PUBLISHED, Comment.Status.HELD)
        and (now - comment.created).total_seconds() < window
    )


def receive(request, article, data):
    """Take a new comment, or say why not.

    ``article``: the article page (``INTAKE_FIELDS`` are enough); ``data``: the posted fields.
    """
    check_origin(request)
    refuse_flood(reader_of(request).network, article.pk)
    policy = Policy.of(article)
    if not policy.is_open:
        raise Refused(CLOSED, status=403)
    if data.get(HONEYPOT_FIELD):
        raise Opaque
    form = CommentForm(data)
    form.is_valid()
    try:
        check_token(data.get(TOKEN_FIELD), article.pk)
    except TokenError as error:
        if error.reason == "tampered":
            raise Opaque from error
        form.add_error(None, ValidationError(TOKEN_ERRORS[error.reason], code=error.reason))
    if not form.is_valid():
        return Received(form)
    reader = reader_of(request)
    fields = form.cleaned_data
    parent = None
    if fields["parent"]:
        parent = (
            Comment.objects.filter(pk=fields["parent"], article_id=article.pk)
            .filter(visible_to(reader.author_hash))
            .exclude(status=Comment.Status.DELETED)
            .first()
        )
        if parent is None:
            form.add_error("parent", _("The comment you reply to is not on this article."))
            return Received(form)
    if banned(fields["email"], reader.network):
        raise Refused(_("Comments from this address are not accepted."), status=403)
    earlier = earlier_copy(article.pk, reader.network, fields["name"], fields["text"])
    if earlier is not None:
        return Received(form, earlier)
    check_rates(reader.network, article.pk)
    status, held_reason = initial_status(policy, reasons_to_hold(fields["text"]))
    comment = Comment.objects.create(
        article=article,
        parent=parent,
        name=fields["name"],
        email=fields["email"],
        website=fields["website"],
        text=fields["text"],
        language=get_language() or "",
        status=status,
        held_reason=held_reason,
        ip_network=reader.network,
        user_agent=reader.user_agent,
        author_token_hash=_author_hash(reader),
    )
    if fields.get("notify"):
        subscribe(comment)  # double opt-in: only a confirmation is mailed now
    return Received(form, comment, created=True)


def _author_hash(reader):
    ensure_author_token(reader)
    return reader.author_hash


def edit(comment, text):
    """An author's new text; it may now need a moderator's eye."""
    comment.text = text
    comment.edited = timezone.now()
    reasons = reasons_to_hold(text)
    if reasons and comment.status == Comment.Status.PUBLISHED:
        comment.status = Comment.Status.HELD
        comment.held_reason = " ".join(str(reason) for reason in reasons)
    comment.save(update_fields=["text", "edited", "status", "held_reason"])


def delete(comment):
    comment.status = Comment.Status.DELETED
    comment.save(update_fields=["status"])
