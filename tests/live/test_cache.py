"""The poll answer in the page cache: kept for every reader, dropped by the next change."""

import pytest

from manchette.core.pagecache import PageCache
from manchette.live import updates
from manchette.live.models import LiveUpdate
from tests import factory
from tests.core.wsgi import get

pytestmark = pytest.mark.django_db


@pytest.fixture
def app(django_app):
    return PageCache(django_app)


@pytest.fixture
def coverage():
    page = factory.live_page()
    factory.live_update(page, "Ouverture du direct.")
    return page


def test_polls_are_answered_from_the_cache(app, coverage):
    poll = coverage.url + "updates/"
    assert get(app, poll).cache == "miss"
    assert get(app, poll).cache == "hit"


@pytest.mark.parametrize("change", ["post", "edit", "pin", "delete"])
def test_each_change_drops_the_cached_answers(
    app, coverage, change, django_capture_on_commit_callbacks
):
    poll, page = coverage.url + "updates/", coverage.url
    get(app, poll), get(app, page)
    update = LiveUpdate.objects.get()
    with django_capture_on_commit_callbacks(execute=True):
        if change == "post":
            updates.post(coverage, LiveUpdate(body=factory.paragraphs("Nouveau chiffre.")))
        elif change == "edit":
            update.body = factory.paragraphs("Nouveau chiffre.")
            updates.edit(update)
        elif change == "pin":
            updates.pin(update, True)
        else:
            updates.delete(update)

    answer = get(app, poll)
    assert answer.cache == "miss" and get(app, page).cache == "miss"
    assert ("Nouveau chiffre." in answer.body.decode()) == (change in ("post", "edit"))


def test_an_unchanged_answer_is_revalidated_for_nothing(app, coverage):
    poll = coverage.url + "updates/"
    etag = get(app, poll).headers["ETag"]
    assert get(app, poll, if_none_match=etag).status == 304
