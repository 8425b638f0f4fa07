"""Live coverage in Chromium: an update posted through the admin in one tab appears in a
reader's tab without a reload, behind a "1 new update" button; without JavaScript the
page is complete and paginated."""

import json
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


DESK = """
import json
from manchette.live import updates
from manchette.live.models import LivePage, LiveUpdate
from tests import factory

page = LivePage.objects.get(url_path__endswith="{slug}/")
{code}
"""


def desk(served_site, code, slug):
    """Work the live desk from another process, as a script or another editor would."""
    return served_site.command(
        "shell", "--verbosity", "0", "--command", DESK.format(slug=slug, code=code)
    )


def test_edits_and_deletions_reach_an_open_tab_in_place(open_tab, served_site):
    slug = served_site.pages["live"].rstrip("/").rsplit("/", 1)[1]
    posted = desk(
        served_site,
        """
kept = LiveUpdate(title="Bilan provisoire", body=factory.paragraphs("Douze pays ont signé."))
updates.post(page, kept)
dropped = updates.post(page, LiveUpdate(body=factory.paragraphs("Une rumeur circule.")))
print(json.dumps([kept.pk, dropped.pk]))
""",
        slug,
    )
    kept, dropped = json.loads(posted)
    reader = open_tab()
    reader.goto(served_site.pages["live"])
    reader.evaluate("window.sameDocument = true")
    kept_update = reader.locator(f"#update-{kept}")
    assert "Douze pays ont signé." in kept_update.inner_text()
    assert reader.locator(f"#update-{dropped}").is_visible()
    order = reader.eval_on_selector_all(".live-update", "all => all.map(u => u.id)")

    desk(
        served_site,
        f"""
kept = page.updates.get(pk={kept})
kept.body = factory.paragraphs("Quinze pays ont signé.")
updates.edit(kept)
updates.delete(page.updates.get(pk={dropped}))
""",
        slug,
    )

    reader.get_by_text("Quinze pays ont signé.").wait_for(timeout=APPEARS_WITHIN_MS)
    reader.locator(f"#update-{dropped}").wait_for(state="detached", timeout=APPEARS_WITHIN_MS)
    assert "Douze pays" not in kept_update.inner_text()
    assert "Bilan provisoire" in kept_update.inner_text()
    assert "· edited" in kept_update.locator(".live-update-meta").inner_text()
    # Replaced where it stood, the rest as it was; an edit is not a new update.
    assert reader.eval_on_selector_all(".live-update", "all => all.map(u => u.id)") == [
        anchor for anchor in order if anchor != f"update-{dropped}"
    ]
    assert reader.locator(".live-new").is_hidden()
    assert reader.evaluate("window.sameDocument") is True
    reader.context.close()
    desk(served_site, f"updates.delete(page.updates.get(pk={kept}))", slug)


def test_a_pin_is_marked_at_once_and_moves_when_the_reader_asks(open_tab, served_site):
    slug = served_site.pages["live"].rstrip("/").rsplit("/", 1)[1]
    [first] = json.loads(
        desk(
            served_site,
            """
first = updates.post(page, LiveUpdate(body=factory.paragraphs("Le vote est ouvert.")))
print(json.dumps([first.pk]))
""",
            slug,
        )
    )
    reader = open_tab()
    reader.goto(served_site.pages["live"])
    reader.evaluate("window.sameDocument = true")
    update = reader.locator(f"#update-{first}")
    assert reader.locator(f".live-stream #update-{first}").count() == 1

    newest = desk(
        served_site,
        f"""
updates.pin(page.updates.get(pk={first}), True)
print(updates.post(page, LiveUpdate(body=factory.paragraphs("Le vote est clos."))).pk)
""",
        slug,
    ).strip()
    new_updates = reader.locator(".live-new")
    new_updates.wait_for(state="visible", timeout=APPEARS_WITHIN_MS)

    # Marked where it stands: nothing moves before the reader asks.
    assert "· Pinned" in update.locator(".live-update-meta").inner_text()
    assert reader.locator(f".live-stream #update-{first}").count() == 1
    new_updates.click()
    assert reader.locator(f".live-pinned #update-{first}").count() == 1
    assert reader.locator(".live-stream .live-update").first.get_attribute("id") == (
        f"update-{newest}"
    )
    assert reader.evaluate("window.sameDocument") is True
    reader.context.close()
    desk(
        served_site,
        f"for pk in ({first}, {newest}): updates.delete(page.updates.get(pk=pk))",
        slug,
    )
