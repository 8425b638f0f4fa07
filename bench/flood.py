"""Readers during a comment flood: the article page's p99 with and without 500 posts at once.

    .venv/bin/python bench/flood.py [--duration 10] [--rounds 5] [--posts 500] [--senders 16]

The demo newsroom (``manchette demo``) is built in a throwaway folder and
served by ``manchette serve`` (2 server processes, no clock, no task
worker), with the guard's rate limits and typing delay as shipped
(``MANCHETTE_BENCH_GUARD=1``; bench/settings.py lifts them for the other
benches). wrk puts readers (2 threads, as many connections as
bench/latency.py) on the newest article's page for DURATION seconds alone,
then again while an attacker's process of its own sends POSTS comments to
that article as fast as the server answers them: from SENDERS kept-alive
connections, half through the plain form and half through the JSON API,
each with a new text and all with one form token fetched beforehand (old
enough for the typing delay). They all come from 127.0.0.1, one network:
the bench's settings trust no proxy, so an ``X-Forwarded-For`` would not be
believed. Most posts are therefore refused by the network's rate limit
(429), which the plain form answers with a small page of the form rather
than the whole article. The two runs take turns for ROUNDS rounds.

Figures: readers' requests/s, p50 and p99 alone and during the flood, the
answers the posts got (per way and status), how long the flood lasted, and
the load average. Target (issue 11): reader p99 during the flood under 2×
the p99 without it, judged on the median p99 of the flooded runs over the
median p99 of the runs alone: a busy moment of a shared machine can spoil
the p99 of any one run, alone or flooded. Written to
bench/results/comment-flood.md. This is a benchmark, not a test: nothing
fails when the target is missed.
"""

import argparse
import http.client
import json
import multiprocessing
import statistics
import time
import urllib.parse
from collections import Counter
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor
from dataclasses import dataclass
from http.cookies import SimpleCookie
from pathlib import Path

from latency import CONNECTIONS, machine, percentile, reader_cells
from run import (
    Figures,
    PeakMemory,
    bench_env,
    build_site,
    figures_of,
    find,
    load_average,
    manchette_command,
    publish,
    running,
    throwaway_folder,
    wrk,
)

PROJECT = Path(__file__).resolve().parent.parent
RESULTS = PROJECT / "bench" / "results" / "comment-flood.md"
PORT = 8580
TARGET_RATIO = 2.0
# The flood starts once wrk's readers are connected and loading the page.
FLOOD_DELAY_SECONDS = 0.5
WAYS = ("plain form", "JSON API")
FLOODED = "Flood {tag} : achetez maintenant, ce message ne sera pas le dernier."


@dataclass
class Round:
    alone: Figures
    flooded: Figures
    answers: list  # (way, status, milliseconds) of each post; status 0: no answer
    flood_seconds: float
    load: str  # before the round → after it


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--duration", type=int, default=10, help="Seconds of each wrk run.")
    parser.add_argument("--rounds", type=int, default=5, help="Runs alone and flooded, in turn.")
    parser.add_argument("--posts", type=int, default=500, help="Comments in each flood.")
    parser.add_argument("--senders", type=int, default=16, help="The attacker's connections.")
    parser.add_argument("--keep", action="store_true", help="Keep the throwaway folder.")
    args = parser.parse_args()
    tool = find("wrk")
    with throwaway_folder("manchette-bench-flood-", args.keep) as tmp:
        base = f"http://127.0.0.1:{PORT}"
        env = {**bench_env(tmp), "MANCHETTE_BENCH_GUARD": "1"}
        article = build_site(env, base)
        with running(manchette_command(PORT), env, base + article["path"]) as server:
            rounds = measure(tool, server, base, article, args)
        report(rounds, article, args)


