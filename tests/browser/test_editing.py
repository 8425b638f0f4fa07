"""An editor's first articles through the real admin, in Chromium: one scheduled,
one published at once, each written with nothing but a headline and a body in
a section. Readers find each on the site once it is due; autosave, meanwhile,
saves without a word of error."""

import math
import re
import time
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.conf import settings

from tests.browser.seed import EDITOR

pytestmark = pytest.mark.browser

# The schedule is set to the minute: far enough ahead to publish the other article meanwhile.
SCHEDULE_MARGIN = timedelta(seconds=45)
# Stories the seed's editors chose for the top of the front page.
CHOSEN = 3
# The admin's pages take longer than reader pages, the first ones most (templates compile).
ADMIN_TIMEOUT_MS = 20_000


class Editor:
    """A logged-in editor's tab, and what its autosave answered."""

    def __init__(self, tab, served_site):
        self.tab, self.site = tab, served_site
        self.autosaves = []
        tab.on("response", self._note_autosave)
        tab.set_default_timeout(ADMIN_TIMEOUT_MS)
        tab.goto("/admin/login/")
        tab.get_by_label("Username").fill(EDITOR[0])
        tab.get_by_label("Password").fill(EDITOR[1])
        tab.get_by_role("button", name="Sign in").click()
        tab.wait_for_url("**/admin/")

    def _note_autosave(self, response):
        # A status, not the body: the page may have moved on before a body could be read.
        request = response.request
        if request.method == "POST" and request.headers.get("accept") == "application/json":
            self.autosaves.append((request.url, response.status))

    def write(self, headline, paragraph):
        """A new article in the section, typed key by key as a person types."""
        self.tab.goto(self.site.pages["section_admin"])
        self.tab.get_by_role("link", name="Add child page").first.click()
        # A section takes articles and live coverage pages: the editor chooses an article.
        self.tab.get_by_role("link", name="Article", exact=True).click()
        self.tab.get_by_role("textbox", name="Headline").press_sequentially(headline, delay=40)
        self.tab.locator("[data-contentpath=body]").get_by_role(
            "button", name="Insert a block"
        ).click()
        self.tab.get_by_role("option", name="Paragraph").click()
        body = self.tab.locator("[data-contentpath=body] [contenteditable=true]").first
        body.press_sequentially(paragraph, delay=20)
        # Autosave waits for a pause in the typing: give it one.
        self.tab.wait_for_timeout(2_000)

    def schedule(self, go_live):
        self.tab.locator("[data-side-panel-toggle=status]").click()
        self.tab.get_by_role("button", name="Set schedule").click()
        self.tab.get_by_label("Go live date/time").fill(go_live.strftime("%Y-%m-%d %H:%M"))
        # A person's pause before saving, in which autosave keeps the new time.
        self.tab.wait_for_timeout(1_500)
        # The date picker that opened covers the button: a keyboard user reaches it.
        self.tab.get_by_role("button", name="Save schedule").focus()
        with self.tab.expect_navigation():
            self.tab.keyboard.press("Enter")

    def publish(self, action="Publish"):
        self.tab.get_by_role("button", name="More actions").click()
        with self.tab.expect_navigation(timeout=ADMIN_TIMEOUT_MS):
            self.tab.get_by_role("button", name=action).click()

    def messages(self):
        return self.tab.locator(".messages").inner_text()


def next_minute_after(delay):
    """The first whole minute at least ``delay`` from now, in the admin's time zone."""
    soon = datetime.now(ZoneInfo(settings.TIME_ZONE)) + delay
    return soon.replace(second=0, microsecond=0) + timedelta(minutes=1)


def top_stories(reader):
    reader.goto("/")
    return reader.locator(".top-stories .teaser-headline").all_inner_texts()


@pytest.fixture
def editor(open_tab, served_site):
    tab = open_tab()
    yield Editor(tab, served_site)
    tab.context.close()


def test_editor_schedules_and_publishes_first_articles(editor, page, served_site):
    go_live = next_minute_after(SCHEDULE_MARGIN)
    editor.write("Le conseil communal votera en soirée", "La séance commence à vingt heures.")
    editor.schedule(go_live)
    editor.publish(action="Schedule to publish")
    assert "scheduled for publishing" in editor.messages()

    editor.write("Une première dépêche de la rédaction", "Premier paragraphe, tapé lentement.")
    editor.publish()
    assert re.search(r"Page 'Une première dépêche de la rédaction' .*published", editor.messages())

    # Autosave saved each article as it was typed, and never reported an error.
    assert len(editor.autosaves) >= 2
    assert all(status == 200 for _, status in editor.autosaves), editor.autosaves
    assert not editor.tab.get_by_text("Autosave is paused").is_visible()

    # The lead and two featured stories are chosen (tests/browser/seed.py): the newest
    # story comes right after them.
    stories = top_stories(page)
    assert stories[CHOSEN] == "Une première dépêche de la rédaction"
    assert "Le conseil communal votera en soirée" not in stories
    page.get_by_role("link", name="Une première dépêche de la rédaction").click()
    assert page.locator("article h1").inner_text() == "Une première dépêche de la rédaction"
    assert page.locator(".article-body").get_by_text("Premier paragraphe").is_visible()
    assert re.search(r"/belgique/une-premiere-depeche-de-la-redaction/$", page.url)

    # The clock publishes what is due once a minute: here, once the time has come.
    time.sleep(math.ceil(max(0, (go_live - datetime.now(go_live.tzinfo)).total_seconds())) + 1)
    served_site.command("publish_scheduled")
    assert top_stories(page)[CHOSEN] == "Le conseil communal votera en soirée"
