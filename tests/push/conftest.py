import json

import pytest
from django.urls import reverse

from tests import factory

from .pushservice import PushService


@pytest.fixture
def push_service():
    service = PushService()
    yield service
    service.close()


@pytest.fixture
def sections(db):
    factory.home()
    return factory.section("Monde"), factory.section("Sport")


@pytest.fixture
def subscribe(client):
    """Subscribe a browser as the site's script does; the answer's JSON, or the response."""

    def post(body, expect=201):
        response = client.post(
            reverse("push:subscribe"), json.dumps(body), content_type="application/json"
        )
        assert response.status_code == expect, response.content
        return response.json()

    return post


def follow(browser, *topics, quiet=None):
    """The body the site's script posts to follow these topics."""
    return {"subscription": browser.subscription(), "topics": list(topics), "quiet": quiet}
