"""Backing up a running site and restoring it elsewhere.

A backup is a folder: the database (a SQLite copy made by SQLite's online
backup, or a ``pg_dump`` archive), every file of the default storage
(images, their renditions, documents, audio) under ``media/``, and
``manifest.json`` naming each file with its size and SHA-256. The manifest
is written last, so a backup without one is unfinished and is refused.

A plain copy of a SQLite file in WAL mode can miss committed transactions
or tear a page; SQLite's backup API reads one consistent snapshot while
the site keeps writing. Files are copied before and after the database
snapshot: a file that an editor or the audio worker replaces during the
backup is still in the first pass, one added meanwhile is in the second,
so every file the snapshot names is in the backup.

``restore`` checks the whole manifest (paths, sizes, checksums, database
engine) before it touches anything.
"""

import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
from datetime import UTC, datetime
from pathlib import Path, PurePosixPath

from django.core.files import File
from django.core.files.storage import default_storage
from django.db import connections

MANIFEST = "manifest.json"
FORMAT = 1
MEDIA = "media"
DATABASE_FILES = {"sqlite": "database.sqlite3", "postgresql": "database.pgdump"}
CHUNK = 1 << 20


class BackupError(Exception):
    """The backup cannot be made or restored; the message says why and what to do."""


def backup(folder, using="default"):
    """Back up the site into ``folder`` (new or empty); returns the manifest."""
    folder = Path(folder)
    if folder.exists() and any(folder.iterdir()):
        raise BackupError(f"{folder} is not empty: back up into a new folder.")
    folder.mkdir(parents=True, exist_ok=True)
    vendor = connections[using].vendor
    if vendor not in DATABASE_FILES:
        raise BackupError(f"Backing up a {vendor} database is not supported.")
    files = copy_media(folder, {})
    database = folder / DATABASE_FILES[vendor]
    if vendor == "sqlite":
        snapshot_sqlite(connections[using].settings_dict, database)
    else:
        run_postgres("pg_dump", connections[using].settings_dict, "--format=custom", database)
    files = copy_media(folder, files)
    files[database.name] = checksum(database)
    manifest = {
        "format": FORMAT,
        "created": datetime.now(UTC).isoformat(timespec="seconds"),
        "engine": vendor,
        "database": database.name,
        "files": dict(sorted(files.items())),
    }
    unfinished = folder / f"{MANIFEST}.part"
    unfinished.write_text(json.dumps(manifest, indent=1))
    unfinished.replace(folder / MANIFEST)
    return manifest


def restore(folder, using="default", replace=False):
    """Put the backup in ``folder`` in place of this site's database and files."""
    folder = Path(folder)
    manifest = verify(folder)
    connection = connections[using]
    if manifest["engine"] != connection.vendor:
        raise BackupError(
            f"This backup holds a {manifest['engine']} database and this site uses "
            f"{connection.vendor}: set DATABASE_URL to a {manifest['engine']} database."
        )
    if connection.vendor == "sqlite":
        sqlite_path(connection.settings_dict).parent.mkdir(parents=True, exist_ok=True)
    if not replace and connection.introspection.table_names():
        raise BackupError(
            "This site's database is not empty: restore into a new one, or pass --replace "
            "to overwrite it (stop the server first)."
        )
    database = folder / manifest["database"]
    settings_dict = connection.settings_dict
    connection.close()
    if manifest["engine"] == "sqlite":
        restore_sqlite(database, settings_dict)
    else:
        run_postgres(
            "pg_restore", settings_dict, "--clean", "--if-exists", "--no-owner",
            "--single-transaction", database,
        )  # fmt: skip
    for name in manifest["files"]:
        if name.startswith(f"{MEDIA}/"):
            stored = name.removeprefix(f"{MEDIA}/")
            if default_storage.exists(stored):
                default_storage.delete(stored)
            with (folder / name).open("rb") as source:
                default_storage.save(stored, File(source))
    return manifest


