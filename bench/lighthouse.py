"""Lighthouse's four scores of the reader pages, mobile preset, on Debian's Chromium.

    .venv/bin/python bench/lighthouse.py [--keep]

The demo newsroom is built in a throwaway folder and served by ``manchette
serve``; Lighthouse (npm, from ``npm ci``) audits its front, section, tag,
search and article pages with Chromium at /usr/bin/chromium (``CHROME_PATH``),
headless, with its default mobile emulation and throttling. Targets: 100
for accessibility, best practices and SEO, at least 95 for performance.
Scores go to stdout and bench/results/lighthouse.md. A benchmark, not a
test: nothing fails when a target is missed.
"""

import argparse
import json
import os
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

from run import (
    bench_env,
    build_site,
    load_average,
    manchette_command,
    manchette_shell,
    publish,
    running,
    throwaway_folder,
)

PROJECT = Path(__file__).resolve().parent.parent
RESULTS = PROJECT / "bench" / "results" / "lighthouse.md"
LIGHTHOUSE = PROJECT / "node_modules" / ".bin" / "lighthouse"
CHROMIUM = "/usr/bin/chromium"
PORT = 8410
CATEGORIES = {
    "performance": 95,
    "accessibility": 100,
    "best-practices": 100,
    "seo": 100,
}
# Chromium as the browser tests start it: headless, and reaching nothing but the site.
CHROME_FLAGS = (
    "--headless=new --no-sandbox --disable-gpu --disable-background-networking "
    "--disable-component-update --disable-sync --no-first-run"
)
# One page of each kind: the fullest section, a tag and an article of the demo.
FIND_PAGES = (
    "import json;"
    "from django.urls import reverse;"
    "from manchette.newsroom.models import ArticlePage, SectionPage;"
    "article = ArticlePage.objects.published().newest_first().first();"
    "section = SectionPage.objects.get(pk=article.get_parent().pk);"
    "tag = article.tags.order_by('name').first();"
    "print(json.dumps({"
    "'front': '/', 'section': section.url,"
    "'tag': reverse('newsroom:tag', args=[tag.slug]),"
    "'search': reverse('search:search') + '?q=' + tag.name.split()[0].lower(),"
    "'article': article.url}))"
)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--keep", action="store_true", help="Keep the throwaway folder.")
    parser.add_argument(
        "--site", type=Path, help="Reuse a demo site kept by a bench's --keep (its folder)."
    )
    args = parser.parse_args()
    if not LIGHTHOUSE.exists():
        sys.exit("Lighthouse is not installed: run `npm ci` (make install does).")
    base = f"http://127.0.0.1:{PORT}"
    if args.site:
        return audit_site(bench_env(args.site), base)
    with throwaway_folder("manchette-lighthouse-", args.keep) as tmp:
        env = bench_env(tmp)
        build_site(env, base)
        audit_site(env, base)


def audit_site(env, base):
    pages = manchette_shell(env, FIND_PAGES)
    load = load_average()
    with running(manchette_command(PORT), env, base + "/"):
        scores = {name: audit(base + path) for name, path in pages.items()}
    report(pages, scores, load)


def audit(url):
    """Each category's score, 0 to 100, for one page."""
    done = subprocess.run(
        [
            str(LIGHTHOUSE),
            url,
            "--output=json",
            "--output-path=stdout",
            "--quiet",
            f"--only-categories={','.join(CATEGORIES)}",
            f"--chrome-flags={CHROME_FLAGS}",
        ],
        env={**os.environ, "CHROME_PATH": CHROMIUM},
        capture_output=True,
        text=True,
        check=True,
    )
    categories = json.loads(done.stdout)["categories"]
    return {name: round(categories[name]["score"] * 100) for name in CATEGORIES}


def report(pages, scores, load):
    lines = [
        f"# Lighthouse, {datetime.now(UTC):%Y-%m-%d %H:%M} UTC",
        "",
        f"Demo newsroom served by `manchette serve`; Lighthouse, mobile preset, Chromium at "
        f"{CHROMIUM}, headless; load average before the runs {load} on {os.cpu_count()} CPUs "
        "(the performance score suffers from other work on the machine).",
        "",
        "| page | " + " | ".join(CATEGORIES) + " |",
        "|---|" + "---|" * len(CATEGORIES),
    ]
    for name, path in pages.items():
        lines.append(
            f"| {name} `{path}` | "
            + " | ".join(str(scores[name][category]) for category in CATEGORIES)
            + " |"
        )
    missed = [
        f"{name} {category} {scores[name][category]}"
        for name in pages
        for category, target in CATEGORIES.items()
        if scores[name][category] < target
    ]
    lines += [
        "",
        "Targets: performance ≥ 95, accessibility, best practices and SEO 100: "
        + (f"**not met** ({', '.join(missed)})." if missed else "**met**."),
    ]
    publish("\n".join(lines) + "\n", RESULTS)


if __name__ == "__main__":
    main()
