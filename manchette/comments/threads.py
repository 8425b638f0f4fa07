"""A page of an article's comments: top-level threads with their replies, in one query.

Pages count top-level comments (threads), oldest or newest first; each
thread comes whole. Replies nest three levels deep (a comment, a reply, a
reply to the reply); a deeper reply is shown flat at the third level, after
the others in the order they were written, naming whom it answers.

Readers see published comments; a deleted one keeps its place as
"comment deleted" while replies hang from it; a held one is shown to its
author only (``author_hash``), marked as awaiting moderation.
"""

from dataclasses import dataclass, field

from django.db.models import Q

from manchette.core.conf import setting

from .models import Comment

LEVELS = 3
# What a reader's page never shows, left in the database.
UNSHOWN = ("email", "user_agent", "ip_network", "held_reason", "text_digest", "external_id")
OLDEST, NEWEST = "oldest", "newest"
ORDERS = (OLDEST, NEWEST)


@dataclass
class Node:
    comment: Comment
    replies: list = field(default_factory=list)
    # Set on a reply shown flat, deeper than LEVELS: the comment it answers.
    in_reply_to: Comment | None = None

    @property
    def shown(self):
        """A deleted comment is shown (as deleted) only to hold up its replies."""
        return not self.comment.is_deleted or any(reply.shown for reply in self.replies)


@dataclass
class ThreadPage:
    threads: list
    number: int
    order: str
    has_next: bool

    @property
    def next_number(self):
        return self.number + 1 if self.has_next else None


def visible_to(author_hash):
    visible = Q(status=Comment.Status.PUBLISHED) | Q(status=Comment.Status.DELETED)
    if author_hash:
        visible |= Q(status=Comment.Status.HELD, author_token_hash=author_hash)
    return visible


def page_number(raw):
    """?page= as a page number: anything odd is the first page, not an error."""
    try:
        number = int(raw)
    except (TypeError, ValueError):
        return 1
    return number if 1 <= number <= 100_000 else 1


def thread_page(article_id, number=1, order=OLDEST, author_hash=""):
    size = setting("MANCHETTE_COMMENTS_PAGE_SIZE")
    order = order if order in ORDERS else OLDEST
    visible = visible_to(author_hash)
    newest_first = order == NEWEST
    # The page's threads (one more, to know whether another page follows),
    # as a subquery of the one query that reads them with their replies.
    roots = (
        Comment.objects.filter(article_id=article_id, depth=0)
        .filter(visible)
        .exclude(status=Comment.Status.DELETED, reply_count=0)
        .order_by(*(("-created", "-pk") if newest_first else ("created", "pk")))
        .values("pk")[(number - 1) * size : number * size + 1]
    )
    comments = list(
        Comment.objects.defer(*UNSHOWN)
        .filter(Q(pk__in=roots) | Q(visible, thread_id__in=roots))
        .order_by("created", "pk")
    )
    threads = [comment for comment in comments if comment.depth == 0]
    if newest_first:
        threads.reverse()
    has_next = len(threads) > size
    threads = assemble(threads[:size], (comment for comment in comments if comment.depth))
    return ThreadPage([node for node in threads if node.shown], number, order, has_next)


def assemble(roots, replies):
    """Hang each reply under its parent, flattening what is deeper than LEVELS."""
    nodes = {root.pk: Node(root) for root in roots}
    for reply in replies:
        parent = nodes.get(reply.parent_id)
        if parent is None:  # its parent is not shown (held for someone else, rejected…)
            continue
        node = nodes[reply.pk] = Node(reply)
        if reply.depth < LEVELS:
            parent.replies.append(node)
        else:
            node.in_reply_to = parent.comment
            nodes[_shown_under(reply, nodes)].replies.append(node)
    return [nodes[root.pk] for root in roots]


def _shown_under(reply, nodes):
    """The second-level comment whose list shows this deep reply (its ancestor at depth 1)."""
    ancestor = nodes[reply.parent_id].comment
    while ancestor.depth > 1:
        ancestor = nodes[ancestor.parent_id].comment
    return ancestor.pk
