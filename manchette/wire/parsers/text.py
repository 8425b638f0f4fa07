"""What every parser needs: times, text, encodings and a safe body.

Agencies send times with and without a zone, in ISO 8601's extended and
basic forms; bodies as HTML, XHTML, NITF or plain text. Everything here
either returns a clean value or raises ``DispatchRejected``.
"""

import re
from datetime import UTC, datetime
from html import escape, unescape
from zoneinfo import ZoneInfo

import nh3
from django.utils.translation import gettext_noop

from ..dispatch import DispatchRejected
from ..reasons import Reason

BRUSSELS = ZoneInfo("Europe/Brussels")

# The tags an article body accepts (see newsroom.blocks): paragraphs with
# bold, italic and links, intertitles and quotes. Lists become paragraphs.
BODY_TAGS = {
    "p", "br", "b", "strong", "i", "em", "a", "h2", "h3", "h4", "h5", "h6",
    "blockquote", "ul", "ol", "li",
}  # fmt: skip
BODY_ATTRIBUTES = {"a": {"href"}}
LINK_SCHEMES = {"http", "https", "mailto"}
# Elements whose content is not text a reader should get.
DROPPED_WITH_CONTENT = {"script", "style", "template", "noscript", "iframe", "object", "svg"}

# What a reason names when the caller does not say: "The time … is not a real date".
TIME = gettext_noop("time")
FILE = gettext_noop("file")
BLANK_LINE = re.compile(r"\n[ \t]*\n")
INDENTED_LINE = re.compile(r"\n(?=[ \t]+\S)")
LITERAL_PARAGRAPH = re.compile(r"</?p\s*>", re.I)

# The initials of the journalists and desks who handled a story, ending its last paragraph
# as agencies send it to subscribers ("asl/tib/pid/cac", "bur-dar-gl/fz", "==Kyodo").
SIGN_OFF = re.compile(r"<p>\s*(==\s*\w+|[a-z]{2,5}(?:[/-][a-z]{2,5})*/[a-z]{2,5})\s*</p>$")
EMPTY_END = re.compile(r"<p>(\s|<br>|&nbsp;)*</p>$")
# "© Thomson Reuters 2020", "© ΑΠΕ-ΜΠΕ ΑΕ. Τα πνευματικά δικαιώματα …": rights, not story.
RIGHTS_NOTICE = re.compile(
    r"<p>\s*(<[bi]>\s*)*(©|\(c\)|copyright\b)[^<]{0,300}(</[bi]>\s*)*</p>$", re.I
)
# A link left with nothing inside once its picture is gone.
EMPTY_LINK = re.compile(r"<a [^>]*>\s*</a>")

URGENCIES = {str(level) for level in range(1, 10)}
# UTF-8 read as Latin-1 or Windows-1252: "Ã©" for "é", "â€™" for "’".
MOJIBAKE = re.compile("[ÃÂ][\u0080-\u00bf]|â€[\u0080-\u00bf\u2018-\u203a]")


def parse_time(value, zone=UTC, what=TIME):
    """An aware datetime from ISO 8601 text; a time without zone is in ``zone``.

    Extended (2015-09-16T22:25:02+02:00) and basic (20150916T222502+0200)
    forms, a date alone, fractions and zones: what ``datetime.fromisoformat`` reads.
    """
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    text = str(value).strip()
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        raise DispatchRejected(
            gettext_noop(
                "The %(what)s “%(text)s” is not a real date and time written in ISO 8601 "
                "(as in 2015-09-16T22:25:02+02:00)."
            ),
            what=Reason(what),
            text=text[:40],
        ) from None
    return moment if moment.tzinfo else moment.replace(tzinfo=zone)


def is_date_only(value):
    """Whether ISO 8601 text gives a day without a time ("2019-10-01", "20191001")."""
    text = str(value or "").strip()
    return bool(text) and not any(mark in text.upper() for mark in ("T", ":", " "))


def squash(text):
    """Text on one line with single spaces."""
    return " ".join(str(text or "").split())


