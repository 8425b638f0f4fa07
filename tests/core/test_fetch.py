"""Outbound fetches: only public addresses, on every hop, pinned; size and time limits.

Each bypass is tried against a real server listening where the address
leads, and the test checks both the refusal and that the server saw nothing.
"""

import socket
import ssl
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import httpx
import pytest

from manchette.core import fetch as fetching
from manchette.core.fetch import FetchFailed, fetch, public
from tests.certificates import self_signed


class Listener:
    """A local HTTP server that records the requests reaching it."""

    def __init__(self, host, family=socket.AF_INET):
        listener = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self):
                listener.requests.append(self.path)
                listener.hosts.append(self.headers["Host"])
                status, headers, body, drip = listener.answers.get(self.path, listener.answer)
                self.send_response(status)
                for name, value in headers.items():
                    self.send_header(name, value)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                for start in range(0, len(body), 10 if drip else len(body) or 1):
                    self.wfile.write(body[start : start + (10 if drip else len(body))])
                    self.wfile.flush()
                    time.sleep(drip)

            def log_message(self, *args):
                pass

        server_class = type("Server", (ThreadingHTTPServer,), {"address_family": family})
        self.server = server_class((host, 0), Handler)
        self.server.daemon_threads = True
        self.port = self.server.server_address[1]
        self.requests, self.hosts, self.answers = [], [], {}
        self.answer = (200, {}, b"secret of the local service", 0)
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def close(self):
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def local():
    server = Listener("127.0.0.1")
    yield server
    server.close()


@pytest.fixture
def local6():
    """Listening on every IPv6 and IPv4 address of the machine (dual stack)."""
    try:
        server = Listener("::", socket.AF_INET6)
    except OSError:
        pytest.skip("No IPv6 on this machine.")
    yield server
    server.close()


def get(url, **limits):
    return fetch(url, max_bytes=limits.get("max_bytes", 10_000), timeout=limits.get("timeout", 3))


def refused(url):
    with pytest.raises(FetchFailed) as failure:
        get(url)
    assert str(failure.value) == f"{url} could not be fetched."


def test_an_allowed_host_is_fetched(local, settings):
    """The control for every refusal below: the same server answers once its host is allowed."""
    settings.MANCHETTE_FETCH_ALLOWED_HOSTS = ["127.0.0.1"]
    assert get(f"http://127.0.0.1:{local.port}/").body == b"secret of the local service"


def test_loopback_is_refused(local):
    refused(f"http://127.0.0.1:{local.port}/")
    assert local.requests == []


def test_a_name_resolving_to_loopback_is_refused(local):
    refused(f"http://localhost:{local.port}/")
    assert local.requests == []


def test_loopback_in_hex_is_refused(local):
    refused(f"http://0x7f000001:{local.port}/")
    assert local.requests == []


def test_loopback_as_an_integer_is_refused(local):
    refused(f"http://2130706433:{local.port}/")
    assert local.requests == []


def test_loopback_in_short_dotted_form_is_refused(local):
    refused(f"http://127.1:{local.port}/")
    assert local.requests == []


def test_ipv6_loopback_is_refused(local6):
    refused(f"http://[::1]:{local6.port}/")
    assert local6.requests == []


def test_ipv4_mapped_loopback_is_refused(local6):
    refused(f"http://[::ffff:127.0.0.1]:{local6.port}/")
    assert local6.requests == []


def test_the_unspecified_ipv6_address_is_refused(local6):
    refused(f"http://[::]:{local6.port}/")
    assert local6.requests == []


def test_the_unspecified_ipv4_address_is_refused(local):
    refused(f"http://0.0.0.0:{local.port}/")
    assert local.requests == []


def test_a_redirect_to_loopback_is_refused(local, settings):
    """The first hop is an allowed host; the second, to another local name, is checked again."""
    settings.MANCHETTE_FETCH_ALLOWED_HOSTS = ["127.0.0.1"]
    target = Listener("127.0.0.1")
    try:
        local.answer = (302, {"Location": f"http://localhost:{target.port}/admin"}, b"", 0)
        refused(f"http://127.0.0.1:{local.port}/feed.xml")
        assert local.requests == ["/feed.xml"] and target.requests == []
    finally:
        target.close()


def test_an_allowed_redirect_is_followed(local, settings):
    settings.MANCHETTE_FETCH_ALLOWED_HOSTS = ["127.0.0.1"]
    local.answers["/feed.xml"] = (301, {"Location": "/moved.xml"}, b"", 0)
    assert get(f"http://127.0.0.1:{local.port}/feed.xml").status == 200
    assert local.requests == ["/feed.xml", "/moved.xml"]


def test_endless_redirects_are_refused(local, settings):
    settings.MANCHETTE_FETCH_ALLOWED_HOSTS = ["127.0.0.1"]
    local.answer = (302, {"Location": "/again"}, b"", 0)
    refused(f"http://127.0.0.1:{local.port}/feed.xml")
    assert len(local.requests) == fetching.MAX_REDIRECTS + 1


def test_a_private_address_is_never_connected_to(monkeypatch):
    def no_connection(*args, **kwargs):
        raise AssertionError("a connection was attempted")

    monkeypatch.setattr(socket, "create_connection", no_connection)
    refused("http://10.0.0.7/feed.xml")
    refused("http://169.254.169.254/latest/meta-data/")


