"""Latency a person would notice, on the demo site served by `manchette serve`.

    .venv/bin/python bench/latency.py [--only posts,page,audio] [--duration 60] [--rate 20]

The demo newsroom (``manchette demo``) is built in a throwaway folder and
driven only from outside: the ``manchette`` command, HTTP, and the public
models in ``manchette shell``. Three figures, each written to its own file
in bench/results/:

(a) posts (``comment-post.md``): ``manchette serve`` as installed (its
    default server processes, clock and task worker) once the demo's
    background work is done. wrk puts 32 connections of readers on one
    article page while a client process of its own posts new comments to
    that article through the JSON API, RATE a second, each from a new
    reader (a new connection, a fresh form token and CSRF cookie), and
    records each post's time (the token's fetch not counted). The readers
    alone and the posts alone (on another article) are measured too. The
    guard's rate limits and typing delay are lifted (bench/settings.py).
    Target: p99 of a post under 50 ms while readers load the page.
(b) page (``comment-page.md``): the server time of the first page of an
    article with 5,000 comments (2,500 threads of two, imported from a
    WordPress export with ``manchette import_comments``), rendered by
    Django in-process, past the page cache; the same article before the
    import for comparison. Target: median under 50 ms.
(c) audio (``audio-ready.md``): with the server running (one task worker,
    idle), a new 1,000-word article in each language is published in
    ``manchette shell``; the time runs from the publication's commit until
    the article page offers both audio files and each answers 200 with
    its full length. Target: every one ready within 30 s.

This is a benchmark, not a test: nothing fails when a target is missed.
"""

import argparse
import html
import http.client
import io
import json
import multiprocessing
import os
import platform
import re
import statistics
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from collections import Counter
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from http.cookies import SimpleCookie
from pathlib import Path
from xml.sax.saxutils import escape

import soundfile
from run import (
    Figures,
    PeakMemory,
    bench_env,
    build_site,
    cpu_model,
    cpu_seconds,
    fetch,
    figures_of,
    find,
    load_average,
    manchette,
    manchette_shell,
    process_tree,
    publish,
    running,
    throwaway_folder,
    wrk,
)
from stories import STORIES

PROJECT = Path(__file__).resolve().parent.parent
RESULTS = PROJECT / "bench" / "results"
PORT = 8560
CONNECTIONS = 32
TARGET_POST_P99_MS = 50
TARGET_PAGE_MS = 50
TARGET_AUDIO_SECONDS = 30
BIG = 5000
WORDS = 1000
RENDERS = 30
MEASUREMENTS = ("posts", "page", "audio")

# Three demo articles: readers and posts, posts alone, the 5,000 comments.
DEMO_ARTICLES = """
import json
from manchette.newsroom.models import ArticlePage

articles = ArticlePage.objects.published().newest_first()[:3]
print(json.dumps([{"id": article.pk, "path": article.url} for article in articles]))
"""

# The task worker's queue, empty once no task is due or running (or after the timeout).
QUEUE_DRAINED = """
import json, time
from django_tasks_db.models import DBTaskResult

started = time.monotonic()
while DBTaskResult.objects.ready().exists() or DBTaskResult.objects.running().exists():
    if time.monotonic() - started > {timeout}:
        break
    time.sleep(0.5)
due = DBTaskResult.objects.ready().count()
print(json.dumps({{"waited": time.monotonic() - started, "due": due}}))
"""

TIME_PAGE = """
import json, statistics, time
from django.test import Client

client = Client(HTTP_HOST="127.0.0.1")
wall, cpu = [], []
for _ in range(3):
    response = client.get({path!r})
assert response.status_code == 200, response.status_code
for _ in range({renders}):
    started, used = time.perf_counter(), time.process_time()
    response = client.get({path!r})
    wall.append((time.perf_counter() - started) * 1000)
    cpu.append((time.process_time() - used) * 1000)
wall.sort()
print(json.dumps({{"median": statistics.median(wall), "p95": wall[int(len(wall) * 0.95) - 1],
                  "cpu": statistics.median(cpu), "bytes": len(response.content),
                  "html": response.content.decode()}}))
"""

