"""The comment section without JavaScript: plain forms, post/redirect/get.

A comment posted from the article page is answered with a redirect to it
(``#comment-<id>``); a form with errors, or a post refused (429: too many),
is answered with a small page of the form alone, the errors beside their
fields and the text as typed: re-rendering the whole article for each
refused post would let a flood of them slow down every reader. A form token
too old to be taken (a page left open, or served from a cache for hours)
comes back with a fresh one, so sending again works.
These views are exempt from Django's CSRF middleware because the page that
carries the form is cached without a CSRF cookie; they check the origin of
the post instead (``security.same_origin``), and the new-comment form its
signed token.
"""

from django.http import HttpResponseBadRequest, HttpResponseForbidden, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_POST

from . import intake
from .display import Shown, form_context
from .forms import CommentForm, EditForm
from .guard import Refused
from .intake import (
    CrossSite,
    Opaque,
    can_change,
    check_origin,
    check_published,
    published_article,
    receive,
)
from .models import Comment
from .moderation import Policy, flag
from .security import reader_of, set_author_cookie


class SeeOther(HttpResponseRedirect):
    status_code = 303


def opaque_refusal():
    return HttpResponseBadRequest(
        _("This form could not be accepted."), content_type="text/plain; charset=utf-8"
    )


def form_page(request, article, form, status):
    """The comment form alone, showing the reader's text and errors."""
    context = form_context(request, article, Policy.of(article), form)
    response = render(request, "comments/form_page.html", context, status=status)
    response["Cache-Control"] = "private, no-store"
    return response


@csrf_exempt
@require_POST
def post(request, article_id):
    article = published_article(article_id)
    try:
        received = receive(request, article, request.POST)
    except Opaque:
        return opaque_refusal()
    except CrossSite as refused:
        return HttpResponseForbidden(str(refused.message), content_type="text/plain; charset=utf-8")
    except Refused as refused:
        form = CommentForm(request.POST)
        form.is_valid()
        form.add_error(None, refused.message)
        return form_page(request, article, form, refused.status)
    if received.comment is None:
        return form_page(request, article, received.form, 400)
    response = SeeOther(received.comment.get_absolute_url())
    if received.created:
        set_author_cookie(request, response, reader_of(request))
    return response


def reader_comment(comment_id):
    """A comment on a published article, or a 404."""
    comment = get_object_or_404(Comment.objects.select_related("article"), pk=comment_id)
    check_published(comment.article_id)
    return comment


def comment_page(request, comment, status=200, **context):
    return render(
        request,
        "comments/change.html",
        {
            "item": Shown(comment, reader_of(request)),
            "back": comment.get_absolute_url(),
            **context,
        },
        status=status,
    )


def authors_only(view):
    """Edit and delete: for the comment's author, within the edit window, by POST from here."""

    def guarded(request, comment_id):
        comment = reader_comment(comment_id)
        if not can_change(comment, reader_of(request)):
            return comment_page(
                request,
                comment,
                status=403,
                title=_("This comment can no longer be changed"),
                message=_(
                    "Only its author can edit or delete a comment, from the browser "
                    "they wrote it in, in the minutes after they sent it."
                ),
            )
        if request.method == "POST":
            try:
                check_origin(request)
            except CrossSite as refused:
                return HttpResponseForbidden(str(refused.message))
        return view(request, comment)

    return csrf_exempt(require_http_methods(["GET", "HEAD", "POST"])(guarded))


@authors_only
def edit(request, comment):
    form = EditForm(
        request.POST if request.method == "POST" else None, initial={"text": comment.text}
    )
    if form.is_bound and form.is_valid():
        intake.edit(comment, form.cleaned_data["text"])
        return SeeOther(comment.get_absolute_url())
    return comment_page(
        request,
        comment,
        status=400 if form.is_bound else 200,
        title=_("Edit your comment"),
        form=form,
        action=_("Save"),
    )


@authors_only
def delete(request, comment):
    if request.method == "POST":
        intake.delete(comment)
        return SeeOther(comment.get_absolute_url())
    return comment_page(
        request,
        comment,
        title=_("Delete your comment?"),
        message=_("Replies to it stay, under “This comment was deleted.”"),
        action=_("Delete"),
    )


@csrf_exempt
@require_http_methods(["GET", "HEAD", "POST"])
def report(request, comment_id):
    comment = reader_comment(comment_id)
    if comment.status != Comment.Status.PUBLISHED:
        return comment_page(request, comment, status=404, title=_("This comment is not published"))
    if request.method == "POST":
        try:
            check_origin(request)
        except CrossSite as refused:
            return HttpResponseForbidden(str(refused.message))
        flag(comment, reader_of(request))
        return comment_page(
            request,
            comment,
            title=_("Thank you"),
            message=_("The newsroom will read this comment again."),
        )
    return comment_page(
        request,
        comment,
        title=_("Report this comment?"),
        message=_("Report a comment that breaks the rules: the newsroom will read it again."),
        action=_("Report"),
    )
