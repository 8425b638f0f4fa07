"""The loop of the long-lived helper processes that ``manchette serve`` starts."""

import time

from django.db import close_old_connections


def run_rounds(steps, interval, once, log):
    """Run each ``(name, step)`` every ``interval`` seconds until stopped, or once.

    A failing step is logged and tried again next round: one error must not
    stop the process, nor its failure keep the others from running.
    """
    while True:
        for name, step in steps:
            try:
                step()
            except Exception:
                log.exception("%s failed; retrying in %s s", name, interval)
        if once:
            return
        # A connection broken by a failed round, or too old, is replaced for the next one.
        close_old_connections()
        time.sleep(interval)
