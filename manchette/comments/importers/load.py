"""Save imported comments: match each to its article, check it, keep its thread.

A row is matched to an article by the path of its old address, against
every article's path on each of this install's sites, or by a short link
``/a/<id>/``; the host is ignored, since imports usually come from a
site's previous domain. Rows that match no article, and rows that fail a
check, are counted in the report rather than dropped in silence.

Rows are saved parents first, in generations, so that each reply points
at its saved parent. A reply whose parent is missing from the file and
from the database becomes a top-level comment, and the report says so.
"""

import ipaddress
import re
from collections import Counter
from dataclasses import dataclass, field
from urllib.parse import unquote, urlsplit

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator, validate_email
from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext
from wagtail.models import Site

from manchette.comments.models import Comment, text_digest
from manchette.comments.moderation import purge_article, refresh_reply_counts
from manchette.newsroom.models import ArticlePage

SHORT_LINK = re.compile(r"^/a/(\d+)/$")
# Control characters have no place in a name or a comment (PostgreSQL refuses NUL outright).
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
WEBSITE = URLValidator(schemes=["http", "https"])
NAME_LENGTH = Comment._meta.get_field("name").max_length
WEBSITE_LENGTH = Comment._meta.get_field("website").max_length
ID_LENGTH = Comment._meta.get_field("external_id").max_length
BATCH = 500


class Rejected(Exception):
    """A row that cannot be saved; the message says why, for the report."""


@dataclass
class ImportReport:
    created: int = 0
    already_imported: int = 0
    # Address -> how many of its comments matched no article.
    unmatched: Counter = field(default_factory=Counter)
    # (external id, why) for each row that failed a check.
    rejected: list = field(default_factory=list)
    # External ids of replies saved as top-level comments: their parent was not found.
    orphans: list = field(default_factory=list)

    def summary(self):
        lines = [
            f"{self.created} comments imported, {self.already_imported} already there.",
        ]
        if self.unmatched:
            lines.append(f"{self.unmatched.total()} comments match no article:")
            lines += [
                f"  {url or '(no address)'}: {count}" for url, count in self.unmatched.items()
            ]
        if self.rejected:
            lines.append(f"{len(self.rejected)} comments rejected:")
            lines += [f"  {external_id}: {why}" for external_id, why in self.rejected]
        if self.orphans:
            lines.append(
                f"{len(self.orphans)} replies whose parent was not found, kept as top-level "
                f"comments: {', '.join(self.orphans)}"
            )
        return "\n".join(lines)


class ArticleAddresses:
    """Which article an address from another system points at."""

    def __init__(self):
        roots = [root.root_path for root in Site.get_site_root_paths()]
        self.by_path = {}
        self.ids = set()
        for pk, url_path in ArticlePage.objects.values_list("pk", "url_path"):
            self.ids.add(pk)
            for root in roots:
                if url_path.startswith(root):
                    self.by_path.setdefault("/" + url_path[len(root) :], pk)

    def find(self, url):
        path = unquote(urlsplit(url.strip()).path)
        if not path.startswith("/"):
            path = "/" + path
        if not path.endswith("/"):
            path += "/"
        short = SHORT_LINK.match(path)
        if short:
            return int(short.group(1)) if int(short.group(1)) in self.ids else None
        return self.by_path.get(path)


def network(address):
    """The network of an address, /24 for IPv4 and /64 for IPv6; never the address itself."""
    try:
        found = ipaddress.ip_network(address.strip(), strict=False)
    except ValueError:
        return ""
    if found.version == 6 and found.network_address.ipv4_mapped:
        found = ipaddress.ip_network(found.network_address.ipv4_mapped)
    width = 24 if found.version == 4 else 64
    return str(found.supernet(new_prefix=width) if found.prefixlen > width else found)


def checked_email(value):
    try:
        validate_email(value)
    except ValidationError:
        return ""
    return value


def checked_website(value):
    try:
        WEBSITE(value)
    except ValidationError:
        return ""
    return value if len(value) <= WEBSITE_LENGTH else ""


