"""Behind the shipped Varnish, what an editor or an agency changes through node A is what
node B and Varnish serve within a second.

The cluster's Varnish runs ``deploy/varnish/manchette.vcl`` with a director
over both nodes, and every node purges it. Each change goes through node A
as it would on a site: the headline is edited and published in the Wagtail
admin (a real sign-in, then the edit form's POST), the article is
unpublished there, and an agency's kill of a story it sent earlier is
pushed to node A's wire endpoint. Just before each change, node B and
Varnish must serve the old state from their caches (so that a test run
on cold caches cannot pass); after it, both must serve the new state
within one second of its commit, on the article page and on its
section's list.
"""

import json
import re
import time

import httpx
import psycopg
import pytest
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

from tests.wire.builders import ninjs

pytestmark = pytest.mark.nodes

DEADLINE_SECONDS = 1.0
POLL_SECONDS = 0.02
WARM_TRIES = 100  # 10 s: a list a story joined is rendered again within a second or two
PASSWORD = "chef-de-nuit-1"  # noqa: S105 (a throwaway user of a throwaway database)
TOKEN = "afp-push-token"  # noqa: S105
KILLED_GUID = "urn:afp.com:nodes:kill"
SEED = f"""
import json
from django.contrib.auth import get_user_model
from manchette.wire.models import WireSource
from tests import factory

get_user_model().objects.create_superuser("chef", "chef@example.org", {PASSWORD!r})
section = factory.section("Économie", slug="economie")
articles = {{
    "edited": factory.article(headline="Le budget est voté", slug="budget", in_section=section),
    "unpublished": factory.article(headline="La grève est levée", slug="greve", in_section=section),
}}
WireSource.objects.create(
    name="AFP", slug="afp", source=factory.source("AFP"), provider_names="afp.com",
    default_section=section, push_token={TOKEN!r},
)
print(json.dumps({{
    name: {{"id": page.pk, "url": page.url, "slug": page.slug, "source": page.source_id,
            "section": section.url}}
    for name, page in articles.items()
}}))
"""
WIRE_ARTICLE = """
import json
from manchette.newsroom.models import ArticlePage
article = ArticlePage.objects.get(external_source="afp", external_guid={guid!r})
print(json.dumps({{"id": article.pk, "url": article.url, "section": article.get_parent().url}}))
"""
CSRF_FIELD = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


@pytest.fixture(scope="module")
def site(cluster):
    if cluster.varnish is None:
        pytest.skip("varnishd is not installed (apt-get install varnish varnish-modules)")
    return json.loads(cluster["a"].shell(SEED))


@pytest.fixture(scope="module")
def editor(cluster, site):
    """An editor signed in to the Wagtail admin of node A."""
    with httpx.Client(base_url=cluster["a"].origin, timeout=30) as client:
        form = client.get("/admin/login/")
        answer = client.post(
            "/admin/login/",
            data={
                "username": "chef",
                "password": PASSWORD,
                "csrfmiddlewaretoken": CSRF_FIELD.search(form.text).group(1),
            },
        )
        assert answer.status_code == 302, answer.text[-2000:]
        yield client


def admin_post(editor, path, data):
    """POST a form of the admin as the browser would; node A's answer."""
    page = editor.get(path)
    assert page.status_code == 200, path
    fields = {"csrfmiddlewaretoken": CSRF_FIELD.search(page.text).group(1), **data}
    return editor.post(path, data=fields)


def served(server, path):
    """(status, page text, whether it came from the server's cache) of an anonymous GET."""
    answer = server.get(path)
    cached = "hit" in (answer.headers.get("X-Cache"), answer.headers.get("X-Page-Cache"))
    return answer.status, answer.body.decode(), cached


def warm(cluster, paths, shows):
    """Fill node B's and Varnish's caches, then find the old state served from them.

    The task workers' background work (an article's audio, made after its
    publication) purges pages too: a page just dropped is asked for again.
    A list a story has just joined may still be given without it a moment
    (a soft purge: see manchette.core.pagecache): it is asked for again
    until it shows it.
    """
    for server in (cluster["b"], cluster.varnish):
        for path in paths:
            for _ in range(WARM_TRIES):
                status, text, cached = served(server, path)
                if cached and shows(status, text):
                    break
                time.sleep(0.1)
            assert cached, f"{server.origin}{path} is not cached"
            assert shows(status, text), f"{server.origin}{path} does not show the old state"


