"""What the comment section shows, for the article page, the JSON API and the script.

The section of an anonymous reader is the same for everyone (it is cached
with the article); a reader holding the author cookie gets their own held
comments and edit links, so their page is marked as theirs
(``request.shows_own_content``) and is never kept by a shared cache.
"""

from urllib.parse import urlencode, urlsplit

from django.db.models import Count, OuterRef, Subquery
from django.db.models.functions import Coalesce
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.safestring import mark_safe

from manchette.core import dates
from manchette.core.cache import per_render, surrogate_keys
from manchette.core.conf import setting

from .forms import HONEYPOT_FIELD, TOKEN_FIELD, CommentForm
from .intake import can_change
from .models import Comment
from .moderation import Policy, cache_keys
from .rendering import render
from .security import TokenError, check_token, issue_token, reader_of, token_period
from .threads import NEWEST, OLDEST, page_number, thread_page, visible_to


def web_link(url):
    """A commenter's website as a link only if it is an http(s) address (imports bring others)."""
    return url if url and urlsplit(url).scheme.lower() in ("http", "https") else ""


class Shown:
    """One comment as a reader sees it."""

    def __init__(self, comment, reader, in_reply_to=None, replies=()):
        self.comment = comment
        self.in_reply_to = in_reply_to
        self.replies = list(replies)
        self.can_change = can_change(comment, reader)

    @cached_property
    def html(self):
        comment = self.comment
        # render() returns nh3's output: only the tags and links it lets through.
        return "" if comment.is_deleted else mark_safe(render(comment.text, comment.markup))  # noqa: S308

    @property
    def website(self):
        return web_link(self.comment.website)

    def as_json(self):
        comment = self.comment
        deleted = comment.is_deleted
        return {
            "id": comment.pk,
            "parent": comment.parent_id,
            "depth": comment.depth,
            "status": comment.status,
            "name": "" if deleted else comment.name,
            "website": "" if deleted else self.website,
            "html": self.html,
            "created": dates.iso(comment.created),
            "edited": dates.iso(comment.edited) if comment.edited else None,
            "url": f"#{comment.anchor}",
            "can_change": self.can_change,
            "replies": [reply.as_json() for reply in self.replies],
        }


def shown(node, reader):
    return Shown(
        node.comment,
        reader,
        node.in_reply_to,
        [shown(reply, reader) for reply in node.replies if reply.shown],
    )


def published_count(article_id):
    return Comment.objects.filter(article_id=article_id, status=Comment.Status.PUBLISHED).count()


def section_annotations():
    """What the section reads about its article, as annotations of the article page's own query.

    The article page is read with them (``ArticleQuerySet.for_reading``): its
    comment count and policy then cost no query of their own.
    """
    published = Comment.objects.filter(article=OuterRef("pk"), status=Comment.Status.PUBLISHED)
    count = published.values("article").annotate(count=Count("pk")).values("count")
    return {"published_comments": Coalesce(Subquery(count), 0), **Policy.annotations()}


def page_link(article, number, order, request=None):
    query = {}
    if order == NEWEST:
        query["order"] = NEWEST
    if number and number > 1:
        query["page"] = number
    url = article.get_url(request)
    return f"{url}?{urlencode(query)}#comments" if query else f"{url}#comments"


def reply_target(article, raw, reader):
    """The comment a reader chose to answer (?reply=<id>), if it is one they can see here."""
    try:
        pk = int(raw)
    except (TypeError, ValueError):
        return None
    return (
        Comment.objects.filter(pk=pk, article=article)
        .filter(visible_to(reader.author_hash))
        .exclude(status=Comment.Status.DELETED)
        .first()
    )


def threads_for(request, article_id):
    """The page of threads that the request asks for (?page=, ?order=)."""
    reader = reader_of(request)
    if reader.author_hash:
        request.shows_own_content = True
    page = thread_page(
        article_id,
        page_number(request.GET.get("page")),
        request.GET.get("order", OLDEST),
        reader.author_hash,
    )
    page.shown = [shown(node, reader) for node in page.threads]
    return page


def reusable_token(article, form):
    """The token a reader sent with a form that had errors, if it will still be taken.

    A reader who fixes a typo and sends again at once must not be told they are too fast.
    """
    if form is None or not form.is_bound:
        return None
    posted = form.data.get(TOKEN_FIELD, "")
    try:
        check_token(posted, article.pk)
    except TokenError as error:
        return posted if error.reason == "too_fast" else None
    return posted


def form_context(request, article, policy, form=None):
    """What ``comments/includes/form.html`` shows: the form, its token, whom it answers."""
    reader = reader_of(request)
    if form is None:
        replying_to = reply_target(article, request.GET.get("reply"), reader)
        form = CommentForm(initial={"parent": replying_to.pk if replying_to else None})
    else:
        replying_to = reply_target(article, form.data.get("parent"), reader)
    token = reusable_token(article, form) or issue_token(article.pk)
    per_render(request, token)
    return {
        "token": token,
        "token_period": token_period(),
        "request": request,
        "article": article,
        "premoderated": policy.premoderated,
        "form": form,
        "replying_to": replying_to,
        "token_field": TOKEN_FIELD,
        "honeypot_field": HONEYPOT_FIELD,
    }


def section_context(request, article, form=None):
    """Everything ``comments/includes/section.html`` shows under an article."""
    surrogate_keys(request, *cache_keys(article.pk))
    page = threads_for(request, article.pk)
    policy = Policy.of(article)
    return {
        **form_context(request, article, policy, form),
        # The article page's own query brings the count along (newsroom.reading).
        "count": (
            article.published_comments
            if hasattr(article, "published_comments")
            else published_count(article.pk)
        ),
        "threads": page,
        "is_open": policy.is_open,
        "closes_at": policy.closes_at,
        "order": page.order,
        "newest": page.order == NEWEST,
        "oldest_link": page_link(article, None, OLDEST, request),
        "newest_link": page_link(article, None, NEWEST, request),
        "next_link": page.has_next and page_link(article, page.next_number, page.order, request),
        "previous_link": (
            page.number > 1 and page_link(article, page.number - 1, page.order, request)
        ),
        "rss": reverse("comments:rss", args=[article.pk]),
        "atom": reverse("comments:atom", args=[article.pk]),
        "api": reverse("comments:api", args=[article.pk]),
        "token_url": reverse("comments:token", args=[article.pk]),
        "comment_api": reverse("comments:api_edit", args=[0]).removesuffix("0/edit/"),
        "token_refresh": setting("MANCHETTE_COMMENTS_TOKEN_REFRESH"),
    }


def threads_html(page):
    """The ``<li>`` of each thread of the page, as the script adds them to the list."""
    return render_to_string("comments/includes/threads.html", {"shown": page.shown})


def comment_html(request, comment):
    """One comment alone, as the script inserts it after posting or editing."""
    item = Shown(comment, reader_of(request))
    return item, render_to_string("comments/includes/comment.html", {"item": item})
