"""XSS in every field a comment shows, in Chromium: no payload of an offline corpus runs.

The corpus is every distinct payload of the ``brs-kb`` package (several
thousand). Each one is stored as a comment's name, website and text, once
per markup (plain text, Markdown, imported HTML), directly in the served
site's database: posting them one by one would meet the rate limits, and
the point is what the page makes of them, not the form. Threads nest three
levels and deeper, so the "in reply to <name>" line shows payloads too.

Then each article page is opened in Chromium with ``alert``, ``confirm``,
``prompt`` and ``print`` replaced (in every frame) by functions that record
their calls in ``window.__xss``, and any dialog recorded as well. Nothing
may be recorded, and the comments may hold only the tags and attributes
manchette writes: no event handler, no ``javascript:`` link, no
script, frame or SVG, whether it would run on load or on a click.
"""

import json
import os

import pytest

from tests.browser.conftest import REPO, manchette

pytestmark = pytest.mark.browser

# Comments per article page: 20 threads (the server's page size) of 75 comments.
THREADS = 20
PER_THREAD = 75
PLANT = "from tests.browser.test_comments_xss import plant; plant()"

RECORD_CALLS = """
window.__xss = [];
for (const name of ["alert", "confirm", "prompt", "print"]) {
  window[name] = (...args) => { window.__xss.push(`${name}(${args.map(String).join(",")})`); };
}
"""

# What manchette writes inside an <article class="comment"> (comments/includes/comment.html, and
# the tags nh3 lets through); anything else there came from a payload.
FOREIGN_MARKUP = r"""
() => {
  const tags = new Set(["ARTICLE", "HEADER", "H3", "SPAN", "A", "TIME", "P", "DIV", "BR", "EM",
                        "STRONG", "BLOCKQUOTE", "CODE", "PRE"]);
  const attributes = new Set(["class", "id", "href", "rel", "datetime", "title",
                              "data-comment-id", "data-raw", "data-action"]);
  const found = [];
  const comments = document.querySelectorAll("article.comment");
  for (const comment of comments) {
    for (const element of [comment, ...comment.querySelectorAll("*")]) {
      if (!tags.has(element.tagName)) found.push(element.outerHTML.slice(0, 200));
      for (const attribute of element.attributes) {
        const link = attribute.name === "href" && !/^(https?:|#|\?|\/[^\/])/i.test(attribute.value);
        if (!attributes.has(attribute.name) || link) {
          found.push(`${element.tagName} ${attribute.name}=${attribute.value.slice(0, 120)}`);
        }
      }
    }
  }
  return {count: comments.length, found: found.slice(0, 20)};
}
"""


def payloads():
    import brs_kb

    return sorted({entry["payload"] for entry in brs_kb.get_all_payloads().values()})


def plant():
    """Run in the served site's settings: articles whose comments carry the payloads.

    Prints the articles' addresses and how many comments each shows.
    """
    from manchette.comments.models import Comment
    from tests import factory

    corpus = payloads()
    planted = [
        (payload, markup)
        for markup in (Comment.Markup.TEXT, Comment.Markup.MARKDOWN, Comment.Markup.HTML)
        for payload in corpus
    ]
    per_article = THREADS * PER_THREAD
    section = factory.section("Tribune", slug="tribune-xss")
    pages = []
    for start in range(0, len(planted), per_article):
        article = factory.article(
            headline=f"Tribune {start // per_article + 1}", kicker="XSS", in_section=section
        )
        batch = planted[start : start + per_article]
        for thread in range(0, len(batch), PER_THREAD):
            plant_thread(article, batch[thread : thread + PER_THREAD], start + thread)
        # Names the page must show as typed: markup, with no character HTML rewrites.
        shown = [p for p, _markup in batch if "<" in p and not {"\r", "\0"} & set(p)]
        pages.append({"url": article.url, "comments": len(batch), "names": shown[:20]})
    print(json.dumps({"payloads": len(corpus), "pages": pages}))


