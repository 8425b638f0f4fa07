"""The JSON API of comments, which the enhancement script uses.

    GET  comments/api/<article>/            a page of threads (?page=, ?order=) with their HTML
    POST comments/api/<article>/            a new comment (JSON or form fields)
    GET  comments/api/<article>/token/      a fresh form token, and the CSRF cookie
    GET  comments/api/counts/?article=1&article=2
    POST comments/api/comment/<id>/edit/    {"text": …}, by its author
    POST comments/api/comment/<id>/delete/  by its author
    POST comments/api/comment/<id>/flag/

A post is answered with ``{"comment", "html", "created"}``: 201 when it was
stored, 200 when it repeats an earlier comment (which it names). It carries
no count, which would cost a post more the longer the thread: the script
adds one to the heading itself.

Posts are protected by Django's CSRF middleware: the token endpoint sets
the cookie and returns the value, which the script sends back as
``X-CSRFToken`` (the middleware also checks the ``Origin`` header). Errors
are JSON, a CSRF failure (``csrf_failure``) and a wrong method too:
``{"message": …, "errors": {field: [{"message", "code"}]}}``.
"""

import json
from functools import wraps

from django.db.models import Count
from django.http import Http404, JsonResponse
from django.middleware.csrf import get_token
from django.utils.translation import gettext as _
from django.views import csrf
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from manchette.core.cache import surrogate_keys
from manchette.newsroom.converters import ArticleIdConverter
from manchette.newsroom.models import ArticlePage

from . import intake
from .display import comment_html, published_count, threads_for, threads_html
from .forms import EditForm
from .guard import Refused
from .intake import INTAKE_FIELDS, Opaque, can_change, check_published, published_article, receive
from .models import Comment
from .moderation import cache_keys, flag
from .security import issue_token, reader_of, set_author_cookie

MAX_COUNTS = 100
ARTICLE_ID = ArticleIdConverter()


class BadBody(Exception):
    pass


def error(status, message, errors=None):
    return JsonResponse({"message": str(message), "errors": errors or {}}, status=status)


def answers_json(view):
    """Missing things and refusals as JSON, not as the site's HTML pages."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        try:
            response = view(request, *args, **kwargs)
        except Http404 as missing:
            return error(404, missing.args[0] if missing.args else _("Not found."))
        except BadBody:
            return error(400, _("Send a JSON object of text fields, encoded as UTF-8."))
        except Opaque:
            return error(400, _("This form could not be accepted."))
        except Refused as refused:
            return error(refused.status, refused.message)
        if response.status_code == 405:
            refused = error(405, _("This address does not take this method."))
            refused["Allow"] = response["Allow"]
            return refused
        return response

    wrapped.answers_json = True
    return wrapped


def csrf_failure(request, reason=""):
    """``CSRF_FAILURE_VIEW``: JSON for the API, Django's page for the rest of the site."""
    match = request.resolver_match
    if match is not None and getattr(match.func, "answers_json", False):
        return error(
            403, _("Your browser's session could not be checked. Reload the page and try again.")
        )
    return csrf.csrf_failure(request, reason)


def fields(request):
    """The posted fields, from a JSON object or a form."""
    if request.content_type != "application/json":
        return request.POST
    try:
        data = json.loads(request.body.decode("utf-8"))
    except (UnicodeDecodeError, ValueError) as bad:
        raise BadBody from bad
    if not isinstance(data, dict) or not all(
        isinstance(value, str | int | None) and not isinstance(value, bool)
        for value in data.values()
    ):
        raise BadBody
    return {key: "" if value is None else str(value) for key, value in data.items()}


def form_errors(form):
    return error(
        400,
        _("Please correct the errors below."),
        form.errors.get_json_data(),
    )


@answers_json
@require_http_methods(["GET", "HEAD", "POST"])
def comments(request, article_id):
    if request.method == "POST":
        return create(request, article_id)
    check_published(article_id)
    page = threads_for(request, article_id)
    surrogate_keys(request, *cache_keys(article_id))
    return JsonResponse(
        {
            "article": article_id,
            "count": published_count(article_id),
            "page": page.number,
            "order": page.order,
            "next": page.next_number,
            "comments": [item.as_json() for item in page.shown],
            "html": threads_html(page),
        }
    )


def create(request, article_id):
    article = published_article(article_id, only=INTAKE_FIELDS)
    received = receive(request, article, fields(request))
    if received.comment is None:
        return form_errors(received.form)
    item, html = comment_html(request, received.comment)
    # No count: counting grows with the thread, and the script adds one itself.
    response = JsonResponse(
        {"comment": item.as_json(), "html": html, "created": received.created},
        status=201 if received.created else 200,
    )
    if received.created:
        set_author_cookie(request, response, reader_of(request))
    return response


@never_cache
@answers_json
@require_GET
def token(request, article_id):
    check_published(article_id)
    return JsonResponse({"token": issue_token(article_id), "csrf": get_token(request)})


@answers_json
@require_GET
def counts(request):
    try:
        wanted = {ARTICLE_ID.to_python(raw) for raw in request.GET.getlist("article")}
    except ValueError as bad:
        raise Http404(_("Articles are named by their numbers: ?article=12&article=34.")) from bad
    if len(wanted) > MAX_COUNTS:
        return error(400, _("Ask for at most %(count)d articles at once.") % {"count": MAX_COUNTS})
    published = ArticlePage.objects.published().filter(pk__in=wanted).values_list("pk", flat=True)
    found = dict(
        Comment.objects.filter(article_id__in=published, status=Comment.Status.PUBLISHED)
        .values_list("article_id")
        .annotate(total=Count("pk"))
        .values_list("article_id", "total")
    )
    surrogate_keys(request, *(f"comments-{pk}" for pk in published))
    return JsonResponse({str(pk): found.get(pk, 0) for pk in published})


def own_comment(request, comment_id):
    comment = Comment.objects.filter(pk=comment_id).first()
    if comment is None:
        raise Http404(_("No such comment."))
    check_published(comment.article_id)
    if not can_change(comment, reader_of(request)):
        raise Refused(
            _("Only its author can change a comment, in the minutes after sending it."),
            status=403,
        )
    return comment


def changed(request, comment):
    item, html = comment_html(request, comment)
    return JsonResponse({"comment": item.as_json(), "html": html})


@answers_json
@require_POST
def edit(request, comment_id):
    comment = own_comment(request, comment_id)
    form = EditForm(fields(request))
    if not form.is_valid():
        return form_errors(form)
    intake.edit(comment, form.cleaned_data["text"])
    return changed(request, comment)


@answers_json
@require_POST
def delete(request, comment_id):
    comment = own_comment(request, comment_id)
    intake.delete(comment)
    return changed(request, comment)


@answers_json
@require_POST
def report(request, comment_id):
    comment = Comment.objects.filter(pk=comment_id, status=Comment.Status.PUBLISHED).first()
    if comment is None:
        raise Http404(_("No such comment."))
    check_published(comment.article_id)
    first_time = flag(comment, reader_of(request))
    return JsonResponse({"flagged": True, "first_time": first_time})
