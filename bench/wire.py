"""`make bench`: archive import of generated dispatches, and ingest time per real file.

    .venv/bin/python bench/wire.py [--count 20000] [--checkpoints 5000,20000] [--repeat 3]

Before the archive import, every sample of the project and every real agency
file of ``../shared/wire-real/`` is ingested on its own and timed: p50 and
max per file and per format, both sets side by side (see bench/wire_files.py).

Dispatches are generated as files in a throwaway folder (ninjs 2.x,
NewsML-G2 and NewsML 1.2 in turn, each a different story with 3 to 6
paragraphs and tags), then imported into the demo site (``manchette demo``,
SQLite in WAL mode, the settings of ``make run``) by one command, as a site
migrating its archive would: ``manchette ingest --archive --source bench
FOLDER``, to a wire source made for them. While it runs, a watcher
(``manchette shell``) counts the wire's published articles four times a
second; at each checkpoint the script reads the command's peak memory
(resident set) and CPU time from /proc.

At each checkpoint the script gives dispatches per second since the
command started (Django's start-up included) and the command's peak
memory then: streaming means the peak at 20,000 stays where it was at
5,000. Target: at least 100 dispatches/s at 20,000, memory flat (less than
10% more at the last checkpoint than at the first). The figures go to
stdout and bench/results/wire.md. This is a benchmark, not a test:
nothing fails when the target is missed.
"""

import argparse
import json
import os
import platform
import subprocess
import sys
import time
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

from run import (
    PeakMemory,
    bench_env,
    build_site,
    cpu_model,
    cpu_seconds,
    load_average,
    manchette_shell,
    publish,
    throwaway_folder,
)
from wire_files import report_lines, time_files

PROJECT = Path(__file__).resolve().parent.parent
RESULTS = PROJECT / "bench" / "results" / "wire.md"
TARGET = 100
FLAT = 1.10
EXTENSIONS = ("json", "xml", "xml")

PLACES = ["Bruxelles", "Liège", "Namur", "Gand", "Anvers", "Mons", "Charleroi", "Arlon"]
TOPICS = ["Mobilité", "Budget", "Climat", "Emploi", "Santé", "Justice", "Culture", "Sport"]
SENTENCE = (
    "Le conseil communal de {place} a examiné lundi le dossier numéro {number}, "
    "qui porte sur {topic} et concerne plusieurs milliers d'habitants de la région."
)
G2 = """<?xml version="1.0" encoding="UTF-8"?>
<newsItem xmlns="http://iptc.org/std/nar/2006-10-01/" guid="urn:newsml:bench:{number}"
 version="1" standard="NewsML-G2" standardversion="2.33" xml:lang="fr">
<itemMeta><itemClass qcode="ninat:text"/><provider literal="Bench"/>
<versionCreated>{time}</versionCreated><firstCreated>{time}</firstCreated>
<pubStatus qcode="stat:usable"/></itemMeta>
<contentMeta><urgency>4</urgency><located><name>{place}</name></located>
<subject qcode="medtop:11000000"><name>politique</name></subject>
<keyword>{topic}</keyword><keyword>{place}</keyword><slugline>{topic}</slugline>
<headline>{headline}</headline></contentMeta>
<contentSet><inlineXML contenttype="application/xhtml+xml">
<html xmlns="http://www.w3.org/1999/xhtml"><head><title/></head><body>{body}</body></html>
</inlineXML></contentSet></newsItem>"""
NEWSML12 = """<?xml version="1.0" encoding="UTF-8"?>
<NewsML Version="1.2"><NewsItem><Identification><NewsIdentifier>
<ProviderId>bench</ProviderId><DateId>20240101</DateId><NewsItemId>{number}</NewsItemId>
<RevisionId PreviousRevision="0" Update="N">1</RevisionId></NewsIdentifier></Identification>
<NewsManagement><FirstCreated>{basic_time}</FirstCreated>
<ThisRevisionCreated>{basic_time}</ThisRevisionCreated><Status FormalName="Usable"/>
<Urgency FormalName="4"/></NewsManagement>
<NewsComponent xml:lang="fr"><NewsLines><SlugLine>{topic}</SlugLine><DateLine>{place}</DateLine>
</NewsLines><AdministrativeMetadata><Provider><Party FormalName="Bench"/></Provider>
</AdministrativeMetadata><DescriptiveMetadata><Property FormalName="Keyword" Value="{topic}"/>
</DescriptiveMetadata>
<NewsComponent><Role FormalName="Title"/><ContentItem><DataContent>{headline}</DataContent>
</ContentItem></NewsComponent>
<NewsComponent><Role FormalName="Body"/><ContentItem><DataContent>{body}</DataContent>
</ContentItem></NewsComponent></NewsComponent></NewsItem></NewsML>"""


