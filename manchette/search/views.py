"""The reader's search page: published articles only, the most relevant first.

``?q=`` is read by ``ReaderQuery`` (words, "phrases", -exclusions) and
matched by the database's index (``backends.py``); ``?section=``,
``?period=`` and ``?sort=`` come through ``SearchForm``. No query string
can make this page fail: a bad filter is shown as an error beside its
field, a bad page number is a 404.
"""

from dataclasses import dataclass
from urllib.parse import urlencode

from django.template.response import TemplateResponse
from django.utils import translation

from manchette.newsroom.models import ArticlePage, SectionPage, paginate

from .backends import search_index
from .forms import RECENT, RELEVANCE, SearchForm
from .languages import analyser, analysers
from .models import SearchEntry
from .query import MAX_QUERY_LENGTH, ReaderQuery
from .snippets import highlight, snippet
from .suggestions import alternatives, topics

RELEVANCE_ORDER = ("-relevance", "-first_published_at", "-pk")
RECENT_ORDER = ("-first_published_at", "-pk")


@dataclass
class Result:
    article: ArticlePage
    section: SectionPage | None
    kicker: str
    headline: str
    extract: str


def matching(query, filters):
    articles = SearchForm.narrow(ArticlePage.objects.published(), filters)
    return search_index().match(articles, query)


def count_matching(text, filters):
    return matching(ReaderQuery.parse(text), filters).count()


def results(query, page):
    """The page's articles with the reader's words marked in headline and extract."""
    bodies = dict(SearchEntry.objects.filter(pk__in=[a.pk for a in page]).values_list("pk", "body"))
    sections = {section.path: section for section in SectionPage.objects.live()}
    found = []
    for article in page:
        language = article.language
        # The standfirst, then the body as indexed (with its dateline and byline).
        text = "\n".join(filter(None, [article.standfirst, bodies.get(article.pk)]))
        found.append(
            Result(
                article,
                sections.get(article.path[: -ArticlePage.steplen]),
                highlight(article.kicker, query, language),
                highlight(article.title, query, language),
                snippet(text, query, language),
            )
        )
    return found


def search(request):
    query = ReaderQuery.parse(request.GET.get("q", ""))
    form = SearchForm(request.GET)
    filters = form.filters()
    context = {"query": query, "form": form, "max_length": MAX_QUERY_LENGTH, "articles": None}
    found = 0
    if any(query.reads_in(reading) for reading in analysers()):
        order = RECENT_ORDER if filters.get("sort") == RECENT else RELEVANCE_ORDER
        page = paginate(request, matching(query, filters).for_lists().order_by(*order))
        sections, tags = topics(query)
        context.update(articles=page, results=results(query, page), sections=sections, tags=tags)
        found = page.paginator.count
    # Typed, but nothing to look for in the reader's language (only common words, or
    # only words to leave out), and nothing found by reading it in another.
    context["nothing_to_find"] = bool(
        query.clauses and not found and not query.reads_in(analyser(translation.get_language()))
    )
    if context["articles"] is not None and not found and not context["nothing_to_find"]:
        context["alternatives"] = alternatives(query, filters, count_matching)
    params = {"q": query.text, **{name: request.GET.get(name, "") for name in form.fields}}
    # Pagination and sort links keep the query and the filters (escaped by the template).
    context["page_suffix"] = "&" + urlencode({k: v for k, v in params.items() if v})
    context["sort_links"] = sort_links(params)
    return TemplateResponse(request, "search/search.html", context)


def sort_links(params):
    """(label, link, current) for each order: the same search, ordered otherwise."""
    current = params.get("sort") or RELEVANCE
    links = []
    for value, label in SearchForm.base_fields["sort"].choices:
        kept = {name: v for name, v in {**params, "sort": value}.items() if v}
        links.append((label, "?" + urlencode(kept), value == current))
    return links