def planted_comment(article, index, payload, markup, parent=None):
    from manchette.comments.models import Comment

    return Comment(
        article=article,
        parent=parent,
        thread=(parent.thread or parent) if parent else None,
        depth=parent.depth + 1 if parent else 0,
        name=payload,
        # One in two as a web address, so that it becomes a link's href.
        website=f"https://example.org/{payload}" if index % 2 else payload,
        text=payload,
        markup=markup,
        ip_network="192.0.2.0/24",
    )


def plant_thread(article, batch, first_index):
    """A top-level comment, a chain of replies below it, then replies to the first one.

    Saved with bulk_create(): no signal, so nothing queues e-mail or purges for each one.
    """
    from manchette.comments.models import Comment

    root = planted_comment(article, first_index, *batch[0])
    root.reply_count = len(batch) - 1
    chain = Comment.objects.bulk_create([root])
    replies = []
    for offset, (payload, markup) in enumerate(batch[1:], start=1):
        # The first four replies nest deeper and deeper (the fourth shows flat, "in reply to").
        if offset <= 4:
            reply = planted_comment(article, first_index + offset, payload, markup, chain[-1])
            chain += Comment.objects.bulk_create([reply])
        else:
            replies.append(
                planted_comment(article, first_index + offset, payload, markup, chain[1])
            )
    Comment.objects.bulk_create(replies)


@pytest.fixture(scope="module")
def planted(served_site, tmp_path_factory):
    # The served site's throwaway folder (see conftest.served_site), to run a command there.
    [folder] = tmp_path_factory.getbasetemp().glob("browser-site[0-9]*")
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "tests.browser.settings",
        "MANCHETTE_BROWSER_DIR": str(folder),
        "PYTHONPATH": str(REPO),
    }
    output = manchette(env, "shell", "--verbosity", "0", "--command", PLANT)
    return json.loads(output.strip().splitlines()[-1])


def test_the_corpus_is_large_enough(planted):
    assert planted["payloads"] >= 1000


def test_no_payload_runs_or_becomes_markup(planted, open_tab, served_site):
    tab = open_tab()
    tab.context.add_init_script(RECORD_CALLS)
    dialogs = []
    tab.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    try:
        for shown in planted["pages"]:
            tab.goto(served_site.origin + shown["url"], wait_until="load", timeout=30_000)
            # Give timers and late event handlers (onload of media, animations) a moment.
            tab.wait_for_timeout(300)
            markup = tab.evaluate(FOREIGN_MARKUP)
            assert markup["count"] == shown["comments"], shown["url"]
            assert markup["found"] == [], shown["url"]
            assert tab.evaluate("window.__xss") == [], shown["url"]
    finally:
        tab.context.close()
    assert dialogs == []


def test_payloads_are_shown_as_text(planted, open_tab, served_site):
    shown = planted["pages"][0]
    tab = open_tab()
    try:
        tab.goto(served_site.origin + shown["url"])
        names = tab.eval_on_selector_all(
            "article.comment .comment-author", "authors => authors.map(a => a.textContent)"
        )
    finally:
        tab.context.close()
    assert shown["names"] and set(shown["names"]) <= set(names)


def test_the_checks_catch_a_payload_that_runs(open_tab, served_site):
    """The hooks and the markup check above would see a payload that got through."""
    tab = open_tab()
    tab.context.add_init_script(RECORD_CALLS)
    broken = (
        '<!DOCTYPE html><article class="comment"><img src="x" onerror="alert(1)">'
        '<a href="javascript:alert(2)">x</a></article>'
    )
    tab.route("**/broken-page/", lambda route: route.fulfill(body=broken, content_type="text/html"))
    try:
        tab.goto(served_site.origin + "/broken-page/")
        tab.wait_for_timeout(100)
        calls = tab.evaluate("window.__xss")
        markup = tab.evaluate(FOREIGN_MARKUP)
    finally:
        tab.context.close()
    assert calls == ["alert(1)"]
    assert len(markup["found"]) == 4  # the <img>, its src and onerror, the javascript: link
