"""Scale-out: two nodes behind the shipped Varnish under a newsroom's mixed load.

    .venv/bin/python bench/scaleout.py [--duration 60] [--database postgres://…/postgres]

Needs PostgreSQL (``--database``, default DATABASE_URL or the local server:
any database on it; the run creates its own beside it and drops it after),
Redis on 127.0.0.1:6379 (database 13, emptied), varnishd with Debian's
varnish-modules, and wrk; moto (in the venv) is the S3 server, in a process
of its own.

The cluster is the one tests/nodes starts (``tests/nodes/harness.py``): two
``manchette serve`` nodes (one server process, clock, task worker and wire
watcher each) on one PostgreSQL database, Redis and a bucket, with Varnish
running ``deploy/varnish/manchette.vcl`` in front, its backend a
round-robin director over both nodes; the comment guard's rate limits are
lifted (bench/scaleout_settings.py). A site of sections and articles with
cover images is made through node A, and the task workers' queue emptied.

In the same run, two loads through Varnish, one after the other:

- static: a second varnishd with the same shipped configuration, its
  backend a file server giving a saved copy of one article page (with the
  node's caching headers); wrk on that page, the machine otherwise idle.
- mixed, for ``--duration`` seconds at once: wrk readers spread over the
  front page, the sections and articles (a Lua script), and beside them as
  many readers of the static copy, so that both get the same share of a
  machine the rest of the load also wants (the target compares these two
  figures; the idle one is reported next to them); ``--comments``
  posts a second through the JSON API (bench/latency.py's client: a new
  reader each time, a fresh token); ``--dispatches`` new agency stories a
  second pushed to the wire's push endpoint with its token; and one editor
  (``manchette shell`` with node A's settings) publishing a new headline of
  an article every ``--every`` seconds, each commit's time taken by
  ``transaction.on_commit``. The editor says what it will publish before
  it does, so that pollers are already asking node A, node B and Varnish
  for the article every 25 ms when it commits: a publication's freshness
  is the time from its commit until the answers of every one of them show
  the new headline for good (watched to at least 3 s after the commit;
  the arrival of the answer counts, a reader's wait included). A stale
  answer after 2 s is the old headline given to a request sent more than
  2 s after the commit.

Reported, to stdout and bench/results/scaleout.md: readers' requests/s,
p50 and p99 of the static copy alone and of both readers' loads during
the mixed load; freshness p50/p99/max over all publications
(and for each server); stale answers after 2 s; CPU time by part and
Varnish's hits and misses during the load; what the comment and wire
clients got. Targets: readers at least 0.8× the static figure (read at the
same time), freshness p99 under 1 s, no stale answer after 2 s.
The uncached render of the article and front page next to a plain
template render is bench/render.py's. A benchmark, not a test: nothing
fails when a target is missed.
"""

import argparse
import contextlib
import json
import math
import multiprocessing
import os
import statistics
import subprocess
import sys
import threading
import time
from collections import Counter
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

import httpx
from latency import machine, percentile, post_comments, wait_for_tasks
from run import (
    PeakMemory,
    cpu_seconds,
    figures_of,
    find,
    load_average,
    process_tree,
    publish,
    throwaway_folder,
    wrk,
)

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tests.nodes import harness  # noqa: E402
from tests.wire.builders import ninjs  # noqa: E402

RESULTS = Path(__file__).resolve().parent / "results" / "scaleout.md"
SERVER_URL = os.environ.get("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/postgres")
REDIS_URL = "redis://127.0.0.1:6379/13"
CONNECTIONS = 32
POLL_SECONDS = 0.025
WATCH_SECONDS = 3.0  # each publication is watched at least this long after its commit
GIVE_UP_SECONDS = 10.0  # … and at most this long, when it is not fresh everywhere yet
STALE_AFTER = 2.0
# What a poller's answer showed: the new headline, the old one, or no page.
FRESH, STALE, FAILED = "fresh", "stale", "failed"
# busy_sleep: requests that waited for a fetch under way (no copy, or one past its grace).
VARNISH_COUNTERS = ("cache_hit", "cache_miss", "cache_hitmiss", "cache_hitpass", "busy_sleep")
TARGET_RATIO = 0.8
TARGET_FRESHNESS_P99 = 1.0
TOKEN = "bench-push-token"  # noqa: S105 (a throwaway site's)
SECTIONS = ("Monde", "Économie", "Sport", "Culture")
ARTICLES_PER_SECTION = 6
EDITED = 5  # the editor's publications go round these articles

