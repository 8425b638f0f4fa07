"""What the poll answer carries for readers' scripts to keep shown updates true: each
update's edition (an edit gives a new one, a deletion drops it), whatever its age."""

from datetime import timedelta

import pytest
from django.utils import timezone

from manchette.core.pagecache import PageCache
from manchette.live import updates
from tests import factory
from tests.core.wsgi import get

pytestmark = pytest.mark.django_db


@pytest.fixture
def coverage():
    return factory.live_page()


def poll(client, page):
    return client.get(page.url + "updates/").json()


def test_every_update_is_listed_with_its_edition_beyond_the_newest(client, coverage, settings):
    settings.MANCHETTE_LIVE_PAGE_SIZE = 1
    now = timezone.now()
    old = factory.live_update(coverage, "Ouverture.", posted_at=now - timedelta(hours=1))
    new = factory.live_update(coverage, "Suite.", posted_at=now)

    answer = poll(client, coverage)

    assert [item["id"] for item in answer["updates"]] == [new.pk]
    assert answer["editions"] == {str(new.pk): 0, str(old.pk): 0}


def test_an_edit_gives_a_new_edition_in_the_list_and_the_html(client, coverage):
    update = factory.live_update(coverage, "Premier chiffre.")
    update.body = factory.paragraphs("Chiffre corrigé.")
    updates.edit(update)

    answer = poll(client, coverage)

    edition = update.edition
    assert edition == round(update.edited_at.timestamp() * 1000) > 0
    assert answer["editions"] == {str(update.pk): edition}
    [item] = answer["updates"]
    assert item["edition"] == edition
    assert f'data-edition="{edition}"' in item["html"]
    assert "Chiffre corrigé." in item["html"] and "modifié" in item["html"]


def test_a_second_edit_gives_another_edition(client, coverage):
    update = factory.live_update(coverage, "Premier chiffre.")
    updates.edit(update)
    first = poll(client, coverage)["editions"][str(update.pk)]
    updates.edit(update)

    assert poll(client, coverage)["editions"][str(update.pk)] != first


def test_a_deleted_update_is_no_longer_listed(client, coverage, settings):
    settings.MANCHETTE_LIVE_PAGE_SIZE = 1
    now = timezone.now()
    old = factory.live_update(coverage, "Erreur.", posted_at=now - timedelta(hours=1))
    kept = factory.live_update(coverage, "Suite.", posted_at=now)
    updates.delete(old)

    assert poll(client, coverage)["editions"] == {str(kept.pk): 0}


def test_pinned_updates_come_rendered_and_listed(client, coverage, settings):
    settings.MANCHETTE_LIVE_PAGE_SIZE = 1
    now = timezone.now()
    old = factory.live_update(coverage, "À retenir.", posted_at=now - timedelta(hours=1))
    new = factory.live_update(coverage, "Suite.", posted_at=now)
    updates.pin(old, True)

    answer = poll(client, coverage)

    assert [(item["id"], item["pinned"]) for item in answer["updates"]] == [
        (old.pk, True),
        (new.pk, False),
    ]
    assert set(answer["editions"]) == {str(old.pk), str(new.pk)}


def test_updates_of_other_pages_are_not_listed(client, coverage):
    mine = factory.live_update(coverage, "Ici.")
    factory.live_update(factory.live_page(title="Autre direct"), "Ailleurs.")

    assert poll(client, coverage)["editions"] == {str(mine.pk): 0}


def test_an_edit_answers_a_stale_etag_in_full(
    django_app, coverage, django_capture_on_commit_callbacks
):
    app = PageCache(django_app)
    update = factory.live_update(coverage, "Premier chiffre.")
    etag = get(app, coverage.url + "updates/").headers["ETag"]
    with django_capture_on_commit_callbacks(execute=True):
        update.body = factory.paragraphs("Chiffre corrigé.")
        updates.edit(update)

    answer = get(app, coverage.url + "updates/", if_none_match=etag)

    assert answer.status == 200 and f'"{update.pk}":{update.edition}' in answer.body.decode()
    assert get(app, coverage.url + "updates/", if_none_match=answer.headers["ETag"]).status == 304
