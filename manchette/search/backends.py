"""What each database searches: FTS5 on SQLite, text search on PostgreSQL.

Both answer the same two questions about a ``ReaderQuery``: which articles
match (every wanted word or phrase, no unwanted one, in the article's own
language), and how well: 3 when the kicker and headline alone hold every
wanted word, 2 when the standfirst and tags are needed too, 1 when the body
is. Readers get the best first, and the newest first among equals.

A query is read in each language in turn (an article matches in its own),
and a language in which it asks for nothing but stop words is left out.
"""

from django.contrib.postgres.search import SearchQuery, SearchVector, SearchVectorField
from django.db import connection
from django.db.models import Case, F, Func, IntegerField, Q, Value, When
from django.db.models.expressions import RawSQL

from .languages import analysers

HEADLINE, SUMMARY, BODY = 3, 2, 1


class SQLiteIndex:
    """An FTS5 table over terms written as ``<language>_<stem>``.

    The language prefix keeps languages apart in one table: the French stem
    of a word never matches a Dutch article's.
    """

    MATCHING = "SELECT rowid FROM search_fts WHERE search_fts MATCH %s"

    def fill(self, entry, analyser):
        for part in ("headline", "summary", "body"):
            terms = analyser.terms(getattr(entry, part))
            setattr(entry, f"{part}_terms", " ".join(f"{analyser.language}_{t}" for t in terms))

    def refresh(self, entries):
        """Nothing to do: triggers keep the FTS5 table in step with the entries."""

    def match(self, articles, query):
        readable = [analyser for analyser in analysers() if query.reads_in(analyser)]
        if not readable:
            return articles.none()

        def found(columns=None):
            expression = " OR ".join(
                f"({self._expression(query, analyser, columns)})" for analyser in readable
            )
            # A constant statement: the match expression goes in as a parameter.
            return Q(pk__in=RawSQL(self.MATCHING, [expression]))  # noqa: S611

        return articles.filter(found()).annotate(
            relevance=Case(
                When(found("headline_terms"), then=Value(HEADLINE)),
                When(found("headline_terms summary_terms"), then=Value(SUMMARY)),
                default=Value(BODY),
                output_field=IntegerField(),
            )
        )

    def _expression(self, query, analyser, columns=None):
        """FTS5 syntax: the wanted clauses AND-ed, then each unwanted one NOT-ed.

        With ``columns``, where the wanted clauses are (for the relevance): the
        unwanted ones were already ruled out by the match itself.
        """
        wanted = [part for clause in query.wanted if (part := self._clause(clause, analyser))]
        expression = "(" + " AND ".join(wanted) + ")"
        if columns:
            return "{" + columns + "} : " + expression
        for clause in query.unwanted:
            if unwanted := self._clause(clause, analyser):
                expression = f"({expression} NOT {unwanted})"
        return expression

    @staticmethod
    def _clause(clause, analyser):
        # Terms hold only letters, digits and "_": nothing in them can end the quotes.
        terms = [f"{analyser.language}_{term}" for term in analyser.terms(clause.text)]
        if not terms:
            return ""
        if clause.phrase:
            return '"' + " ".join(terms) + '"'
        return "(" + " AND ".join(f'"{term}"' for term in terms) + ")"


class PostgresIndex:
    """One weighted tsvector per entry, in the article's ``manchette_<language>`` configuration."""

    def fill(self, entry, analyser):
        """Nothing to prepare: PostgreSQL reads the text itself (see ``refresh``)."""

    def refresh(self, entries):
        from .models import SearchEntry

        by_language = {}
        for entry in entries:
            by_language.setdefault(entry.language, []).append(entry.pk)
        for language, keys in by_language.items():
            config = f"manchette_{language}"
            SearchEntry.objects.filter(pk__in=keys).update(
                vector=SearchVector("headline", config=config, weight="A")
                + SearchVector("summary", config=config, weight="B")
                + SearchVector("body", config=config, weight="C")
            )

    def match(self, articles, query):
        found = {HEADLINE: Q(), SUMMARY: Q(), BODY: Q()}
        for analyser in analysers():
            if not query.reads_in(analyser):
                continue
            config = f"manchette_{analyser.language}"
            wanted = self._combined(query.wanted, analyser, config)
            everything = wanted
            for clause in query.unwanted:
                if analyser.terms(clause.text):
                    everything &= ~self._search_query(clause, config)
            language = Q(search_entry__language=analyser.language)
            found[BODY] |= language & Q(search_entry__vector=everything)
            found[SUMMARY] |= language & Q(_headline_summary=wanted)
            found[HEADLINE] |= language & Q(_headline=wanted)
        if not found[BODY]:
            return articles.none()
        return (
            articles.filter(found[BODY])
            .alias(_headline=self._weighted("{a}"), _headline_summary=self._weighted("{a,b}"))
            .annotate(
                relevance=Case(
                    When(found[HEADLINE], then=Value(HEADLINE)),
                    When(found[SUMMARY], then=Value(SUMMARY)),
                    default=Value(BODY),
                    output_field=IntegerField(),
                )
            )
        )

    @staticmethod
    def _weighted(weights):
        """The entry's vector reduced to the parts of these weights."""
        return Func(
            F("search_entry__vector"),
            Value(weights),
            function="ts_filter",
            output_field=SearchVectorField(),
        )

    @staticmethod
    def _search_query(clause, config):
        return SearchQuery(
            clause.text, search_type="phrase" if clause.phrase else "plain", config=config
        )

    def _combined(self, clauses, analyser, config):
        combined = None
        for clause in clauses:
            # A clause of stop words only is an empty tsquery: PostgreSQL skips it anyway.
            if analyser.terms(clause.text):
                part = self._search_query(clause, config)
                combined = part if combined is None else combined & part
        return combined


def search_index():
    """The index of the database in use."""
    return PostgresIndex() if connection.vendor == "postgresql" else SQLiteIndex()
