"""A dispatch: one agency story, whatever format it arrived in.

Every parser turns its format into ``Dispatch`` objects and nothing else, so
routing and the newsroom upsert never look at XML or JSON. A parser that
cannot make a dispatch of its input raises ``DispatchRejected`` with a
sentence a person can act on; it goes into the quarantine as the reason.
"""

import hashlib
import json
import re
from dataclasses import asdict, dataclass, field
from datetime import datetime
from html import unescape

from django.utils.translation import gettext_noop

from manchette.newsroom.languages import language_tag
from manchette.newsroom.models import ArticlePage

from .reasons import Reason


def _length(name):
    return ArticlePage._meta.get_field(name).max_length


# The article fields a dispatch fills say how long each may be: longer values are cut.
HEADLINE_LENGTH = _length("title")
KICKER_LENGTH = _length("kicker")
SLUGLINE_LENGTH = _length("slugline")
STANDFIRST_LENGTH = _length("standfirst")
BYLINE_LENGTH = _length("byline")
DATELINE_LENGTH = _length("dateline")
GUID_LENGTH = _length("external_guid")

# An e-mail address, alone or in brackets, in a byline.
EMAIL = re.compile(r"\(?\s*[\w.+-]+@[\w-]+(\.[\w-]+)+\s*\)?")
# "By", "Von", "Par" …: the word before the names, in the languages agencies write.
BY = re.compile(r"^(by|von|par|door|por|av|af)\s+(?!der\b|den\b)", re.I)
# A first paragraph holding the byline alone: "By" and a few words.
BYLINE_PARAGRAPH = re.compile(r"<p>\s*((?:by|von|par|door)\s+[^<.]{3,60})</p>", re.I)
TAG = re.compile(r"<[^>]*>")
WORD_CHARACTERS = re.compile(r"[^\W_]+")
# A login rather than a name: one word joined by dots or underscores ("powell.robin").
ACCOUNT = re.compile(r"^[\w-]+[._][\w.-]*$")

USABLE = "usable"
WITHHELD = "withheld"
CANCELED = "canceled"
PUBSTATUSES = (USABLE, WITHHELD, CANCELED)

UPDATE = "update"
CORRECTION = "correction"
KILL = "kill"


class DispatchRejected(ValueError):
    """The input cannot become a dispatch; its ``reason`` says why, for the quarantine.

    Raised with an English message id marked by ``gettext_noop`` and its
    parameters: ``DispatchRejected(gettext_noop("The %(what)s is empty."), what=…)``.
    ``str()`` gives it in the active language.
    """

    def __init__(self, msgid, **params):
        self.reason = Reason(msgid, **params)
        super().__init__(self.reason.english())

    def __str__(self):
        return str(self.reason)


@dataclass(frozen=True)
class Subject:
    """A subject as the agency codes it (``medtop:11000000``) and names it ("politique")."""

    code: str = ""
    name: str = ""


@dataclass(frozen=True)
class Picture:
    href: str
    caption: str = ""
    credit: str = ""


