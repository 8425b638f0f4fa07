"""A live page under its readers: how soon a posted update reaches them, and what polling costs.

    .venv/bin/python bench/live.py [--readers 1000] [--interval 15] [--every 5] [--duration 60]

The demo site is built in a throwaway folder and `manchette serve` started
on it. N simulated readers (asyncio and aiohttp, in one process) poll its
live page's ``updates/`` every --interval seconds, each at its own phase, as
``live.js`` does: the next poll is set once an answer is in, and each carries
the conditional headers (If-None-Match, If-Modified-Since) that a browser's
cache adds to a fetch, so an unchanged answer is a 304. Meanwhile an editor,
a `manchette shell` of its own, posts an update through ``updates.post``
every --every seconds for --duration seconds and notes the time each one
commits. Measured:

- from an update's commit to its first appearance in each reader's poll
  (p50, p99, max over every reader and update): what a reader waits. The
  target is p99 under 1 s plus the poll interval;
- from the commit to the first poll answer of any reader that shows it: how
  soon the cached answer is purged and made anew;
- the polls' throughput and latency (p50, p99) during the run;
- the reference: what a tight loop of polls achieves on the same server,
  wrk at 32 connections, unconditional (the cached answer in full) and
  conditional (304s).

Figures go to stdout and bench/results/live.md. This is a benchmark, not a
test: nothing fails when the target is missed. Push alerts are timed by
bench/push.py.

Why aiohttp rather than httpx: with httpx's client at 1,000 connections the
client itself, not the server, took tens of seconds per poll on these
machines while curl beside it got answers in milliseconds.
"""

import argparse
import asyncio
import json
import random
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

import aiohttp

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from latency import machine, percentile  # noqa: E402
from run import (  # noqa: E402
    PeakMemory,
    bench_env,
    build_site,
    fetch,
    fetch_header,
    figures_of,
    find,
    load_average,
    manchette_command,
    manchette_shell,
    publish,
    running,
    throwaway_folder,
    wrk,
)

PROJECT = Path(__file__).resolve().parent.parent
RESULTS = PROJECT / "bench" / "results" / "live.md"
PORT = 8570
TARGET_MARGIN_SECONDS = 1
TIGHT_LOOP_SECONDS = 10
TIGHT_LOOP_CONNECTIONS = 32

LIVE_PAGE = """
import json
from manchette.live.models import LivePage
page = LivePage.objects.live().filter(status=LivePage.Status.LIVE).first()
print(json.dumps({"id": page.pk, "url": page.url, "updates": page.updates.count()}))
"""

# The editor: one process posting as the desk does, one line of JSON per update, with the
# time its transaction committed (noted first among what runs on commit, before the purge).
EDITOR = """
import json, sys, time
from django.db import transaction
from manchette.live import updates
from manchette.live.models import LivePage, LiveUpdate
from manchette.newsroom.demo.writing import body
page = LivePage.objects.get(pk={page})
start = time.monotonic()
for n in range({count}):
    time.sleep(max(0, start + n * {every} - time.monotonic()))
    committed = []
    with transaction.atomic():
        transaction.on_commit(lambda: committed.append(time.time()))
        update = updates.post(page, LiveUpdate(
            title=f"Point {{n + 1}}", body=body(f"Nouvelle mise à jour numéro {{n + 1}}.")))
    print(json.dumps({{"id": update.pk, "committed": committed[0]}}), flush=True)
"""


@dataclass
class Polls:
    """What the readers saw: each poll's latency and status, and when each update first came."""

    latencies: list = field(default_factory=list)  # (start time, seconds, status)
    first_seen: dict = field(default_factory=dict)  # (reader, update id) -> time
    failures: int = 0


