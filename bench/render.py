"""What a page-cache miss costs: rendering the article page and the front page.

    .venv/bin/python bench/render.py [--renders 200]

Behind a page cache or a CDN every purge sends readers' requests to Django
again, so the render of a page that is not cached sets how fast a site
recovers. On the demo newsroom built in a throwaway folder, each page is
rendered ``--renders`` times through Django's full stack (middleware and
all, the page cache bypassed), and, in the same run, its templates render
it again with its data already in memory (the objects the render read,
kept in its context and on its request; only the comment section asks the
database again): what is left between the two is the work of reading the
page from the database and building its objects.
The p50 of each goes to stdout and bench/results/render.md, with the
queries one render makes. A benchmark, not a test: nothing fails.
"""

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import time
from datetime import UTC, datetime
from functools import partial
from pathlib import Path

from run import (
    bench_env,
    build_site,
    cpu_model,
    load_average,
    publish,
    throwaway_folder,
)

PROJECT = Path(__file__).resolve().parent.parent
RESULTS = PROJECT / "bench" / "results" / "render.md"
BASE = "http://127.0.0.1:8400"


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--renders", type=int, default=200, help="Renders of each page.")
    parser.add_argument("--keep", action="store_true", help="Keep the throwaway folder.")
    parser.add_argument(
        "--site", type=Path, help="Reuse the folder of an earlier run kept with --keep."
    )
    parser.add_argument("--measure", help=argparse.SUPPRESS)  # the article's path, in the child
    args = parser.parse_args()
    if args.measure:
        print(json.dumps(measure(args.measure, args.renders)))
        return
    if args.site:
        env = bench_env(args.site)
        path = (args.site / "article-path").read_text()
        return run_child(env, path, args)
    with throwaway_folder("manchette-render-", args.keep) as tmp:
        env = bench_env(tmp)
        path = build_site(env, BASE)["path"]
        (tmp / "article-path").write_text(path)
        run_child(env, path, args)


def run_child(env, path, args):
    """The renders, measured in a process of their own, as a server's would be."""
    load = load_average()
    output = subprocess.run(
        [sys.executable, __file__, "--measure", path, "--renders", str(args.renders)],
        env=env,
        cwd=PROJECT,
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    report(json.loads(output.strip().splitlines()[-1]), load, args)


def measure(article_path, renders):
    """For each page: the queries of a first render and of a later one, and p50 timings."""
    import django

    django.setup()
    from django.conf import settings
    from django.db import connection
    from django.test import Client

    # As served in production: no query log, no template debugging.
    settings.DEBUG = False

    host = BASE.removeprefix("http://")
    client = Client(HTTP_HOST=host, SERVER_PORT=host.rpartition(":")[2])
    results = {}
    for name, path in (("article page", article_path), ("front page", "/")):
        get(client, path)  # the renditions of its pictures are made
        forget_process_caches()  # as a new server process starts
        with counted(connection) as first:
            html = get(client, path)
        with counted(connection) as later:
            get(client, path)
        page = timings(partial(get, client, path), renders)
        # The same page from the same templates, its data already in memory: the
        # objects the render read stay in its context and on its request.
        response = client.get(path)
        template = response.resolve_template(response.template_name)
        context, request = response.context_data, response.wsgi_request
        with counted(connection) as rerender:
            template.render(context, request)
        plain = timings(partial(template.render, context, request), renders)
        results[name] = {
            "path": path,
            "bytes": len(html.encode()),
            "queries_first": first.count,
            "queries_later": later.count,
            "render_ms": statistics.median(page),
            "render_p90_ms": sorted(page)[int(0.9 * len(page))],
            "template_ms": statistics.median(plain),
            "template_queries": rerender.count,
        }
    return results


class counted:
    """The queries made inside a ``with`` block (the query log is off without DEBUG)."""

    def __init__(self, connection):
        self.connection, self.count = connection, 0

    def __call__(self, execute, sql, params, many, context):
        self.count += 1
        return execute(sql, params, many, context)

    def __enter__(self):
        self.wrapping = self.connection.execute_wrapper(self)
        self.wrapping.__enter__()
        return self

    def __exit__(self, *exc):
        self.wrapping.__exit__(*exc)


def forget_process_caches():
    from django.contrib.contenttypes.models import ContentType
    from django.core.cache import caches
    from wagtail.images import get_image_model

    ContentType.objects.clear_cache()
    for cache in caches.all():
        cache.clear()
    get_image_model().get_rendition_model().cache_backend.clear()


def get(client, path):
    response = client.get(path)
    if response.status_code != 200:
        sys.exit(f"{path} answered {response.status_code}")
    return response.content.decode()


def timings(work, count):
    """Milliseconds of each of ``count`` runs of ``work``, after one left out."""
    work()
    found = []
    for _ in range(count):
        start = time.perf_counter()
        work()
        found.append((time.perf_counter() - start) * 1000)
    return found


def report(results, load, args):
    lines = [
        f"# Uncached renders, {datetime.now(UTC):%Y-%m-%d %H:%M} UTC",
        "",
        f"The demo newsroom; each page rendered {args.renders} times by Django in one process "
        "(full middleware stack, page cache bypassed), and its templates rendered again "
        "with its data in memory (the comment section's one query aside), in the same run. "
        f"{os.cpu_count()} CPUs, {cpu_model()}, load average before the runs {load}, "
        f"Python {platform.python_version()}.",
        "",
        "| page | HTML | queries (first request, later) | render p50 | render p90 "
        "| templates alone p50 (queries) | render ÷ templates |",
        "|---|---|---|---|---|---|---|",
    ]
    for name, row in results.items():
        lines.append(
            f"| {name} `{row['path']}` | {row['bytes']:,} bytes "
            f"| {row['queries_first']}, {row['queries_later']} "
            f"| {row['render_ms']:.2f} ms | {row['render_p90_ms']:.2f} ms "
            f"| {row['template_ms']:.2f} ms ({row['template_queries']}) "
            f"| {row['render_ms'] / row['template_ms']:.1f}× |"
        )
    publish("\n".join(lines) + "\n", RESULTS)


if __name__ == "__main__":
    main()
