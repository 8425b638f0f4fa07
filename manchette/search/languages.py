"""How the reader's search reads a language: words, accents, stop words and stems.

An article is indexed in its own language, and a reader's query is read in
each language in turn (``analysers()``): "économies" in a French story and
"économie" typed by a reader both come down to the French stem ``econom``,
while "de" is a French stop word that finds nothing on its own.

Accents and case are folded before anything else, so that a reader who types
"musee" finds "musées". The stemmers are Snowball's (PyStemmer) and the stop
words Snowball's lists, as in PostgreSQL's text search configurations, which
``migrations/0001_initial.py`` builds the same way (``unaccent`` first, then
the language's Snowball stemmer). Each ships its own Snowball version, so a
rare word may stem differently on the two; ``tests/search/corpus.py`` holds
both to the same answers.
"""

import re
import threading
import unicodedata
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import Stemmer
from django.conf import settings

# Snowball's name for each interface language.
SNOWBALL = {"fr": "french", "nl": "dutch", "de": "german", "en": "english"}
# Letters and digits; an apostrophe or a hyphen separates words, as in PostgreSQL.
WORD = re.compile(r"[^\W_]+")
# Letters that Unicode does not decompose but PostgreSQL's unaccent spells out.
LIGATURES = {"œ": "oe", "æ": "ae", "ø": "o", "ł": "l", "đ": "d", "ı": "i"}
# The accents NFKD takes apart from their letters (Unicode's combining diacritical marks).
COMBINING = re.compile("[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]")
STOP_WORDS_DIR = Path(__file__).resolve().parent / "stopwords"

# PyStemmer's stemmers keep state while they stem: one per thread (granian runs several).
_local = threading.local()


def fold(text):
    """Text without case or accents: "Économie" and "economie" are the same word."""
    text = text.casefold()
    for letter, spelled in LIGATURES.items():
        if letter in text:
            text = text.replace(letter, spelled)
    return COMBINING.sub("", unicodedata.normalize("NFKD", text))


def words(text):
    """Each word of a text with where it starts and ends, as (start, end, word)."""
    return [(match.start(), match.end(), match.group()) for match in WORD.finditer(text)]


@dataclass(frozen=True)
class Analyser:
    """One language's reading of words: which to ignore, and each other's stem."""

    language: str

    @property
    def stop_words(self):
        return _stop_words(self.language)

    def _stemmer(self):
        stemmers = _local.__dict__.setdefault("stemmers", {})
        if self.language not in stemmers:
            stemmers[self.language] = Stemmer.Stemmer(SNOWBALL[self.language])
        return stemmers[self.language]

    def _keys(self, folded):
        stop_words = self.stop_words
        stems = self._stemmer().stemWords(folded)
        return [None if w in stop_words else s for w, s in zip(folded, stems, strict=True)]

    def keys(self, found):
        """The index key of each word (its folded stem), or None for a stop word."""
        return self._keys([fold(word) for word in found])

    def terms(self, text):
        """The keys of a text's words that count, in order: what the index holds."""
        # Folded whole, then split: folding keeps word boundaries, and once is faster.
        return [key for key in self._keys(WORD.findall(fold(text))) if key]


@cache
def _stop_words(language):
    lines = (STOP_WORDS_DIR / f"{language}.txt").read_text(encoding="utf-8").split()
    return frozenset(fold(word) for word in lines)


def analyser(language):
    """The analyser of a language tag ("fr-BE" is read as French); one without a stemmer
    is read as the site's language."""
    code = (language or "").split("-")[0].lower()
    return Analyser(code if code in SNOWBALL else settings.LANGUAGE_CODE)


def analysers():
    return [Analyser(language) for language in SNOWBALL]
