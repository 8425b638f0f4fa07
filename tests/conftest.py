import pytest

from manchette.core.cache import purge_log_path


@pytest.fixture(autouse=True)
def _fresh_purge_log():
    """Each test starts with an empty purge log."""
    purge_log_path().unlink(missing_ok=True)
    yield