def test_the_connection_goes_to_the_address_that_was_checked(local, monkeypatch):
    """A name that resolves to a public address, then to loopback (DNS rebinding)."""
    answers = iter(["93.184.215.14", "127.0.0.1", "127.0.0.1"])
    real_getaddrinfo = socket.getaddrinfo
    connected = []

    def rebinding(host, port, *args, **kwargs):
        if host == "rebind.test":
            host = next(answers)
        return real_getaddrinfo(host, port, *args, **kwargs)

    def record(address, *args, **kwargs):
        connected.append(address[0])
        raise OSError("no network in tests")

    monkeypatch.setattr(socket, "getaddrinfo", rebinding)
    monkeypatch.setattr(socket, "create_connection", record)
    refused(f"http://rebind.test:{local.port}/")
    assert connected == ["93.184.215.14"] and local.requests == []


def test_the_host_header_names_the_original_host(local, settings):
    settings.MANCHETTE_FETCH_ALLOWED_HOSTS = ["localhost"]
    get(f"http://localhost:{local.port}/")
    assert local.hosts == [f"localhost:{local.port}"]


@pytest.mark.parametrize(
    "url", ["file:///etc/passwd", "ftp://8.8.8.8/feed.xml", "gopher://8.8.8.8/", "http:///x"]
)
def test_only_http_and_https(url):
    refused(url)


def test_an_open_and_a_closed_port_read_the_same(local):
    closed = socket.socket()
    closed.bind(("127.0.0.1", 0))
    closed_port = closed.getsockname()[1]
    closed.close()
    messages = []
    for port in (local.port, closed_port):
        with pytest.raises(FetchFailed) as failure:
            get(f"http://127.0.0.1:{port}/")
        messages.append(str(failure.value).replace(str(port), "PORT"))
    assert messages[0] == messages[1]


def test_a_closed_port_of_an_allowed_host_reads_the_same_as_a_refusal(settings):
    settings.MANCHETTE_FETCH_ALLOWED_HOSTS = ["127.0.0.1"]
    closed = socket.socket()
    closed.bind(("127.0.0.1", 0))
    port = closed.getsockname()[1]
    closed.close()
    refused(f"http://127.0.0.1:{port}/")


def test_an_answer_over_the_size_cap_is_refused(local, settings):
    settings.MANCHETTE_FETCH_ALLOWED_HOSTS = ["127.0.0.1"]
    local.answer = (200, {}, b"x" * 5000, 0)
    with pytest.raises(FetchFailed, match="sent more than 1,000 bytes"):
        get(f"http://127.0.0.1:{local.port}/", max_bytes=1000)


def test_a_server_dripping_bytes_is_cut_at_the_deadline(local, settings):
    settings.MANCHETTE_FETCH_ALLOWED_HOSTS = ["127.0.0.1"]
    local.answer = (200, {}, b"x" * 200, 0.1)  # 20 chunks, 2 s in all, each well within a read
    started = time.monotonic()
    with pytest.raises(FetchFailed, match="could not be fetched"):
        get(f"http://127.0.0.1:{local.port}/", timeout=0.5)
    assert time.monotonic() - started < 1.9


@pytest.mark.parametrize(
    "address",
    [
        "127.0.0.1",
        "10.1.2.3",
        "172.16.0.1",
        "192.168.1.1",
        "100.64.0.1",
        "169.254.169.254",
        "224.0.0.1",
        "239.255.255.250",
        "240.0.0.1",
        "255.255.255.255",
        "0.0.0.0",  # noqa: S104
        "192.0.2.1",
        "::1",
        "::",
        "fd00::1",
        "fe80::1",
        "ff02::1",
        "::ffff:10.0.0.1",
        "64:ff9b::7f00:1",
        "2002:7f00:1::",
        "2001:0:4136:e378:8000:63bf:80ff:fffe",
    ],
)
def test_addresses_that_are_not_public(address):
    assert not public(address)


@pytest.mark.parametrize("address", ["93.184.215.14", "2606:2800:21f:cb07:6820:80da:af6b:8b2c"])
def test_public_addresses(address):
    assert public(address)


@pytest.fixture
def tls_local(tmp_path, local, monkeypatch):
    """The local server behind TLS with a certificate for the name localhost only, which
    outbound fetches trust here as they trust public authorities."""
    certificate, key = self_signed(tmp_path, "localhost")
    served = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    served.load_cert_chain(certificate, key)
    local.server.socket = served.wrap_socket(local.server.socket, server_side=True)
    trusted = ssl.create_default_context(cafile=certificate)
    real_client = httpx.Client
    monkeypatch.setattr(
        fetching.httpx, "Client", lambda **options: real_client(verify=trusted, **options)
    )
    return local


def test_https_is_pinned_and_checked_against_the_original_name(tls_local, settings):
    """Connected to the checked 127.0.0.1, TLS names localhost (SNI, certificate, Host)."""
    settings.MANCHETTE_FETCH_ALLOWED_HOSTS = ["localhost"]
    assert get(f"https://localhost:{tls_local.port}/").body == b"secret of the local service"
    assert tls_local.hosts == [f"localhost:{tls_local.port}"]


def test_a_certificate_for_another_name_is_refused(tls_local, settings):
    settings.MANCHETTE_FETCH_ALLOWED_HOSTS = ["127.0.0.1"]
    refused(f"https://127.0.0.1:{tls_local.port}/")
    assert tls_local.requests == []
