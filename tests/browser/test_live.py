"""Live coverage in Chromium: an update posted through the admin in one tab appears in a
reader's tab without a reload, behind a "1 new update" button; without JavaScript the
page is complete and paginated."""

import re

import pytest

from tests.browser.test_editing import ADMIN_TIMEOUT_MS, Editor

pytestmark = pytest.mark.browser

# One poll interval of the test server (MANCHETTE_LIVE_POLL_SECONDS), the cache's
# purge and a margin.
APPEARS_WITHIN_MS = 10_000 + 5_000
TEXT = "Les dirigeants signent la déclaration finale."


def test_an_update_posted_in_one_tab_appears_in_the_other(open_tab, served_site):
    reader = open_tab()
    reader.goto(served_site.pages["live"])
    # Gone if the page were loaded again: the update must come without a reload.
    reader.evaluate("window.sameDocument = true")
    new_updates = reader.locator(".live-new")
    assert new_updates.is_hidden()

    editor = Editor(open_tab(), served_site)
    editor.tab.goto(served_site.pages["live_desk"])
    editor.tab.get_by_label("Title").fill("Déclaration finale")
    editor.tab.locator("[data-contentpath=body]").get_by_role(
        "button", name="Insert a block"
    ).click()
    editor.tab.get_by_role("option", name="Paragraph").click()
    editor.tab.locator("[data-contentpath=body] [contenteditable=true]").first.press_sequentially(
        TEXT, delay=10
    )
    # The rich text editor saves what was typed into the form after a short pause.
    editor.tab.wait_for_timeout(1_000)
    with editor.tab.expect_navigation(timeout=ADMIN_TIMEOUT_MS):
        editor.tab.get_by_role("button", name="Post the update").click()
    assert "Update posted: “Déclaration finale”." in editor.messages()

    new_updates.wait_for(state="visible", timeout=APPEARS_WITHIN_MS)
    assert new_updates.inner_text() == "1 new update"
    # Nothing moved meanwhile: the text waits for the reader.
    assert reader.get_by_text(TEXT).count() == 0
    new_updates.click()

    newest = reader.locator(".live-stream .live-update").first
    assert TEXT in newest.inner_text() and "Déclaration finale" in newest.inner_text()
    assert reader.evaluate(
        "document.activeElement === document.querySelector('.live-stream .live-update')"
    )
    assert new_updates.is_hidden()
    assert reader.evaluate("window.sameDocument") is True
    editor.tab.context.close()
    reader.context.close()


def test_without_javascript_the_page_is_complete_and_paginated(open_tab, served_site):
    tab = open_tab(java_script_enabled=False)
    tab.goto(served_site.pages["live"])

    assert tab.get_by_role("heading", name="Key events").is_visible()
    assert tab.locator(".live-pinned .live-update").count() == 1
    assert tab.locator(".live-stream .live-update").count() == 2
    assert tab.locator(".live-new").is_hidden()
    # The key event is on the second page: its link leads there, to its anchor.
    tab.get_by_role("navigation", name="Key events").get_by_role("link").click()
    assert re.search(r"\?page=2#update-\d+$", tab.url)
    assert tab.get_by_text("Un accord de principe est trouvé sur le budget.").is_visible()
    tab.context.close()


def test_each_update_has_a_page_to_share(page, served_site):
    page.goto(served_site.pages["live_update"])
    assert (
        page.locator('meta[property="og:url"]')
        .get_attribute("content")
        .endswith(served_site.pages["live_update"])
    )
    page.get_by_role("link", name="See this update in the live coverage").click()
    assert (
        page.locator(":target").inner_text().startswith(page.locator(":target time").inner_text())
    )


HIDE = """hidden => {
  Object.defineProperty(document, "hidden", {value: hidden, configurable: true});
  document.dispatchEvent(new Event("visibilitychange"));
}"""


def test_polling_pauses_while_the_tab_is_hidden(page, served_site):
    polls = []
    page.on(
        "request", lambda request: polls.append(request.url) if "/updates/" in request.url else None
    )
    page.goto(served_site.pages["live"])
    page.evaluate(HIDE, True)

    # Longer than one poll interval (10 s on the test server): no poll while hidden.
    page.wait_for_timeout(12_000)
    assert polls == []

    # Seen again: it asks at once rather than a whole interval later.
    with page.expect_request("**/updates/", timeout=2_000):
        page.evaluate(HIDE, False)
