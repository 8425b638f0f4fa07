import pytest
from django.core.signals import request_finished, request_started
from django.db import close_old_connections

from manchette.core.cache import purge
from tests.core.wsgi import Django


@pytest.fixture
def django_app():
    # As django.test.Client does: the test's connection (and its transaction)
    # must outlive each request.
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield Django()
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture
def purged(django_capture_on_commit_callbacks):
    """purge() as a publication in another process does it: announced at commit."""

    def purged(*keys):
        with django_capture_on_commit_callbacks(execute=True):
            purge(*keys)

    return purged
