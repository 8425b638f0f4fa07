"""One reading per publication, whatever the number of workers and nodes."""

from datetime import timedelta

import pytest
from django.core.files.storage import default_storage
from django.utils import timezone

from manchette.listen import audio, tasks
from manchette.listen.models import ArticleAudio

pytestmark = pytest.mark.django_db


@pytest.fixture
def queued(publish):
    """A published article whose new reading waits for a worker."""
    article = publish()
    ArticleAudio.objects.filter(article=article).update(status="queued")
    return article


def files(article):
    # Earlier tests may have left files under the same article number: compare sets of names.
    return set(default_storage.listdir(f"listen/{article.pk}")[1])


def reading(article):
    return ArticleAudio.objects.get(article=article)


def left_by_a_killed_worker(article):
    ArticleAudio.objects.filter(article=article).update(
        claimed_at=timezone.now() - timedelta(hours=1)
    )


def test_a_reading_is_claimed_by_one_worker_only(queued):
    assert tasks.claim(queued.pk) is not None
    assert tasks.claim(queued.pk) is None
    assert tasks.generate_audio.call(queued.pk) == "nothing to do"


def test_a_made_reading_is_not_claimed_again_by_a_task(publish):
    assert tasks.claim(publish().pk) is None


def while_recording(monkeypatch, meanwhile):
    """Run ``meanwhile`` while the worker is speaking, as another worker or an editor would."""
    record = audio.record

    def recording(*args, **kwargs):
        monkeypatch.setattr(audio, "record", record)
        meanwhile()
        return record(*args, **kwargs)

    monkeypatch.setattr(audio, "record", recording)


def test_a_stale_claim_is_taken_over_and_the_late_worker_removes_nothing(
    queued, monkeypatch, django_capture_on_commit_callbacks
):
    killed = tasks.claim(queued.pk)
    taken = []

    def another_worker_takes_over():
        left_by_a_killed_worker(queued)
        taken.append(tasks.claim(queued.pk))
        assert tasks.read_aloud(queued.pk, taken[0], force=True) == "ready"

    while_recording(monkeypatch, another_worker_takes_over)
    # The worker thought dead was only slow: it finishes after the other one.
    with django_capture_on_commit_callbacks(execute=True):
        assert tasks.read_aloud(queued.pk, killed, force=True) == "superseded"
    current = reading(queued)
    assert current.status == "ready"
    assert taken[0].hex[:8] in current.opus.name and taken[0].hex[:8] in current.mp3.name
    assert default_storage.exists(current.opus.name) and default_storage.exists(current.mp3.name)
    assert not [name for name in files(queued) if killed.hex[:8] in name]


def test_a_new_publication_takes_the_claim_away(
    queued, monkeypatch, django_capture_on_commit_callbacks
):
    earlier = tasks.claim(queued.pk)
    while_recording(
        monkeypatch,
        lambda: ArticleAudio.objects.filter(article=queued).update(status="queued", claim=None),
    )
    with django_capture_on_commit_callbacks(execute=True):
        assert tasks.read_aloud(queued.pk, earlier, force=True) == "superseded"
    assert reading(queued).status == "queued"
    assert not [name for name in files(queued) if earlier.hex[:8] in name]


def test_a_reading_left_by_a_killed_worker_is_queued_again_once(queued):
    tasks.claim(queued.pk)
    left_by_a_killed_worker(queued)
    # The tests' task backend runs the queued reading at once.
    assert tasks.requeue_stalled() == 1
    assert reading(queued).status == "ready"
    assert tasks.requeue_stalled() == 0


def test_a_reading_being_made_is_not_queued_again(queued):
    tasks.claim(queued.pk)
    assert tasks.requeue_stalled() == 0


def test_a_queued_reading_is_left_to_its_task(queued):
    ArticleAudio.objects.filter(article=queued).update(
        requested_at=timezone.now() - timedelta(hours=1)
    )
    assert tasks.requeue_stalled() == 0


def test_the_command_says_when_a_worker_is_making_the_reading(queued):
    tasks.claim(queued.pk)
    assert tasks.make_audio(queued.pk, force=True) == "taken"
