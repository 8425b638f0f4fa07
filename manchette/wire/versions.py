"""An article's published versions and what changed between two of them.

Versions are the Wagtail revisions that went live (publish log entries,
scheduled ones included); drafts an editor never published stay private.
The diff works on words, so that a corrected figure shows as one deleted
and one inserted word, not as a rewritten paragraph.
"""

import re
from dataclasses import dataclass
from datetime import datetime
from difflib import SequenceMatcher
from html import escape

from django.utils.safestring import mark_safe
from wagtail.models import PageLogEntry, Revision

from .parsers.text import plain_text

PUBLISH_ACTIONS = ("wagtail.publish", "wagtail.publish.scheduled")
# A paragraph break, a run of spaces, a word, or one punctuation mark.
TOKEN = re.compile(r"\n\n|[^\S\n]+|\n|\w+|[^\w\s]")


@dataclass(frozen=True)
class Version:
    number: int
    revision: Revision
    published_at: datetime


def published_versions(page):
    """The versions readers saw, oldest first, numbered from 1."""
    entries = (
        PageLogEntry.objects.filter(page=page, action__in=PUBLISH_ACTIONS, revision__isnull=False)
        .select_related("revision")
        .order_by("timestamp", "pk")
    )
    versions, seen = [], set()
    for entry in entries:
        if entry.revision_id not in seen:
            seen.add(entry.revision_id)
            versions.append(Version(len(versions) + 1, entry.revision, entry.timestamp))
    return versions


def readable_text(revision):
    """The article as readers read it in this revision: headline, standfirst, body."""
    return page_text(revision.as_object())


def page_text(page):
    """The text of an article page as readers read it (see ``readable_text``)."""
    headline = f"{page.kicker}: {page.title}" if page.kicker else page.title
    parts = [headline, page.standfirst, page.correction_note]
    for block in page.body:
        if block.block_type == "paragraph":
            parts.append(plain_text(block.value.source))
        elif block.block_type == "quote":
            parts.append(block.value["quote"])
        elif block.block_type == "image":
            parts.append(block.value["caption"])
        else:
            parts.append(str(block.value))
    return "\n\n".join(" ".join(part.split()) for part in parts if part and part.strip())


def word_diff(old, new):
    """HTML paragraphs of new, with <del> for words removed from old and <ins> for words added."""
    before, after = TOKEN.findall(old), TOKEN.findall(new)
    segments = []
    matcher = SequenceMatcher(None, before, after, autojunk=False)
    for operation, i1, i2, j1, j2 in matcher.get_opcodes():
        if operation == "equal":
            segments.append(("", "".join(before[i1:i2])))
            continue
        if operation in ("delete", "replace"):
            segments.append(("del", "".join(before[i1:i2])))
        if operation in ("insert", "replace"):
            segments.append(("ins", "".join(after[j1:j2])))
    return mark_safe(_paragraphs(segments))  # noqa: S308 (every piece of text is escaped below)


def _paragraphs(segments):
    paragraphs = [[]]
    for tag, text in segments:
        for position, piece in enumerate(text.split("\n\n")):
            if position:
                paragraphs.append([])
            if piece:
                escaped = escape(piece)
                paragraphs[-1].append(f"<{tag}>{escaped}</{tag}>" if tag else escaped)
    return "\n".join(f"<p>{''.join(p)}</p>" for p in paragraphs if "".join(p).strip())