PUBLISH = """
import json, time
from django.db import transaction
from manchette.newsroom.models import ArticlePage, SectionPage, Source

story = json.loads({story!r})
committed = []
with transaction.atomic():
    # Registered first, so it runs first once the publication commits.
    transaction.on_commit(lambda: committed.append(time.time()))
    article = ArticlePage(
        title=story["headline"], slug=story["slug"], language=story["language"],
        standfirst=story["standfirst"], source=Source.objects.first(),
        body=[{{"type": "paragraph", "value": paragraph}} for paragraph in story["paragraphs"]],
    )
    SectionPage.objects.live().first().add_child(instance=article)
    article.save_revision().publish()
print(json.dumps({{"id": article.pk, "path": article.url, "committed": committed[0]}}))
"""

POSTED = (
    "Un avis de lecteur, le {tag} : la question mérite mieux que des slogans, "
    "et les chiffres publiés ce matin le montrent assez."
)
IMPORTED = "Commentaire numéro {n} : la décision tombe au bon moment, mais elle arrive tard."
REPLY = "Réponse numéro {n} : je ne suis pas d'accord, les communes paient déjà beaucoup."

AUDIO_FILE = re.compile(r"/listen/\d+/[\w.-]+\.(opus|mp3)\b")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument(
        "--only",
        default=",".join(MEASUREMENTS),
        help=f"Comma-separated measurements to run, of {', '.join(MEASUREMENTS)}.",
    )
    parser.add_argument("--duration", type=int, default=60, help="Seconds of each load (a).")
    parser.add_argument("--rate", type=float, default=20, help="Comments posted a second (a).")
    parser.add_argument("--keep", action="store_true", help="Keep the throwaway folder.")
    args = parser.parse_args()
    wanted = set(args.only.split(","))
    if wanted - set(MEASUREMENTS):
        parser.error(f"--only takes {', '.join(MEASUREMENTS)}.")
    tool = find("wrk") if "posts" in wanted else None
    with throwaway_folder("manchette-bench-latency-", args.keep) as tmp:
        base = f"http://127.0.0.1:{PORT}"
        env = bench_env(tmp)
        build_site(env, base)
        read, elsewhere, commented = manchette_shell(env, DEMO_ARTICLES)
        if "page" in wanted:
            report_page(big_page(env, tmp, commented))
        if wanted & {"posts", "audio"}:
            command = [sys.executable, "-m", "manchette.cli", "serve", "--port", str(PORT)]
            with running(command, env, base + "/") as server:
                if "posts" in wanted:
                    phases = posts_under_load(env, tool, server, base, (read, elsewhere), args)
                    report_posts(phases, args)
                if "audio" in wanted:
                    report_audio(audio_after_publication(env, server, base))


def machine():
    return (
        f"{datetime.now(UTC):%Y-%m-%d %H:%M} UTC, {os.cpu_count()} CPUs, {cpu_model()}, "
        f"Python {platform.python_version()}"
    )


def wait_for_tasks(env, timeout=900):
    """Let the task worker finish what is queued (the demo's audio, search and references)."""
    print("waiting for the task worker's queue to empty", flush=True)
    drained = manchette_shell(env, QUEUE_DRAINED.format(timeout=timeout))
    if drained["due"]:
        print(f"  still {drained['due']} tasks due after {timeout} s: figures may suffer")
    return drained


# (a) posts while readers load the page


@dataclass
class Phase:
    name: str
    readers: Figures | None  # wrk's figures, when readers load the page
    posts: list | None  # (status, milliseconds) of each post, when there are posts
    cpu: float  # CPU seconds the server and its helpers used
    load: str  # the load average before and after


def posts_under_load(env, tool, server, base, articles, args):
    """The readers alone, the posts alone (to another article), then both together."""
    wait_for_tasks(env)
    read, elsewhere = articles
    page = base + read["path"]
    label = f"{time.time():.0f}"
    spawn = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(max_workers=1, mp_context=spawn) as client:
        client.submit(int).result()  # the client process is up before any timing
        wrk(tool, page, 2, CONNECTIONS)  # warm-up

        def phase(name, readers, posted_to):
            print(f"(a) {name}: {args.duration} s", flush=True)
            before, memory = load_average(), PeakMemory(server.pid)
            used = cpu_seconds(memory.processes)
            posting = figures = None
            if posted_to:
                posting = client.submit(
                    post_comments, base, posted_to["id"], args.rate, args.duration, label + name
                )
            if readers:
                output = wrk(tool, page, args.duration, CONNECTIONS)
                memory.read()
                figures = figures_of(name, output, memory)
            posts = posting.result() if posting else None
            used = cpu_seconds(memory.processes) - used
            return Phase(name, figures, posts, used, f"{before} → {load_average()}")

        return [
            phase("readers alone", readers=True, posted_to=None),
            phase("posts alone, to another article", readers=False, posted_to=elsewhere),
            phase("readers and posts, to the article read", readers=True, posted_to=read),
        ]


