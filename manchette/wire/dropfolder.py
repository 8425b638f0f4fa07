"""The drop folder: agencies (or an rsync, an FTP server) put files, the watcher ingests them.

A file is ingested when it sits directly in the folder under its final
name: upload under a name starting with a dot or ending in ``.part`` or
``.tmp``, then rename, so that a file is never read half-written. Once its
receipt is processed the file moves to ``processed/`` or, if anything in
it was quarantined, to ``quarantine/`` — the ingest log says why.
"""

from pathlib import Path

from django.conf import settings
from django.utils import timezone

from manchette.core.conf import setting

from .ingest import ingest, refuse_oversized
from .models import Receipt

PROCESSED = "processed"
QUARANTINE = "quarantine"
UNFINISHED_SUFFIXES = (".part", ".tmp")


def drop_dir():
    return Path(setting("MANCHETTE_WIRE_DROP_DIR") or Path(settings.VAR_DIR) / "wire")


def waiting_files(folder):
    """Finished files, oldest first."""
    found = []
    for path in folder.iterdir():
        if path.name.startswith(".") or path.name.endswith(UNFINISHED_SUFFIXES):
            continue
        try:
            if path.is_file():
                found.append((path.stat().st_mtime, path.name, path))
        except FileNotFoundError:  # moved away while listing
            continue
    return [path for _mtime, _name, path in sorted(found)]


def scan(folder=None):
    """Ingest every file waiting in the drop folder; returns their receipts."""
    folder = Path(folder or drop_dir())
    for name in (PROCESSED, QUARANTINE):
        (folder / name).mkdir(parents=True, exist_ok=True)
    receipts = []
    for path in waiting_files(folder):
        try:
            receipt = ingest_file(path)
        except FileNotFoundError:  # taken by another watcher of the same folder
            continue
        target = QUARANTINE if receipt.status == Receipt.Status.QUARANTINED else PROCESSED
        stamp = timezone.now().strftime("%Y%m%dT%H%M%S")
        path.replace(folder / target / f"{stamp}-{receipt.pk}-{path.name}")
        receipts.append(receipt)
    return receipts


def ingest_file(path):
    arrival = {"transport": Receipt.Transport.DROP, "origin": str(path)}
    size = path.stat().st_size
    if size > setting("MANCHETTE_WIRE_MAX_BYTES"):
        return refuse_oversized(size, **arrival)
    return ingest(path.read_bytes(), **arrival)
