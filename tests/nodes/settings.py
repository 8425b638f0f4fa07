"""Settings of the nodes that tests/nodes starts: production's, read from the environment as
on a real deployment, plus what a site puts in its own settings module: the drop folder that
every node's watcher shares, and a short round so that a test does not wait for it."""

import os

from manchette.settings.production import *  # noqa: F403

MANCHETTE_WIRE_DROP_DIR = os.environ["MANCHETTE_TEST_DROP_DIR"]
MANCHETTE_WIRE_WATCH_INTERVAL = 1