@dataclass
class Dispatch:
    """The normalised story. Times are aware datetimes; ``body_html`` is already sanitised."""

    format: str
    guid: str
    headline: str
    version: str = ""
    provider: str = ""
    first_created: datetime | None = None
    version_created: datetime | None = None
    # The source dated the story by its day alone: the times above are midnight, not news.
    date_only: bool = False
    embargo: datetime | None = None
    pubstatus: str = USABLE
    urgency: int | None = None
    language: str = ""
    # What the agency marks as the kicker; its slugline (a desk's label, such as
    # "BC-US--Earns-Nutrisystem") is kept apart, for editors and search only.
    kicker: str = ""
    slugline: str = ""
    standfirst: str = ""
    body_html: str = ""
    byline: str = ""
    dateline: str = ""
    subjects: tuple[Subject, ...] = ()
    keywords: tuple[str, ...] = ()
    pictures: tuple[Picture, ...] = ()
    signals: frozenset[str] = field(default_factory=frozenset)
    # The agency's note on this version: what a correction corrects, why a story is killed.
    note: str = ""
    previous_version: str = ""
    url: str = ""

    def __post_init__(self):
        self.guid = " ".join((self.guid or "").split())
        self.headline = " ".join((self.headline or "").split())
        if not self.guid:
            raise DispatchRejected(
                gettext_noop("The dispatch has no identifier (guid, uri or id).")
            )
        if len(self.guid) > GUID_LENGTH:
            raise DispatchRejected(
                gettext_noop("The identifier is longer than %(length)s characters."),
                length=GUID_LENGTH,
            )
        if not self.headline:
            raise DispatchRejected(
                gettext_noop("The dispatch %(guid)s has no headline."), guid=self.guid
            )
        if self.pictures and not self.body_html and not self.standfirst and not self.is_kill:
            raise DispatchRejected(
                gettext_noop(
                    "The dispatch %(guid)s is a picture with its caption, not a story: "
                    "there is no text to publish as an article."
                ),
                guid=self.guid,
            )
        if self.pubstatus not in PUBSTATUSES:
            self.pubstatus = USABLE
        if self.urgency is not None and not 1 <= self.urgency <= 9:
            self.urgency = None
        self.headline = _cut(self.headline, HEADLINE_LENGTH)
        self.kicker = _cut(self.kicker, KICKER_LENGTH)
        self.slugline = _cut(self.slugline.rstrip(" :"), SLUGLINE_LENGTH)
        self.standfirst = _cut(self.standfirst, STANDFIRST_LENGTH)
        self._byline_from_body()
        if self.standfirst and _letters(self.body_html).startswith(_letters(self.standfirst)):
            # The standfirst is the text's start again (a teaser cut from it): shown once.
            self.standfirst = ""
        self.byline = _cut(names(self.byline), BYLINE_LENGTH)
        self.dateline = _cut(self.dateline, DATELINE_LENGTH)
        # The story's own language, as a standard BCP 47 tag; what is none is left empty.
        self.language = language_tag(self.language)
        self.keywords = tuple(dict.fromkeys(k.strip() for k in self.keywords if k.strip()))
        self.signals = frozenset(self.signals)

    def _byline_from_body(self):
        """A first paragraph that is a byline ("By Jonathan Underhill") is the byline."""
        found = BYLINE_PARAGRAPH.match(self.body_html)
        if found:
            self.byline = self.byline or found.group(1)
            self.body_html = self.body_html[found.end() :].lstrip()

    @property
    def is_kill(self):
        return self.pubstatus == CANCELED or KILL in self.signals

    @property
    def is_correction(self):
        return CORRECTION in self.signals

    @property
    def fingerprint(self):
        """What readers would see of this version: the same fingerprint twice changes nothing."""
        data = asdict(self)
        data["signals"] = sorted(self.signals)
        encoded = json.dumps(data, sort_keys=True, default=str, ensure_ascii=False)
        return hashlib.sha256(encoded.encode()).hexdigest()


def names(byline):
    """The byline as readers should see it: names, without "By", e-mail addresses or accounts.

    "By Henning Gloystein" → "Henning Gloystein"; "Mark Pilgrim (mark@example.org)" →
    "Mark Pilgrim"; "degenhardt.sandra" (an editing system's account) → ""; "BERNARD
    CONDON" → "Bernard Condon".
    """
    text = EMAIL.sub("", " ".join((byline or "").split()))
    text = BY.sub("", text).strip()
    kept = []
    for part in (part.strip() for part in text.split(",")):
        if not part or ACCOUNT.match(part):
            continue
        kept.append(part.title() if part.isupper() and " " in part else part)
    return ", ".join(kept)


def _letters(html):
    """The letters and digits of a text or an HTML body, to compare two texts' words."""
    return "".join(WORD_CHARACTERS.findall(unescape(TAG.sub(" ", html or "")))).casefold()


def _cut(text, length):
    text = " ".join((text or "").split())
    return text if len(text) <= length else text[: length - 1].rstrip() + "…"
