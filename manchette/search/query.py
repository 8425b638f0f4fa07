"""What a reader typed, read as a search: words, "quoted phrases" and -excluded words.

The syntax is the one search engines taught readers, and the one
PostgreSQL's ``websearch_to_tsquery`` reads: every word must appear, a
quoted phrase must appear as written, a word or phrase after a minus must
not. Nothing a reader types is an error: an unclosed quote runs to the end,
a lone minus is a word separator, and what remains is only ever words.
"""

import re
import unicodedata
from dataclasses import dataclass

MAX_QUERY_LENGTH = 200
# An optional minus, then a quoted phrase (closed or not) or a run of other characters.
CLAUSE = re.compile(r'(-?)(?:"([^"]*)"?|([^\s"]+))')


def clean_query(raw):
    """The query as typed, without control characters, trimmed to a sane length."""
    visible = "".join(ch for ch in raw if unicodedata.category(ch)[0] != "C")
    return " ".join(visible.split())[:MAX_QUERY_LENGTH]


@dataclass(frozen=True)
class Clause:
    text: str
    phrase: bool = False
    excluded: bool = False


@dataclass(frozen=True)
class ReaderQuery:
    text: str
    clauses: tuple

    @classmethod
    def parse(cls, raw):
        text = clean_query(raw)
        clauses = []
        for minus, quoted, bare in CLAUSE.findall(text):
            # A lone minus (or a run of them) is no word: "a - b" asks for a and b.
            words = " ".join(word for word in (bare or quoted).split() if word.strip("-"))
            if words:
                clauses.append(Clause(words, phrase=not bare, excluded=bool(minus)))
        return cls(text, tuple(clauses))

    @property
    def wanted(self):
        return [clause for clause in self.clauses if not clause.excluded]

    @property
    def unwanted(self):
        return [clause for clause in self.clauses if clause.excluded]

    def wanted_terms(self, analyser):
        """The index keys this query asks for in one language (stop words dropped)."""
        return [term for clause in self.wanted for term in analyser.terms(clause.text)]

    def reads_in(self, analyser):
        """Whether the query asks for anything in this language, beyond its stop words."""
        return bool(self.wanted_terms(analyser))
