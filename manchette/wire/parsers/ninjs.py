"""IPTC ninjs (news in JSON), major versions 1, 2 and 3.

1.x (and Superdesk's output) has one ``headline`` and ``body_html``; 2.x
has arrays of ``headlines``, ``bodies`` and ``descriptions`` with roles;
3.x keeps 2.x's shape with camelCase names (``versionCreated``,
``pubStatus``). Each item is validated against the schema of its major
version (see ``schemas/ABOUT.md``: manchette's own minimal schemas, not
the official IPTC files) before anything is read from it.
"""

import json
import re
from functools import cache
from pathlib import Path

from django.utils.translation import gettext_noop
from jsonschema import Draft202012Validator
from jsonschema.exceptions import best_match

from ..dispatch import CORRECTION, KILL, UPDATE, Dispatch, DispatchRejected, Picture, Subject
from .markup import text_html
from .text import (
    check_mojibake,
    decode_utf8,
    each,
    first,
    parse_time,
    plain_text,
    sanitise_body,
    squash,
    text_to_html,
    urgency,
)

SCHEMA_DIR = Path(__file__).resolve().parent.parent / "schemas"
NINJS_SCHEMAS = {major: SCHEMA_DIR / f"ninjs-{major}.x.manchette.json" for major in (1, 2, 3)}
# A \\ud800-\\udfff escape: half of a character, whole only with its other half.
LONE_SURROGATE = re.compile(r"\\u[dD][89a-fA-F]")
# Names that only ninjs 3.x spells in camelCase.
CAMEL_CASE_NAMES = {"versionCreated", "firstCreated", "pubStatus", "edNote", "copyrightHolder"}
# Headline roles an agency gives the line shown above the headline.
KICKER_ROLES = {"kicker", "overline", "drol:kicker", "hlrole:kicker"}
SUMMARY_ROLES = {"", "summary", "drol:summary", "abstract", "lead", "teaser"}
# Editorial notes that announce a correction, in the languages we publish.
CORRECTION_NOTE = re.compile(r"^\s*(correction|rectificatif|correctie|korrektur)\b", re.I)
SIGNALS = {
    "update": UPDATE,
    "correction": CORRECTION,
    "corr": CORRECTION,
    "kill": KILL,
    "cancel": KILL,
}


@cache
def validator(major):
    return Draft202012Validator(json.loads(NINJS_SCHEMAS[major].read_text()))


def looks_like(raw):
    return raw.lstrip(b"\xef\xbb\xbf \t\r\n")[:1] in (b"{", b"[")


def parse(raw):
    """The dispatches of a ninjs document: one item, or an array of items."""
    text = decode_utf8(raw, gettext_noop("JSON document"))
    try:
        data = json.loads(text, parse_constant=_refuse_constant)
    except RecursionError:
        raise DispatchRejected(gettext_noop("The JSON is nested too deeply.")) from None
    except ValueError as error:
        raise DispatchRejected(
            gettext_noop("Malformed JSON: %(error)s"), error=str(error)
        ) from None
    if LONE_SURROGATE.search(text):
        try:
            json.dumps(data, ensure_ascii=False).encode()
        except UnicodeEncodeError:
            raise DispatchRejected(
                gettext_noop(
                    "Malformed JSON: a \\u escape names half a character (a lone surrogate)."
                )
            ) from None
    items = data if isinstance(data, list) else [data]
    if not items:
        raise DispatchRejected(gettext_noop("The JSON array holds no ninjs item."))
    return each(items, item_to_dispatch)


def _refuse_constant(name):
    raise ValueError(f"{name} is not a JSON value")


def major_version(item):
    """The ninjs major version: from ``standard`` or ``$schema`` when given, else from the shape."""
    declared = ""
    standard = item.get("standard")
    if isinstance(standard, dict) and isinstance(standard.get("version"), str):
        declared = standard["version"]
    elif isinstance(item.get("$schema"), str):
        found = re.search(r"ninjs-schema_(\d)", item["$schema"])
        declared = found.group(1) if found else ""
    if declared[:1] in ("1", "2", "3"):
        return int(declared[0])
    if CAMEL_CASE_NAMES & item.keys():
        return 3
    if "headlines" in item or "bodies" in item:
        return 2
    return 1


def item_to_dispatch(item):
    if not isinstance(item, dict):
        raise DispatchRejected(gettext_noop("The JSON value is not a ninjs object."))
    major = major_version(item)
    error = best_match(validator(major).iter_errors(item))
    if error is not None:
        where = "/".join(str(p) for p in error.absolute_path) or "/"
        raise DispatchRejected(
            gettext_noop("ninjs %(major)s.x schema violation at %(where)s: %(error)s"),
            major=major,
            where=where,
            error=error.message[:300],
        )
    read = _V1(item) if major == 1 else _V2(item, camel=major == 3)
    dispatch = Dispatch(
        format=f"ninjs {major}.x",
        guid=first(item.get("uri"), item.get("guid")),
        headline=read.headline(),
        version=str(item.get("version", "")),
        provider=read.provider(),
        first_created=parse_time(
            item.get(read.key("firstcreated")), what=gettext_noop("first-created time")
        ),
        version_created=parse_time(
            item.get(read.key("versioncreated")), what=gettext_noop("version time")
        ),
        embargo=parse_time(item.get("embargoed"), what=gettext_noop("embargo")),
        pubstatus=item.get(read.key("pubstatus")) or "usable",
        urgency=urgency(item.get("urgency")),
        language=item.get("language", ""),
        kicker=read.kicker(),
        slugline=item.get("slugline", ""),
        standfirst=read.standfirst(),
        body_html=sanitise_body(read.body()),
        byline=first(item.get("by"), item.get("byline")),
        dateline=item.get("located", ""),
        subjects=read.subjects(),
        keywords=tuple(item.get("keywords", ())),
        pictures=read.pictures(),
        signals=_signals(item, read.ednote()),
        note=read.ednote(),
    )
    check_mojibake(dispatch.headline, dispatch.body_html, dispatch.standfirst)
    return dispatch


