"""Settings of the nodes bench/scaleout.py starts: those of tests/nodes (production's, read
from the environment), with the comment guard's rate limits and typing delay lifted as in
bench/settings.py, since one client posts for many readers (the guard's other checks still run).
"""

from tests.nodes.settings import *  # noqa: F403

MANCHETTE_COMMENTS_MIN_SECONDS = 0
MANCHETTE_COMMENTS_NETWORK_RATES = []
MANCHETTE_COMMENTS_ARTICLE_RATES = []
