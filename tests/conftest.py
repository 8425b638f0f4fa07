from unittest import mock

import pytest
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from django.utils import translation

from manchette.core.cache import purge_log_path
from tests import objectstore
from tests.core.wsgi import Django


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


@pytest.fixture
def django_app():
    """Django's WSGI handler (counting its calls), keeping the test's connection between requests.

    As django.test.Client does: the test's connection (and its transaction)
    must outlive each request.
    """
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield Django()
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture(scope="session")
def s3_endpoint():
    """A local S3-compatible server for the whole run."""
    with objectstore.s3_server() as endpoint:
        yield endpoint


@pytest.fixture
def bucket(settings, s3_endpoint):
    """Uploads go to a fresh bucket on the local S3 server, as on a deployment of several nodes."""
    name = objectstore.new_bucket(s3_endpoint)
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "manchette.core.media.BucketStorage",
            "OPTIONS": {
                "bucket_name": name,
                "endpoint_url": s3_endpoint,
                "access_key": objectstore.CREDENTIALS["AWS_ACCESS_KEY_ID"],
                "secret_key": objectstore.CREDENTIALS["AWS_SECRET_ACCESS_KEY"],
                "region_name": objectstore.CREDENTIALS["AWS_S3_REGION_NAME"],
            },
        },
    }
    return name