def dispatches(count):
    """Generated dispatches, one at a time: nothing is held in memory."""
    start = datetime(2015, 1, 1, 8, 0, tzinfo=UTC)
    for number in range(count):
        place, topic = PLACES[number % len(PLACES)], TOPICS[number // 3 % len(TOPICS)]
        moment = start + timedelta(minutes=7 * number)
        fields = {"number": number, "place": place, "topic": topic}
        headline = f"{topic} à {place} : le dossier {number} avance"
        body = "".join(f"<p>{SENTENCE.format(**fields)}</p>" for _ in range(3 + number % 4))
        kind = number % 3
        if kind == 0:
            yield json.dumps(
                {
                    "uri": f"urn:bench:ninjs:{number}",
                    "version": "1",
                    "versioncreated": moment.isoformat(),
                    "firstcreated": moment.isoformat(),
                    "language": "fr",
                    "copyrightholder": "Bench",
                    "slugline": topic,
                    "located": place,
                    "urgency": 3 + number % 5,
                    "headlines": [{"value": headline}],
                    "bodies": [{"contenttype": "text/html", "value": body}],
                    "keywords": [topic, place],
                }
            ).encode()
        elif kind == 1:
            yield G2.format(
                headline=headline, body=body, time=moment.isoformat(), **fields
            ).encode()
        else:
            basic = moment.astimezone(UTC).strftime("%Y%m%dT%H%M%S")
            yield NEWSML12.format(headline=headline, body=body, basic_time=basic, **fields).encode()


WIRE_SOURCE = """
import json
from manchette.newsroom.models import SectionPage, Source
from manchette.wire.models import WireSource

source = Source.objects.create(
    name="Bench", slug="bench", short_credit="Bench", long_credit="Bench News"
)
WireSource.objects.create(
    name="Bench", slug="bench", source=source, provider_names="Bench",
    default_section=SectionPage.objects.live().first(),
)
print(json.dumps("bench"))
"""

# Four times a second until the command has ended: the wire's published articles.
WATCH = """
import json, time
from pathlib import Path
from manchette.newsroom.models import ArticlePage

command = Path("/proc/{pid}/stat")
# The state, after the parenthesised name: "Z" once the command has ended.
while command.exists() and command.read_text().rpartition(")")[2].split()[0] != "Z":
    published = ArticlePage.objects.published().filter(external_source="bench").count()
    print(json.dumps({{"time": time.time(), "published": published}}), flush=True)
    time.sleep(0.25)
"""


PUBLISHED = (
    "import json; from manchette.newsroom.models import ArticlePage;"
    'print(json.dumps(ArticlePage.objects.published().filter(external_source="bench").count()))'
)


def write_dispatches(folder, count):
    folder.mkdir()
    for number, raw in enumerate(dispatches(count)):
        (folder / f"{number:06d}.{EXTENSIONS[number % 3]}").write_bytes(raw)


def run(env, tmp, checkpoints):
    """The import, watched: the checkpoints' rows, and the command's end."""
    command = [sys.executable, "-m", "manchette.cli"]
    started = time.time()
    # Its output goes to files: a pipe nobody reads before the end could fill and stall it.
    with open(tmp / "ingest.out", "w") as output, open(tmp / "ingest.err", "w") as errors:
        importing = subprocess.Popen(
            [*command, "ingest", "--archive", "--source", "bench", str(tmp / "archive")],
            env=env,
            cwd=PROJECT,
            stdout=output,
            stderr=errors,
        )
    watcher = subprocess.Popen(
        [*command, "shell", "--verbosity", "0", "-c", WATCH.format(pid=importing.pid)],
        env=env,
        cwd=PROJECT,
        stdout=subprocess.PIPE,
        text=True,
    )
    rows, waiting = [], sorted(checkpoints)
    for line in watcher.stdout:
        seen = json.loads(line)
        if waiting and seen["published"] >= waiting[0]:
            # The command is ours and not yet reaped: its figures are still in /proc.
            memory = PeakMemory(importing.pid)
            memory.read()
            cpu = cpu_seconds([importing.pid])
            while waiting and seen["published"] >= waiting[0]:
                elapsed = seen["time"] - started
                rows.append(Row(waiting.pop(0), seen["published"], elapsed, cpu, memory.rss))
                print(f"{rows[-1]}", flush=True)
    # The command's own peak, which the kernel gives when the command is reaped.
    _, status, usage = os.wait4(importing.pid, 0)
    watcher.wait()
    cpu = usage.ru_utime + usage.ru_stime
    end = Row(None, 0, time.time() - started, cpu, usage.ru_maxrss * 1024)
    return rows, end, os.waitstatus_to_exitcode(status)


@dataclass
class Row:
    checkpoint: int | None
    published: int
    elapsed: float
    cpu: float
    peak: int  # bytes

    @property
    def label(self):
        return f"{self.checkpoint:,}" if self.checkpoint else "all, command done"

    @property
    def rate(self):
        return self.published / self.elapsed

    def __str__(self):
        return (
            f"{self.published:>7,} published  {self.rate:8.1f}/s  "
            f"CPU {self.cpu:6.1f} s  peak {self.peak / 2**20:7.1f} MB"
        )


def report(rows, end, exit_code, tmp, load, count, files, repeat):
    said = (tmp / "ingest.out").read_text().strip().splitlines() or ["(nothing)"]
    quarantined = [
        line for line in (tmp / "ingest.err").read_text().splitlines() if line.startswith("✗")
    ]
    first_peak = rows[0].peak if rows else end.peak
    met = end.rate >= TARGET and end.peak < first_peak * FLAT and end.published == count
    lines = [
        "# Wire: archive import into SQLite",
        "",
        f"{datetime.now(UTC):%Y-%m-%d %H:%M} UTC · {cpu_model()} · {os.cpu_count()} CPUs · "
        f"Python {platform.python_version()} · load average before {load}",
        "",
        f"{count:,} generated dispatches (ninjs 2.x, NewsML-G2, NewsML 1.2 in turn), one file "
        "each, imported into the demo site by `manchette ingest --archive --source bench "
        "FOLDER`. Rates count the wire's published articles, seen four times a second, over "
        "the time since the command started (Django's start-up included); peak memory is the "
        "command's resident high-water mark then, CPU time the command's own (steadier than "
        "the elapsed time when other work shares the machine). The last row is the command's "
        f"end (exit status {exit_code}).",
        "",
        "| dispatches | published | dispatches/s | peak memory (RSS) | elapsed | CPU time |",
        "|---:|---:|---:|---:|---:|---:|",
        *(
            f"| {row.label} | {row.published:,} | {row.rate:.1f} "
            f"| {row.peak / 2**20:.1f} MB | {row.elapsed:.1f} s | {row.cpu:.1f} s |"
            for row in [*rows, end]
        ),
        "",
        f"The command said: “{said[-1]}”; quarantined: {len(quarantined)}.",
        "",
        f"Target: at least {TARGET} dispatches/s, every one published, memory flat (peak at the "
        f"end under {FLAT:.2f}x the first checkpoint's): **{'met' if met else 'not met'}**.",
        "",
        *report_lines(files, repeat),
    ]
    publish("\n".join(lines), RESULTS)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--count", type=int, default=20_000)
    parser.add_argument("--checkpoints", default="5000,20000")
    parser.add_argument("--keep", action="store_true", help="Keep the throwaway folder.")
    parser.add_argument(
        "--repeat", type=int, default=3, help="Runs per file for its ingest time (median)."
    )
    args = parser.parse_args()
    checkpoints = {int(n) for n in args.checkpoints.split(",")} | {args.count}
    with throwaway_folder("manchette-bench-wire-", args.keep) as tmp:
        env = bench_env(tmp)
        build_site(env, "http://127.0.0.1:8000")
        manchette_shell(env, WIRE_SOURCE)
        print(f"timing each sample and real file, {args.repeat} runs each", flush=True)
        files = time_files(manchette_shell, env, args.repeat)
        print(f"writing {args.count:,} dispatches", flush=True)
        write_dispatches(tmp / "archive", args.count)
        load = load_average()
        print("manchette ingest --archive --source bench", flush=True)
        rows, end, exit_code = run(env, tmp, checkpoints)
        end.published = manchette_shell(env, PUBLISHED)
        report(rows, end, exit_code, tmp, load, args.count, files, args.repeat)


if __name__ == "__main__":
    main()
