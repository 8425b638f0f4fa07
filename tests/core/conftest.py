import pytest

from manchette.core.cache import purge


@pytest.fixture
def purged(django_capture_on_commit_callbacks):
    """purge() as a publication in another process does it: announced at commit."""

    def purged(*keys):
        with django_capture_on_commit_callbacks(execute=True):
            purge(*keys)

    return purged