def check_mojibake(*texts):
    """Refuse UTF-8 text that was decoded with the wrong encoding somewhere upstream."""
    for text in texts:
        found = MOJIBAKE.search(text or "")
        if found:
            raise DispatchRejected(
                gettext_noop(
                    "The text contains “%(found)s”, UTF-8 read as Latin-1: the declared "
                    "encoding is wrong. Fix the encoding at the source and retry."
                ),
                found=found.group(),
            )


def decode_utf8(raw, what=FILE):
    """Strict UTF-8 (a BOM is allowed): a wrong or mixed encoding is refused, with where."""
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise DispatchRejected(
            gettext_noop(
                "The %(what)s is not valid UTF-8 (byte 0x%(byte)s at position %(position)s): "
                "wrong or mixed encodings."
            ),
            what=Reason(what),
            byte=f"{raw[error.start]:02x}",
            position=error.start,
        ) from None


def sanitise_body(html):
    """The body reduced to the tags an article body accepts, without the desk's sign-off."""
    clean = nh3.clean(
        html or "",
        tags=BODY_TAGS,
        clean_content_tags=DROPPED_WITH_CONTENT,
        attributes=BODY_ATTRIBUTES,
        url_schemes=LINK_SCHEMES,
        link_rel=None,
    ).strip()
    clean = EMPTY_LINK.sub("", clean)
    # What ends the text without being the story: empty paragraphs, the desk's
    # sign-off, the rights notice; each may come after the other.
    before = None
    while before != clean:
        before = clean
        for ending in (EMPTY_END, SIGN_OFF, RIGHTS_NOTICE):
            clean = ending.sub("", clean).rstrip()
    return clean


def plain_text(html):
    """The text of an HTML fragment, tags dropped, on one line."""
    return squash(
        unescape(nh3.clean(str(html or ""), tags=set(), clean_content_tags=DROPPED_WITH_CONTENT))
    )


def text_to_html(text):
    """Plain text to paragraphs, told apart from the lines of a hard-wrapped text.

    A blank line ends a paragraph, and so does the next line's indent (ANSA wraps
    its lines and indents each new paragraph); a literal ``<p>`` or ``</p>``, as
    some agencies leave in plain text, counts as a blank line. A text with
    neither blank lines nor indents has one paragraph per line.
    """
    text = (text or "").replace("\r\n", "\n").replace("\r", "\n")
    text = LITERAL_PARAGRAPH.sub("\n\n", text).strip("\n")
    blocks = [block.strip() for block in BLANK_LINE.split(text) if block.strip()]
    if len(blocks) == 1 and not hanging_indents(text.strip()):
        paragraphs = text.split("\n")
    else:
        paragraphs = [
            part
            for block in blocks
            for part in (INDENTED_LINE.split(block) if hanging_indents(block) else [block])
        ]
    escaped = (escape(squash(paragraph), quote=False) for paragraph in paragraphs)
    return "".join(f"<p>{paragraph}</p>" for paragraph in escaped if paragraph)


def hanging_indents(text, at_least=1):
    """Lines wrapped flush left whose paragraphs start indented, as wire text was typed.

    Text whose lines are all indented alike is only laid out (pretty-printed XML).
    """
    lines = [line for line in text.split("\n")[1:] if line.strip()]
    indented = sum(1 for line in lines if line[0] in " \t")
    return indented >= at_least and indented < len(lines)


def urgency(value):
    """An urgency from 1 to 9, written as text or as a number; anything else is none."""
    if isinstance(value, str):
        value = value.strip()
        return int(value) if value in URGENCIES else None
    if isinstance(value, int | float) and not isinstance(value, bool) and value in range(1, 10):
        return int(value)
    return None


def first(*values):
    """The first value that is not empty."""
    return next((value for value in values if value), "")


def each(items, make):
    """make(item) for each item; a story that fails becomes its DispatchRejected."""
    results = []
    for position, item in enumerate(items, 1):
        try:
            results.append(make(item))
        except DispatchRejected as error:
            results.append(
                DispatchRejected(
                    gettext_noop("Story %(position)s: %(reason)s"),
                    position=position,
                    reason=error.reason,
                )
                if len(items) > 1
                else error
            )
    return results
