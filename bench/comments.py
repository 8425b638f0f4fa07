"""Comments against Isso 0.14: listing, posting, and a 5,000-comment article page.

    .venv/bin/python bench/comments.py [--duration 10] [--connections 32] [--rounds 3]

One run on one machine, the same load for both: Isso 0.14 from PyPI, in its
own environment (``bench/isso-env/``, made on first use with ``python3 -m
venv`` and pip), under gunicorn, and ``manchette serve`` (granian), each
with WORKERS processes and its own SQLite database in a throwaway folder.
The abuse guard is off on both sides: Isso's ``[guard] enabled = false``;
manchette's rate limits, typing delay and link limit are lifted by the
bench-only settings written below (its other checks, such as bans and
duplicates, still run on every post). wrk measures:

(a) listing an article's 100 comments: Isso's ``GET /?uri=…`` and
    manchette's ``GET /comments/api/<id>/`` (100 threads a page), as a
    reader gets it (page cache) and past the page cache;
(b) posting new comments: a wrk Lua script POSTs JSON with a new text each
    time (manchette's with its CSRF cookie and header and a form token);
    and, as floors under manchette's figure, the same server answering a
    bench-only Django view that does nothing but insert the posted row, and
    a bare WSGI app under granian (no Django) that does the same;
(c) manchette only: the server time of the first page of an article with
    5,000 comments, rendered by Django in-process (no page cache).

Targets: manchette at least 5x Isso's throughput on (a) and (b), and (c)
under 50 ms. Figures go to stdout and bench/results/comments.md. This is
a benchmark, not a test: nothing fails when a target is missed.
"""

import argparse
import json
import os
import platform
import re
import secrets
import shutil
import subprocess
import sys
import tempfile
import urllib.request
from datetime import UTC, datetime
from pathlib import Path

from run import (
    PeakMemory,
    cpu_model,
    fetch,
    fetch_header,
    figures_of,
    find,
    manchette_command,
    median_run,
    publish,
    running,
)

PROJECT = Path(__file__).resolve().parent.parent
RESULTS = PROJECT / "bench" / "results" / "comments.md"
ISSO_ENV = PROJECT / "bench" / "isso-env"
ISSO_VERSION = "0.14.0"
ISSO_PORT = 8550
MANCHETTE_PORT = 8551
BARE_PORT = 8552
WORKERS = 2
TARGET_RATIO = 5
TARGET_PAGE_MS = 50
LISTED = 100
BIG = 5000

BENCH_SETTINGS = """\
from bench.settings import *  # noqa: F403

# The guard off, as Isso's is: no rate limit, no typing delay, no link limit.
MANCHETTE_COMMENTS_MIN_SECONDS = 0
MANCHETTE_COMMENTS_NETWORK_RATES = []
MANCHETTE_COMMENTS_ARTICLE_RATES = []
MANCHETTE_COMMENTS_LINKS_TO_HOLD = 1000
# Isso lists a thread whole: so does manchette's one page of 100.
MANCHETTE_COMMENTS_PAGE_SIZE = 100
CACHES["comments"]["LOCATION"] = BENCH_DIR / "comments-cache"  # noqa: F405
# The article page renders without collectstatic.
STORAGES["staticfiles"] = {  # noqa: F405
    "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
}
ROOT_URLCONF = "bench_comments_urls"
"""

# The floors of (b). Both only insert the posted row, with one SQL statement:
# no token, no form, no checks, no purge, no HTML in the answer. One is a
# Django view in manchette's own server: what Django itself costs a post.
# The other is a bare WSGI application under granian, the same worker and
# thread counts: what Python and SQLite cost it here.
INSERT_SQL = (
    "INSERT INTO comments_comment (article_id, name, email, website, text, markup, "
    "language, status, held_reason, created, ip_network, user_agent, "
    "author_token_hash, text_digest, reply_count, flag_count, imported_from, "
    "external_id, depth) VALUES (%s, %s, '', '', %s, 'text', 'fr', 'published', '', "
    "%s, '127.0.0.0/24', '', '', '', 0, 0, '', '', 0) RETURNING id"
)

