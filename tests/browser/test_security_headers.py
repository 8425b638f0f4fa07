"""The Content-Security-Policy in Chromium: the front page, an article (its player playing,
a comment posted by the script) and the admin run without a single violation."""

import re
import time

import pytest

from tests.browser.seed import EDITOR
from tests.browser.test_listen import open_with_player

pytestmark = pytest.mark.browser

# Chromium reports each blocked script, style, image or connection to the page.
WATCH = """
document.addEventListener('securitypolicyviolation', event => {
  window.reportViolation(`${event.effectiveDirective} blocked ${event.blockedURI || 'inline'} `
                         + `at ${event.sourceFile}:${event.lineNumber}`);
});
"""
HUMAN_SECONDS = 3.5


@pytest.fixture
def watched(open_tab):
    """A tab whose CSP violations, as events and as console messages, are collected."""
    tab = open_tab()
    violations = []
    tab.context.expose_function("reportViolation", lambda text: violations.append(text))
    tab.context.add_init_script(WATCH)
    tab.on(
        "console",
        lambda message: (
            "Content Security Policy" in message.text and violations.append(message.text)
        ),
    )
    tab.violations = violations
    yield tab
    tab.context.close()


def test_the_reader_pages_run_under_the_policy(watched, served_site):
    front = watched.goto("/")
    assert "script-src 'self'" in front.headers["content-security-policy"]
    again = watched.goto("/")  # from the page cache this time: the same headers
    assert again.headers["content-security-policy"] == front.headers["content-security-policy"]
    assert again.headers["permissions-policy"] == front.headers["permissions-policy"]

    audio = open_with_player(watched, served_site.url("article"))
    loaded = time.monotonic()  # the form token is as old as the page's last load
    audio.evaluate("element => { element.muted = true; }")
    audio.focus()
    watched.keyboard.press("Space")
    watched.wait_for_function(
        "() => document.querySelector('audio.listen-audio').currentTime > 0.3", timeout=15_000
    )

    form = watched.locator("#comment-form")
    form.get_by_label(re.compile("Nom|Name")).fill("Sacha")
    form.locator("textarea[name=text]").fill("Lu et écouté, sans rien de bloqué.")
    time.sleep(max(0, HUMAN_SECONDS - (time.monotonic() - loaded)))
    form.get_by_role("button").click()
    watched.locator(".comment", has_text="Lu et écouté, sans rien de bloqué.").wait_for()
    assert not watched.violations, "\n".join(watched.violations)


def test_the_admin_runs_under_its_policy(watched, served_site):
    watched.set_default_timeout(15_000)
    watched.goto("/admin/login/")
    watched.get_by_label("Username").fill(EDITOR[0])
    watched.get_by_label("Password").fill(EDITOR[1])
    watched.get_by_role("button", name="Sign in").click()
    watched.wait_for_url("**/admin/")
    watched.goto(served_site.pages["section_admin"])
    watched.get_by_role("link", name="Add child page").first.click()
    # A section takes articles and live coverage pages: the editor chooses an article.
    watched.get_by_role("link", name="Article", exact=True).click()
    watched.get_by_role("textbox", name="Headline").fill("Sous la politique de sécurité")
    watched.locator("[data-contentpath=body]").get_by_role("button", name="Insert a block").click()
    watched.get_by_role("option", name="Paragraph").click()
    watched.wait_for_load_state("networkidle")
    assert not watched.violations, "\n".join(watched.violations)


def test_static_files_carry_the_headers_and_the_manifest_is_hidden(page, served_site):
    page.goto("/")
    href = page.locator("link[rel=stylesheet]").first.get_attribute("href")
    answer = page.request.get(served_site.origin + href)
    assert answer.status == 200
    assert "script-src 'self'" in answer.headers["content-security-policy"]
    assert answer.headers["x-content-type-options"] == "nosniff"
    assert "camera=()" in answer.headers["permissions-policy"]
    assert page.request.get(served_site.origin + "/static/staticfiles.json").status == 404
