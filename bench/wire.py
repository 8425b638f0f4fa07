"""`make bench`: archive import of generated dispatches into a throwaway SQLite database.

    .venv/bin/python bench/wire.py [--count 20000] [--checkpoints 5000,20000]

Dispatches are generated one at a time (ninjs 2.x, NewsML-G2 and NewsML
1.2 in turn, each a different story with 3 to 6 paragraphs and tags) and
go through the path of ``manchette ingest --archive``: receipt stored,
parsed, routed, written as a published Wagtail page with its revision,
publish log entry, tags and search index entry, logged — in bulk batches
of 500 (see ``manchette.wire.archive``). The database is the local site's (SQLite in WAL
mode) in a throwaway folder, with the same settings as ``make run``.

At each checkpoint the script prints dispatches per second since the start
and the process's peak memory (resident set): streaming means the peak at
20,000 stays where it was at 5,000. Target: at least 200 dispatches/s.
The figures go to stdout and bench/results/wire.md. This is a benchmark,
not a test: nothing fails when the target is missed.
"""

import argparse
import json
import os
import platform
import resource
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

from run import publish

PROJECT = Path(__file__).resolve().parent.parent
RESULTS = PROJECT / "bench" / "results" / "wire.md"
TARGET = 200

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


def peak_megabytes():
    # ru_maxrss is in kilobytes on Linux.
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def set_up_site():
    from wagtail.models import Page, Site

    from manchette.newsroom.models import HomePage, SectionPage, Source
    from manchette.wire.models import WireSource

    root = Page.get_first_root_node()
    home = root.add_child(instance=HomePage(title="manchette", slug="accueil"))
    Site.objects.all().delete()
    Site.objects.create(hostname="localhost", root_page=home, is_default_site=True)
    section = home.add_child(instance=SectionPage(title="Belgique", slug="belgique"))
    section.save_revision().publish()
    source = Source.objects.create(
        name="Bench", slug="bench", short_credit="Bench", long_credit="Bench News"
    )
    WireSource.objects.create(name="Bench", slug="bench", source=source, default_section=section)


def run(count, checkpoints):
    from django.core.management import call_command

    from manchette.wire.archive import ArchiveImport

    call_command("migrate", verbosity=0)
    set_up_site()
    archive = ArchiveImport()
    rows = [(0, 0.0, peak_megabytes(), 0.0)]
    started = time.perf_counter()
    for done, raw in enumerate(dispatches(count), 1):
        archive.add(f"archive/{done}", raw)
        if done in checkpoints:
            # Write what is pending, so that the time covers every dispatch counted.
            archive.flush()
            elapsed = time.perf_counter() - started
            rows.append((done, done / elapsed, peak_megabytes(), elapsed))
            print(
                f"{done:>7,} dispatches  {done / elapsed:8.1f}/s  peak {peak_megabytes():7.1f} MB"
            )
    archive.finish()
    return rows, len(archive.quarantined)


def report(rows, quarantined, count):
    lines = [
        "# Wire: archive import into SQLite",
        "",
        f"{datetime.now(UTC):%Y-%m-%d %H:%M} UTC · {platform.processor() or platform.machine()} · "
        f"{os.cpu_count()} CPUs · Python {platform.python_version()}",
        "",
        f"{count:,} generated dispatches (ninjs 2.x, NewsML-G2, NewsML 1.2 in turn) through "
        "`manchette ingest --archive`: each stored as a receipt, parsed, routed and published "
        "as an article with its revision, log entry, tags and search entry (bulk batches of "
        f"500). Target: {TARGET} dispatches/s; memory flat (streaming). Row 0 is the process "
        "after migrating and setting up the site, before the import.",
        "",
        "| dispatches | dispatches/s | peak memory (RSS) | elapsed |",
        "|---:|---:|---:|---:|",
        *(
            f"| {n:,} | {f'{rate:.1f}' if n else '—'} | {peak:.1f} MB | {elapsed:.1f} s |"
            for n, rate, peak, elapsed in rows
        ),
        "",
        f"Quarantined: {quarantined}.",
        "",
    ]
    publish("\n".join(lines), RESULTS)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--count", type=int, default=20_000)
    parser.add_argument("--checkpoints", default="5000,20000")
    args = parser.parse_args()
    checkpoints = {int(n) for n in args.checkpoints.split(",")} | {args.count}
    with tempfile.TemporaryDirectory(prefix="manchette-bench-wire-") as folder:
        os.environ["MANCHETTE_BENCH_DIR"] = folder
        os.environ["DJANGO_SETTINGS_MODULE"] = "bench.settings"
        sys.path.insert(0, str(PROJECT))
        import django

        django.setup()
        rows, quarantined = run(args.count, checkpoints)
    report(rows, quarantined, args.count)


if __name__ == "__main__":
    main()
