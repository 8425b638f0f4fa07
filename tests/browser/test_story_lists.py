"""Front, section, tag and article pages on a phone and on a desktop, as Chromium
lays them out: WCAG 2 A/AA (axe-core) at each width, nothing wider than the
screen down to 320 px, and pictures whose srcset and sizes give each slot a
rendition of its width. (Their markup does not depend on the width: the Nu
validator's gate in test_quality_gates.py covers it.)"""

import pytest

from tests.browser.conftest import wcag_violations

pytestmark = pytest.mark.browser

PAGE_TYPES = ["front", "section", "tag", "article"]
DESKTOP, PHONE, NARROWEST = 1366, 390, 320
HEIGHT = 900
MEASURE = """() => ({
  page: document.documentElement.scrollWidth,
  screen: document.documentElement.clientWidth,
  wider: [...document.querySelectorAll('body *')]
    .filter(e => e.getBoundingClientRect().right > document.documentElement.clientWidth + 1)
    .map(e => e.tagName.toLowerCase() + (e.className ? '.' + e.className : '')).slice(0, 5),
})"""


@pytest.fixture
def tab_of_width(open_tab):
    tabs = []

    def open_at(width):
        tab = open_tab(viewport={"width": width, "height": HEIGHT})
        tabs.append(tab)
        return tab

    yield open_at
    for tab in tabs:
        tab.context.close()


@pytest.mark.parametrize("width", [DESKTOP, PHONE])
@pytest.mark.parametrize("page_type", PAGE_TYPES)
def test_page_meets_wcag_2_aa_at_each_width(
    axe_script, tab_of_width, served_site, page_type, width
):
    tab = tab_of_width(width)
    tab.goto(served_site.url(page_type))
    violations = wcag_violations(tab, axe_script)
    assert not violations, "axe-core violations:\n" + violations


@pytest.mark.parametrize("width", [DESKTOP, PHONE, NARROWEST])
@pytest.mark.parametrize("page_type", PAGE_TYPES)
def test_nothing_is_wider_than_the_screen(tab_of_width, served_site, page_type, width):
    tab = tab_of_width(width)
    tab.goto(served_site.url(page_type))
    tab.wait_for_load_state("load")
    measured = tab.evaluate(MEASURE)
    assert measured["page"] <= measured["screen"], measured
    assert not measured["wider"], measured


def picture_of(tab, selector):
    """The rendition Chromium chose for the first picture matching ``selector``, and its box."""
    picture = tab.locator(selector).first
    picture.scroll_into_view_if_needed()
    tab.wait_for_function("img => img.complete && img.currentSrc", arg=picture.element_handle())
    return picture.evaluate(
        "img => ({src: img.currentSrc, width: img.getBoundingClientRect().width,"
        " natural: img.naturalWidth})"
    )


def test_the_lead_story_is_the_widest_on_a_desktop(tab_of_width, served_site):
    tab = tab_of_width(DESKTOP)
    tab.goto("/")
    lead = picture_of(tab, ".teaser-lead img")
    featured = picture_of(tab, ".top-stories .teaser:not(.teaser-lead) img")
    assert lead["width"] > 1.8 * featured["width"]
    # 44rem wide: the 800 px rendition, not the 480 px one nor the original.
    assert "width-800" in lead["src"]
    # A third of the page: a 16:9 crop at least as wide as its box.
    assert "fill-" in featured["src"] and featured["natural"] >= featured["width"]


def test_on_a_phone_the_lead_takes_the_width_and_featured_stories_sit_beside_their_picture(
    tab_of_width, served_site
):
    tab = tab_of_width(PHONE)
    tab.goto("/")
    lead = picture_of(tab, ".teaser-lead img")
    assert lead["width"] > PHONE - 48
    assert "width-480" in lead["src"] and lead["natural"] >= lead["width"]
    featured = tab.locator(".top-stories .teaser:not(.teaser-lead)").filter(has=tab.locator("img"))
    picture = featured.first.locator("img").bounding_box()
    headline = featured.first.locator(".teaser-headline").bounding_box()
    assert picture["x"] + picture["width"] <= headline["x"]
    assert picture["width"] < PHONE / 3


def test_list_pages_show_teasers_with_their_pictures(tab_of_width, served_site):
    tab = tab_of_width(DESKTOP)
    tab.goto(served_site.url("section"))
    teaser = tab.locator(".teasers .teaser").filter(has=tab.locator("img")).first
    assert teaser.locator(".teaser-standfirst").is_visible()
    picture = picture_of(tab, ".teasers .teaser img")
    assert "fill-" in picture["src"] and picture["width"] <= 14 * 16 + 1
