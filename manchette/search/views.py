"""The reader's search page: published articles only, newest relevant first."""

import unicodedata
from urllib.parse import urlencode

from django.template.response import TemplateResponse

from manchette.newsroom.models import ArticlePage, paginate

MAX_QUERY_LENGTH = 200


def clean_query(raw):
    """The query as typed, without control characters, trimmed to a sane length."""
    visible = "".join(ch for ch in raw if unicodedata.category(ch)[0] != "C")
    return " ".join(visible.split())[:MAX_QUERY_LENGTH]


def search(request):
    query = clean_query(request.GET.get("q", ""))
    results = None
    if query:
        found = ArticlePage.objects.published().for_lists().search(query, operator="and")
        results = paginate(request, found)
    return TemplateResponse(
        request,
        "search/search.html",
        {
            "query": query,
            "articles": results,
            "max_length": MAX_QUERY_LENGTH,
            # Pagination links keep the query (escaped by the template).
            "page_suffix": "&" + urlencode({"q": query}),
        },
    )
