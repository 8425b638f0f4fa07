"""The reader's search index: one entry per published article.

An entry keeps the article's words as readers read them (for the snippets
under each result) and, depending on the database, what the database
searches: on SQLite, the same three parts as index terms for the FTS5 table
that ``migrations/0001_initial.py`` creates over them; on PostgreSQL, one
weighted ``tsvector`` in the article's own text search configuration.

The three parts rank a story: every word of the query in the kicker and
headline first, then in the standfirst and tags, then anywhere in the body.
"""

from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.utils.translation import gettext_lazy as _


class SearchEntry(models.Model):
    article = models.OneToOneField(
        "newsroom.ArticlePage",
        verbose_name=_("article"),
        primary_key=True,
        on_delete=models.CASCADE,
        related_name="search_entry",
    )
    language = models.CharField(_("language"), max_length=8)
    headline = models.TextField(_("headline"))
    summary = models.TextField(_("standfirst and tags"), blank=True)
    body = models.TextField(_("body"), blank=True)
    # SQLite: each part's index terms, as "fr_econom fr_belgiqu" (language, then stem).
    headline_terms = models.TextField(blank=True, editable=False)
    summary_terms = models.TextField(blank=True, editable=False)
    body_terms = models.TextField(blank=True, editable=False)
    # PostgreSQL: headline (A), summary (B) and body (C) in the language's configuration.
    vector = SearchVectorField(null=True, editable=False)

    class Meta:
        verbose_name = _("search entry")
        verbose_name_plural = _("search entries")

    def __str__(self):
        return self.headline
