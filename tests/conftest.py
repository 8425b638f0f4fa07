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