BARE_APP = """\
import json
import sqlite3
import threading
from datetime import UTC, datetime

DATABASE = {database!r}
INSERT = {insert!r}.replace("%s", "?")
connections = threading.local()


def connection():
    if not hasattr(connections, "sqlite"):
        connections.sqlite = sqlite3.connect(DATABASE, isolation_level=None, timeout=20)
        connections.sqlite.execute("PRAGMA journal_mode=WAL")
        connections.sqlite.execute("PRAGMA synchronous=NORMAL")
    return connections.sqlite


def app(environ, start_response):
    if environ["REQUEST_METHOD"] != "POST":
        start_response("200 OK", [("Content-Type", "text/plain"), ("Content-Length", "2")])
        return [b"ok"]
    posted = json.loads(environ["wsgi.input"].read(int(environ["CONTENT_LENGTH"])))
    created = datetime.now(UTC).replace(tzinfo=None).isoformat(" ")
    article = int(environ["PATH_INFO"].strip("/"))
    found = connection().execute(INSERT, (article, posted["name"], posted["text"], created))
    body = json.dumps({{"id": found.fetchone()[0]}}).encode()
    start_response(
        "201 Created",
        [("Content-Type", "application/json"), ("Content-Length", str(len(body)))],
    )
    return [body]
"""

FLOOR_URLS = """\
import json

from django.db import connection
from django.http import JsonResponse
from django.urls import include, path
from django.utils import timezone
from django.views.decorators.csrf import csrf_exempt


@csrf_exempt
def insert_only(request, article_id):
    posted = json.loads(request.body)
    with connection.cursor() as cursor:
        cursor.execute(
            {insert!r},
            [article_id, posted["name"], posted["text"], timezone.now()],
        )
        return JsonResponse({{"id": cursor.fetchone()[0]}}, status=201)


urlpatterns = [
    path("bench/insert-only/<int:article_id>/", insert_only),
    path("", include("manchette.urls")),
]
"""

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

SEED = f"""
import json
from datetime import timedelta
from django.utils import timezone
from manchette.comments.models import Comment
from tests import factory

TEXT = {TEXT!r}
start = timezone.now() - timedelta(days=1)


def comment(article, n, **fields):
    return Comment(article=article, name=f"Lecteur {{n}}", text=TEXT.format(n=n),
                   ip_network="198.51.100.0/24", created=start + timedelta(seconds=n), **fields)


listed = factory.article(headline="Cent commentaires", slug="cent-commentaires")
posted = factory.article(headline="Commentaires en rafale", slug="rafale")
big = factory.article(headline="Cinq mille commentaires", slug="cinq-mille")
empty = factory.article(headline="Sans commentaire", slug="sans-commentaire")
floor = factory.article(headline="Plancher", slug="plancher")
Comment.objects.bulk_create([comment(listed, n) for n in range({LISTED})])
# {BIG:,} comments: threads of two, a comment and a reply.
threads = Comment.objects.bulk_create(
    [comment(big, n, reply_count=1) for n in range({BIG // 2})], batch_size=500
)
Comment.objects.bulk_create(
    [comment(big, {BIG} + n, parent=root, thread=root, depth=1) for n, root in enumerate(threads)],
    batch_size=500,
)
print(json.dumps({{"listed": listed.pk, "posted": posted.pk, "floor": floor.pk, "big": big.url,
                  "empty": empty.url}}))
"""

TIME_PAGE = """
import json, statistics, time
from django.test import Client, override_settings
from manchette.core.conf import all_settings

# The site's own page size, not the 100 that the listing case asks for.
size = all_settings()["MANCHETTE_COMMENTS_PAGE_SIZE"].default
client = Client(HTTP_HOST="127.0.0.1")
times = []
with override_settings(MANCHETTE_COMMENTS_PAGE_SIZE=size):
    for _ in range(3):
        response = client.get({url!r})
    assert response.status_code == 200, response.status_code
    for _ in range({repeat}):
        started = time.perf_counter()
        response = client.get({url!r})
        times.append((time.perf_counter() - started) * 1000)
times.sort()
print(json.dumps({{"median": statistics.median(times), "p95": times[int(len(times) * 0.95) - 1],
                  "bytes": len(response.content),
                  "comments": response.content.count(b'<article class="comment')}}))
"""