def post_comments(base, article_id, rate, seconds, label):
    """The posting client, in a process of its own: ``rate`` new comments a second.

    Each post starts at its own time, whatever the previous ones take, so
    that a slow answer delays no other post; threads send them.
    """
    address = urllib.parse.urlsplit(base)
    total = round(rate * seconds)
    start = time.monotonic() + 0.2
    with ThreadPoolExecutor(max_workers=32) as senders:
        sent = []
        for n in range(total):
            time.sleep(max(0.0, start + n / rate - time.monotonic()))
            sent.append(
                senders.submit(
                    post_comment, address.hostname, address.port, article_id, f"{label}-{n}"
                )
            )
        return [post.result() for post in sent]


def post_comment(host, port, article_id, tag):
    """(status, milliseconds) of one new reader's post; status 0 when the connection failed."""
    connection = http.client.HTTPConnection(host, port, timeout=30)
    try:
        connection.request("GET", f"/comments/api/{article_id}/token/")
        answer = connection.getresponse()
        issued = json.loads(answer.read())
        cookie = SimpleCookie(answer.headers["Set-Cookie"])["csrftoken"].value
        text = POSTED.format(tag=tag)
        body = json.dumps({"name": "Lecteur pressé", "text": text, "token": issued["token"]})
        headers = {
            "Content-Type": "application/json",
            "Cookie": f"csrftoken={cookie}",
            "X-CSRFToken": issued["csrf"],
        }
        started = time.perf_counter()
        connection.request("POST", f"/comments/api/{article_id}/", body.encode(), headers)
        answer = connection.getresponse()
        answer.read()
        return answer.status, (time.perf_counter() - started) * 1000
    except (OSError, ValueError, KeyError, TypeError, http.client.HTTPException):
        return 0, None
    finally:
        connection.close()