async def reader(number, session, url, interval, phase, stop_at, polls):
    """One reader's tab: a poll at its phase, then one an interval after each answer."""
    await asyncio.sleep(phase)
    validators = {}
    while time.time() < stop_at:
        started = time.time()
        try:
            async with session.get(
                url, headers={"Accept": "application/json", **validators}
            ) as response:
                body = await response.read()
        except (aiohttp.ClientError, TimeoutError):
            polls.failures += 1
        else:
            answered = time.time()
            polls.latencies.append((started, answered - started, response.status))
            if response.status == 200:
                for item in json.loads(body)["updates"]:
                    polls.first_seen.setdefault((number, item["id"]), answered)
                validators = {
                    header: response.headers[name]
                    for name, header in (
                        ("ETag", "If-None-Match"),
                        ("Last-Modified", "If-Modified-Since"),
                    )
                    if name in response.headers
                }
        await asyncio.sleep(interval)


async def readers_and_editor(env, base, page, args):
    """The readers poll through a first interval, the editor posts, the readers go on for one
    more interval (and a margin) so that each can see the last update."""
    polls = Polls()
    url = base + page["url"] + "updates/"
    count = args.duration // args.every
    stop_at = time.time() + args.interval + count * args.every + args.interval + 5
    # Up to one connection per reader, as each browser keeps its own.
    connector = aiohttp.TCPConnector(limit=args.readers)
    timeout = aiohttp.ClientTimeout(total=60)
    async with aiohttp.ClientSession(connector=connector, timeout=timeout) as session:
        tabs = [
            asyncio.create_task(
                reader(
                    n,
                    session,
                    url,
                    args.interval,
                    random.uniform(0, args.interval),
                    stop_at,
                    polls,
                )
            )
            for n in range(args.readers)
        ]
        await asyncio.sleep(args.interval)
        print(f"{args.readers} readers polling; the editor posts {count} updates", flush=True)
        editor = await asyncio.create_subprocess_exec(
            *manchette_shell_command(EDITOR.format(page=page["id"], count=count, every=args.every)),
            env=env,
            cwd=PROJECT,
            stdout=asyncio.subprocess.PIPE,
        )
        output, _ = await editor.communicate()
        await asyncio.gather(*tabs)
    posted = [json.loads(line) for line in output.decode().splitlines() if line.startswith("{")]
    return polls, posted


def manchette_shell_command(code):
    return [sys.executable, "-m", "manchette.cli", "shell", "--verbosity", "0", "-c", code]


def delays(polls, posted, readers):
    """Seconds from each update's commit to each reader's first poll showing it, and to the
    first poll of any reader; an update a reader never saw counts as never (infinite)."""
    per_reader, first = [], []
    for update in posted:
        seen = [
            polls.first_seen.get((n, update["id"]), float("inf")) - update["committed"]
            for n in range(readers)
        ]
        per_reader.extend(seen)
        first.append(min(seen))
    return per_reader, first


def tight_loop(tool, server, url, etag):
    """wrk on the poll address: the answer in full, then answered 304 to a known ETag."""
    runs = {}
    for name, options in (
        ("in full (200)", ()),
        ("conditional (304)", ("-H", f"If-None-Match: {etag}")),
    ):
        memory = PeakMemory(server.pid)
        output = wrk(tool, url, TIGHT_LOOP_SECONDS, TIGHT_LOOP_CONNECTIONS, *options)
        memory.read()
        runs[name] = figures_of(name, output, memory)
    return runs


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--readers", type=int, default=1000)
    parser.add_argument(
        "--interval", type=int, default=15, help="Seconds between a reader's polls."
    )
    parser.add_argument("--every", type=int, default=5, help="Seconds between the editor's posts.")
    parser.add_argument("--duration", type=int, default=60, help="Seconds the editor posts.")
    parser.add_argument("--keep", action="store_true", help="Keep the throwaway folder.")
    args = parser.parse_args()
    tool = find("wrk")
    with throwaway_folder("manchette-bench-live-", args.keep) as tmp:
        base = f"http://127.0.0.1:{PORT}"
        env = bench_env(tmp)
        build_site(env, base)
        page = manchette_shell(env, LIVE_PAGE)
        with running(manchette_command(PORT), env, base + page["url"]) as server:
            load_before = load_average()
            memory = PeakMemory(server.pid)
            polls, posted = asyncio.run(readers_and_editor(env, base, page, args))
            memory.read()
            load_after = load_average()
            poll_url = base + page["url"] + "updates/"
            etag = fetch_header(poll_url, "ETag")
            loops = tight_loop(tool, server, poll_url, etag)
            size = len(fetch(poll_url))
    report(args, page, polls, posted, loops, size, memory, (load_before, load_after))