def fresh_within_a_second(cluster, new_state, committed):
    """Poll node B and Varnish until each path shows its new state (``new_state``: path →
    check of status and text); returns the seconds since the commit.

    ``committed`` is a time.monotonic() no earlier than the change's commit.
    Fails with what was still served at the deadline.
    """
    servers = (cluster["b"], cluster.varnish)
    waiting = {server.origin + path: (server, path) for server in servers for path in new_state}
    while True:
        for url, (server, path) in list(waiting.items()):
            if new_state[path](*served(server, path)[:2]):
                del waiting[url]
        elapsed = time.monotonic() - committed
        if not waiting:
            return elapsed
        if elapsed > DEADLINE_SECONDS:
            pytest.fail(f"Still the old state {elapsed:.2f} s after the commit: {sorted(waiting)}")
        time.sleep(POLL_SECONDS)


def headline_shown(headline):
    return lambda status, text: status == 200 and headline in text


def headline_gone(headline):
    return lambda status, text: status == 200 and headline not in text


def article_form(article, headline):
    return nested_form_data(
        {
            "title": headline,
            "slug": article["slug"],
            "kicker": "Finances",
            "standfirst": "Le Parlement a voté le budget de l'an prochain.",
            "body": streamfield([("paragraph", rich_text("<p>Premier paragraphe.</p>"))]),
            "source": article["source"],
            "language": "fr",
        }
    )


def test_a_headline_edited_in_the_admin_of_node_a_is_served_everywhere(cluster, site, editor):
    article = site["edited"]
    old, new = "Le budget est voté", "Le budget est adopté de justesse"
    warm(cluster, [article["url"], article["section"]], headline_shown(old))
    answer = admin_post(
        editor,
        f"/admin/pages/{article['id']}/edit/",
        {**article_form(article, new), "action-publish": "action-publish"},
    )
    # Node A commits the publication before it answers: the second runs from its answer.
    committed = time.monotonic()
    assert answer.status_code == 302, answer.text[-2000:]
    fresh_within_a_second(
        cluster,
        {article["url"]: headline_shown(new), article["section"]: headline_shown(new)},
        committed,
    )


def test_an_article_unpublished_in_the_admin_of_node_a_is_gone_everywhere(cluster, site, editor):
    article = site["unpublished"]
    headline = "La grève est levée"
    warm(cluster, [article["url"], article["section"]], headline_shown(headline))
    answer = admin_post(editor, f"/admin/pages/{article['id']}/unpublish/", {})
    committed = time.monotonic()
    assert answer.status_code == 302, answer.text[-2000:]
    fresh_within_a_second(
        cluster,
        {
            article["url"]: lambda status, _text: status == 404,
            article["section"]: headline_gone(headline),
        },
        committed,
    )


def push(node, body):
    return httpx.post(
        f"{node.origin}/wire/push/afp/",
        content=body,
        headers={"Authorization": f"Bearer {TOKEN}", "Content-Type": "application/json"},
        timeout=30,
    )


def wait_for_commit(cluster, query, params):
    """time.monotonic() soon after a row appears in the shared database (polled every 10 ms)."""
    with psycopg.connect(cluster.database_url, autocommit=True) as connection:
        deadline = time.monotonic() + 60
        while not connection.execute(query, params).fetchone():
            if time.monotonic() > deadline:
                pytest.fail(f"Nothing in the database for {query} {params} after 60 s")
            time.sleep(0.01)
    return time.monotonic()


def test_a_story_killed_by_its_agency_through_node_a_is_withdrawn_everywhere(cluster, site):
    a = cluster["a"]
    headline = "Une enquête ouverte à Lyon"
    sent = push(a, ninjs(guid=KILLED_GUID, headline=headline, copyrightholder="AFP"))
    assert sent.status_code == 202, sent.text
    wait_for_commit(
        cluster,
        "SELECT 1 FROM newsroom_articlepage a JOIN wagtailcore_page p ON p.id = a.page_ptr_id"
        " WHERE a.external_guid = %s AND p.live",
        (KILLED_GUID,),
    )
    story = json.loads(a.shell(WIRE_ARTICLE.format(guid=KILLED_GUID)))
    warm(cluster, [story["url"], story["section"]], headline_shown(headline))

    notice = "Retrait à la demande de la justice."
    kill = ninjs(
        guid=KILLED_GUID,
        version="2",
        headline=headline,
        copyrightholder="AFP",
        pubstatus="canceled",
        ednote=notice,
    )
    sent = push(a, kill)
    assert sent.status_code == 202, sent.text
    # Node A's task worker applies the kill: the second runs from when its commit is seen.
    committed = wait_for_commit(
        cluster,
        "SELECT 1 FROM newsroom_articlepage WHERE external_guid = %s AND withdrawn_at IS NOT NULL",
        (KILLED_GUID,),
    )
    fresh_within_a_second(
        cluster,
        {
            story["url"]: lambda status, text: status == 410 and notice in text,
            story["section"]: headline_gone(headline),
        },
        committed,
    )