SEED = f"""
import json
from manchette.wire.models import WireSource
from tests import factory

home = factory.home()
articles = []
for s, title in enumerate({SECTIONS!r}):
    section = factory.section(title, slug=f"rubrique-{{s}}")
    for n in range({ARTICLES_PER_SECTION}):
        articles.append(factory.article(
            headline=f"{{title}} : la nouvelle numéro {{n}}", slug=f"nouvelle-{{n}}",
            in_section=section, tags=["Bench"], cover=factory.image(f"{{title}} {{n}}"),
            body=factory.paragraphs(*(f"Paragraphe {{p}} de la nouvelle." for p in range(6))),
        ))
WireSource.objects.create(
    name="Agence", slug="agence", source=factory.source("Agence"), provider_names="agence",
    default_section=section, push_token={TOKEN!r},
)
print(json.dumps({{
    "front": home.url,
    "sections": [page.url for page in home.get_children().live()],
    "articles": [{{"id": page.pk, "path": page.url}} for page in articles],
}}))
"""

EDITOR = """
import json, time
from django.db import transaction
from manchette.newsroom.models import ArticlePage

ids = {ids!r}
start = time.time() + 1
for n in range({count}):
    time.sleep(max(0.0, start + n * {every} - time.time()))
    page = ArticlePage.objects.get(pk=ids[n % len(ids)])
    headline = "Bilan numéro {{:03d}} de la journée".format(n)
    # Said before the publication, so that the pollers are at work when it commits.
    print(json.dumps({{"path": page.url, "headline": headline}}), flush=True)
    committed = []
    with transaction.atomic():
        # Registered first, so it runs first once the publication commits.
        transaction.on_commit(lambda: committed.append(time.time()))
        page.title = headline
        page.save_revision().publish()
    print(json.dumps({{"committed": committed[0]}}), flush=True)
"""

READERS_LUA = """
local paths = {{{paths}}}
local n = 0
request = function()
  n = n + 1
  return wrk.format("GET", paths[n % #paths + 1])
end
"""


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--duration", type=int, default=60, help="Seconds of the mixed load.")
    parser.add_argument("--static", type=int, default=20, help="Seconds of the static load.")
    parser.add_argument("--comments", type=float, default=20, help="Comment posts a second.")
    parser.add_argument("--dispatches", type=float, default=5, help="Wire pushes a second.")
    parser.add_argument("--every", type=float, default=3, help="Seconds between publications.")
    parser.add_argument("--database", default=SERVER_URL, help="A PostgreSQL server's URL.")
    parser.add_argument("--keep", action="store_true", help="Keep the throwaway folder.")
    args = parser.parse_args()
    if not args.database.startswith(("postgres://", "postgresql://")):
        parser.error("two nodes share a PostgreSQL database: give its server's URL")
    tool = find("wrk")
    if harness.VARNISHD is None:
        sys.exit(
            "varnishd is not installed. On Debian: sudo apt-get install varnish varnish-modules"
        )
    with (
        throwaway_folder("manchette-bench-scaleout-", args.keep) as tmp,
        s3_server(tmp) as (s3_endpoint, s3_process),
    ):
        print("starting two nodes behind Varnish", flush=True)
        cluster = harness.start(
            tmp,
            args.database,
            s3_endpoint,
            varnish=True,
            settings="bench.scaleout_settings",
            redis_url=REDIS_URL,
        )
        try:
            run(cluster, s3_process, tmp, tool, args)
        finally:
            harness.stop(cluster, args.database)