def verify(folder):
    """The manifest of a complete, undamaged backup; BackupError otherwise."""
    folder = Path(folder)
    try:
        manifest = json.loads((folder / MANIFEST).read_text())
    except FileNotFoundError:
        unfinished = f"{folder} has no {MANIFEST}: not a backup, or an unfinished one."
        raise BackupError(unfinished) from None
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as error:
        damaged = f"{folder / MANIFEST} cannot be read ({error}): the backup is damaged."
        raise BackupError(damaged) from error
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise BackupError(f"{folder / MANIFEST} is not a manifest of this version of manchette.")
    files = manifest.get("files")
    if (
        manifest.get("engine") not in DATABASE_FILES
        or manifest.get("database") != DATABASE_FILES[manifest["engine"]]
        or not isinstance(files, dict)
        or manifest["database"] not in files
    ):
        raise BackupError(f"{folder / MANIFEST} is damaged: its database entry is missing.")
    damaged = [name for name, expected in files.items() if not intact(folder, name, expected)]
    if damaged:
        shown = ", ".join(damaged[:5]) + (" …" if len(damaged) > 5 else "")
        raise BackupError(
            f"The backup in {folder} is damaged: {len(damaged)} file(s) missing or changed "
            f"({shown}). Nothing was restored."
        )
    return manifest


def intact(folder, name, expected):
    path = PurePosixPath(name)
    if path.is_absolute() or ".." in path.parts or not path.parts:
        return False  # a manifest may not point outside its backup
    file = folder / path
    if not file.is_file() or not isinstance(expected, dict):
        return False
    return checksum(file) == {"size": expected.get("size"), "sha256": expected.get("sha256")}


def checksum(path):
    digest, size = hashlib.sha256(), 0
    with open(path, "rb") as file:
        while chunk := file.read(CHUNK):
            digest.update(chunk)
            size += len(chunk)
    return {"size": size, "sha256": digest.hexdigest()}


def copy_media(folder, copied):
    """Copy the storage's files not copied yet; returns every copied file's checksum."""
    copied = dict(copied)
    for name in stored_files():
        key = f"{MEDIA}/{name}"
        if key in copied:
            continue
        target = folder / MEDIA / name
        target.parent.mkdir(parents=True, exist_ok=True)
        try:
            with default_storage.open(name, "rb") as source, target.open("wb") as copy:
                shutil.copyfileobj(source, copy, CHUNK)
        except FileNotFoundError:
            # Removed since it was listed (a replaced audio file): the snapshot
            # no longer names it, or the second pass would not have seen it.
            target.unlink(missing_ok=True)
            continue
        copied[key] = checksum(target)
    return copied


def stored_files(prefix=""):
    """Every file of the default storage, through the storage API (local disk or S3)."""
    folders, files = default_storage.listdir(prefix)
    for name in files:
        yield f"{prefix}{name}"
    for sub in folders:
        yield from stored_files(f"{prefix}{sub}/")


def sqlite_path(settings_dict):
    name = str(settings_dict["NAME"])
    if name == ":memory:" or name.startswith("file:"):
        raise BackupError(f"The SQLite database {name} is not a file that can be backed up.")
    return Path(name)


def snapshot_sqlite(settings_dict, target):
    source = sqlite3.connect(sqlite_path(settings_dict), timeout=30)
    copy = sqlite3.connect(target)
    try:
        # One step: a single read transaction, one consistent snapshot, writers unhindered (WAL).
        source.backup(copy)
        copy.execute("PRAGMA journal_mode=DELETE")
    finally:
        copy.close()
        source.close()


def restore_sqlite(database, settings_dict):
    path = sqlite_path(settings_dict)
    source = sqlite3.connect(database)
    target = sqlite3.connect(path, timeout=30)
    try:
        source.backup(target)
        target.execute("PRAGMA journal_mode=WAL")
    finally:
        target.close()
        source.close()


def run_postgres(program, settings_dict, *arguments):
    """Run pg_dump or pg_restore on the site's database, credentials in the environment."""
    if shutil.which(program) is None:
        raise BackupError(f"{program} is not installed (Debian: the postgresql-client package).")
    environment = {
        **os.environ,
        "PGHOST": str(settings_dict.get("HOST") or ""),
        "PGPORT": str(settings_dict.get("PORT") or ""),
        "PGUSER": str(settings_dict.get("USER") or ""),
        "PGPASSWORD": str(settings_dict.get("PASSWORD") or ""),
    }
    *options, file = arguments
    command = [program, *options, "--dbname", str(settings_dict["NAME"])]
    command += ["--file", str(file)] if program == "pg_dump" else [str(file)]
    finished = subprocess.run(command, env=environment, capture_output=True, text=True)
    if finished.returncode != 0:
        raise BackupError(f"{program} failed: {finished.stderr.strip()}")
