"""A live page as readers get it: the stream, key events, pinned updates, pages, and the poll."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone

from manchette.core.cache import purge_log_path
from tests import factory

pytestmark = pytest.mark.django_db


@pytest.fixture
def coverage():
    return factory.live_page()


def stream_ids(html):
    return [int(found) for found in re.findall(r'data-update-id="(\d+)"', html)]


def test_updates_newest_first_with_pinned_on_top(client, coverage):
    now = timezone.now()
    old = factory.live_update(coverage, "Ouverture.", posted_at=now - timedelta(hours=2))
    pinned = factory.live_update(
        coverage, "À retenir.", posted_at=now - timedelta(hours=1), is_pinned=True
    )
    new = factory.live_update(coverage, "Premiers résultats.", posted_at=now)

    html = client.get(coverage.url).content.decode()

    assert stream_ids(html) == [pinned.pk, new.pk, old.pk]
    assert 'class="live-status live-status-live"' in html and "En direct" in html


def test_key_events_lead_to_their_anchor_on_the_right_page(client, coverage, settings):
    settings.MANCHETTE_LIVE_PAGE_SIZE = 2
    now = timezone.now()
    event = factory.live_update(
        coverage, "Le taux.", posted_at=now - timedelta(hours=3), is_key_event=True, title="Taux"
    )
    for minutes in (1, 2):
        factory.live_update(
            coverage, f"Suite {minutes}.", posted_at=now - timedelta(minutes=minutes)
        )

    html = client.get(coverage.url).content.decode()

    assert f'href="{coverage.url}?page=2#update-{event.pk}"' in html
    assert event.pk not in stream_ids(html)
    assert event.pk in stream_ids(client.get(coverage.url + "?page=2").content.decode())


def test_without_javascript_the_stream_is_paginated(client, coverage, settings):
    settings.MANCHETTE_LIVE_PAGE_SIZE = 2
    for minutes in range(5):
        factory.live_update(coverage, f"Mise à jour {minutes}.")

    first = client.get(coverage.url).content.decode()
    last = client.get(coverage.url + "?page=3").content.decode()

    assert len(stream_ids(first)) == 2 and 'rel="next" href="?page=2"' in first
    assert len(stream_ids(last)) == 1 and 'rel="prev"' in last
    # Only the first page asks for new updates: they would not belong on the others.
    assert "data-poll-url" in first and "data-poll-url" not in last


@pytest.mark.parametrize("query", ["?page=0", "?page=9", "?page=abc"])
def test_bad_page_number_is_not_found(client, coverage, query):
    assert client.get(coverage.url + query).status_code == 404


def test_script_is_a_static_file_not_inline(client, coverage):
    html = client.get(coverage.url).content.decode()
    assert re.search(r'<script src="/static/live/live\.js" defer></script>', html)
    assert not re.search(r"<script(?![^>]*(src=|application/ld\+json))", html)


def test_the_new_updates_button_is_hidden_and_says_how_many(client, coverage):
    html = client.get(coverage.url).content.decode()
    button = re.search(r'<button type="button" class="live-new" hidden[^>]*>', html).group(0)
    assert 'data-one="{n} nouvelle mise à jour"' in button
    assert 'data-other="{n} nouvelles mises à jour"' in button


def test_poll_answers_the_newest_updates_rendered(client, coverage):
    update = factory.live_update(coverage, "Les bureaux ferment.", title="Clôture")

    response = client.get(coverage.url + "updates/")

    answer = response.json()
    assert answer["status"] == "live"
    assert [item["id"] for item in answer["updates"]] == [update.pk]
    assert "Les bureaux ferment." in answer["updates"][0]["html"]
    assert f'id="update-{update.pk}"' in answer["updates"][0]["html"]
    assert response["Surrogate-Key"] == f"live-{coverage.pk}"
    assert "public" in response["Cache-Control"]


def test_poll_refuses_a_query_string(client, coverage):
    # Made-up query strings would each be rendered: the cache keeps none of them.
    assert client.get(coverage.url + "updates/?t=123").status_code == 404


def test_ended_coverage_is_not_polled(client):
    coverage = factory.live_page(status="ended")
    html = client.get(coverage.url).content.decode()
    assert "data-poll-url" not in html and "Terminé" in html


def test_each_update_has_a_shareable_page_with_its_card(client, coverage):
    update = factory.live_update(coverage, "Le dépouillement commence.", title="Dépouillement")
    url = f"{coverage.url}update/{update.pk}/"

    html = client.get(url).content.decode()

    assert f'<meta property="og:url" content="http://testserver{url}">' in html
    assert '<meta property="og:title" content="Dépouillement">' in html
    assert '<meta property="og:description" content="Le dépouillement commence.">' in html
    assert f'href="{coverage.url}#update-{update.pk}"' in html


def test_an_update_of_another_page_is_not_found(client, coverage):
    other = factory.live_page(title="Autre direct")
    update = factory.live_update(other)
    assert client.get(f"{coverage.url}update/{update.pk}/").status_code == 404


def test_unpublished_coverage_is_not_found(client):
    draft = factory.live_page(publish=False)
    factory.live_update(draft)
    assert client.get(draft.url or f"/monde/{draft.slug}/").status_code == 404
    assert client.get(f"/monde/{draft.slug}/updates/").status_code == 404


def test_embedded_article_is_shown_and_tagged_for_purges(client, coverage):
    story = factory.article(headline="Le contexte du scrutin")
    update = factory.live_update(coverage)
    update.body = [{"type": "article", "value": {"article": story.pk}}]
    update.save()

    response = client.get(coverage.url)

    assert "Le contexte du scrutin" in response.content.decode()
    assert f"article-{story.pk}" in response["Surrogate-Key"].split()


def test_front_and_section_pages_announce_coverage_in_progress(client, coverage):
    for url in ("/", coverage.get_parent().url):
        response = client.get(url)
        html = response.content.decode()
        assert f'<a href="{coverage.url}" lang="fr">' in html and "la soirée en direct" in html
        assert f"live-{coverage.pk}" in response["Surrogate-Key"].split()


def test_ended_coverage_is_no_longer_announced(client):
    ended = factory.live_page(status="ended")
    assert ended.url not in client.get("/").content.decode()


def test_publishing_coverage_purges_the_pages_that_announce_it(
    coverage, django_capture_on_commit_callbacks
):
    purge_log_path().unlink(missing_ok=True)
    with django_capture_on_commit_callbacks(execute=True):
        coverage.save_revision().publish()
    purged = purge_log_path().read_text().split()
    assert {f"live-{coverage.pk}", "front", f"section-{coverage.get_parent().pk}"} <= set(purged)


def test_polled_updates_are_set_as_the_page_is(client, coverage):
    factory.live_update(coverage, "Participation : 62 %")
    html = client.get(coverage.url + "updates/").json()["updates"][0]["html"]
    assert "Participation\u00a0: 62\u202f%" in html
