"""Live coverage settings out of bounds stop the site at start-up, saying what to set."""

import pytest

from manchette.live.checks import live_settings


def test_defaults_pass():
    assert live_settings(None) == []


@pytest.mark.parametrize("value", [9, 31, "15", 15.5, None])
def test_poll_seconds_out_of_bounds(settings, value):
    settings.MANCHETTE_LIVE_POLL_SECONDS = value
    errors = live_settings(None)
    assert [error.id for error in errors] == ["live.E001"]
    assert "from 10 to 30" in errors[0].hint


@pytest.mark.parametrize("value", [0, -1, "20"])
def test_page_size_not_a_positive_number(settings, value):
    settings.MANCHETTE_LIVE_PAGE_SIZE = value
    assert [error.id for error in live_settings(None)] == ["live.E002"]
