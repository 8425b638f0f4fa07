"""Listing an article's comments (JSON) against Isso 0.14, the same 100 comments on both.

    .venv/bin/python bench/comments.py [--duration 10] [--connections 32] [--rounds 3]

One run on one machine, the same load for both: Isso 0.14 from PyPI, in its
own environment (``bench/isso-env/``, made on first use with ``python3 -m
venv`` and pip), under gunicorn, and ``manchette serve`` (granian), each
with WORKERS processes and its own SQLite database in a throwaway folder.
The 100 comments (20 threads of a comment and four replies) are posted to
Isso through its API, on the address of a demo article, then imported from
Isso's database into manchette with ``manchette import_comments``. wrk
measures Isso's ``GET /?uri=…`` (the whole thread) and manchette's ``GET
/comments/api/<id>/`` (its first page: 20 threads, each whole), as a reader
gets it (page cache) and past the page cache.

Target: manchette at least 5x Isso's throughput. Figures go to stdout and
bench/results/comments.md. This is a benchmark, not a test: nothing fails
when the target is missed.
"""

import argparse
import json
import os
import platform
import subprocess
import urllib.request
from datetime import UTC, datetime
from pathlib import Path

from run import (
    PeakMemory,
    bench_env,
    build_site,
    cpu_model,
    fetch,
    fetch_header,
    figures_of,
    find,
    load_average,
    manchette,
    manchette_command,
    median_run,
    publish,
    running,
    throwaway_folder,
    wrk,
)

PROJECT = Path(__file__).resolve().parent.parent
RESULTS = PROJECT / "bench" / "results" / "comments.md"
ISSO_ENV = PROJECT / "bench" / "isso-env"
ISSO_VERSION = "0.14.0"
ISSO_PORT = 8550
MANCHETTE_PORT = 8551
WORKERS = 2
TARGET_RATIO = 5
THREADS = 20
REPLIES = 4

ISSO_CONFIG = """\
[general]
dbpath = {tmp}/isso.db
host = http://127.0.0.1:{port}/
notify = stdout
log-file = {tmp}/isso.log
gravatar = false
[moderation]
enabled = false
[guard]
enabled = false
[server]
listen = http://127.0.0.1:{port}/
[hash]
salt = bench
algorithm = none
"""

TEXT = (
    "Un avis mesuré sur la question du jour, numéro {n} : les négociations avancent, "
    "mais le calendrier reste serré et les détails manquent encore."
)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--duration", type=int, default=10, help="Seconds of load per run.")
    parser.add_argument("--connections", type=int, default=32)
    parser.add_argument("--rounds", type=int, default=3, help="Runs per server; median shown.")
    parser.add_argument("--keep", action="store_true", help="Keep the throwaway folder.")
    args = parser.parse_args()
    tool = find("wrk")
    isso = isso_environment()
    with throwaway_folder("manchette-bench-comments-", args.keep) as tmp:
        isso_base = f"http://127.0.0.1:{ISSO_PORT}"
        base = f"http://127.0.0.1:{MANCHETTE_PORT}"
        env = bench_env(tmp)
        article = build_site(env, base)
        thread = f"/a/{article['id']}/"
        (tmp / "isso.cfg").write_text(ISSO_CONFIG.format(tmp=tmp, port=ISSO_PORT))
        isso_env = {**os.environ, "ISSO_SETTINGS": str(tmp / "isso.cfg")}
        with running(isso_command(isso), isso_env, isso_base + "/info") as isso_server:
            seed_isso(isso_base, thread)
            print("manchette import_comments --format isso", flush=True)
            imported = manchette(env, "import_comments", "--format", "isso", str(tmp / "isso.db"))
            with running(manchette_command(MANCHETTE_PORT), env, base + "/") as manchette_server:
                listing = f"{base}/comments/api/{article['id']}/"
                cases = [
                    ("Isso", f"{isso_base}/?uri={thread}", [], isso_server),
                    ("manchette", listing, [], manchette_server),
                    (
                        "manchette, past the page cache",
                        listing,
                        ["-H", "Cookie: sessionid=bench"],
                        manchette_server,
                    ),
                ]
                checks = {
                    "Isso lists": counted(json.loads(fetch(cases[0][1]))["replies"]),
                    "manchette lists": counted(json.loads(fetch(listing))["comments"]),
                    "imported": imported.strip(),
                }
                load = load_average()
                figures = measure(tool, cases, args)
                checks["page cache"] = fetch_header(listing, "X-Page-Cache")
        report(figures, checks, load, args)


