"""Commenting in Chromium, with the enhancement script and without it."""

import re
import time

import pytest

pytestmark = pytest.mark.browser

# An article of the seeded newsroom that no other browser test comments on.
ARTICLE = "Un sommet est annoncé"
# The form token refuses posts sooner than this after the page was rendered.
HUMAN_SECONDS = 3.5


def open_article(page):
    page.goto("/")
    page.get_by_role("link", name=ARTICLE).first.click()
    page.wait_for_load_state()
    return time.monotonic()


def wait_like_a_person(since):
    time.sleep(max(0, HUMAN_SECONDS - (time.monotonic() - since)))


def fill(page, name, text, website=""):
    form = page.locator("#comment-form")
    form.get_by_label(re.compile("Nom|Name")).fill(name)
    form.get_by_label(re.compile("Site|Website")).fill(website)
    form.locator("textarea[name=text]").fill(text)
    return form


def test_script_posts_in_place_and_shows_errors_inline(page, served_site):
    requested = []
    page.on("request", lambda request: requested.append(request.url))
    loaded = open_article(page)
    article_url = page.url
    page.evaluate("window.stillTheSamePage = true")
    count_before = int(re.search(r"\d+", page.locator(".comment-count").inner_text()).group())

    form = fill(page, "Camille", "Un commentaire envoyé sans recharger.", "javascript:alert(1)")
    form.get_by_role("button").click()
    error = form.locator("#id_website_error")
    error.wait_for()
    assert "http" in error.inner_text()
    assert form.locator("#id_website").get_attribute("aria-invalid") == "true"

    form.locator("#id_website").fill("https://camille.example/")
    wait_like_a_person(loaded)
    form.get_by_role("button").click()
    posted = page.locator(".comment", has_text="Un commentaire envoyé sans recharger.")
    posted.wait_for()
    assert posted.locator(".comment-author a").get_attribute("href") == "https://camille.example/"
    assert page.evaluate("window.stillTheSamePage") is True
    assert page.url == article_url
    assert page.locator(".comment-count").inner_text() == f"({count_before + 1})"
    assert form.locator("textarea[name=text]").input_value() == ""
    # Everything the page asked for came from the site itself.
    assert all(url.startswith(served_site.origin) for url in requested), requested


def test_plain_form_works_without_javascript(browser, served_site):
    context = browser.new_context(base_url=served_site.origin, java_script_enabled=False)
    page = context.new_page()
    try:
        loaded = open_article(page)
        form = fill(page, "Dominique", "Envoyé par le formulaire simple.", "javascript:alert(1)")
        wait_like_a_person(loaded)
        form.get_by_role("button").click()
        page.wait_for_load_state()
        # The form alone again, the error beside its field and the text as typed.
        form = page.locator("#comment-form")
        assert "http" in form.locator("#id_website_error").inner_text()
        text = form.locator("textarea[name=text]").input_value()
        assert text == "Envoyé par le formulaire simple."

        form.locator("#id_website").fill("")
        form.get_by_role("button").click()
        page.wait_for_load_state()
        assert re.search(r"#comment-\d+$", page.url)
        posted = page.locator("#" + page.url.rsplit("#", 1)[1])
        assert "Envoyé par le formulaire simple." in posted.inner_text()
        assert "Dominique" in posted.locator(".comment-author").inner_text()
    finally:
        context.close()


def test_script_replies_edits_and_deletes_in_place(page):
    page.on("dialog", lambda dialog: dialog.accept())
    loaded = open_article(page)
    form = fill(page, "Sacha", "Un fil à discuter.")
    wait_like_a_person(loaded)
    form.get_by_role("button").click()
    thread = page.locator(".comment", has_text="Un fil à discuter.")
    thread.wait_for()

    thread.get_by_role("link", name=re.compile("Répondre|Reply")).click()
    assert page.locator(".comment-replying").is_visible()
    form.locator("textarea[name=text]").fill("Une réponse dans le fil.")
    form.get_by_role("button", name=re.compile("Publier|Publish")).click()
    reply = page.locator(".comment-replies .comment", has_text="Une réponse dans le fil.")
    reply.wait_for()

    reply.get_by_role("link", name=re.compile("Modifier|Edit")).click()
    reply.locator("textarea").fill("Une réponse corrigée.")
    reply.get_by_role("button").click()
    edited = page.locator(".comment", has_text="Une réponse corrigée.")
    edited.wait_for()
    assert edited.locator(".comment-edited").is_visible()

    edited.get_by_role("link", name=re.compile("Supprimer|Delete")).click()
    page.locator(".comment-deleted").wait_for()
    assert page.locator(".comment", has_text="Une réponse corrigée.").count() == 0
