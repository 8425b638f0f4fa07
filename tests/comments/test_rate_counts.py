"""The rate limits' counters, as shipped for one host, count every post of every process.

Server processes count comments in the ``comments`` cache of the base
settings (the tests' own settings use a cache in memory). Posts that arrive
at the same instant in several processes must all be counted: a count lost
is a comment over the limit.
"""

import multiprocessing

from django.utils.module_loading import import_string

from manchette.settings import base

PROCESSES = 4
POSTS_EACH = 150
NETWORK = "192.0.2.0/24"
NOW = 1_800_000_000.0  # one window for every process, whatever the clock says


def shipped_counters(location):
    """The base settings' ``comments`` cache, in a folder of the test's."""
    shipped = base.CACHES["comments"]
    params = {name: value for name, value in shipped.items() if name not in ("BACKEND", "LOCATION")}
    return import_string(shipped["BACKEND"])(str(location), params)


def count_posts(location, limits, start):
    """What ``guard.check_rates`` does to the counters, POSTS_EACH times."""
    counters = shipped_counters(location)
    start.wait()
    for _ in range(POSTS_EACH):
        for key, _, seconds in limits:
            counters.add(key, 0, timeout=seconds + 1)
            counters.incr(key)


def test_posts_at_the_same_time_in_several_processes_are_all_counted(tmp_path, settings):
    settings.MANCHETTE_COMMENTS_NETWORK_RATES = [(5, 60)]
    spawn = multiprocessing.get_context("spawn")
    start = spawn.Barrier(PROCESSES)
    # Imported here: the spawned processes import this module without setting Django up.
    from manchette.comments import guard

    limits = guard._network_limits(NETWORK, NOW)
    workers = [
        spawn.Process(target=count_posts, args=(tmp_path, limits, start)) for _ in range(PROCESSES)
    ]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(60)
        assert worker.exitcode == 0
    [(key, _, _)] = limits
    assert shipped_counters(tmp_path).get(key) == PROCESSES * POSTS_EACH