@contextlib.contextmanager
def s3_server(tmp):
    """moto's S3 server in a process of its own (the tests run it in theirs): its work must
    not take the interpreter from the pollers that time freshness."""
    endpoint = f"http://127.0.0.1:{harness.free_port()}"
    host, port = endpoint.rsplit("//", 1)[1].split(":")
    with (tmp / "s3.log").open("w") as log:
        process = subprocess.Popen(
            [sys.executable, "-m", "moto.server", "-H", host, "-p", port],
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                httpx.get(endpoint, timeout=2)
                break
            except httpx.TransportError:
                if process.poll() is not None or time.monotonic() > deadline:
                    sys.exit(f"moto's S3 server did not start:\n{(tmp / 's3.log').read_text()}")
                time.sleep(0.2)
        yield endpoint, process
    finally:
        harness.stop_group(process)


def run(cluster, s3_process, tmp, tool, args):
    a = cluster["a"]
    site = json.loads(a.shell(SEED))
    wait_for_tasks(a.env)
    varnish = cluster.varnish
    paths = [site["front"], *site["sections"], *(article["path"] for article in site["articles"])]
    for path in paths:  # every page rendered once (renditions made) before any timing
        varnish.get(path)
    static = static_copy(tmp, varnish, site["articles"][0]["path"])
    try:
        script = tmp / "readers.lua"
        script.write_text(READERS_LUA.format(paths=", ".join(json.dumps(p) for p in paths)))
        wrk(tool, static.origin + "/", 2, CONNECTIONS)
        wrk(tool, varnish.origin + "/", 2, CONNECTIONS, "-s", str(script))

        print(f"static copy through Varnish: {args.static} s", flush=True)
        load_before = load_average()
        memory = PeakMemory(static.process.pid)
        output = wrk(tool, static.origin + site["articles"][0]["path"], args.static, CONNECTIONS)
        memory.read()
        static_figures = figures_of("Varnish, static copy, alone", output, memory)

        print(f"mixed load through Varnish: {args.duration} s", flush=True)
        mixed = mixed_load(cluster, s3_process, static, tool, script, site, args)
        load_after = load_average()
    finally:
        static.stop()
    [(ingested,)] = cluster.sql(
        "SELECT count(*) FROM newsroom_articlepage WHERE external_source = 'agence'"
    )
    report(static_figures, mixed, ingested, f"{load_before} → {load_after}", args)


# The static copy


def static_copy(tmp, varnish, path):
    """A second varnishd, same configuration, in front of a file server giving this page's copy."""
    answer = varnish.get(path)
    kept = ("Content-Type", "Cache-Control", "Surrogate-Key", "Vary")
    headers = {name: answer.headers[name] for name in kept if name in answer.headers}
    page = answer.body

    def copy(handler):
        handler.send_response(200)
        for name, value in {**headers, "Content-Length": str(len(page))}.items():
            handler.send_header(name, value)
        handler.end_headers()
        handler.wfile.write(page)

    static, _ = harness.varnish_in_front_of(copy, tmp, "varnish-static")
    return static


# The mixed load


@dataclass
class Publication:
    path: str
    headline: str
    committed: float | None = None  # time.time() of the commit, once the editor says it
    # Per server, each answer: (time.time() when its request left, when it arrived,
    # what it showed: FRESH, STALE or FAILED).
    polled: dict = field(default_factory=dict)

    @property
    def answers(self):
        """Each server's answers, their times in seconds after the commit."""
        return {
            server: [
                (sent - self.committed, arrived - self.committed, shown)
                for sent, arrived, shown in answers
            ]
            for server, answers in self.polled.items()
        }

    def fresh_after(self, server):
        """Seconds from the commit until this server's answers showed the new headline for good
        (the arrival of the first of them: a reader's wait is counted)."""
        answers = self.answers.get(server, [])
        if not answers or answers[-1][2] != FRESH:
            return None
        # Answers from before the commit show the old headline, as they should.
        last_stale = max((sent for sent, _, shown in answers if shown != FRESH), default=-math.inf)
        return min(arrived for sent, arrived, shown in answers if sent > last_stale)

    def freshness(self):
        """Until every server serves it; None when one never did."""
        seconds = [self.fresh_after(server) for server in self.polled]
        return None if None in seconds or not seconds else max(seconds)

    def late(self, shown):
        """Answers that showed ``shown`` (STALE: the old page; FAILED) to a request that left
        more than 2 s after the commit."""
        return sum(
            1
            for answers in self.answers.values()
            for sent, _, seen in answers
            if seen == shown and sent > STALE_AFTER
        )


@dataclass
class Mixed:
    readers: object
    static: object  # readers of the static copy, at the same time
    publications: list
    posts: list
    pushes: Counter
    cpu: dict  # CPU seconds each part used during the load
    varnish: Counter  # Varnish's cache hits, misses … during the load


def mixed_load(cluster, s3_process, static, tool, script, site, args):
    servers = {"node A": cluster["a"], "node B": cluster["b"], "Varnish": cluster.varnish}
    parts = {"Varnish": process_tree(cluster.varnish.process.pid)}
    parts["S3 server"] = process_tree(s3_process.pid)
    for node in cluster.nodes:
        for pid in process_tree(node.process.pid):
            parts.setdefault(f"nodes' {role_of(pid)}", set()).add(pid)
    used = {name: cpu_seconds(pids) for name, pids in parts.items()}
    counted = varnish_counters(cluster.varnish)
    commented = site["articles"][1]["id"]
    edited = [article["id"] for article in site["articles"][-EDITED:]]
    count = int(args.duration // args.every)
    spawn = multiprocessing.get_context("spawn")
    static_output = []
    static_readers = threading.Thread(
        target=lambda: static_output.append(
            wrk(tool, static.origin + site["articles"][0]["path"], args.duration, CONNECTIONS)
        )
    )
    with ProcessPoolExecutor(max_workers=1, mp_context=spawn) as commenters:
        commenters.submit(int).result()  # the client process is up before any timing
        label = f"{time.time():.0f}"
        posting = commenters.submit(
            post_comments, cluster.varnish.origin, commented, args.comments, args.duration, label
        )
        pushes = Counter()
        pusher = threading.Thread(
            target=push_dispatches,
            args=(cluster.varnish.origin, args.dispatches, args.duration, label, pushes),
        )
        pusher.start()
        editor = subprocess.Popen(
            [
                harness.MANCHETTE,
                "shell",
                "--verbosity",
                "0",
                "-c",
                EDITOR.format(ids=edited, count=count, every=args.every),
            ],
            cwd=harness.REPO,
            env=cluster["a"].env,
            stdout=subprocess.PIPE,
            text=True,
        )
        publications, pollers = [], []
        watcher = threading.Thread(
            target=watch_publications, args=(editor, servers, publications, pollers)
        )
        watcher.start()
        static_readers.start()
        output = wrk(
            tool, cluster.varnish.origin + "/", args.duration, CONNECTIONS, "-s", str(script)
        )
        memory = PeakMemory(cluster.varnish.process.pid)
        memory.read()
        readers = figures_of("manchette, two nodes, mixed load", output, memory)
        static_readers.join()
        static_memory = PeakMemory(static.process.pid)
        static_memory.read()
        static_figures = figures_of(
            "Varnish, static copy, beside them", static_output[0], static_memory
        )
        posts = posting.result()
        pusher.join()
        used = {name: cpu_seconds(parts[name]) - used[name] for name in parts}
        counted = varnish_counters(cluster.varnish) - counted
        editor.wait()
        watcher.join()
        for poller in pollers:
            poller.join()
    if editor.returncode:
        sys.exit(f"The editor's publications failed (exit {editor.returncode}).")
    return Mixed(readers, static_figures, publications, posts, pushes, used, counted)


def role_of(pid):
    """What a process of a node does, from its command line (see ``manchette serve``)."""
    try:
        command = Path(f"/proc/{pid}/cmdline").read_bytes().split(b"\0")
    except OSError:
        return "server processes"
    if b"db_worker" in command:
        queue = command[command.index(b"--queue-name") + 1]
        return "audio worker" if queue == b"audio" else "task worker"
    for word, role in ((b"clock", "clock"), (b"watch_wire", "wire watcher")):
        if word in command:
            return role
    return "server processes"


def varnish_counters(varnish):
    """Varnish's counters of cache hits, misses, passes and waits so far (varnishstat)."""
    output = subprocess.run(
        ["varnishstat", "-n", str(varnish.folder / "work"), "-1"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    counters = dict(line.split()[:2] for line in output.splitlines() if line.strip())
    return Counter({name: int(counters.get(f"MAIN.{name}", 0)) for name in VARNISH_COUNTERS})


def push_dispatches(origin, rate, seconds, label, pushes):
    """``rate`` new stories a second to the wire's push endpoint, through Varnish."""
    start = time.monotonic()
    with httpx.Client(timeout=30) as client:
        for n in range(round(rate * seconds)):
            time.sleep(max(0.0, start + n / rate - time.monotonic()))
            story = ninjs(
                guid=f"urn:agence:bench:{label}:{n}",
                headline=f"Dépêche {n} de l'agence",
                copyrightholder="Agence",
            )
            try:
                answer = client.post(
                    f"{origin}/wire/push/agence/",
                    content=story,
                    headers={
                        "Authorization": f"Bearer {TOKEN}",
                        "Content-Type": "application/json",
                    },
                )
                pushes[answer.status_code] += 1
            except httpx.HTTPError:
                pushes["no answer"] += 1


def watch_publications(editor, servers, publications, pollers):
    """Pollers on every server from the moment the editor says what it will publish."""
    for line in editor.stdout:
        said = json.loads(line)
        if "committed" in said:
            publications[-1].committed = said["committed"]
            continue
        publication = Publication(**said)
        publications.append(publication)
        for name, server in servers.items():
            publication.polled[name] = []
            poller = threading.Thread(target=poll, args=(publication, name, server.origin))
            poller.start()
            pollers.append(poller)


def poll(publication, name, origin):
    answers = publication.polled[name]
    announced = time.time()
    with httpx.Client(base_url=origin, timeout=10) as client:
        while True:
            sent = time.time()
            try:
                answer = client.get(publication.path)
                if answer.status_code != 200:
                    shown = FAILED
                else:
                    shown = FRESH if publication.headline in answer.text else STALE
            except httpx.HTTPError:
                shown = FAILED
            arrived = time.time()
            answers.append((sent, arrived, shown))
            # Watched from the commit (once the editor has said when it was) for at least
            # WATCH_SECONDS, longer until fresh, never past GIVE_UP_SECONDS.
            committed = publication.committed
            if arrived - (committed or announced) > GIVE_UP_SECONDS:
                return
            if shown == FRESH and committed and sent - committed > WATCH_SECONDS:
                return
            time.sleep(POLL_SECONDS)


# The report


def seconds_cells(values):
    if not values:
        return "— | — | —"
    return (
        f"{statistics.median(values) * 1000:.0f} ms | {percentile(values, 99) * 1000:.0f} ms "
        f"| {max(values) * 1000:.0f} ms"
    )


def report(static, mixed, ingested, load, args):
    ratio = mixed.readers.requests_per_second / mixed.static.requests_per_second
    alone = mixed.readers.requests_per_second / static.requests_per_second
    publications = mixed.publications
    freshness = [p.freshness() for p in publications]
    reached = [seconds for seconds in freshness if seconds is not None]
    never = len(freshness) - len(reached)
    stale = sum(p.late(STALE) for p in publications)
    failed = sum(p.late(FAILED) for p in publications)
    p99 = percentile(reached, 99) if reached and not never else float("inf")
    stored = [ms for status, ms in mixed.posts if status == 201]
    others = Counter(status or "no answer" for status, _ in mixed.posts if status != 201)
    lines = [
        f"# Scale-out: two nodes behind Varnish under a mixed load, {machine()}",
        "",
        "Two `manchette serve` nodes (one server process, clock, task worker and wire watcher "
        "each) on one PostgreSQL database, Redis and a local S3 bucket (moto), behind "
        "Varnish with `deploy/varnish/manchette.vcl` (a round-robin director over the nodes). "
        f"Readers: wrk, 2 threads, {CONNECTIONS} connections, through Varnish. Static: "
        f"a second varnishd with the same configuration in front of a file server giving a "
        f"copy of one article page, {args.static} s alone, then during the mixed load "
        f"beside its readers. Mixed, {args.duration} s at once: "
        f"readers spread over the front page, {len(SECTIONS)} sections and "
        f"{len(SECTIONS) * ARTICLES_PER_SECTION} articles; {args.comments:g} comment posts a "
        f"second (JSON API, through Varnish, a new reader each); {args.dispatches:g} new "
        "agency stories a second pushed to the wire endpoint (through Varnish, published "
        f"automatically); an editor publishing a new headline every {args.every:g} s through "
        "node A's settings. Pollers ask node A, node B and Varnish for each republished "
        f"article every {POLL_SECONDS * 1000:.0f} ms. Load average before → after: {load}.",
        "",
        "| readers through Varnish | requests/s | p50 | p99 | errors |",
        "|---|---|---|---|---|",
    ]
    for row in (static, mixed.static, mixed.readers):
        lines.append(
            f"| {row.server} | {row.requests_per_second:,.0f} | {row.p50_ms:.2f} ms "
            f"| {row.p99_ms:.2f} ms | {row.errors} |"
        )
    lines += [
        "",
        f"Freshness over {len(publications)} publications (commit → new headline served for good):",
        "",
        "| served by | p50 | p99 | max | never fresh |",
        "|---|---|---|---|---|",
    ]
    for name in ("node A", "node B", "Varnish"):
        seconds = [p.fresh_after(name) for p in publications]
        found = [s for s in seconds if s is not None]
        lines.append(f"| {name} | {seconds_cells(found)} | {len(seconds) - len(found)} |")
    lines += [
        f"| every one of them | {seconds_cells(reached)} | {never} |",
        "",
        f"Stale answers (the old headline to a request sent more than {STALE_AFTER:g} s after "
        f"the commit): {stale} (of "
        f"{sum(len(a) for p in publications for a in p.polled.values()):,} polled answers); "
        f"failed answers then (not a 200, or none within 10 s): {failed}.",
        "",
        f"Comment posts: {len(stored):,} stored (201) of {len(mixed.posts):,}, p50 "
        f"{statistics.median(stored) if stored else float('nan'):.0f} ms, p99 "
        f"{percentile(stored, 99) if stored else float('nan'):.0f} ms; other answers: "
        f"{', '.join(f'{s}: {n}' for s, n in others.items()) or 'none'}. Wire pushes: "
        f"{', '.join(f'{s}: {n}' for s, n in sorted(mixed.pushes.items(), key=str))}; "
        f"{ingested:,} stories ingested by the end. CPU time during the mixed load "
        f"(out of {args.duration * os.cpu_count()} s the machine has): "
        + ", ".join(f"{name} {seconds:.0f} s" for name, seconds in mixed.cpu.items())
        + " (both nodes' processes summed by what they do, a reaped child's time counted "
        "whole; PostgreSQL, Redis, wrk and the load's clients not counted). Varnish's "
        "counters during the mixed load: "
        + ", ".join(f"{name} {mixed.varnish[name]:,}" for name in VARNISH_COUNTERS)
        + ". The uncached render of the article and front page: "
        "bench/render.py.",
        "",
        f"Targets: readers at least {TARGET_RATIO}× the static figure read at the same time: "
        f"**{'met' if ratio >= TARGET_RATIO else 'not met'}** ({ratio:.2f}×; "
        f"{alone:.2f}× the static copy read alone); freshness "
        f"p99 under {TARGET_FRESHNESS_P99:g} s: "
        f"**{'met' if p99 < TARGET_FRESHNESS_P99 else 'not met'}** "
        f"({p99 * 1000:.0f} ms); no stale answer after {STALE_AFTER:g} s: "
        f"**{'met' if stale == 0 else 'not met'}** ({stale}).",
    ]
    publish("\n".join(lines) + "\n", RESULTS)


if __name__ == "__main__":
    main()
