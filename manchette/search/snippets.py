"""Where a result matched: the reader's words marked in its headline and in an extract.

The words are found as the index finds them (folded, stemmed in the
article's language), so "économie" marks "économies". Everything else is
escaped here, once: the result is safe HTML with only ``<mark>`` added.
"""

import re
from html import escape

from django.utils.safestring import mark_safe

from .languages import analyser, words

SNIPPET_WORDS = 32
SENTENCE_END = re.compile(r"([.!?…»])\n")


def _keys(text, query, language):
    reading = analyser(language)
    wanted = set(query.wanted_terms(reading))
    found = words(text)
    keys = reading.keys([word for _start, _end, word in found])
    return found, [key in wanted if key else False for key in keys]


def _marked(text, found, marks, start, end):
    pieces, position = [], start
    for (word_start, word_end, _word), marked in zip(found, marks, strict=True):
        if not marked or word_start < start or word_end > end:
            continue
        pieces += [
            escape(text[position:word_start]),
            f"<mark>{escape(text[word_start:word_end])}</mark>",
        ]
        position = word_end
    pieces.append(escape(text[position:end]))
    return "".join(pieces)


def highlight(text, query, language):
    """The whole text, escaped, with the query's words marked."""
    found, marks = _keys(text, query, language)
    return mark_safe(_marked(text, found, marks, 0, len(text)))  # noqa: S308 (escaped above)


def snippet(text, query, language):
    """About SNIPPET_WORDS words of the text around its best match, marked, with ellipses."""
    found, marks = _keys(text, query, language)
    if not found:
        return ""
    count = min(SNIPPET_WORDS, len(found))
    # The window that marks the most words; the earliest of equals.
    best, best_score = 0, -1
    score = sum(marks[:count])
    for first in range(len(found) - count + 1):
        if first:
            score += marks[first + count - 1] - marks[first - 1]
        if score > best_score:
            best, best_score = first, score
    # Start a word or two before the first mark, so that the match is read in context.
    lead = next((i for i in range(best, best + count) if marks[i]), best)
    best = max(0, min(best, lead - 3))
    last = min(len(found), best + count) - 1
    start, end = found[best][0], found[last][1]
    # The punctuation that closes the last word belongs to the extract.
    while end < len(text) and not text[end].isspace() and not text[end].isalnum():
        end += 1
    # Blocks (standfirst, intertitle, paragraphs) are lines of the text: a sentence that
    # ends one runs on; a line without a full stop (an intertitle) is set apart.
    extract = SENTENCE_END.sub(r"\1 ", _marked(text, found, marks, start, end)).replace("\n", " · ")
    before = "… " if text[:start].strip() else ""
    after = " …" if text[end:].strip() else ""
    return mark_safe(before + extract + after)  # noqa: S308 (escaped in _marked)
