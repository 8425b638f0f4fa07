"""Dispatches for tests: sample and real files, and ninjs stories built version by version."""

import json
from pathlib import Path

import pytest

SAMPLES = Path(__file__).parent / "samples"
# Files real agencies and sites wrote, read in place (never copied into the project).
REAL = Path(__file__).resolve().parents[2] / ".." / "shared" / "wire-real"


def sample(name):
    return (SAMPLES / name).read_bytes()


def real(name):
    """The path of a real agency file; the test is skipped where the files are absent."""
    path = REAL / name
    if not path.is_file():
        pytest.skip(f"{path} is absent")
    return path


def ninjs(guid="urn:belga.be:test:0001", version="1", headline="Premier titre", **fields):
    """A ninjs 2.x item as bytes; keyword arguments replace or add fields."""
    item = {
        "uri": guid,
        "version": version,
        "versioncreated": "2024-03-12T10:00:00+01:00",
        "firstcreated": "2024-03-12T10:00:00+01:00",
        "pubstatus": "usable",
        "language": "fr",
        "copyrightholder": "Belga",
        "slugline": "Test",
        "headlines": [{"value": headline}],
        "bodies": [{"contenttype": "text/html", "value": "<p>Premier paragraphe.</p>"}],
    }
    item.update(fields)
    return json.dumps(item).encode()
