"""Wrong cache settings are reported by ``manchette check`` (and stop ``manchette serve``)."""

import pytest
from django.core.management import call_command
from django.core.management.base import SystemCheckError

from manchette.core.checks import check_cache_settings


def ids(settings):
    return [error.id for error in check_cache_settings(None)]


def test_the_defaults_pass(settings):
    assert ids(settings) == []


def test_a_full_setup_passes(settings):
    settings.MANCHETTE_PURGE_REDIS_URL = "redis://10.0.0.2:6379/1"
    settings.MANCHETTE_VARNISH_URLS = ["http://10.0.0.5:6081", "https://cache.internal/"]
    settings.MANCHETTE_FASTLY_SERVICE_ID = "service"
    settings.MANCHETTE_FASTLY_API_TOKEN = "token"  # noqa: S105
    settings.MANCHETTE_CLOUDFLARE_ZONE_ID = "zone"
    settings.MANCHETTE_CLOUDFLARE_API_TOKEN = "token"  # noqa: S105
    assert ids(settings) == []


@pytest.mark.parametrize("value", [0, -5, "600", 1.5, True, None])
def test_max_age_must_be_positive_seconds(settings, value):
    settings.MANCHETTE_CACHE_MAX_AGE = value
    assert ids(settings) == ["manchette.E101"]


@pytest.mark.parametrize("value", ["127.0.0.1:6379", "http://127.0.0.1:6379", "", 6379])
def test_redis_url_must_be_a_redis_address(settings, value):
    settings.MANCHETTE_PURGE_REDIS_URL = value
    assert ids(settings) == ["manchette.E102"]


@pytest.mark.parametrize(
    "value",
    [
        "http://10.0.0.5:6081",
        ["10.0.0.5:6081"],
        ["ftp://10.0.0.5/"],
        ["http://"],
        ["http://[::1"],
        [None],
    ],
)
def test_varnish_urls_must_be_a_list_of_http_addresses(settings, value):
    settings.MANCHETTE_VARNISH_URLS = value
    assert ids(settings) == ["manchette.E103"]


@pytest.mark.parametrize(
    "name",
    [
        "MANCHETTE_FASTLY_SERVICE_ID",
        "MANCHETTE_FASTLY_API_TOKEN",
        "MANCHETTE_CLOUDFLARE_ZONE_ID",
        "MANCHETTE_CLOUDFLARE_API_TOKEN",
    ],
)
def test_a_cdn_needs_both_its_id_and_its_token(settings, name):
    setattr(settings, name, "something")
    errors = check_cache_settings(None)
    assert [error.id for error in errors] == ["manchette.E104"]
    assert name in errors[0].msg


@pytest.mark.parametrize("name", ["MANCHETTE_FASTLY_API_URL", "MANCHETTE_CLOUDFLARE_API_URL"])
def test_cdn_api_urls_must_be_http_addresses(settings, name):
    setattr(settings, name, "api.example")
    assert ids(settings) == ["manchette.E105"]


def test_manchette_check_reports_a_wrong_setting(settings):
    settings.MANCHETTE_CACHE_MAX_AGE = 0
    with pytest.raises(SystemCheckError, match="MANCHETTE_CACHE_MAX_AGE is 0"):
        call_command("check", tag=["caches"])
