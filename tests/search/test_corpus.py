"""The search corpus: in each language, what a query must and must not find.

One database for all queries (building the newsroom is the slow part);
a failure lists every query that went wrong, with what it found.
"""

import pytest

from manchette.search.query import ReaderQuery
from manchette.search.views import matching

from .corpus import QUERIES, build

pytestmark = pytest.mark.django_db


def found_names(articles, text):
    names = {article.pk: name for name, article in articles.items()}
    return {names[pk] for pk in matching(ReaderQuery.parse(text), {}).values_list("pk", flat=True)}


def test_each_query_finds_what_it_must_and_nothing_it_must_not():
    articles = build()
    wrong = []
    for text, (must, must_not) in QUERIES.items():
        found = found_names(articles, text)
        missing, extra = set(must) - found, set(must_not) & found
        if missing or extra:
            wrong.append(
                f"{text!r}: found {sorted(found)}, missing {sorted(missing)}, "
                f"should not find {sorted(extra)}"
            )
    assert not wrong, "\n".join(wrong)


def test_the_query_as_typed_never_matters_for_case_or_accents():
    articles = build()
    typed = found_names(articles, "MUSÉES")
    assert "fr_musees" in typed
    assert typed == found_names(articles, "musees") == found_names(articles, "Musées")