def report_posts(phases, args):
    lines = [
        f"# Comment posts while readers load the article, {machine()}",
        "",
        f"`manchette serve` with its defaults ({os.cpu_count()} server processes, clock, one "
        "task worker; its queue emptied first) on the demo site, SQLite. Readers: wrk, 2 "
        f"threads, {CONNECTIONS} connections, on one article page (through the page cache). "
        f"Posts: {args.rate:g} a second for {args.duration} s from a client process of its "
        "own, each a new reader (new connection, fresh form token and CSRF cookie; the POST "
        "alone is timed), a new text each time, guard's rate limits lifted. Each post purges "
        "the article's cached page, so that readers' requests then reach Django. The "
        "server's CPU time (its processes and helpers) is out of "
        f"{args.duration * os.cpu_count()} s that the machine has in a phase; other work "
        "on the machine takes its share of the rest.",
        "",
        "| phase | readers: requests/s | p50 | p99 | errors | server's peak memory: RSS (PSS) "
        "| posts: stored (201) | p50 | p99 | max | other answers | server's CPU time "
        "| load average before → after |",
        "|---|---|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    for phase in phases:
        lines.append(
            f"| {phase.name} | {reader_cells(phase.readers)} | {post_cells(phase.posts)} "
            f"| {phase.cpu:.0f} s | {phase.load} |"
        )
    posts = phases[-1].posts
    stored = [ms for status, ms in posts if status == 201]
    met = len(stored) == len(posts) and percentile(stored, 99) < TARGET_POST_P99_MS
    lines += [
        "",
        f"Target: p99 of a post under {TARGET_POST_P99_MS} ms while readers load the page, "
        f"every post stored: **{'met' if met else 'not met'}**.",
    ]
    publish("\n".join(lines) + "\n", RESULTS / "comment-post.md")


def reader_cells(readers):
    if readers is None:
        return " | ".join(["—"] * 5)
    return (
        f"{readers.requests_per_second:,.0f} | {readers.p50_ms:.2f} ms "
        f"| {readers.p99_ms:.2f} ms | {readers.errors} "
        f"| {readers.peak_rss_mb:.0f} MB ({readers.peak_pss_mb:.0f} MB)"
    )


def post_cells(posts):
    if posts is None:
        return " | ".join(["—"] * 5)
    stored = [ms for status, ms in posts if status == 201]
    others = Counter(status or "no answer" for status, _ in posts if status != 201)
    other = ", ".join(f"{status}: {n}" for status, n in others.items()) or "none"
    if not stored:
        return f"0 | — | — | — | {other}"
    return (
        f"{len(stored):,} | {statistics.median(stored):.1f} ms "
        f"| {percentile(stored, 99):.1f} ms | {max(stored):.1f} ms | {other}"
    )


def percentile(values, share):
    if len(values) < 2:
        return max(values, default=float("inf"))
    return statistics.quantiles(values, n=100, method="inclusive")[share - 1]


# (b) the first page of a 5,000-comment article


def big_page(env, tmp, article):
    print(f"(b) {article['path']} before its comments, in-process", flush=True)
    before = time_page(env, article["path"])
    export = tmp / "comments-wxr.xml"
    export.write_text(wordpress_export(article["id"]))
    print(f"(b) importing {BIG:,} comments", flush=True)
    imported = manchette(env, "import_comments", "--format", "wordpress", str(export))
    print(f"(b) {article['path']} with its comments, in-process", flush=True)
    load = load_average()
    after = time_page(env, article["path"])
    return article, before, after, imported.strip(), load


def time_page(env, path):
    return manchette_shell(env, TIME_PAGE.format(path=path, renders=RENDERS))


def wordpress_export(article_id):
    """A WordPress (WXR) export of the article's comments: threads of a comment and a reply."""
    start = datetime.now(UTC) - timedelta(days=2)
    comments = []
    for n in range(1, BIG + 1):
        reply = n % 2 == 0
        created = start + timedelta(seconds=n)
        comments.append(
            "<wp:comment>"
            f"<wp:comment_id>{n}</wp:comment_id>"
            f"<wp:comment_author>Lecteur {n}</wp:comment_author>"
            "<wp:comment_author_IP>198.51.100.7</wp:comment_author_IP>"
            f"<wp:comment_date_gmt>{created:%Y-%m-%d %H:%M:%S}</wp:comment_date_gmt>"
            f"<wp:comment_content>{escape((REPLY if reply else IMPORTED).format(n=n))}"
            "</wp:comment_content>"
            "<wp:comment_approved>1</wp:comment_approved>"
            "<wp:comment_type>comment</wp:comment_type>"
            f"<wp:comment_parent>{n - 1 if reply else 0}</wp:comment_parent>"
            "</wp:comment>"
        )
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<rss version="2.0" xmlns:wp="http://wordpress.org/export/1.2/"><channel><item>'
        f"<title>Bench</title><link>https://ancien.example.org/a/{article_id}/</link>"
        + "".join(comments)
        + "</item></channel></rss>\n"
    )


def shown_comments(page):
    """How many of the imported comments the page shows: each by its author's name."""
    return len(set(re.findall(r"Lecteur \d+", page["html"])))


def report_page(measured):
    article, before, after, imported, load = measured
    met = after["median"] < TARGET_PAGE_MS
    lines = [
        f"# First page of a {BIG:,}-comment article, {machine()}",
        "",
        f"Demo article `{article['path']}`, its {BIG:,} comments ({BIG // 2:,} threads of a "
        "comment and a reply) imported from a WordPress export (`manchette import_comments`: "
        f"{imported}). Server time of the page as Django renders it in-process, past the page "
        f"cache (`manchette shell`, Django's test client; {RENDERS} renders after 3 to warm "
        "up). The process's CPU time per render is steadier than the wall time when other "
        f"work shares the machine. Load average before: {load}.",
        "",
        "| page | comments shown | bytes | median | p95 | median CPU time |",
        "|---|---|---|---|---|---|",
        *(
            f"| {name} | {shown_comments(page)} | {page['bytes']:,} | {page['median']:.1f} ms "
            f"| {page['p95']:.1f} ms | {page['cpu']:.1f} ms |"
            for name, page in (
                ("the article without comments", before),
                (f"with {BIG:,} comments, first page", after),
            )
        ),
        "",
        f"Target: median under {TARGET_PAGE_MS} ms: **{'met' if met else 'not met'}**.",
    ]
    publish("\n".join(lines) + "\n", RESULTS / "comment-page.md")


# (c) audio after publication


