"""Readers subscribe, see and cancel what they follow; every bad body gets a 400 that says why."""

import base64
import json

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse

from manchette.push.models import Subscription
from tests import factory

from .conftest import follow
from .pushservice import b64url

pytestmark = pytest.mark.django_db


@pytest.fixture
def browser(push_service):
    return push_service.browser("reader")


def topic(page):
    return f"page-{page.pk}"


def post(client, name, body):
    return client.post(reverse(f"push:{name}"), json.dumps(body), content_type="application/json")


def test_a_subscription_keeps_the_browser_keys_topics_and_language(
    client, subscribe, sections, browser
):
    monde, _sport = sections
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "nl"
    answer = subscribe(follow(browser, "breaking", topic(monde)))
    assert answer == {"topics": sorted(["breaking", topic(monde)]), "quiet": None}
    stored = Subscription.objects.get()
    assert stored.as_webpush() == {
        "endpoint": browser.endpoint,
        "keys": browser.subscription()["keys"],
    }
    assert stored.language == "nl"


def test_subscribing_again_replaces_the_topics(subscribe, sections, browser):
    monde, sport = sections
    subscribe(follow(browser, "breaking", topic(monde)))
    answer = subscribe(follow(browser, topic(sport), quiet={"from": "22:00", "until": "07:00"}))
    assert answer == {"topics": [topic(sport)], "quiet": {"from": "22:00", "until": "07:00"}}
    assert Subscription.objects.count() == 1


def test_following_nothing_removes_the_subscription(subscribe, sections, browser):
    subscribe(follow(browser, "breaking"))
    assert subscribe(follow(browser), expect=200) == {"topics": [], "quiet": None}
    assert not Subscription.objects.exists()


def test_a_browser_finds_what_it_follows_by_its_endpoint(client, subscribe, sections, browser):
    monde, _sport = sections
    subscribe(follow(browser, topic(monde), quiet={"from": "23:30", "until": "06:15"}))
    found = post(client, "find", {"endpoint": browser.endpoint}).json()
    assert found == {"topics": [topic(monde)], "quiet": {"from": "23:30", "until": "06:15"}}
    stranger = post(client, "find", {"endpoint": browser.endpoint + "x"}).json()
    assert stranger == {"topics": [], "quiet": None}


def test_cancel_removes_every_topic(client, subscribe, sections, browser):
    subscribe(follow(browser, "breaking"))
    assert post(client, "cancel", {"endpoint": browser.endpoint}).json() == {"cancelled": True}
    assert not Subscription.objects.exists()
    assert post(client, "cancel", {"endpoint": browser.endpoint}).json() == {"cancelled": False}


def test_the_key_endpoint_gives_the_vapid_key_and_the_csrf_cookie(client, db):
    response = client.get(reverse("push:key"))
    key = response.json()["key"]
    assert len(base64.urlsafe_b64decode(key + "=")) == 65
    assert response.cookies["csrftoken"].value
    assert client.get(reverse("push:key")).json()["key"] == key  # the same key every time


def test_posts_need_the_csrf_token(sections, browser):
    guarded = Client(enforce_csrf_checks=True)
    assert post(guarded, "subscribe", follow(browser, "breaking")).status_code == 403
    assert not Subscription.objects.exists()


def test_subscribing_needs_a_post(client, db):
    assert client.get(reverse("push:subscribe")).status_code == 405


# Each bad body, one test each: 400 with a message, nothing stored.


def refused(client, body, *, raw=None, content_type="application/json"):
    data = raw if raw is not None else json.dumps(body)
    response = client.post(reverse("push:subscribe"), data, content_type=content_type)
    assert response.status_code == 400, response.content
    assert response.json()["message"]
    assert not Subscription.objects.exists()
    return response.json()["message"]


def with_endpoint(browser, endpoint):
    body = follow(browser, "breaking")
    body["subscription"]["endpoint"] = endpoint
    return body


def with_key(browser, name, value):
    body = follow(browser, "breaking")
    body["subscription"]["keys"][name] = value
    return body


def test_refuses_a_form_body(client, sections, browser):
    refused(client, None, raw="endpoint=x", content_type="application/x-www-form-urlencoded")