def report(args, page, polls, posted, loops, size, memory, loads):
    per_reader, first = delays(polls, posted, args.readers)
    target = args.interval + TARGET_MARGIN_SECONDS
    seen = [d for d in per_reader if d != float("inf")]
    p99 = percentile(per_reader, 99)
    statuses = {}
    for _, _, status in polls.latencies:
        statuses[status] = statuses.get(status, 0) + 1
    times = [started for started, _, _ in polls.latencies]
    span = max(times) - min(times) if times else 0
    ms = [seconds * 1000 for _, seconds, _ in polls.latencies]
    lines = [
        f"# A live page under {args.readers:,} readers ({machine()})",
        "",
        f"{args.readers:,} readers poll `{page['url']}updates/` every {args.interval} s, "
        f"each at its own phase, with a browser's conditional headers; an editor posts "
        f"{len(posted)} updates, one every {args.every} s, through `updates.post` in a process "
        f"of its own. `manchette serve` (granian, page cache), demo site; the poll answer "
        f"is {size:,} bytes ({page['updates'] + len(posted)} updates on the page at the end). "
        f"Load average before / after: {loads[0]} / {loads[1]}.",
        "",
        "| from an update's commit to | p50 | p99 | max |",
        "|---|---|---|---|",
        f"| its first appearance in each reader's poll ({len(per_reader):,} reader × update) "
        f"| {percentile(per_reader, 50):.2f} s | {p99:.2f} s "
        f"| {max(per_reader, default=0):.2f} s |",
        f"| its first appearance in any reader's poll ({len(first)} updates) "
        f"| {percentile(first, 50) * 1000:.0f} ms | {percentile(first, 99) * 1000:.0f} ms "
        f"| {max(first, default=0) * 1000:.0f} ms |",
        "",
        f"Updates never seen by a reader: {len(per_reader) - len(seen):,} of {len(per_reader):,}.",
        "",
        "| polls during the run | value |",
        "|---|---|",
        f"| polls answered | {len(polls.latencies):,} in {span:.0f} s "
        f"({len(polls.latencies) / span if span else 0:,.1f} polls/s) |",
        f"| by status | {', '.join(f'{s}: {n:,}' for s, n in sorted(statuses.items()))}; "
        f"failed: {polls.failures} |",
        f"| latency p50 / p99 / max | {percentile(ms, 50):.2f} ms / {percentile(ms, 99):.2f} ms "
        f"/ {max(ms, default=0):.2f} ms |",
        f"| server's peak memory, RSS (PSS) | {memory.rss / 2**20:.0f} MB "
        f"({memory.pss / 2**20:.0f} MB) |",
        "",
        f"Reference, a tight loop of polls (wrk, {TIGHT_LOOP_CONNECTIONS} connections, "
        f"{TIGHT_LOOP_SECONDS} s):",
        "",
        "| poll answered | requests/s | p50 | p99 | errors |",
        "|---|---|---|---|---|",
        *(
            f"| {name} | {figures.requests_per_second:,.0f} | {figures.p50_ms:.2f} ms "
            f"| {figures.p99_ms:.2f} ms | {figures.errors} |"
            for name, figures in loops.items()
        ),
        "",
        f"Target: an update in every reader's poll within {target} s at p99 "
        f"({TARGET_MARGIN_SECONDS} s plus the {args.interval} s interval): "
        f"{'met' if p99 < target else 'not met'} ({p99:.2f} s).",
        "",
    ]
    publish("\n".join(lines), RESULTS)


if __name__ == "__main__":
    main()
