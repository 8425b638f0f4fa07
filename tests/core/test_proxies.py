"""X-Forwarded-Proto and X-Forwarded-For are believed only from MANCHETTE_TRUSTED_PROXIES."""

import pytest
from django.test import RequestFactory, override_settings

from manchette.core.proxies import client_address
from tests import factory

pytestmark = pytest.mark.django_db


@pytest.fixture
def front():
    return factory.home()


@override_settings(SECURE_SSL_REDIRECT=True, MANCHETTE_TRUSTED_PROXIES=["127.0.0.1"])
def test_https_said_by_a_trusted_proxy_is_believed(client, front):
    assert client.get("/", headers={"X-Forwarded-Proto": "https"}).status_code == 200


@override_settings(SECURE_SSL_REDIRECT=True, MANCHETTE_TRUSTED_PROXIES=["10.0.0.2"])
def test_https_said_by_anyone_else_is_not(client, front):
    response = client.get("/", headers={"X-Forwarded-Proto": "https"})
    assert response.status_code == 301 and response["Location"].startswith("https://")


@override_settings(MANCHETTE_TRUSTED_PROXIES=["10.0.0.0/24"])
def test_the_reader_is_the_right_most_address_that_is_not_a_proxy():
    request = RequestFactory().get(
        "/", REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR="198.51.100.7, 203.0.113.9, 10.0.0.3"
    )
    assert str(client_address(request)) == "203.0.113.9"


@override_settings(MANCHETTE_TRUSTED_PROXIES=[])
def test_without_trusted_proxies_the_reader_is_the_peer():
    request = RequestFactory().get("/", REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR="203.0.113.9")
    assert str(client_address(request)) == "10.0.0.2"