def measure(tool, server, base, article, args):
    page = base + article["path"]
    spawn = multiprocessing.get_context("spawn")
    with (
        ProcessPoolExecutor(max_workers=1, mp_context=spawn) as attacker,
        ThreadPoolExecutor(max_workers=1) as readers,
    ):
        attacker.submit(int).result()  # the attacker's process is up before any timing
        wrk(tool, page, 2, CONNECTIONS)  # warm-up
        rounds = []
        for number in range(1, args.rounds + 1):
            before = load_average()
            # Fetched before the readers' run alone, it is old enough for the typing delay.
            credentials = form_credentials(base, article["id"])
            print(f"round {number}: readers alone, {args.duration} s", flush=True)
            alone = read(tool, server, page, args.duration, "readers alone")
            print(f"round {number}: readers and {args.posts} posts", flush=True)
            memory = PeakMemory(server.pid)
            reading = readers.submit(wrk, tool, page, args.duration, CONNECTIONS)
            time.sleep(FLOOD_DELAY_SECONDS)
            flooding = attacker.submit(
                flood, base, article["id"], credentials, args.posts, args.senders, number
            )
            output = reading.result()
            memory.read()
            flooded = figures_of("readers during the flood", output, memory)
            answers, seconds = flooding.result()
            rounds.append(Round(alone, flooded, answers, seconds, f"{before} → {load_average()}"))
            print(
                f"round {number}: p99 {alone.p99_ms:.2f} ms alone, {flooded.p99_ms:.2f} ms "
                f"flooded; flood of {seconds:.1f} s: {answers_text(answers)}",
                flush=True,
            )
    return rounds


def read(tool, server, page, seconds, name):
    memory = PeakMemory(server.pid)
    output = wrk(tool, page, seconds, CONNECTIONS)
    memory.read()
    return figures_of(name, output, memory)


def form_credentials(base, article_id):
    """What the comment script fetches once: a form token, the CSRF value and its cookie."""
    address = urllib.parse.urlsplit(base)
    connection = http.client.HTTPConnection(address.hostname, address.port, timeout=30)
    try:
        connection.request("GET", f"/comments/api/{article_id}/token/")
        answer = connection.getresponse()
        issued = json.loads(answer.read())
        cookie = SimpleCookie(answer.headers["Set-Cookie"])["csrftoken"].value
    finally:
        connection.close()
    return {"token": issued["token"], "csrf": issued["csrf"], "cookie": cookie}


def flood(base, article_id, credentials, posts, senders, label):
    """The attacker, in a process of its own: ``posts`` comments as fast as they are answered.

    Each of ``senders`` threads keeps one connection open and sends its share
    one after the other, every other post by the plain form, the rest by the
    JSON API. Returns (way, status, milliseconds) of each post and the
    seconds the whole flood took.
    """
    address = urllib.parse.urlsplit(base)

    def send_share(first):
        answers = []
        connection = http.client.HTTPConnection(address.hostname, address.port, timeout=30)
        for n in range(first, posts, senders):
            way = WAYS[n % 2]
            request = form_post if way == WAYS[0] else api_post
            started = time.perf_counter()
            try:
                connection.request(*request(article_id, credentials, f"{label}-{n}"))
                answer = connection.getresponse()
                answer.read()
                status = answer.status
            except (OSError, http.client.HTTPException):
                status = 0
                connection.close()  # reconnects on the next request
            answers.append((way, status, (time.perf_counter() - started) * 1000))
        connection.close()
        return answers

    started = time.monotonic()
    with ThreadPoolExecutor(max_workers=senders) as threads:
        shares = list(threads.map(send_share, range(senders)))
    return [answer for share in shares for answer in share], time.monotonic() - started


def form_post(article_id, credentials, tag):
    """A post of the comment form as a browser without JavaScript sends it."""
    fields = {"name": "Robot", "text": FLOODED.format(tag=tag), "token": credentials["token"]}
    body = urllib.parse.urlencode(fields).encode()
    headers = {"Content-Type": "application/x-www-form-urlencoded"}
    return "POST", f"/comments/post/{article_id}/", body, headers


