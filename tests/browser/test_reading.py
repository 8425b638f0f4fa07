"""A reader's walk through the site in Chromium: front page, article, tag,
section and its pages, the short link, and the language switch."""

import re
from datetime import datetime

import pytest
from babel.dates import format_date

pytestmark = pytest.mark.browser

LEAD = "Les ministres se retrouvent à Bruxelles"
OLDEST = "Les négociations reprennent"


def weekday(page, language):
    """The weekday of the article's time, as Babel writes it in ``language``."""
    moment = datetime.fromisoformat(page.locator(".article-meta time").get_attribute("datetime"))
    return format_date(moment, "EEEE", locale=language)


def test_front_page_leads_to_the_article(page, served_site):
    page.goto("/")
    page.locator(".front-top").get_by_role("link", name=LEAD).click()
    assert page.url == served_site.url("article")
    article = page.locator("article")
    assert re.fullmatch(r"\d+", article.get_attribute("data-article-id"))
    assert "Diplomatie\u00a0:" in article.locator("h1").inner_text()
    assert article.locator("figure.cover figcaption").is_visible()
    assert article.locator("aside").get_attribute("data-listen") == "skip"
    assert re.fullmatch(
        r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[+-]\d\d:\d\d",
        article.locator(".article-meta time").get_attribute("datetime"),
    )


def test_short_link_redirects_to_the_article(page, served_site):
    page.goto(served_site.url("article"))
    article_id = page.locator("article").get_attribute("data-article-id")
    page.goto(f"/a/{article_id}/")
    assert page.url == served_site.url("article")


def test_article_leads_to_its_tag_and_section(page, served_site):
    page.goto(served_site.url("article"))
    page.locator("article footer").get_by_role("link", name="Europe").click()
    assert "Europe" in page.locator("h1").inner_text()
    assert page.get_by_role("link", name=LEAD).is_visible()
    page.locator("nav.sections").get_by_role("link", name="Monde").click()
    assert page.url == served_site.url("section")
    assert page.locator("h1").inner_text() == "Monde"
    assert page.locator("nav.sections [aria-current=page]").inner_text() == "Monde"


def test_section_pages_through_older_headlines(page, served_site):
    page.goto(served_site.url("section"))
    assert not page.get_by_role("link", name=OLDEST).count()
    page.locator("a[rel=next]").click()
    assert page.url.endswith("?page=2")
    assert page.get_by_role("link", name=OLDEST).is_visible()


def test_language_switch_translates_the_interface_not_the_article(page, served_site):
    page.goto(served_site.url("article"))
    html, article = page.locator("html"), page.locator("article")
    page.locator(".languages a[hreflang=nl]").click()
    assert page.url == served_site.url("article")
    assert html.get_attribute("lang") == "nl"
    assert article.get_attribute("lang") == "fr"
    assert page.locator(".languages a[hreflang=nl]").get_attribute("aria-current")
    assert weekday(page, "nl") in page.locator(".article-meta time").inner_text()

    page.locator(".languages a[hreflang=fr]").click()
    assert html.get_attribute("lang") == "fr"
    assert weekday(page, "fr") in page.locator(".article-meta time").inner_text()
