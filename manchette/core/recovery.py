"""Background tasks left "running" by a worker that was killed are queued again.

The database task queue marks a task running when a worker takes it and
never looks at it again: a worker killed mid-task (a node restarted, the
OOM killer) leaves it running for ever. The clock puts such a task back in
the queue once it has run for longer than MANCHETTE_TASK_STALE_SECONDS;
manchette's tasks are safe to run again (indexing is idempotent, a wire
receipt is processed once, an article's audio is claimed by one worker).
"""

from datetime import timedelta

from django.tasks import TaskResultStatus
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from .conf import setting


def stale_before():
    return timezone.now() - timedelta(seconds=setting("MANCHETTE_TASK_STALE_SECONDS"))


def requeue_stale_tasks():
    """Put back in the queue the tasks whose worker died; returns how many. One UPDATE:
    several nodes' clocks doing it at once queue each task once."""
    return (
        DBTaskResult.objects.running()
        .filter(started_at__lt=stale_before())
        .update(status=TaskResultStatus.READY)
    )
