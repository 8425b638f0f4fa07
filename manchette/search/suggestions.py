"""What a search page offers besides results: matching sections and tags, and other searches.

A search that finds nothing says why it may have failed and what would
find something: the same words without the filters, fewer words, or a
close spelling taken from the site's own words (headlines, sections, tags).
"""

from dataclasses import dataclass
from difflib import get_close_matches
from urllib.parse import urlencode

from django.conf import settings
from django.db.models import Exists, OuterRef
from django.utils import translation
from taggit.models import Tag

from manchette.newsroom.models import ArticlePage, ArticleTag, SectionPage

from .languages import analyser, fold, words

# How many recent headlines lend their words to spelling suggestions.
VOCABULARY_HEADLINES = 1000


@dataclass(frozen=True)
class Suggestion:
    query: str
    count: int
    filters: dict
    unfiltered: bool = False

    @property
    def link(self):
        params = {"q": self.query}
        for name, value in self.filters.items():
            params[name] = getattr(value, "slug", value)
        return "?" + urlencode(params)


def _named_by(query, reading):
    """A test of whether every word of a name is among the query's (read in one language)."""
    wanted = set(query.wanted_terms(reading))

    def named(name):
        terms = set(reading.terms(name))
        return bool(terms) and terms <= wanted

    return named


def topics(query):
    """Sections (named in the reader's language) and tags (in the site's) that the query names."""
    section_named = _named_by(query, analyser(translation.get_language()))
    tag_named = _named_by(query, analyser(settings.LANGUAGE_CODE))
    sections = [
        section
        for section in SectionPage.objects.live().public().order_by("path")
        if section_named(section.name)
    ]
    published = ArticlePage.objects.published()
    in_use = ArticleTag.objects.filter(tag=OuterRef("pk"), content_object__in=published)
    tags = [
        tag
        for tag in Tag.objects.filter(Exists(in_use)).order_by("name").only("name", "slug")
        if tag_named(tag.name)
    ]
    return sections, tags


def vocabulary():
    """The site's own words, folded: recent headlines, section names and tags."""
    texts = list(
        ArticlePage.objects.published()
        .order_by("-first_published_at")
        .values_list("title", flat=True)[:VOCABULARY_HEADLINES]
    )
    texts += [section.name for section in SectionPage.objects.live().public()]
    texts += list(Tag.objects.values_list("name", flat=True))
    return {fold(word): word for text in texts for _start, _end, word in words(text)}


def alternatives(query, filters, count):
    """Searches that would find something: ``count(query_text, filters)`` says how much."""
    found = []
    if filters and (total := count(query.text, {})):
        found.append(Suggestion(query.text, total, {}, unfiltered=True))
    wanted = [clause.text for clause in query.wanted]
    if len(wanted) > 1:
        found += [
            Suggestion(text, total, filters) for text in wanted if (total := count(text, filters))
        ]
    known = vocabulary()
    respelled = query.text
    for _start, _end, word in words(query.text):
        folded = fold(word)
        if folded not in known and (close := get_close_matches(folded, known, n=1, cutoff=0.75)):
            respelled = respelled.replace(word, known[close[0]])
    if respelled != query.text and (total := count(respelled, filters)):
        found.append(Suggestion(respelled, total, filters))
    return found
