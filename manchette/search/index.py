"""Keeping the reader's search index in step with what is published.

An article is indexed when it is published (``signals.py``), taken out when
it is unpublished, and its entry goes with it when it is deleted. What is
indexed is what readers read: the live version's kicker and headline, its
standfirst and tags, its body, dateline and byline; a draft is never
indexed. ``manchette search_index`` rebuilds the whole index.
"""

from itertools import batched

from django.db import transaction

from manchette.newsroom.models import ArticlePage, ArticleTag

from .backends import search_index
from .languages import analyser
from .models import SearchEntry

BATCH = 500
TEXT_FIELDS = ["language", "headline", "summary", "body"]
TERM_FIELDS = ["headline_terms", "summary_terms", "body_terms"]


def body_text(article):
    """The body as text, one block a line, as the article page shows it."""
    parts = ArticlePage._meta.get_field("body").get_searchable_content(article.body)
    return "\n".join(" ".join(part.split()) for part in parts if part and part.strip())


def entry_for(article, tag_names, index):
    reading = analyser(article.language)
    headline = f"{article.kicker}: {article.title}" if article.kicker else article.title
    by = ", ".join(filter(None, [article.dateline, article.byline]))
    entry = SearchEntry(
        article_id=article.pk,
        language=reading.language,
        headline=headline,
        summary="\n".join(filter(None, [article.standfirst, ", ".join(tag_names)])),
        body="\n".join(filter(None, [by, body_text(article)])),
    )
    index.fill(entry, reading)
    return entry


def index_articles(articles):
    """Write (or rewrite) the entries of these published articles."""
    articles = list(articles)
    if not articles:
        return
    tags = {}
    for article_id, name in ArticleTag.objects.filter(
        content_object_id__in=[article.pk for article in articles]
    ).values_list("content_object_id", "tag__name"):
        tags.setdefault(article_id, []).append(name)
    index = search_index()
    entries = [entry_for(a, sorted(tags.get(a.pk, [])), index) for a in articles]
    with transaction.atomic():
        SearchEntry.objects.bulk_create(
            entries,
            update_conflicts=True,
            unique_fields=["article"],
            update_fields=TEXT_FIELDS + TERM_FIELDS,
        )
        index.refresh(entries)


def forget_article(article):
    SearchEntry.objects.filter(article_id=article.pk).delete()


def rebuild(missing_only=False):
    """Index every published article (or only those without an entry); the count done."""
    published = ArticlePage.objects.published()
    if not missing_only:
        SearchEntry.objects.exclude(article__in=published).delete()
    else:
        published = published.filter(search_entry__isnull=True)
    done = 0
    for chunk in batched(published.order_by("pk").iterator(chunk_size=BATCH), BATCH):
        index_articles(chunk)
        done += len(chunk)
    return done
