"""Archive import: a site's past, thousands of dispatches at once, in batches.

Publishing one dispatch the ordinary way (``ingest.process``) is a few
dozen queries: Wagtail saves the page, its revision, publishes it, logs
it, indexes it. An archive holds tens of thousands of stories that all
become published articles at once, so ``import_archive`` writes each batch
of new stories with a handful of bulk inserts instead: the pages (placed
in the page tree as ``add_child`` would), one revision each (so that an
editor's first edit starts from it and the version history has it), the
publish log entries, tags, search index entries, receipts and the ingest
log. Inputs are read one at a time, so memory does not grow with the
archive.

Whatever is not a plain new story — a guid already known, a second
version in the same batch, a kill, an embargo, a wire that holds its
dispatches for review — goes the ordinary way, after the batch's new
stories. A batch the bulk path cannot write (any error) is rolled back and
every one of its inputs goes the ordinary way, so an import never stops
on a bad input. Audio (listen) and the reference index are not made
during the import: run their own commands afterwards.
"""

import logging
import uuid
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models import CharField, F, OuterRef, Subquery
from django.db.models.functions import Cast
from django.utils import timezone
from django.utils.text import slugify
from taggit.models import Tag
from wagtail.models import Page, PageLogEntry, Revision
from wagtail.search.backends import get_search_backend

from manchette.core.cache import purge_all
from manchette.newsroom.models import ArticlePage, ArticleTag

from .dispatch import Dispatch, DispatchRejected
from .ingest import ingest, read_receipt, record
from .models import DispatchEntry, Receipt, WireSource
from .routing import route, wire_source_for
from .upsert import SLUG_LENGTH, fill, wire_articles

log = logging.getLogger("manchette.wire")
Outcome = DispatchEntry.Outcome
BATCH = 500


@dataclass
class Batch:
    """One batch of inputs, and what becomes of each of their stories."""

    receipts: list = field(default_factory=list)
    stories: list = field(default_factory=list)  # (receipt, story), in input order
    new: list = field(default_factory=list)  # (receipt, dispatch, routing): the bulk path
    one_by_one: list = field(default_factory=list)  # (receipt, story): the ordinary path
    entries: dict = field(default_factory=lambda: defaultdict(list))  # receipt pk -> entries