def _signals(item, ednote):
    found = set()
    for entry in _list(item.get("signal")) + _list(item.get("signals")):
        code = str(entry.get("code", "")) if isinstance(entry, dict) else str(entry)
        name = code.rsplit(":", 1)[-1].lower()
        if name in SIGNALS:
            found.add(SIGNALS[name])
    if CORRECTION_NOTE.match(ednote):
        found.add(CORRECTION)
    return frozenset(found)


class _V1:
    """Reading a ninjs 1.x item."""

    def __init__(self, item):
        self.item = item

    def key(self, name):
        return name

    def headline(self):
        return self.item.get("headline", "")

    def kicker(self):
        """ninjs 1.x has no kicker: its slugline is the desk's label, not the readers'."""
        return ""

    def provider(self):
        return self.item.get("copyrightholder", "")

    def ednote(self):
        return squash(self.item.get("ednote", ""))

    def standfirst(self):
        return first(
            squash(self.item.get("description_text")),
            plain_text(self.item.get("description_html")),
        )

    def body(self):
        for name in ("body_xhtml", "body_html"):
            if isinstance(self.item.get(name), str) and self.item[name].strip():
                return text_html(self.item[name])
        return text_to_html(self.item.get("body_text", ""))

    def subjects(self):
        found = []
        for subject in self.item.get("subject", []):
            code, scheme = subject.get("code", ""), subject.get("scheme", "")
            if code and scheme and ":" not in code:
                code = f"{scheme}:{code}"
            found.append(Subject(code=code, name=subject.get("name", "")))
        return tuple(found)

    def pictures(self):
        return tuple(
            picture
            for association in self.item.get("associations", {}).values()
            if (picture := _picture(association, _dict(association.get("renditions")).values()))
        )


class _V2(_V1):
    """Reading a ninjs 2.x item, or 3.x with its camelCase names."""

    def __init__(self, item, camel):
        super().__init__(item)
        self.camel = camel

    def key(self, name):
        camel = {
            "versioncreated": "versionCreated",
            "firstcreated": "firstCreated",
            "pubstatus": "pubStatus",
            "ednote": "edNote",
            "copyrightholder": "copyrightHolder",
            "contenttype": "contentType",
            "infosources": "infoSources",
        }
        return camel.get(name, name) if self.camel else name

    def _chosen(self, field, roles):
        entries = self.item.get(field, [])
        return [e for e in entries if e.get("role", "") in roles] or entries

    def _text(self, field, roles):
        chosen = self._chosen(field, roles)
        return squash(chosen[0]["value"]) if chosen else ""

    def headline(self):
        return self._text("headlines", {"", "main", "headline"})

    def kicker(self):
        marked = [e for e in self.item.get("headlines", []) if e.get("role", "") in KICKER_ROLES]
        return squash(marked[0]["value"]) if marked else ""

    def provider(self):
        sources = self.item.get(self.key("infosources"), [])
        names = [s.get("name", "") for s in sources if s.get("name")]
        return first(self.item.get(self.key("copyrightholder"), ""), *names)

    def ednote(self):
        return squash(self.item.get(self.key("ednote"), ""))

    def standfirst(self):
        return plain_text(self._text("descriptions", SUMMARY_ROLES))

    def body(self):
        """The body of highest fidelity: NITF or XHTML, then HTML, then plain text."""
        chosen = self._chosen("bodies", {"", "main", "body"})
        kind = self.key("contenttype")
        for marked in ("nitf", "xhtml", "html"):
            for entry in chosen:
                if marked in str(entry.get(kind, "")).lower():
                    return text_html(entry["value"])
        return text_to_html(chosen[0]["value"]) if chosen else ""

    def subjects(self):
        return tuple(
            Subject(code=first(s.get("literal"), s.get("uri")), name=s.get("name", ""))
            for s in self.item.get("subjects", [])
        )

    def pictures(self):
        return tuple(
            picture
            for association in self.item.get("associations", [])
            if (picture := _picture(association, _list(association.get("renditions"))))
        )


def _picture(association, renditions):
    if not isinstance(association, dict) or association.get("type") not in ("picture", "graphic"):
        return None
    hrefs = [r.get("href") for r in renditions if isinstance(r, dict) and r.get("href")]
    if not hrefs:
        return None
    descriptions = [
        d.get("value") for d in _list(association.get("descriptions")) if isinstance(d, dict)
    ]
    caption = first(association.get("description_text"), *descriptions, association.get("headline"))
    return Picture(
        href=str(hrefs[0]), caption=plain_text(str(caption)), credit=squash(association.get("by"))
    )


def _list(value):
    return value if isinstance(value, list) else []


def _dict(value):
    return value if isinstance(value, dict) else {}
