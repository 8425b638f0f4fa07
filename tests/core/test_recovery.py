"""Tasks a killed worker left running are queued again by the clock, once."""

from datetime import timedelta

import pytest
from django.tasks import TaskResultStatus
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from manchette.core.recovery import requeue_stale_tasks
from manchette.listen.tasks import generate_audio

pytestmark = pytest.mark.django_db


@pytest.fixture
def database_queue(settings):
    settings.TASKS = {
        "default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default", "audio"]}
    }


def running_since(seconds):
    result = generate_audio.enqueue(1)
    DBTaskResult.objects.filter(pk=result.id).update(
        status=TaskResultStatus.RUNNING, started_at=timezone.now() - timedelta(seconds=seconds)
    )
    return result.id


def status(task_id):
    return DBTaskResult.objects.get(pk=task_id).status


def test_a_task_running_for_too_long_is_queued_again_once(database_queue, settings):
    settings.MANCHETTE_TASK_STALE_SECONDS = 60
    task_id = running_since(120)
    assert requeue_stale_tasks() == 1
    assert status(task_id) == TaskResultStatus.READY
    assert requeue_stale_tasks() == 0


def test_a_task_still_within_its_time_is_left_running(database_queue, settings):
    settings.MANCHETTE_TASK_STALE_SECONDS = 600
    task_id = running_since(120)
    assert requeue_stale_tasks() == 0
    assert status(task_id) == TaskResultStatus.RUNNING
