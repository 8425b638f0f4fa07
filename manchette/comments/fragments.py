"""The HTML of comments and threads, written in Python rather than with templates.

A first page of threads can hold a few hundred comments; Django's template
engine spends about a millisecond on each include, which alone would miss
the 50 ms budget of a 5,000-comment article. Here a comment costs tens of
microseconds. Each value is escaped (``html.escape``, quotes included)
where it is placed, except the text, which is nh3's output
(``rendering.render``).
"""

from functools import lru_cache
from html import escape

from django.urls import get_script_prefix, get_urlconf, reverse
from django.utils.safestring import mark_safe
from django.utils.translation import get_language, gettext

from manchette.core import dates


class Labels:
    """The words around comments, translated and escaped once per language.

    ``current_labels()`` gives those of the active language.
    """

    def __init__(self):
        self.deleted = escape(gettext("This comment was deleted."))
        self.awaiting = escape(
            gettext("Awaiting moderation: only you can see this comment for now.")
        )
        self.edited = escape(gettext("edited"))
        self.reply = escape(gettext("Reply"))
        self.report = escape(gettext("Report"))
        self.edit = escape(gettext("Edit"))
        self.delete = escape(gettext("Delete"))
        # Escaped once filled in with a name.
        self.in_reply_to = gettext("in reply to %(name)s")
        self.comment_url = reverse("comments:flag", args=[0]).removesuffix("0/flag/")


def current_labels():
    """The labels in the active language, under the URLs in use."""
    return _labels(get_language(), get_script_prefix(), get_urlconf())


@lru_cache(maxsize=64)
def _labels(language, script_prefix, urlconf):
    # The arguments are the cache key: Labels() reads them from where Django keeps them.
    return Labels()


def comment(item, labels=None):
    """One comment: ``<article id="comment-<id>">`` with its author, time, text and actions."""
    labels = labels or current_labels()
    comment = item.comment
    pk = comment.pk
    if comment.is_deleted:
        return mark_safe(  # noqa: S308 (nothing from the reader)
            f'<article class="comment" id="comment-{pk}" data-comment-id="{pk}">'
            f'<p class="comment-deleted">{labels.deleted}</p></article>'
        )
    name = escape(comment.name)
    if item.website:
        name = f'<a href="{escape(item.website)}" rel="nofollow ugc noopener">{name}</a>'
    parts = [
        f'<article class="comment{" comment-held" if comment.is_held else ""}" '
        f'id="comment-{pk}" data-comment-id="{pk}">'
        f'<header class="comment-meta"><h3 class="comment-author">{name}</h3>'
    ]
    if item.in_reply_to is not None and not item.in_reply_to.is_deleted:
        answered = labels.in_reply_to % {"name": item.in_reply_to.name}
        parts.append(f' <span class="comment-reply-to">{escape(answered)}</span>')
    parts.append(
        f' <a class="comment-permalink" href="#comment-{pk}"><time datetime="'
        f'{dates.iso(comment.created)}">{escape(dates.long_date(comment.created))}</time></a>'
    )
    if comment.edited:
        parts.append(
            f' <span class="comment-edited" title="{escape(dates.long_date(comment.edited))}">'
            f"{labels.edited}</span>"
        )
    parts.append("</header>")
    if comment.is_held:
        parts.append(f'<p class="comment-status">{labels.awaiting}</p>')
    raw = f' data-raw="{escape(comment.text)}"' if item.can_change else ""
    # item.html is nh3's output, the only value not escaped here.
    parts.append(f'<div class="comment-text"{raw}>{item.html}</div>')
    parts.append(f'<p class="comment-actions">{_actions(item, labels)}</p></article>')
    return mark_safe("".join(parts))  # noqa: S308 (every reader's value escaped above)


def _actions(item, labels):
    pk = item.comment.pk
    links = []
    if not item.comment.is_held:
        links.append(f'<a href="?reply={pk}#comment-form" data-action="reply">{labels.reply}</a>')
        links.append(
            f'<a href="{labels.comment_url}{pk}/flag/" data-action="flag" rel="nofollow">'
            f"{labels.report}</a>"
        )
    if item.can_change:
        for action, label in (("edit", labels.edit), ("delete", labels.delete)):
            links.append(
                f'<a href="{labels.comment_url}{pk}/{action}/" data-action="{action}" '
                f'rel="nofollow">{label}</a>'
            )
    return " ".join(links)


def _replies(items, labels, deeper):
    if not items:
        return ""
    inside = "".join(
        f"<li>{comment(item, labels)}{deeper(item.replies, labels)}</li>" for item in items
    )
    return f'<ol class="comment-replies">{inside}</ol>'


def _last_level(items, labels):
    return _replies(items, labels, lambda replies, labels: "")


def threads(shown):
    """The ``<li>`` of each thread: the comment, its replies, and theirs (flat below)."""
    labels = current_labels()
    return mark_safe(  # noqa: S308 (built from comment(), which escapes)
        "\n".join(
            f'<li class="comment-thread">{comment(thread, labels)}'
            f"{_replies(thread.replies, labels, _last_level)}</li>"
            for thread in shown
        )
    )
