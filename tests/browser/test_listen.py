"""Listening in Chromium: the player appears once the worker has read the article, plays
from the keyboard and to the end of its Opus file, and its download link gives the MP3."""

import re
import time

import pytest

pytestmark = pytest.mark.browser

# The server's task worker reads the seeded articles aloud after it starts.
AUDIO_WAIT_SECONDS = 30


def open_with_player(page, url):
    """The article page, reloaded until the worker's audio is ready and the cache purged."""
    deadline = time.monotonic() + AUDIO_WAIT_SECONDS
    while True:
        page.goto(url)
        if page.locator("audio.listen-audio").count():
            return page.locator("audio.listen-audio")
        if time.monotonic() > deadline:
            pytest.fail(f"No player on {url} after {AUDIO_WAIT_SECONDS} s: is the worker running?")
        time.sleep(0.5)


def test_the_article_plays_from_the_keyboard(page, served_site):
    audio = open_with_player(page, served_site.url("article"))
    section = page.locator("section.listen")
    assert section.get_attribute("data-listen") == "skip"
    shown = section.locator("time").get_attribute("datetime")
    minutes, seconds = map(int, re.fullmatch(r"PT(\d+)M(\d+)S", shown).groups())
    # Muted, so that nothing depends on a sound device.
    audio.evaluate("element => { element.muted = true; }")
    audio.focus()
    page.keyboard.press("Space")
    page.wait_for_function(
        # A function, not an expression: the page's CSP forbids evaluating strings.
        "() => document.querySelector('audio.listen-audio').currentTime > 0.3",
        timeout=15_000,
    )
    state = audio.evaluate(
        "element => ({paused: element.paused, duration: element.duration, src: element.currentSrc})"
    )
    assert not state["paused"]
    assert state["src"].endswith(".opus"), "Chromium plays the Opus file"
    assert state["duration"] == pytest.approx(minutes * 60 + seconds, abs=1)
    page.keyboard.press("Space")
    assert audio.evaluate("element => element.paused")


def test_the_mp3_is_served_in_ranges_and_downloads(page, served_site):
    open_with_player(page, served_site.url("article"))
    link = page.locator("section.listen a[download]")
    href = link.get_attribute("href")
    whole = page.request.get(href)
    assert whole.status == 200 and whole.headers["content-type"] == "audio/mpeg"
    part = page.request.get(href, headers={"Range": "bytes=0-1023"})
    assert part.status == 206 and part.body() == whole.body()[:1024]
    with page.expect_download() as download:
        link.click()
    assert download.value.suggested_filename.endswith(".mp3")


def test_the_opus_file_plays_to_its_stated_end(page, served_site):
    audio = open_with_player(page, served_site.url("article"))
    shown = page.locator("section.listen time").get_attribute("datetime")
    minutes, seconds = map(int, re.fullmatch(r"PT(\d+)M(\d+)S", shown).groups())
    state = audio.evaluate(
        """async element => {
            element.muted = true;
            const ended = new Promise(done => { element.onended = done; });
            element.playbackRate = 8;
            await element.play();
            await ended;
            return {
                src: element.currentSrc,
                duration: element.duration,
                reached: element.currentTime,
                error: element.error,
            };
        }"""
    )
    assert state["src"].endswith(".opus") and state["error"] is None
    assert state["duration"] == pytest.approx(minutes * 60 + seconds, abs=1)
    assert state["reached"] == pytest.approx(state["duration"], abs=0.05)