POST_SCRIPT = """\
-- Texts never repeat, across threads and runs: a repeated one is not a new comment.
local counter = 0
local threads = 0
function setup(thread)
  threads = threads + 1
  thread:set("tid", string.format("%d.%d", os.time(), threads))
end
request = function()
  counter = counter + 1
  local text = string.format({text_format}, tid, counter)
  local body = string.format({body_format}, text, counter)
  return wrk.format("POST", nil, {headers}, body)
end
"""


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--duration", type=int, default=10, help="Seconds of load per run.")
    parser.add_argument("--connections", type=int, default=32)
    parser.add_argument("--rounds", type=int, default=3, help="Runs per server; median shown.")
    parser.add_argument("--keep", action="store_true", help="Keep the throwaway folder.")
    args = parser.parse_args()
    wrk = find("wrk")
    isso = isso_environment()
    tmp = Path(tempfile.mkdtemp(prefix="manchette-bench-comments-"))
    env = manchette_env(tmp)
    try:
        seeded = seed_manchette(env)
        (tmp / "isso.cfg").write_text(ISSO_CONFIG.format(tmp=tmp, port=ISSO_PORT))
        isso_base = f"http://127.0.0.1:{ISSO_PORT}"
        base = f"http://127.0.0.1:{MANCHETTE_PORT}"
        bare_base = f"http://127.0.0.1:{BARE_PORT}"
        isso_env = {**os.environ, "ISSO_SETTINGS": str(tmp / "isso.cfg")}
        with (
            running(isso_command(isso), isso_env, isso_base + "/info") as isso_server,
            running(manchette_command(MANCHETTE_PORT), env, base + "/") as manchette_server,
            running(bare_command(), env, f"{bare_base}/") as bare_server,
        ):
            seed_isso(isso_base)
            token = json.loads(fetch(f"{base}/comments/api/{seeded['posted']}/token/"))["token"]
            load = " ".join(Path("/proc/loadavg").read_text().split()[:3])
            listing = f"/comments/api/{seeded['listed']}/"
            cases = [
                ("(a) list 100", "Isso", isso_base + "/?uri=/bench/cent/", [], isso_server),
                ("(a) list 100", "manchette", base + listing, [], manchette_server),
                (
                    "(a) list 100",
                    "manchette, past the page cache",
                    base + listing,
                    ["-H", "Cookie: sessionid=bench"],
                    manchette_server,
                ),
                (
                    "(b) post",
                    "Isso",
                    isso_base + "/new?uri=/bench/rafale/",
                    ["-s", str(post_script(tmp, "isso"))],
                    isso_server,
                ),
                (
                    "(b) post",
                    "manchette",
                    f"{base}/comments/api/{seeded['posted']}/",
                    ["-s", str(post_script(tmp, "manchette", token))],
                    manchette_server,
                ),
                (
                    "(b) post",
                    "floor: a Django view that only inserts the row",
                    f"{base}/bench/insert-only/{seeded['floor']}/",
                    ["-s", str(post_script(tmp, "manchette", token))],
                    manchette_server,
                ),
                (
                    "(b) post",
                    "floor: a bare WSGI app (no Django) that only inserts the row",
                    f"{bare_base}/{seeded['floor']}/",
                    ["-s", str(post_script(tmp, "manchette", token))],
                    bare_server,
                ),
            ]
            checks = {
                "Isso lists": len(json.loads(fetch(cases[0][2]))["replies"]),
                "manchette lists": len(json.loads(fetch(cases[1][2]))["comments"]),
                "manchette page cache": fetch_header(cases[1][2], "X-Page-Cache"),
            }
            figures = measure(wrk, cases, args)
            # What the posts left: proof that they were comments, not refusals.
            checks["Isso posted"] = json.loads(fetch(isso_base + "/?uri=/bench/rafale/"))[
                "total_replies"
            ]
            checks["manchette posted"] = json.loads(fetch(cases[4][2]))["count"]
        pages = {name: time_page(env, seeded[name]) for name in ("big", "empty")}
        report(figures, pages, checks, load, args)
    finally:
        if args.keep:
            print(f"throwaway folder kept: {tmp}")
        else:
            shutil.rmtree(tmp, ignore_errors=True)


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


