from unittest import mock

import pytest
from django.utils import translation

from manchette.core.cache import purge_log_path


@pytest.fixture(autouse=True)
def _fresh_purge_log():
    """Each test starts with an empty purge log."""
    purge_log_path().unlink(missing_ok=True)
    yield


@pytest.fixture
def english(settings):
    """The interface in English, for tests that read messages by their English wording."""
    settings.LANGUAGE_CODE = "en"
    with translation.override("en"):
        yield


@pytest.fixture
def steady_clock():
    """The comment form's token names the second the page was rendered in: two renders
    straddling a second differ, and so do their ETags. Keep that clock still."""
    with mock.patch("manchette.comments.security.time.time", return_value=1_795_000_000.0):
        yield
