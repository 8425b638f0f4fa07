"""All comments, or one commenter's, as JSON: for backups, moves between
sites and a reader's own copy of what they wrote.

The file is one object ``{"format": "manchette-comments", "version": 1,
"exported": …, "comments": [...]}``; each comment names its article by
id, address and headline and its parent by id, so that
``import_comments --format json`` can rebuild the threads on another site
whose articles have the same addresses. Comments are written one by one,
so a large site's export does not have to fit in memory.
"""

import json

from django.utils import timezone

from manchette.newsroom.models import ArticlePage

from .models import Comment

FORMAT = "manchette-comments"
VERSION = 1


def iso(moment):
    return moment.isoformat() if moment else None


def record(comment, article):
    return {
        "id": comment.pk,
        "article": article,
        "parent": comment.parent_id,
        "name": comment.name,
        "email": comment.email,
        "website": comment.website,
        "text": comment.text,
        "markup": comment.markup,
        "language": comment.language,
        "status": comment.status,
        "created": iso(comment.created),
        "edited": iso(comment.edited),
        "ip_network": comment.ip_network,
        "imported_from": comment.imported_from,
        "external_id": comment.external_id,
    }


def articles_of(comments):
    ids = set(comments.values_list("article_id", flat=True).distinct())
    return {
        article.pk: {"id": article.pk, "url": article.full_url, "headline": article.title}
        for article in ArticlePage.objects.filter(pk__in=ids).defer_streamfields()
    }


def write(stream, comments=None):
    """Write ``comments`` (default: all of them), parents before replies, to a text stream."""
    comments = (Comment.objects.all() if comments is None else comments).order_by("created", "pk")
    articles = articles_of(comments)
    head = {"format": FORMAT, "version": VERSION, "exported": iso(timezone.now())}
    stream.write(json.dumps(head, ensure_ascii=False)[:-1] + ', "comments": [')
    for index, comment in enumerate(comments.iterator(chunk_size=2000)):
        stream.write(",\n" if index else "\n")
        stream.write(json.dumps(record(comment, articles[comment.article_id]), ensure_ascii=False))
    stream.write("\n]}\n")