def bare_command():
    # As `manchette serve` runs granian: HTTP/1.1, its workers, two threads each.
    return [
        *(sys.executable, "-m", "granian", "--interface", "wsgi", "--http", "1"),
        *("--port", str(BARE_PORT), "--workers", str(WORKERS), "--blocking-threads", "2"),
        *("--no-ws", "bench_bare_insert:app"),
    ]


def isso_command(gunicorn):
    # As Isso's documentation runs it under gunicorn, with our worker count.
    return [gunicorn, "-b", f"127.0.0.1:{ISSO_PORT}", "-w", str(WORKERS), "--preload", "isso.run"]


def manchette_env(tmp):
    (tmp / "bench_comments_settings.py").write_text(BENCH_SETTINGS)
    (tmp / "bench_comments_urls.py").write_text(FLOOR_URLS.format(insert=INSERT_SQL))
    (tmp / "bench_bare_insert.py").write_text(
        BARE_APP.format(database=str(tmp / "manchette.sqlite3"), insert=INSERT_SQL)
    )
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "bench_comments_settings",
        "MANCHETTE_BENCH_DIR": str(tmp),
        "PYTHONPATH": f"{tmp}:{PROJECT}",
    }


def manchette_shell(env, code):
    done = subprocess.run(
        [sys.executable, "-m", "manchette.cli", "shell", "--verbosity", "0", "-c", code],
        env=env,
        cwd=PROJECT,
        check=True,
        capture_output=True,
        text=True,
    )
    return json.loads(done.stdout.strip().splitlines()[-1])


def seed_manchette(env):
    print("manchette: migrate, then 100 and 5,000 comments", flush=True)
    subprocess.run(
        [sys.executable, "-m", "manchette.cli", "migrate", "--noinput", "--verbosity", "0"],
        env=env,
        cwd=PROJECT,
        check=True,
    )
    return manchette_shell(env, SEED)


def post_json(url, data):
    request = urllib.request.Request(  # noqa: S310 (our own server)
        url, json.dumps(data).encode(), {"Content-Type": "application/json"}, method="POST"
    )
    with urllib.request.urlopen(request, timeout=10) as response:  # noqa: S310 (our own server)
        return response.status


def seed_isso(base):
    print(f"Isso: {LISTED} comments through its API", flush=True)
    for uri, title, count in (("/bench/cent/", "Cent", LISTED), ("/bench/rafale/", "Rafale", 1)):
        for n in range(count):
            post_json(
                f"{base}/new?uri={uri}",
                {"title": title, "author": f"Lecteur {n}", "text": TEXT.format(n=n)},
            )


def lua(text):
    """A Lua string literal (LuaJIT reads UTF-8 as is, but not JSON's \\u escapes)."""
    return json.dumps(text, ensure_ascii=False)


def post_script(tmp, server, token=None):
    """A wrk script that POSTs a new comment (a new text each time) as the server expects it."""
    text_format = lua("Commentaire %s-%d : " + TEXT.format(n="bench"))
    if server == "isso":
        headers = '{["Content-Type"] = "application/json"}'
        body_format = lua('{"text": "%s", "author": "Lecteur %d"}')
    else:
        # Django's CSRF check: a 32-character secret as cookie and header alike.
        csrf = secrets.token_hex(16)
        headers = (
            '{["Content-Type"] = "application/json", '
            f'["Cookie"] = "csrftoken={csrf}", ["X-CSRFToken"] = "{csrf}"}}'
        )
        body_format = lua(
            '{"text": "%s", "name": "Lecteur %d", "token": "' + token + '", "homepage": ""}'
        )
    script = tmp / f"post-{server}.lua"
    script.write_text(
        POST_SCRIPT.format(text_format=text_format, body_format=body_format, headers=headers)
    )
    return script


