import pytest
from django.core.cache import caches


@pytest.fixture(autouse=True)
def _fresh_rate_limits():
    """Each test counts its own comments against the rate limits."""
    caches["comments"].clear()
    yield
