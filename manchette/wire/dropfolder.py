"""The drop folder: agencies (or an rsync, an FTP server) put files, the watcher ingests them.

A file is ingested when it sits directly in the folder under its final
name: upload under a name starting with a dot or ending in ``.part`` or
``.tmp``, then rename, so that a file is never read half-written. Once its
receipt is processed the file moves to ``processed/`` or, if anything in
it was quarantined, to ``quarantine/`` — the ingest log says why.

Several watchers (one per node) may share the folder: each file is first
claimed by an atomic rename into ``claimed/``, under a name that carries
the time of the claim, so only one watcher ingests it, and a file another
watcher took first is simply not there any more. A file left in
``claimed/`` by a watcher killed mid-way is claimed again after
``MANCHETTE_WIRE_RECOVER_AFTER`` seconds.
"""

import time
import uuid
from pathlib import Path

from django.conf import settings
from django.utils import timezone

from manchette.core.conf import setting

from .ingest import ingest, refuse_oversized
from .models import Receipt

PROCESSED = "processed"
QUARANTINE = "quarantine"
CLAIMED = "claimed"
UNFINISHED_SUFFIXES = (".part", ".tmp")


def drop_dir():
    return Path(setting("MANCHETTE_WIRE_DROP_DIR") or Path(settings.VAR_DIR) / "wire")


def finished(path):
    return not (path.name.startswith(".") or path.name.endswith(UNFINISHED_SUFFIXES))


def waiting_files(folder):
    """Finished files, oldest first."""
    found = []
    for path in folder.iterdir():
        if not finished(path):
            continue
        try:
            if path.is_file():
                found.append((path.stat().st_mtime, path.name, path))
        except FileNotFoundError:  # moved away while listing
            continue
    return [path for _mtime, _name, path in sorted(found)]


def claim(path, folder, name):
    """Move the file into claimed/ for this watcher alone; None if another one was first."""
    claimed = folder / CLAIMED / f"{int(time.time())}-{uuid.uuid4().hex[:8]}-{name}"
    try:
        path.rename(claimed)
    except FileNotFoundError:
        return None
    return claimed


def left_claims(folder, older_than_seconds):
    """Files claimed by a watcher that never finished them: (path, original name)."""
    limit = time.time() - older_than_seconds
    for path in waiting_files(folder / CLAIMED):
        stamp, _, rest = path.name.partition("-")
        _token, _, name = rest.partition("-")
        if not (stamp.isdigit() and name):
            stamp, name = "0", path.name  # not named by a watcher: take it as it is
        if int(stamp) <= limit:
            yield path, name


def scan(folder=None, recover_after=None):
    """Ingest every file waiting in the drop folder; returns their receipts."""
    folder = Path(folder or drop_dir())
    if recover_after is None:
        recover_after = setting("MANCHETTE_WIRE_RECOVER_AFTER")
    for name in (PROCESSED, QUARANTINE, CLAIMED):
        (folder / name).mkdir(parents=True, exist_ok=True)
    waiting = [(path, path.name) for path in waiting_files(folder)]
    receipts = []
    for path, name in [*left_claims(folder, recover_after), *waiting]:
        claimed = claim(path, folder, name)
        if claimed is None:  # taken by another watcher of the same folder
            continue
        receipt = ingest_file(claimed, origin=folder / name)
        target = QUARANTINE if receipt.status == Receipt.Status.QUARANTINED else PROCESSED
        stamp = timezone.now().strftime("%Y%m%dT%H%M%S")
        claimed.replace(folder / target / f"{stamp}-{receipt.pk}-{name}")
        receipts.append(receipt)
    return receipts


def ingest_file(path, origin):
    arrival = {"transport": Receipt.Transport.DROP, "origin": str(origin)}
    size = path.stat().st_size
    if size > setting("MANCHETTE_WIRE_MAX_BYTES"):
        return refuse_oversized(size, **arrival)
    return ingest(path.read_bytes(), **arrival)
