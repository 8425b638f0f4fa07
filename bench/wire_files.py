"""Ingest time per file: the project's own samples next to real agency files.

Part of `make bench` (bench/wire.py). Each file is ingested into the demo
site, with its Belga, AFP and catch-all wires, ``repeat`` times, each time
in a transaction rolled back, so that every run is a first arrival; a
file's time is the median of its runs: parsing, routing and publishing, in
one process (``manchette shell``), without Django's start-up and without
the commit. The real files are read in place from ``../shared/wire-real/``
(left out, and said so, where they are absent).
"""

import statistics
from collections import defaultdict
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent
SAMPLES = PROJECT / "tests" / "wire" / "samples"
REAL = PROJECT / ".." / "shared" / "wire-real"
NOT_DISPATCHES = {"README.md", "SOURCES.tsv"}
REFUSED = "(refused)"

TIMES = """
import json, statistics, time
from pathlib import Path
from django.db import transaction
from manchette.wire.ingest import ingest

def timed(path, repeat):
    raw = path.read_bytes()
    runs = []
    for _ in range(repeat):
        with transaction.atomic():
            started = time.perf_counter()
            receipt = ingest(raw, transport="cli", origin=path.name)
            runs.append(time.perf_counter() - started)
            formats = sorted(set(receipt.dispatches.values_list("format", flat=True)) - {{""}})
            status = receipt.status
            transaction.set_rollback(True)
    return {{"file": path.name, "seconds": statistics.median(runs),
            "format": formats[0] if formats else {refused!r}, "status": status}}

print(json.dumps({{name: [timed(Path(p), {repeat}) for p in paths]
                  for name, paths in {sets!r}.items()}}))
"""


def file_sets():
    """The files of each set, by path; the real ones only where they are."""
    sets = {"samples": sorted(str(p) for p in SAMPLES.iterdir() if p.is_file())}
    if REAL.is_dir():
        sets["real"] = sorted(
            str(p) for p in REAL.iterdir() if p.is_file() and p.name not in NOT_DISPATCHES
        )
    return sets


def time_files(shell, env, repeat):
    """{"samples": [...], "real": [...]}: each file's median time, format and status."""
    code = TIMES.format(refused=REFUSED, repeat=repeat, sets=file_sets())
    return shell(env, code)


def _ms(seconds):
    return f"{seconds * 1000:.1f} ms"


def _figures(files):
    if not files:
        return "—", "—", "—"
    times = [f["seconds"] for f in files]
    slowest = max(files, key=lambda f: f["seconds"])
    return _ms(statistics.median(times)), _ms(max(times)), f"{slowest['file']}"


def report_lines(timed, repeat):
    """The section of bench/results/wire.md on per-file times."""
    names = {"samples": "project samples (tests/wire/samples)", "real": "real files (wire-real)"}
    lines = [
        "## Ingest time per file",
        "",
        f"Each file ingested {repeat} times into the demo site (Belga, AFP and catch-all "
        "wires), each time rolled back so that every run is a first arrival; a file's time is "
        "the median of its runs (parse, route, publish in one process; no start-up, no "
        f"commit). Files no parser could read are counted as “{REFUSED}”.",
        "",
        "| files | count | published or held | p50 | max | slowest |",
        "|---|---:|---:|---:|---:|---|",
    ]
    for key, files in timed.items():
        read = sum(f["status"] == "processed" for f in files)
        p50, worst, slowest = _figures(files)
        lines.append(f"| {names[key]} | {len(files)} | {read} | {p50} | {worst} | {slowest} |")
    if "real" not in timed:
        lines += ["", f"The real files were not found at {REAL}: only the samples were timed."]
    by_format = defaultdict(lambda: defaultdict(list))
    for key, files in timed.items():
        for f in files:
            by_format[f["format"]][key].append(f)
    lines += [
        "",
        "Per format (the format manchette read; several stories in a file count once):",
        "",
        "| format | real: files | p50 | max | samples: files | p50 | max |",
        "|---|---:|---:|---:|---:|---:|---:|",
    ]
    for name in sorted(by_format, key=lambda n: (n == REFUSED, n)):
        real, own = by_format[name]["real"], by_format[name]["samples"]
        real_p50, real_max, _ = _figures(real)
        own_p50, own_max, _ = _figures(own)
        lines.append(
            f"| {name} | {len(real)} | {real_p50} | {real_max} "
            f"| {len(own)} | {own_p50} | {own_max} |"
        )
    return [*lines, ""]
