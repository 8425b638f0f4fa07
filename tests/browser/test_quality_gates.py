"""Issue 2's quality gates on every public page type, as Chromium loads them:
valid HTML (Nu validator), WCAG 2 A/AA (axe-core), no third-party request,
a light article page, and an article that reads without JavaScript."""

import json
import subprocess
from dataclasses import dataclass

import pytest

from tests.browser.conftest import wcag_violations

pytestmark = pytest.mark.browser

PAGE_TYPES = [
    "front",
    "section",
    "article",
    "tag",
    "source",
    "not_found",
    "search",
    "versions",
    "live",
    "live_update",
]
# What a reader downloads to read an article, images aside.
WEIGHED = {"document", "stylesheet", "script"}
ARTICLE_BUDGET_BYTES = 60 * 1024
# One short run: the quick compiler and a simple collector halve the JVM's time.
QUICK_JVM = ["-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC"]
NU_OPTIONS = ["--format", "json", "--stdout", "--exit-zero-always"]


@dataclass
class Visit:
    """One page type as a first-time reader's browser loaded it."""

    html: str
    requested: list
    weights: dict


@pytest.fixture(scope="session")
def visits(open_tab, served_site):
    found = {}
    for page_type in PAGE_TYPES:
        # A new reader each time: an empty HTTP cache, so every resource is fetched.
        tab = open_tab()
        requested, responses = [], []
        tab.on("request", lambda request, seen=requested: seen.append(request.url))
        tab.on("response", lambda response, seen=responses: seen.append(response))
        document = tab.goto(served_site.url(page_type))
        # Otherwise every gate below would be checking an error page.
        expected = 404 if page_type == "not_found" else 200
        if document.status != expected:
            pytest.fail(f"{served_site.url(page_type)} answered {document.status}, not {expected}")
        tab.wait_for_load_state("networkidle")
        weights = {
            response.url: len(response.body())
            for response in responses
            if response.request.resource_type in WEIGHED
        }
        found[page_type] = Visit(document.text(), requested, weights)
        tab.context.close()
    return found


@pytest.fixture(scope="session")
def nu_errors(nu_validator, visits, tmp_path_factory):
    """The Nu validator's errors for each page type, from one Java run (the JVM starts slowly)."""
    folder = tmp_path_factory.mktemp("nu")
    for page_type, visit in visits.items():
        (folder / f"{page_type}.html").write_text(visit.html)
    pages = sorted(str(path) for path in folder.iterdir())
    done = subprocess.run(
        ["java", *QUICK_JVM, "-jar", str(nu_validator), *NU_OPTIONS, *pages],
        capture_output=True,
        text=True,
        check=True,
    )
    errors = {page_type: [] for page_type in visits}
    for message in json.loads(done.stdout)["messages"]:
        if message["type"] != "info":
            page_type = message["url"].rsplit("/", 1)[-1].removesuffix(".html")
            errors[page_type].append(
                f"line {message.get('lastLine', '?')}: {message['message']}\n"
                f"    {message.get('extract', '').strip()}"
            )
    return errors


@pytest.mark.parametrize("page_type", PAGE_TYPES)
def test_markup_is_valid_html(nu_errors, page_type):
    assert not nu_errors[page_type], "Nu validator errors:\n" + "\n".join(nu_errors[page_type])


@pytest.mark.parametrize("page_type", PAGE_TYPES)
def test_page_meets_wcag_2_aa(axe_script, page, served_site, page_type):
    page.goto(served_site.url(page_type))
    violations = wcag_violations(page, axe_script)
    assert not violations, "axe-core violations:\n" + violations


@pytest.mark.parametrize("page_type", PAGE_TYPES)
def test_reader_page_requests_nothing_from_third_parties(visits, served_site, page_type):
    requested = visits[page_type].requested
    assert requested, "the browser recorded no request at all"
    elsewhere = [url for url in requested if not url.startswith(served_site.origin + "/")]
    assert not elsewhere, f"requests beyond {served_site.origin}: {elsewhere}"


def test_article_page_weighs_at_most_60_kb_images_aside(visits):
    weights = visits["article"].weights
    assert any(url.endswith(".css") for url in weights), f"no stylesheet weighed: {list(weights)}"
    total = sum(weights.values())
    assert total <= ARTICLE_BUDGET_BYTES, f"{total} bytes: " + ", ".join(
        f"{url} {size}" for url, size in weights.items()
    )


def test_article_reads_without_javascript(open_tab, served_site):
    tab = open_tab(java_script_enabled=False)
    try:
        tab.goto(served_site.url("article"))
        article = tab.locator("article")
        for part in ["h1", ".article-body p", ".article-meta time", ".tags a"]:
            assert article.locator(part).first.is_visible(), f"{part} is hidden without JavaScript"
    finally:
        tab.context.close()