def story(language, stamp):
    """A new article of about WORDS words in the language, as PUBLISH takes it."""
    headline, sentences = STORIES[language]
    standfirst = sentences[2]
    words = len(headline.split()) + len(standfirst.split())
    paragraphs = []
    while words < WORDS:
        number = len(paragraphs)
        text = " ".join(sentences).format(n=number + 1, km=120 + 37 * number)
        paragraphs.append(f"<p>{html.escape(text, quote=False)}</p>")
        words += len(text.split())
    return {
        "headline": headline,
        "standfirst": standfirst,
        "paragraphs": paragraphs,
        "language": language,
        "slug": f"bench-audio-{language}-{stamp}",
        "words": words,
    }


def audio_after_publication(env, server, base, timeout=300):
    stamp = f"{time.time():.0f}"
    worker = task_worker(server)
    readings = []
    for language in STORIES:
        wait_for_tasks(env)
        written = story(language, stamp)
        load, used = load_average(), cpu_seconds(worker)
        published = manchette_shell(env, PUBLISH.format(story=json.dumps(written)))
        print(f"(c) {language}: article {published['id']} published", flush=True)
        ready = audio_ready(base, published, timeout)
        used = cpu_seconds(worker) - used
        readings.append((language, written["words"], ready, used, load, load_average()))
    return readings


def task_worker(server):
    """The server's task worker process (`manchette db_worker`), found by its command line."""
    for pid in process_tree(server.pid):
        try:
            command = Path(f"/proc/{pid}/cmdline").read_bytes().split(b"\0")
        except OSError:
            continue
        if b"db_worker" in command:
            return [pid]
    return []


def audio_ready(base, published, timeout):
    """Seconds from the commit until both files are offered and served whole, and the files'
    sizes and durations; None when the timeout passed first."""
    while time.time() < published["committed"] + timeout:
        page = fetch(base + published["path"]).decode()
        offered = {match.group(1): match.group(0) for match in AUDIO_FILE.finditer(page)}
        if len(offered) == 2:
            files = {kind: served_whole(base + path) for kind, path in offered.items()}
            if all(files.values()):
                return time.time() - published["committed"], files
        time.sleep(0.1)
    return None


def served_whole(url):
    """(size, seconds of sound) of a file that answers 200 with every byte it announces."""
    try:
        with urllib.request.urlopen(url, timeout=10) as answer:  # noqa: S310 (our own server)
            body = answer.read()
            announced = int(answer.headers["Content-Length"])
    except (urllib.error.URLError, TypeError, ValueError):
        return None
    if answer.status != 200 or len(body) != announced:
        return None
    try:
        return len(body), soundfile.info(io.BytesIO(body)).duration
    except soundfile.LibsndfileError:
        return None


def report_audio(readings):
    lines = [
        f"# Audio ready after publication, {machine()}",
        "",
        "`manchette serve` with its defaults (one task worker, its queue emptied before each "
        "publication) on the demo site, SQLite. A new article of about "
        f"{WORDS:,} words (headline, standfirst, paragraphs) published in `manchette shell`; "
        "timed from the publication's commit until the article page offers the Opus and MP3 "
        "files and both answer 200 with their whole length, which libsndfile reads as sound "
        "(page polled every 0.1 s). The task worker's CPU time over the same span (its "
        "threads and children included) varies less than the wait when other work shares "
        "the machine.",
        "",
        "| language | words | ready after | Opus | MP3 | task worker's CPU time "
        "| load average before → after |",
        "|---|---|---|---|---|---|---|",
    ]
    seconds = []
    for language, words, ready, used, before, after in readings:
        if ready is None:
            lines.append(
                f"| {language} | {words:,} | not ready (timed out) | — | — | {used:.1f} s "
                f"| {before} → {after} |"
            )
            seconds.append(float("inf"))
            continue
        took, files = ready
        seconds.append(took)
        opus, mp3 = (
            f"{size / 1024:,.0f} KB, {sound:.0f} s" for size, sound in (files["opus"], files["mp3"])
        )
        lines.append(
            f"| {language} | {words:,} | {took:.1f} s | {opus} | {mp3} | {used:.1f} s "
            f"| {before} → {after} |"
        )
    worst = max(seconds)
    lines += [
        "",
        f"Slowest: {worst:.1f} s. Target: every article's audio ready within "
        f"{TARGET_AUDIO_SECONDS} s: **{'met' if worst < TARGET_AUDIO_SECONDS else 'not met'}**.",
    ]
    publish("\n".join(lines) + "\n", RESULTS / "audio-ready.md")


if __name__ == "__main__":
    main()