def isso_environment():
    """bench/isso-env with Isso and gunicorn, made the first time."""
    gunicorn = ISSO_ENV / "bin" / "gunicorn"
    if not gunicorn.exists():
        print(f"creating {ISSO_ENV.relative_to(PROJECT)} with Isso {ISSO_VERSION}", flush=True)
        subprocess.run(["python3", "-m", "venv", str(ISSO_ENV)], check=True)
        subprocess.run(
            [ISSO_ENV / "bin" / "pip", "install", "-q", f"isso=={ISSO_VERSION}", "gunicorn"],
            check=True,
        )
    return gunicorn


def isso_command(gunicorn):
    # As Isso's documentation runs it under gunicorn, with our worker count.
    return [gunicorn, "-b", f"127.0.0.1:{ISSO_PORT}", "-w", str(WORKERS), "--preload", "isso.run"]


def post_json(url, data):
    request = urllib.request.Request(  # noqa: S310 (our own server)
        url, json.dumps(data).encode(), {"Content-Type": "application/json"}, method="POST"
    )
    with urllib.request.urlopen(request, timeout=10) as response:  # noqa: S310 (our own server)
        return json.loads(response.read())


def seed_isso(base, thread):
    """The thread's comments through Isso's API: each comment, then its replies."""
    print(f"Isso: {THREADS * (1 + REPLIES)} comments through its API", flush=True)
    new = f"{base}/new?uri={thread}"
    for n in range(THREADS):
        number = n * (1 + REPLIES)
        posted = post_json(
            new, {"title": "Bench", "author": f"Lecteur {number}", "text": TEXT.format(n=number)}
        )
        for reply in range(number + 1, number + 1 + REPLIES):
            post_json(
                new,
                {
                    "author": f"Lecteur {reply}",
                    "text": TEXT.format(n=reply),
                    "parent": posted["id"],
                },
            )


def counted(comments):
    """Comments listed, replies included, as both answers nest them."""
    return sum(1 + counted(comment.get("replies") or []) for comment in comments)


def measure(tool, cases, args):
    """The servers take turns, so that a busy moment of the machine hits each."""
    runs = {}
    for server, url, options, _process in cases:
        print(f"{server}: warm-up", flush=True)
        wrk(tool, url, 2, args.connections, *options)
    for round_number in range(1, args.rounds + 1):
        for server, url, options, process in cases:
            print(f"{server}: round {round_number}", flush=True)
            memory = PeakMemory(process.pid)
            output = wrk(tool, url, args.duration, args.connections, *options)
            memory.read()
            runs.setdefault(server, []).append(figures_of(server, output, memory))
    return [median_run(found) for found in runs.values()]


def report(figures, checks, load, args):
    isso = figures[0].requests_per_second
    lines = [
        f"# Comments listed: manchette against Isso {ISSO_VERSION}, "
        f"{datetime.now(UTC):%Y-%m-%d %H:%M} UTC",
        "",
        f"wrk, 2 threads, {args.connections} connections; after a 2 s warm-up, {args.rounds} "
        f"runs of {args.duration} s per server, taking turns (the median run is shown, with "
        f"the highest memory of all runs); {WORKERS} worker processes each (Isso: gunicorn "
        f"sync workers; manchette: granian); SQLite both. {os.cpu_count()} CPUs, "
        f"{cpu_model()}, load average before the runs {load}, Python "
        f"{platform.python_version()}. Isso lists {checks['Isso lists']} comments, manchette "
        f"{checks['manchette lists']} (imported from Isso's database: {checks['imported']} "
        f"Page cache: `X-Page-Cache: {checks['page cache']}`).",
        "",
        "| server | requests/s | p50 | p99 | errors | peak memory: RSS (PSS) | x Isso |",
        "|---|---|---|---|---|---|---|",
    ]
    for row in figures:
        lines.append(
            f"| {row.server} | {row.requests_per_second:,.0f} "
            f"| {row.p50_ms:.2f} ms | {row.p99_ms:.2f} ms | {row.errors} "
            f"| {row.peak_rss_mb:.0f} MB ({row.peak_pss_mb:.0f} MB) "
            f"| {row.requests_per_second / isso:.1f} |"
        )
    # As readers get it: through the page cache.
    ratio = figures[1].requests_per_second / isso
    lines += [
        "",
        f"Target: at least {TARGET_RATIO}x Isso's throughput: "
        f"**{'met' if ratio >= TARGET_RATIO else 'not met'}** ({ratio:.1f}x).",
    ]
    publish("\n".join(lines) + "\n", RESULTS)


if __name__ == "__main__":
    main()