def test_refuses_broken_json(client, sections):
    refused(client, None, raw='{"subscription": ')


def test_refuses_a_body_without_subscription(client, sections):
    refused(client, {"topics": ["breaking"]})


def test_refuses_a_subscription_that_is_not_an_object(client, sections):
    refused(client, {"subscription": "https://push.example/1", "topics": ["breaking"]})


def test_refuses_plain_http_endpoints(client, sections, browser):
    refused(client, with_endpoint(browser, "http://93.184.215.14/push/1"))


def test_refuses_endpoints_on_private_addresses(client, sections, browser):
    refused(client, with_endpoint(browser, "https://10.1.2.3/push/1"))


def test_refuses_endpoints_on_link_local_addresses(client, sections, browser):
    refused(client, with_endpoint(browser, "https://169.254.169.254/latest/"))


def test_refuses_endpoints_on_ipv6_loopback_in_https(client, sections, browser):
    refused(client, with_endpoint(browser, "https://[::1]/push/1"))


def test_refuses_loopback_endpoints_unless_allowed(client, sections, browser, settings):
    settings.MANCHETTE_PUSH_ALLOW_LOOPBACK = False
    refused(client, follow(browser, "breaking"))


def test_refuses_endpoints_with_credentials(client, sections, browser):
    refused(client, with_endpoint(browser, "http://user:secret@127.0.0.1:9/push/1"))


def test_refuses_endpoints_whose_host_is_unknown(client, sections, browser):
    refused(client, with_endpoint(browser, "https://push.invalid/1"))


def test_refuses_overlong_endpoints(client, sections, browser):
    refused(client, with_endpoint(browser, browser.endpoint + "x" * 1000))


def test_refuses_endpoints_that_are_not_addresses(client, sections, browser):
    refused(client, with_endpoint(browser, "http://[127.0.0.1/push"))


def test_refuses_a_subscription_without_keys(client, sections, browser):
    body = follow(browser, "breaking")
    del body["subscription"]["keys"]
    refused(client, body)


def test_refuses_a_p256dh_key_of_the_wrong_length(client, sections, browser):
    refused(client, with_key(browser, "p256dh", b64url(b"\x04" + b"\x01" * 40)))


def test_refuses_a_p256dh_key_off_the_curve(client, sections, browser):
    refused(client, with_key(browser, "p256dh", b64url(b"\x04" + b"\x01" * 64)))


def test_refuses_an_auth_secret_of_the_wrong_length(client, sections, browser):
    refused(client, with_key(browser, "auth", b64url(b"short")))


def test_refuses_keys_that_are_not_text(client, sections, browser):
    refused(client, with_key(browser, "auth", 1234))


def test_refuses_unknown_topics(client, sections, browser):
    assert "sport" in refused(client, follow(browser, "sport"))


def test_refuses_topics_that_are_not_a_list(client, sections, browser):
    body = follow(browser)
    body["topics"] = "breaking"
    refused(client, body)


def test_refuses_pages_that_cannot_be_followed(client, sections, browser):
    article = factory.article(in_section=sections[0])
    refused(client, follow(browser, topic(article)))


def test_refuses_unpublished_sections(client, sections, browser):
    monde, _sport = sections
    monde.unpublish()
    refused(client, follow(browser, topic(monde)))


def test_refuses_more_topics_than_allowed(client, sections, browser, settings):
    settings.MANCHETTE_PUSH_TOPICS_PER_SUBSCRIPTION = 2
    monde, sport = sections
    refused(client, follow(browser, "breaking", topic(monde), topic(sport)))


def test_refuses_quiet_hours_that_are_not_times(client, sections, browser):
    refused(client, follow(browser, "breaking", quiet={"from": "tard", "until": "07:00"}))


def test_refuses_quiet_hours_without_an_end(client, sections, browser):
    refused(client, follow(browser, "breaking", quiet={"from": "22:00"}))


def test_find_refuses_a_body_without_endpoint(client, db):
    assert post(client, "find", {"topics": []}).status_code == 400


def test_cancel_refuses_a_body_without_endpoint(client, db):
    assert post(client, "cancel", ["https://push.example/1"]).status_code == 400
