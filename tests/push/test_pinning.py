"""Alerts go to the address that was checked, not to what the name resolves to a moment later.

A push endpoint's host name is resolved and checked once per alert; a DNS
answer that changes before the connection is made (DNS rebinding) must not
lead the connection to the newsroom's own network.
"""

import socket
import ssl

import pytest
import requests
import urllib3.util.connection

from manchette.push import send
from manchette.push.models import Alert, FollowedTopic, Subscription
from manchette.push.transport import origin, pinned_session
from tests.certificates import self_signed

from .pushservice import PushService

pytestmark = pytest.mark.django_db


def rebinding(monkeypatch, name, *answers):
    """Resolve ``name`` to each of ``answers`` in turn, the last one for ever after."""
    answers = list(answers)
    real_getaddrinfo = socket.getaddrinfo

    def resolve(host, port, *args, **kwargs):
        if host == name:
            host = answers.pop(0) if len(answers) > 1 else answers[0]
        return real_getaddrinfo(host, port, *args, **kwargs)

    monkeypatch.setattr(socket, "getaddrinfo", resolve)


def alert_to(browser):
    """A breaking-news alert sent now to one browser that follows breaking news."""
    keys = browser.subscription()["keys"]
    subscription = Subscription.objects.create(endpoint=browser.endpoint, language="fr", **keys)
    FollowedTopic.objects.create(subscription=subscription, topic="breaking")
    alert = Alert.objects.create(
        title="Alerte", text="Le gouvernement est tombé.", url="/", topics=["breaking"]
    )
    send.send_alert.call(alert.pk)
    alert.refresh_from_db()
    return alert


@pytest.fixture
def rebound(push_service):
    """A second service on another loopback address, at the push service's port."""
    service = PushService("127.0.0.2", push_service.port)
    yield service
    service.close()


def test_a_name_rebound_after_the_check_still_reaches_the_checked_address(
    push_service, rebound, monkeypatch
):
    rebinding(monkeypatch, "push.test", "127.0.0.1", "127.0.0.2")
    reader = push_service.browser("reader")
    reader.endpoint = reader.endpoint.replace("127.0.0.1", "push.test")
    alert = alert_to(reader)
    assert alert.delivered == 1 and rebound.received == []
    [message] = push_service.received
    assert reader.read(message)["body"] == "Le gouvernement est tombé."
    assert message.headers["host"] == f"push.test:{push_service.port}"


def test_a_public_name_rebound_to_loopback_is_connected_at_the_public_address(
    push_service, monkeypatch
):
    """The check sees a public address; the connection must go there, not to loopback."""
    rebinding(monkeypatch, "push.test", "93.184.215.14", "127.0.0.1")
    connected = []

    def record(address, *args, **kwargs):
        connected.append(address[0])
        raise OSError("no network in tests")

    monkeypatch.setattr(urllib3.util.connection, "create_connection", record)
    reader = push_service.browser("reader")
    reader.endpoint = f"https://push.test:{push_service.port}/push/reader"
    alert = alert_to(reader)
    assert connected == ["93.184.215.14"]
    assert alert.failed == 1 and push_service.received == []


def test_an_origin_that_was_not_checked_is_not_connected_to(push_service):
    """A redirect to another address, say: the session has no checked address for it."""
    session = pinned_session({})
    with pytest.raises(requests.ConnectionError):
        session.post(push_service.origin + "/push/reader", data=b"x", timeout=5)
    assert push_service.received == []


@pytest.fixture
def tls_service(tmp_path, push_service):
    """The push service behind TLS with a certificate for the name push.test only."""
    certificate, key = self_signed(tmp_path, "push.test")
    served = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    served.load_cert_chain(certificate, key)
    push_service.server_names = []
    served.sni_callback = lambda _socket, name, _context: push_service.server_names.append(name)
    push_service.server.socket = served.wrap_socket(push_service.server.socket, server_side=True)
    return push_service, str(certificate)


def test_tls_names_the_host_while_connecting_to_the_checked_address(tls_service):
    service, certificate = tls_service
    endpoint = f"https://push.test:{service.port}/push/reader"
    session = pinned_session({origin(endpoint): "127.0.0.1"})
    session.verify = certificate  # the test's authority, as public ones are trusted
    service.answers["/push/reader"] = 202  # answered without reading the message
    answer = session.post(endpoint, data=b"x", timeout=5)
    assert service.server_names == ["push.test"] and answer.status_code == 202


def test_a_certificate_for_another_name_is_refused(tls_service):
    service, certificate = tls_service
    endpoint = f"https://other.test:{service.port}/push/reader"
    session = pinned_session({origin(endpoint): "127.0.0.1"})
    session.verify = certificate
    with pytest.raises(requests.exceptions.SSLError):
        session.post(endpoint, data=b"x", timeout=5)
    assert service.server_names == ["other.test"]


def test_an_endpoint_with_an_impossible_port_fails_alone(push_service):
    """Stored before the rule that refuses it, say: counted as failed, the others still sent."""
    broken = push_service.browser("broken")
    broken.endpoint = "https://push.test:99999/push/broken"
    keys = broken.subscription()["keys"]
    subscription = Subscription.objects.create(endpoint=broken.endpoint, language="fr", **keys)
    FollowedTopic.objects.create(subscription=subscription, topic="breaking")
    alert = alert_to(push_service.browser("reader"))
    assert (alert.delivered, alert.failed) == (1, 1)