def measure(wrk, cases, args):
    """Each case's servers take turns, so that a busy moment of the machine hits both."""
    runs = {}
    for case, server, url, extra, _process in cases:
        print(f"{case}, {server}: warm-up", flush=True)
        run_wrk(wrk, url, extra, 2, args.connections)
    for round_number in range(1, args.rounds + 1):
        for case, server, url, extra, process in cases:
            print(f"{case}, {server}: round {round_number}", flush=True)
            memory = PeakMemory(process.pid)
            output = run_wrk(wrk, url, extra, args.duration, args.connections)
            memory.read()
            # wrk pads latencies in seconds with a space that run.latency() does not expect.
            output = re.sub(r"[ \t]+$", "", output, flags=re.M)
            runs.setdefault((case, server), []).append(figures_of(server, output, memory))
    return [(case, median_run(found)) for (case, _server), found in runs.items()]


def run_wrk(wrk, url, extra, seconds, connections):
    return subprocess.run(
        # A generous timeout: a slow answer counts in the latency, not as an error.
        [wrk, "-t2", f"-c{connections}", f"-d{seconds}s", "--timeout", "10s", "--latency"]
        + [*extra, url],
        check=True,
        capture_output=True,
        text=True,
    ).stdout


def time_page(env, url):
    print(f"(c) {url}, in-process", flush=True)
    return manchette_shell(env, TIME_PAGE.format(url=url, repeat=30))


def report(figures, pages, checks, load, args):
    lines = [
        f"# Comments: manchette against Isso {ISSO_VERSION}, "
        f"{datetime.now(UTC):%Y-%m-%d %H:%M} UTC",
        "",
        f"wrk, 2 threads, {args.connections} connections; after a 2 s warm-up, {args.rounds} "
        f"runs of {args.duration} s per server and case, taking turns (the median run is "
        f"shown, with the highest memory of all runs); {WORKERS} worker processes each "
        f"(Isso: gunicorn sync workers; manchette: granian); SQLite both; guard off both. "
        f"{os.cpu_count()} CPUs, {cpu_model()}, load average before the runs {load}, "
        f"Python {platform.python_version()}. Isso listed {checks['Isso lists']} comments, "
        f"manchette {checks['manchette lists']} (page cache: "
        f"`X-Page-Cache: {checks['manchette page cache']}`). Comments stored by the posts: "
        f"Isso {checks['Isso posted']:,}, manchette {checks['manchette posted']:,}.",
        "",
        "| case | server | requests/s | p50 | p99 | errors | peak memory: RSS (PSS) | x Isso |",
        "|---|---|---|---|---|---|---|---|",
    ]
    isso = {case: row.requests_per_second for case, row in figures if row.server == "Isso"}
    for case, row in figures:
        lines.append(
            f"| {case} | {row.server} | {row.requests_per_second:,.0f} "
            f"| {row.p50_ms:.2f} ms | {row.p99_ms:.2f} ms | {row.errors} "
            f"| {row.peak_rss_mb:.0f} MB ({row.peak_pss_mb:.0f} MB) "
            f"| {row.requests_per_second / isso[case]:.1f} |"
        )
    verdicts = []
    for case in isso:
        # As readers get it: through the page cache when the case has one.
        served = next(row for found, row in figures if found == case and row.server == "manchette")
        ratio = served.requests_per_second / isso[case]
        verdicts.append(
            f"- {case}: {ratio:.1f}x Isso, target {TARGET_RATIO}x: "
            f"**{'met' if ratio >= TARGET_RATIO else 'not met'}**"
        )
    page, empty = pages["big"], pages["empty"]
    verdicts.append(
        f"- (c) first page of a {BIG:,}-comment article ({page['comments']} comments shown, "
        f"{page['bytes']:,} bytes), server time: median {page['median']:.1f} ms, "
        f"p95 {page['p95']:.1f} ms (the same article page without comments: median "
        f"{empty['median']:.1f} ms), target {TARGET_PAGE_MS} ms: "
        f"**{'met' if page['median'] < TARGET_PAGE_MS else 'not met'}**"
    )
    lines += ["", *verdicts]
    publish("\n".join(lines) + "\n", RESULTS)


if __name__ == "__main__":
    main()
