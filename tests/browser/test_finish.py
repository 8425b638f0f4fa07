"""The search and feeds pages as a reader's Chromium shows them, on a desktop and a phone:
valid HTML, WCAG 2 AA, nothing wider than a 320 px screen, a compact masthead, an icon,
and feeds that read as pages."""

import json
import subprocess

import pytest

from .conftest import wcag_violations
from .test_quality_gates import NU_OPTIONS, QUICK_JVM

pytestmark = pytest.mark.browser

PAGES = {
    "search": "/recherche/?q=discussions",
    "search_empty": "/recherche/?q=zeppelin",
    "feeds": "/flux/",
}
SCREENS = {"desktop": {"width": 1366, "height": 900}, "mobile": {"width": 390, "height": 844}}
# How far down a phone's screen the first line of content may start.
MOBILE_MASTHEAD_PX = 80


@pytest.fixture
def tab(open_tab, request):
    opened = []

    def open_at(screen):
        page = open_tab(viewport=SCREENS[screen])
        opened.append(page)
        return page

    yield open_at
    for page in opened:
        page.context.close()


@pytest.fixture(scope="module")
def nu_errors(nu_validator, open_tab, tmp_path_factory):
    folder = tmp_path_factory.mktemp("nu-finish")
    for name, path in PAGES.items():
        page = open_tab()
        (folder / f"{name}.html").write_text(page.goto(path).text())
        page.context.close()
    done = subprocess.run(
        [
            "java",
            *QUICK_JVM,
            "-jar",
            str(nu_validator),
            *NU_OPTIONS,
            *sorted(map(str, folder.iterdir())),
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    return [
        f"{m['url'].rsplit('/', 1)[-1]} line {m.get('lastLine', '?')}: {m['message']}"
        for m in json.loads(done.stdout)["messages"]
        if m["type"] != "info"
    ]


def test_search_and_feeds_pages_are_valid_html(nu_errors):
    assert not nu_errors, "\n".join(nu_errors)


@pytest.mark.parametrize("screen", SCREENS)
@pytest.mark.parametrize("name", PAGES)
def test_page_meets_wcag_2_aa(tab, axe_script, screen, name):
    page = tab(screen)
    page.goto(PAGES[name])
    violations = wcag_violations(page, axe_script)
    assert not violations, violations


@pytest.mark.parametrize("name", PAGES)
def test_nothing_is_wider_than_a_small_phone(open_tab, name):
    page = open_tab(viewport={"width": 320, "height": 640})
    page.goto(PAGES[name])
    widths = page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
    page.context.close()
    assert widths[0] <= widths[1], f"{name}: {widths[0]} px of content in a {widths[1]} px screen"


@pytest.mark.parametrize("path", ["/", PAGES["search"], PAGES["feeds"]])
def test_content_starts_near_the_top_of_a_phone(tab, path):
    page = tab("mobile")
    page.goto(path)
    top = page.evaluate(
        """() => {
      const seen = [...document.querySelectorAll('main h1, main h2, main p, main li')]
        .filter(e => e.getBoundingClientRect().height > 1);
      return seen[0].getBoundingClientRect().top;
    }"""
    )
    assert top <= MOBILE_MASTHEAD_PX


def test_search_box_finds_from_any_page(tab, served_site):
    page = tab("mobile")
    page.goto(served_site.pages["article"])
    page.fill(".site-search input[name=q]", "discussions")
    page.press(".site-search input[name=q]", "Enter")
    page.wait_for_url("**/recherche/?q=discussions")
    assert page.locator(".search-results mark").count() >= 1


def test_pages_load_without_console_errors(tab, served_site):
    page = tab("desktop")
    errors = []
    page.on("console", lambda message: message.type == "error" and errors.append(message.text))
    page.goto("/")
    page.wait_for_load_state("networkidle")
    assert errors == []
    assert page.request.get("/favicon.ico").status == 200


@pytest.mark.parametrize("path", ["/feeds/rss/", "/feeds/atom/"])
def test_a_feed_opened_in_the_browser_reads_as_a_page(tab, path):
    page = tab("desktop")
    page.goto(path)
    shown = page.evaluate(
        """() => ({
      root: document.documentElement.localName,
      title: getComputedStyle(document.querySelector('channel > title, feed > title')).display,
      raw: !!document.querySelector('pre'),
    })"""
    )
    assert shown == {"root": "rss" if "rss" in path else "feed", "title": "block", "raw": False}
