"""A task that takes its time, for the tests that stop a server while it runs."""

import time
from pathlib import Path

from django.tasks import task


@task()
def linger(path, seconds):
    """Write "started" to ``path``, wait, then write "done"."""
    Path(path).write_text("started")
    time.sleep(seconds)
    Path(path).write_text("done")