def checked_fields(row):
    """The model fields of a row, cleaned; ``Rejected`` when it cannot be kept."""
    if not row.external_id or len(row.external_id) > ID_LENGTH:
        raise Rejected("no usable identifier")
    if row.created is None or row.created.tzinfo is None:
        raise Rejected("no date with a time zone")
    status = row.status if row.status in Comment.Status.values else Comment.Status.HELD
    text = CONTROL.sub("", row.text).strip()
    if not text and status != Comment.Status.DELETED:
        raise Rejected("empty text")
    name = CONTROL.sub("", row.name).strip()[:NAME_LENGTH]
    if not name:
        with translation.override(settings.LANGUAGE_CODE):
            name = gettext("Anonymous")
    return {
        "name": name,
        "email": checked_email(row.email.strip()),
        "website": checked_website(row.website.strip()),
        "text": text,
        "markup": row.markup if row.markup in Comment.Markup.values else Comment.Markup.TEXT,
        "language": row.language[:8],
        "status": status,
        "created": row.created,
        "edited": row.edited,
        "ip_network": network(row.ip),
    }


@dataclass
class Pending:
    """A row waiting to be saved, with what ``save`` found out about it."""

    key: tuple
    parent_key: tuple
    row: object
    article_id: int
    fields: dict


def identity(row, system):
    return row.stored_as or (system, row.external_id)


def existing_comments(identities):
    """(imported_from, external_id) -> the saved comment, for those already in the database."""
    found = {}
    by_system = {}
    for system, external_id in identities:
        by_system.setdefault(system, []).append(external_id)
    for system, external_ids in by_system.items():
        for start in range(0, len(external_ids), BATCH):
            for comment in Comment.objects.filter(
                imported_from=system, external_id__in=external_ids[start : start + BATCH]
            ).only("pk", "article_id", "thread_id", "depth", "imported_from", "external_id"):
                found[(comment.imported_from, comment.external_id)] = comment
    return found


def save(rows, system):
    """Save the rows that are new, matched and valid; return what happened as a report."""
    report = ImportReport()
    addresses = ArticleAddresses()
    keys = {row.external_id: identity(row, system) for row in rows}
    parent_keys = {(system, row.parent_id) for row in rows if row.parent_id}
    saved = existing_comments(set(keys.values()) | parent_keys)
    pending = []
    for row in rows:
        key = keys[row.external_id]
        if key in saved:
            report.already_imported += 1
            continue
        article_id = addresses.find(row.url)
        if article_id is None:
            report.unmatched[row.url] += 1
            continue
        try:
            fields = checked_fields(row)
        except Rejected as why:
            report.rejected.append((row.external_id, str(why)))
            continue
        parent_key = keys.get(row.parent_id, (system, row.parent_id))
        pending.append(Pending(key, parent_key, row, article_id, fields))
    with transaction.atomic():
        created = save_in_generations(pending, saved, report)
        thread_ids = sorted({comment.thread_id for comment in created if comment.thread_id})
        for start in range(0, len(thread_ids), BATCH):
            refresh_reply_counts(thread_ids[start : start + BATCH])
        purge_article(*(comment.article_id for comment in created))
    report.created = len(created)
    return report


def save_in_generations(pending, saved, report):
    """Save top-level comments first, then their replies, then theirs, and so on."""
    created = []
    waiting = {entry.key for entry in pending}
    # Replies kept as top-level comments to break a loop of replies to each other.
    cut = set()
    while pending:
        ready, later = [], []
        for entry in pending:
            parent = saved.get(entry.parent_key)
            if not entry.row.parent_id or entry.key in cut:
                ready.append((entry, None))
            elif parent is not None and parent.article_id == entry.article_id:
                ready.append((entry, parent))
            elif parent is None and entry.parent_key in waiting:
                later.append(entry)
            else:  # the parent is nowhere, or under another article
                report.orphans.append(entry.row.external_id)
                ready.append((entry, None))
        if not ready:
            oldest = min(later, key=lambda entry: entry.row.created)
            cut.add(oldest.key)
            report.orphans.append(oldest.row.external_id)
            continue
        comments = [
            Comment(
                article_id=entry.article_id,
                parent_id=parent.pk if parent else None,
                thread_id=(parent.thread_id or parent.pk) if parent else None,
                depth=parent.depth + 1 if parent else 0,
                imported_from=entry.key[0],
                external_id=entry.key[1],
                # bulk_create() skips Comment.save(), which sets the digest of each new one.
                text_digest=text_digest(entry.fields["text"]),
                **entry.fields,
            )
            for entry, parent in ready
        ]
        Comment.objects.bulk_create(comments, batch_size=BATCH)
        for (entry, _parent), comment in zip(ready, comments, strict=True):
            saved[entry.key] = comment
            waiting.discard(entry.key)
        created += comments
        pending = later
    return created