class ArchiveImport:
    """One import: ``add`` each input, then ``finish``; ``totals`` and ``quarantined`` report."""

    def __init__(self, transport=Receipt.Transport.CLI, wire_source=None, batch_size=BATCH):
        self.transport = transport
        self.wire_source = wire_source
        self.batch_size = batch_size
        self.pending = []
        self.totals = Counter()
        self.quarantined = []  # (origin, reason)
        self.taken_slugs = {}  # section pk -> slugs of its children, kept across batches
        self.wires = {}  # wire source pk or provider name -> wire source with its rules
        self.article_type = ContentType.objects.get_for_model(ArticlePage)
        self.page_type = ContentType.objects.get_for_model(Page)

    def add(self, origin, raw):
        self.pending.append((origin, raw))
        if len(self.pending) >= self.batch_size:
            self.flush()

    def finish(self):
        self.flush()
        return self.totals

    def flush(self):
        items, self.pending = self.pending, []
        if not items:
            return
        try:
            with transaction.atomic():
                batch = self._write(items)
            outcomes = [(r, batch.entries[r.pk]) for r in batch.receipts]
        except Exception:  # the ordinary path knows how to quarantine whatever broke the batch
            log.exception(
                "Archive batch of %s inputs failed; ingesting them one by one", len(items)
            )
            self.taken_slugs.clear()
            self.wires.clear()
            outcomes = []
            for origin, raw in items:
                receipt = ingest(
                    raw, transport=self.transport, origin=origin, wire_source=self.wire_source
                )
                outcomes.append((receipt, list(receipt.dispatches.all())))
        for receipt, entries in outcomes:
            self.totals["inputs"] += 1
            self.totals.update(entry.outcome for entry in entries)
            if receipt.status == Receipt.Status.QUARANTINED:
                self.quarantined.append((receipt.origin, receipt.reason))

    def _write(self, items):
        batch = Batch()
        for origin, raw in items:
            receipt = Receipt(
                raw=raw, size=len(raw), transport=self.transport, origin=origin[:500],
                wire_source=self.wire_source, processed_at=timezone.now(), attempts=1,
            )  # fmt: skip
            stories, receipt.reason = read_receipt(receipt)
            batch.receipts.append(receipt)
            batch.stories += [(receipt, story) for story in stories]
        Receipt.objects.bulk_create(batch.receipts)
        self._plan(batch)
        entries = self._publish_new(batch.new)
        DispatchEntry.objects.bulk_create(entries)
        entries += [record(story, receipt) for receipt, story in batch.one_by_one]
        for entry in entries:
            batch.entries[entry.receipt_id].append(entry)
        self._settle(batch)
        purge_all()
        return batch

    def _plan(self, batch):
        """New stories for the bulk path; the others (updates, kills, embargoes …) one by one."""
        now, routed = timezone.now(), []
        for receipt, story in batch.stories:
            plain = (
                isinstance(story, Dispatch)
                and not story.is_kill
                and not (story.embargo and story.embargo > now)
            )
            routing = self._route(story, receipt) if plain else None
            routed.append((receipt, story, routing if routing and routing.publish else None))
        known = self._known({(r.wire_source, story.guid) for _r, story, r in routed if r})
        for receipt, story, routing in routed:
            identity = (routing.wire_source, story.guid) if routing else None
            if identity and identity not in known:
                known.add(identity)
                batch.new.append((receipt, story, routing))
            else:
                batch.one_by_one.append((receipt, story))

    def _known(self, identities):
        """The (wire source, guid) pairs the site has already seen, among these."""
        wires = {wire.slug: wire for wire, _guid in identities}
        guids = {guid for _wire, guid in identities}
        seen = set(
            DispatchEntry.objects.filter(wire_source__in=wires.values(), guid__in=guids)
            .order_by()
            .values_list("wire_source__slug", "guid")
        )
        seen |= set(
            wire_articles()
            .filter(external_source__in=wires, external_guid__in=guids)
            .values_list("external_source", "external_guid")
        )
        return {(wires[slug], guid) for slug, guid in seen if (wires[slug], guid) in identities}

    def _route(self, story, receipt):
        """The story's routing, or None: the ordinary path will say what is wrong with it."""
        key = receipt.wire_source_id or ("provider", story.provider.strip().casefold())
        try:
            if key not in self.wires:
                found = wire_source_for(story, receipt.wire_source)
                self.wires[key] = (
                    WireSource.objects.select_related("source", "default_section")
                    .prefetch_related("routes__section")
                    .get(pk=found.pk)
                )
            return route(story, self.wires[key])
        except DispatchRejected:
            return None

    def _publish_new(self, new):
        """Pages, revisions, publish log entries, tags and index entries, in bulk."""
        if not new:
            return []
        now = timezone.now()
        by_section = defaultdict(list)
        for story in new:
            by_section[story[2].section.pk].append(story)
        placed = [
            (page, *story)
            for section_pk, stories in by_section.items()
            for page, story in zip(self._place(section_pk, stories, now), stories, strict=True)
        ]
        pages = [page for page, *_story in placed]
        Page.objects.bulk_create(pages)
        for page in pages:
            page.page_ptr_id = page.id
        ArticlePage.objects._insert(pages, fields=ArticlePage._meta.local_concrete_fields)
        self._tag(placed)
        revisions = Revision.objects.bulk_create(
            Revision(
                content_type=self.article_type,
                base_content_type=self.page_type,
                object_id=str(page.pk),
                created_at=now,
                object_str=page.title,
                content=page.serializable_data(),
            )  # fmt: skip
            for page in pages
        )
        for page, revision in zip(pages, revisions, strict=True):
            page.latest_revision = page.live_revision = revision
        self._point_to_revisions(pages)
        PageLogEntry.objects.bulk_create(
            PageLogEntry(
                content_type=self.article_type,
                label=page.title,
                action="wagtail.publish",
                timestamp=now,
                revision=revision,
                content_changed=True,
                page=page,
            )  # fmt: skip
            for page, revision in zip(pages, revisions, strict=True)
        )
        get_search_backend().add_bulk(ArticlePage, pages)
        return [
            DispatchEntry(
                receipt=receipt,
                wire_source=routing.wire_source,
                guid=dispatch.guid,
                version=dispatch.version[:100],
                fingerprint=dispatch.fingerprint,
                format=dispatch.format,
                headline=page.title,
                outcome=Outcome.PUBLISHED,
                article=page,
            )  # fmt: skip
            for page, receipt, dispatch, routing in placed
        ]

    def _point_to_revisions(self, pages):
        """Point each page at its only revision, as latest and live: two UPDATEs a batch."""
        own_revision = Subquery(
            Revision.objects.filter(
                base_content_type=self.page_type, object_id=Cast(OuterRef("pk"), CharField())
            ).values("pk")[:1]
        )
        found = Page.objects.filter(pk__in=[page.pk for page in pages])
        found.update(latest_revision=own_revision)
        found.update(live_revision=F("latest_revision"))

    def _place(self, section_pk, stories, now):
        """New pages as the last children of their section, as treebeard's add_child does."""
        section = Page.objects.select_for_update().get(pk=section_pk)
        taken = self.taken_slugs.get(section_pk)
        if taken is None:
            taken = self.taken_slugs[section_pk] = set(
                section.get_children().values_list("slug", flat=True)
            )
        last = section.get_last_child()
        position = last._get_lastpos_in_path() if last else 0
        pages = []
        for _receipt, dispatch, routing in stories:
            position += 1
            page = ArticlePage(
                path=Page._get_path(section.path, section.depth + 1, position),
                depth=section.depth + 1,
                locale_id=section.locale_id,
                translation_key=uuid.uuid4(),
                content_type=self.article_type,
                live=True,
                source=routing.wire_source.source,
                external_source=routing.wire_source.slug,
                external_guid=dispatch.guid,
                latest_revision_created_at=now,
            )
            fill(page, dispatch)
            page.slug = _free_slug(dispatch.headline, taken)
            page.url_path = f"{section.url_path}{page.slug}/"
            page.first_published_at = min(
                dispatch.first_created or dispatch.version_created or now, now
            )
            page.last_published_at = min(
                max(dispatch.version_created or now, page.first_published_at), now
            )
            pages.append(page)
        Page.objects.filter(pk=section_pk).update(numchild=F("numchild") + len(pages))
        return pages

    def _tag(self, placed):
        """The routed tags of each page: rows for the site, in memory for its revision."""
        names = {name for _page, _r, _d, routing in placed for name in routing.tags}
        tags = {tag.name.casefold(): tag for tag in Tag.objects.filter(name__in=names)}
        for name in names:
            if name.casefold() not in tags:
                tag, _created = Tag.objects.get_or_create(
                    name__iexact=name, defaults={"name": name}
                )
                tags[name.casefold()] = tag
        links = []
        for page, _receipt, _dispatch, routing in placed:
            chosen = {tags[name.casefold()] for name in routing.tags}
            page.tagged_items = [ArticleTag(tag=tag) for tag in chosen]
            links += [ArticleTag(content_object_id=page.pk, tag=tag) for tag in chosen]
        ArticleTag.objects.bulk_create(links)

    def _settle(self, batch):
        for receipt in batch.receipts:
            reasons = [
                e.reason for e in batch.entries[receipt.pk] if e.outcome == Outcome.QUARANTINED
            ]
            receipt.reason = receipt.reason or "\n".join(reasons)
        quarantined = [receipt for receipt in batch.receipts if receipt.reason]
        for receipt in quarantined:
            receipt.status = Receipt.Status.QUARANTINED
            receipt.save(update_fields=["status", "reason"])
        processed = [receipt for receipt in batch.receipts if not receipt.reason]
        for receipt in processed:
            receipt.status = Receipt.Status.PROCESSED
        Receipt.objects.filter(pk__in=[r.pk for r in processed]).update(
            status=Receipt.Status.PROCESSED
        )


def _free_slug(headline, taken):
    base = slugify(headline)[:SLUG_LENGTH].strip("-") or "article"
    slug, number = base, 1
    while slug in taken:
        number += 1
        slug = f"{base}-{number}"
    taken.add(slug)
    return slug
