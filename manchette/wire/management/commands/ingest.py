"""manchette ingest PATH|URL…: files, folders, globs, addresses, or - for standard input.

Each input is received (kept in the ingest log) and processed at once; one
line per input says what became of its stories, a last line sums up. With
--archive, inputs are ingested in batches, one transaction each (see
wire.archive), and only quarantined inputs are listed. The exit status is 1
when anything was quarantined, so that scripts notice. Lines and reasons are
in the site's language (LANGUAGE_CODE), the outcomes' and the reasons' alike.
"""

import glob
import sys
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop, ngettext

from manchette.core.conf import setting
from manchette.core.fetch import FetchFailed
from manchette.wire.archive import ArchiveImport
from manchette.wire.ingest import ORIGIN_LENGTH, ingest, refuse, refuse_oversized
from manchette.wire.models import DispatchEntry, Receipt, WireSource, counted
from manchette.wire.polling import fetch_dispatch
from manchette.wire.reasons import Reason

CLI = Receipt.Transport.CLI
LABELS = dict(DispatchEntry.Outcome.choices)


def expand(arguments):
    """Each argument as inputs, lazily: "-", an address, a file, a folder's files, a glob."""
    for argument in arguments:
        if argument == "-" or argument.startswith(("http://", "https://")):
            yield argument
            continue
        path = Path(argument)
        if path.is_dir():
            yield from (
                str(p) for p in sorted(path.iterdir()) if p.is_file() and not p.name.startswith(".")
            )
        elif path.exists():
            yield argument
        else:
            matches = sorted(glob.iglob(argument, recursive=True))
            if not matches:
                raise CommandError(_("Nothing matches %(pattern)s.") % {"pattern": argument})
            yield from (m for m in matches if Path(m).is_file())


def read(name, limit):
    """The input's bytes and size; None for the bytes when it is over the limit."""
    if name == "-":
        raw = sys.stdin.buffer.read(limit + 1)
        return (None, len(raw)) if len(raw) > limit else (raw, len(raw))
    if name.startswith(("http://", "https://")):
        body = fetch_dispatch(name).body
        return body, len(body)
    size = Path(name).stat().st_size
    if size > limit:
        return None, size
    return Path(name).read_bytes(), size


@dataclass
class Tally:
    inputs: int = 0
    outcomes: Counter = field(default_factory=Counter)
    quarantined: int = 0


class Command(BaseCommand):
    help = "Ingest dispatch files, folders, globs, addresses or - (stdin); report each outcome."

    def add_arguments(self, parser):
        parser.add_argument("inputs", nargs="+", metavar="PATH|URL")
        parser.add_argument(
            "--source",
            help="Slug of the wire the dispatches come from (default: matched by their provider).",
        )
        parser.add_argument(
            "--archive",
            action="store_true",
            help="Archive import: inputs in batches, one transaction each; only problems listed.",
        )
        parser.add_argument(
            "--no-audio",
            action="store_true",
            help="With --archive: do not read the imported articles aloud (by default their "
            "audio is made after every other reading).",
        )

    def handle(self, inputs, source, archive, no_audio, **options):
        wire_source = None
        if source:
            wire_source = WireSource.objects.filter(slug=source).first()
            if wire_source is None:
                raise CommandError(
                    _("No wire source “%(slug)s”; create it in the admin (Wire sources).")
                    % {"slug": source}
                )
        tally = Tally()
        if archive:
            self.import_archive(inputs, wire_source, tally, audio=not no_audio)
        else:
            for name in expand(inputs):
                raw, refused = self.read_or_refuse(name, wire_source)
                receipt = refused or ingest(
                    raw, transport=CLI, origin=name, wire_source=wire_source
                )
                self.report(name, receipt, tally)
        summary = counted(tally.outcomes) or _("no story")
        self.stdout.write(
            ngettext("%(count)s input: %(summary)s", "%(count)s inputs: %(summary)s", tally.inputs)
            % {"count": tally.inputs, "summary": summary}
        )
        if tally.quarantined:
            raise CommandError(
                ngettext(
                    "%(count)s input quarantined; see the ingest log in the admin.",
                    "%(count)s inputs quarantined; see the ingest log in the admin.",
                    tally.quarantined,
                )
                % {"count": tally.quarantined},
                returncode=1,
            )

    def read_or_refuse(self, name, wire_source):
        """The input's bytes, or the quarantined receipt saying why they could not be had."""
        arrival = {"transport": CLI, "origin": name[:ORIGIN_LENGTH], "wire_source": wire_source}
        try:
            raw, size = read(name, setting("MANCHETTE_WIRE_MAX_BYTES"))
        except (FetchFailed, OSError) as error:
            reason = Reason(
                gettext_noop("The input could not be read: %(error)s"), error=str(error)
            )
            return None, refuse(reason, **arrival)
        if raw is None:
            return None, refuse_oversized(size, **arrival)
        return raw, None

    def report(self, name, receipt, tally):
        """One line for the input: its outcomes, headline and reasons."""
        entries = list(receipt.dispatches.all())
        counts = Counter(entry.outcome for entry in entries)
        tally.inputs += 1
        tally.outcomes.update(counts)
        quarantined = receipt.status == Receipt.Status.QUARANTINED
        reasons = receipt.quarantine_reasons() if quarantined else []
        parts = (
            counted(counts) or str(LABELS[DispatchEntry.Outcome.QUARANTINED]),
            next((e.headline for e in entries if e.headline), ""),
            "; ".join(reasons),
        )
        line = " — ".join(part for part in parts if part)
        if quarantined:
            tally.quarantined += 1
            self.stderr.write(f"✗ {name}: {line}")
        else:
            self.stdout.write(f"✓ {name}: {line}")

    def import_archive(self, inputs, wire_source, tally, audio):
        """Stream the inputs through batches: memory stays flat however many there are."""
        archive = ArchiveImport(transport=CLI, wire_source=wire_source, audio=audio)
        for name in expand(inputs):
            raw, refused = self.read_or_refuse(name, wire_source)
            if refused:
                self.report(name, refused, tally)
            else:
                archive.add(name, raw)
        totals = archive.finish()
        tally.inputs += totals.pop("inputs", 0)
        tally.outcomes.update(totals)
        tally.quarantined += len(archive.quarantined)
        for origin, reason in archive.quarantined:
            self.stderr.write(f"✗ {origin}: {reason}")
