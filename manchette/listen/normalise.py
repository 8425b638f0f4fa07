"""From an article to the text its voice says: a ``Script`` of passages.

What is read is what a listener needs and nothing else: the headline (with
its kicker), the standfirst and the body's paragraphs, intertitles and
quotes, taken from the article's fields rather than its HTML, so that the
sidebar (``data-listen="skip"``), the credits, the image captions and the
comments never reach the voice.

Each passage is normalised for its language (``manchette.listen.languages``):
quotes and dashes become pauses, abbreviations are spelled out, and times,
dates, ordinals, amounts and numbers become words, as the language's voice
says them (the voice 'fr-be' says septante). The voice pauses between
passages (``MANCHETTE_LISTEN_PARAGRAPH_PAUSE_MS``); ``Script.text()`` shows
those pauses as blank lines, as ``manchette listen --text`` prints it.
"""

import re
import unicodedata
from dataclasses import dataclass
from functools import cache

import lxml.html
from django.utils.translation import gettext as _

from manchette.core.conf import setting

from .languages import LANGUAGES, voice_for

# Paragraph-level elements a rich-text paragraph block may hold (pasted text).
BLOCK_TAGS = ("p", "h2", "h3", "h4", "li", "blockquote")
QUOTES = '«»“”„‟‹›"‘‚'
SPACES = "\u00a0\u202f\u2007\u2009\u200a\u2002\u2003"
CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f\u200b-\u200d\ufeff]")
SENTENCE_END = tuple(".!?…:;")


@dataclass(frozen=True)
class Script:
    """What the voice says, passage by passage, and in which language."""

    language: str
    passages: tuple

    def text(self):
        return "\n\n".join(self.passages)

    @property
    def words(self):
        return sum(len(passage.split()) for passage in self.passages)


class NoVoice(ValueError):
    """espeak-ng has no voice for the article's language: it is not read aloud."""


def spoken_language(language):
    """The article's language tag, once it is sure a voice reads it."""
    if voice_for(language) is None:
        raise NoVoice(
            _("espeak-ng has no voice for the language “%(language)s”: not read aloud.")
            % {"language": language}
        )
    return language


@cache
def rules(language, voice, extra):
    return LANGUAGES[language](voice, dict(extra))


def normalise(text, language):
    """One passage of written text as its voice must say it."""
    code = language.split("-")[0].lower()
    text = typography(text)
    if code in LANGUAGES:
        extra = setting("MANCHETTE_LISTEN_ABBREVIATIONS").get(code, {})
        language_rules = rules(code, voice_for(language), tuple(sorted(extra.items())))
        for step in (
            language_rules.expand_abbreviations,
            language_rules.times,
            language_rules.dates,
            language_rules.ordinals,
            language_rules.amounts,
            language_rules.numbers,
        ):
            text = step(text)
    text = " ".join(text.split())
    if text and not text.endswith(SENTENCE_END):
        text += "."
    return text


def typography(text):
    """Marks that are seen, not heard: quotes go, dashes and bullets become pauses."""
    text = unicodedata.normalize("NFC", text)
    text = CONTROL.sub(" ", text)
    text = text.translate({ord(space): " " for space in SPACES})
    text = text.replace("’", "'").replace("…", "...")
    text = re.sub(rf"[{QUOTES}]", " ", text)
    # An apostrophe used as an opening or closing quote, not inside a word.
    text = re.sub(r"(?<!\w)'|'(?!\w)", " ", text)
    text = re.sub(r"\s+[—–]\s+|\s*•\s*", ", ", text)
    # A dialogue dash opening the text, but not the minus of "-3".
    text = re.sub(r"^\s*[—–-](?!\d)\s*|\s*[—–]\s*$", "", text)
    text = re.sub(r"\s+(?=[,.!?;:])", "", " ".join(text.split()))
    # A pause mark left before a full stop or at the start of the text reads as nothing.
    return re.sub(r"^[\s,]+|,(?=[.!?;:,])", "", text)


def rich_text_passages(html):
    """The paragraphs of a rich-text block, as plain text."""
    if not html.strip():
        return []
    root = lxml.html.fragment_fromstring(html, create_parent="div")
    for br in root.iter("br"):
        br.tail = " " + (br.tail or "")
    blocks = [element for element in root.iter(*BLOCK_TAGS) if element.find(".//p") is None]
    texts = [element.text_content() for element in blocks] or [root.text_content()]
    return [text for text in texts if text.strip()]


def written_passages(article):
    """Headline, standfirst and body of an article, as written, one passage each."""
    headline = f"{article.kicker}: {article.title}" if article.kicker else article.title
    passages = [headline, article.standfirst]
    for block in article.body:
        if block.block_type == "paragraph":
            passages += rich_text_passages(block.value.source)
        elif block.block_type == "intertitle":
            passages.append(block.value)
        elif block.block_type == "quote":
            passages.append(block.value["quote"])
            passages.append(block.value.get("attribution") or "")
        # Images are seen, not heard: their captions and credits are not read.
    return [passage for passage in passages if passage and passage.strip()]


def article_script(article):
    language = spoken_language(article.language)
    said = (normalise(passage, language) for passage in written_passages(article))
    return Script(language, tuple(passage for passage in said if passage.strip(".")))