def api_post(article_id, credentials, tag):
    """A post to the JSON API as the comment script sends it."""
    fields = {"name": "Robot", "text": FLOODED.format(tag=tag), "token": credentials["token"]}
    headers = {
        "Content-Type": "application/json",
        "Cookie": f"csrftoken={credentials['cookie']}",
        "X-CSRFToken": credentials["csrf"],
    }
    return "POST", f"/comments/api/{article_id}/", json.dumps(fields).encode(), headers


def answers_text(answers):
    """Per way: how many posts got each status, and the median and p99 time of an answer."""
    parts = []
    for way in WAYS:
        statuses = Counter(status for kind, status, _ms in answers if kind == way)
        times = [ms for kind, _status, ms in answers if kind == way]
        counts = ", ".join(
            f"{status or 'no answer'} × {statuses[status]}" for status in sorted(statuses)
        )
        parts.append(
            f"{way}: {counts} (answered in {statistics.median(times):.0f} ms median, "
            f"{percentile(times, 99):.0f} ms p99)"
        )
    return "; ".join(parts)


def report(rounds, article, args):
    ratios = [run.flooded.p99_ms / run.alone.p99_ms for run in rounds]
    alone = statistics.median(run.alone.p99_ms for run in rounds)
    flooded = statistics.median(run.flooded.p99_ms for run in rounds)
    ratio = flooded / alone
    lines = [
        f"# Readers during a comment flood, {machine()}",
        "",
        f"`manchette serve` (2 server processes, no clock, no task worker) on the demo site, "
        "SQLite, the comment guard's rate limits and typing delay as shipped. Readers: wrk, 2 "
        f"threads, {CONNECTIONS} connections, {args.duration} s on the article page "
        f"`{article['path']}` (through the page cache), alone and then during a flood, taking "
        f"turns for {args.rounds} rounds. Flood: {args.posts} comments to that article from "
        f"one process, {args.senders} kept-alive connections sending as fast as they are "
        "answered, half by the plain form and half by the JSON API, one form token for all, "
        "a new text each; all from 127.0.0.1 (the bench trusts no proxy, so one network for "
        "the rate limits). Each stored comment purges the article's cached page.",
        "",
        "| round | run | readers: requests/s | p50 | p99 | errors "
        "| server's peak memory: RSS (PSS) | p99 ratio | flood lasted | posts answered "
        "| load average before → after |",
        "|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    for number, run in enumerate(rounds, 1):
        lines += [
            f"| {number} | readers alone | {reader_cells(run.alone)} | | | | {run.load} |",
            f"| {number} | during the flood | {reader_cells(run.flooded)} "
            f"| {run.flooded.p99_ms / run.alone.p99_ms:.2f}× | {run.flood_seconds:.1f} s "
            f"| {answers_text(run.answers)} | |",
        ]
    met = ratio < TARGET_RATIO
    outlasted = sum(run.flood_seconds > args.duration for run in rounds)
    lines += [
        "",
        f"The flood started {FLOOD_DELAY_SECONDS:g} s into the readers' run; in {outlasted} of "
        f"{len(rounds)} rounds it outlasted the run, whose flooded figures then cover "
        "the flood's first seconds only.",
        "",
        "Posts answered (status × posts, then the time an answer took): 201 and 303 stored, "
        "200 the same text again, 429 refused by a rate limit, 400 a form refused, 403 "
        "refused as from another site.",
        "",
        "p99 ratio of each round (during the flood over alone, a few seconds apart): "
        + ", ".join(f"{r:.2f}" for r in ratios)
        + f". Median p99: {alone:.2f} ms alone, {flooded:.2f} ms during the flood, "
        f"{ratio:.2f}×. Target: reader p99 during a {args.posts}-post flood under "
        f"{TARGET_RATIO:g}× the p99 without it (medians of the rounds): "
        f"**{'met' if met else 'not met'}**.",
    ]
    publish("\n".join(lines) + "\n", RESULTS)


if __name__ == "__main__":
    main()
