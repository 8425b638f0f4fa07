"""From a reader's POST to a stored comment: the steps the plain form and the JSON API share.

    origin -> open? -> honeypot, token -> fields -> parent -> bans
           -> duplicate? (the earlier comment) -> rate limits -> held or published -> saved

A robot's mistakes (a filled honeypot, a token that was not ours or names
another article) end in ``Opaque``: one 400 that says nothing of which
check failed. A person's end in form errors or ``Refused`` with a message.
"""

from dataclasses import dataclass
from datetime import datetime

from django.core.exceptions import ValidationError
from django.http import Http404
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from manchette.core.conf import setting
from manchette.core.sql import aware, first_row
from manchette.newsroom.models import ArticlePage
from manchette.newsroom.querysets import PUBLISHED_SQL

from .forms import HONEYPOT_FIELD, TOKEN_FIELD, CommentForm
from .guard import Refused, banned, check_rates, earlier_copy, reasons_to_hold
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


class Opaque(Exception):
    """A post that no person's browser sends: answered with a bare 400."""


@dataclass
class Received:
    form: CommentForm
    comment: Comment | None = None
    created: bool = False


NOT_PUBLISHED = _("No published article has this number.")


@dataclass(frozen=True)
class Target:
    """The published article a comment goes to: what taking or listing its comments reads.

    Read in one plain SQL statement: the ORM query for a Wagtail page cost a
    comment post more than the rest of its reading put together.
    """

    pk: int
    path: str
    first_published_at: datetime


TARGET_SQL = (
    "SELECT page.id, page.path, page.first_published_at "  # noqa: S608 (values are parameters)
    "FROM wagtailcore_page page JOIN newsroom_articlepage article ON article.page_ptr_id = page.id "
    "WHERE page.id = %s AND " + PUBLISHED_SQL
)


def published_target(article_id):
    """The published article as a ``Target``, or 404.

    ``article_id`` is a number the database can hold (``<article_id:…>`` in URLs).
    """
    found = first_row(TARGET_SQL, [article_id])
    if found is None:
        raise Http404(NOT_PUBLISHED)
    pk, path, first_published_at = found
    return Target(pk, path, aware(first_published_at))


def published_article(article_id):
    """The published article page itself, or 404: for views that show it."""
    return ArticlePage.objects.get(pk=published_target(article_id).pk)


def check_origin(request):
    if not same_origin(request):
        raise Refused(CROSS_SITE, status=403)


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

    ``article``: a ``Target`` or the article page; ``data``: the posted fields.
    """
    check_origin(request)
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
        article_id=article.pk,
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
