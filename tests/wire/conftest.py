import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.utils import translation

from manchette.wire.models import WireSource
from tests import factory


@pytest.fixture(autouse=True)
def _english_messages():
    """Reasons and command output are compared in English; pages follow each request's language."""
    with translation.override("en"):
        yield


@pytest.fixture
def belga():
    """The Belga wire: dispatches go to Monde by default, publish themselves."""
    return WireSource.objects.create(
        name="Belga",
        slug="belga",
        source=factory.source("Belga"),
        provider_names="belga.be, BELGA",
        default_section=factory.section("Monde"),
        push_token="belga-token",
    )


class AgencyServer:
    """A local HTTP server playing an agency: answers what the test sets, records the requests."""

    def __init__(self, server):
        self.server = server
        self.origin = f"http://127.0.0.1:{server.server_port}"
        self.requests = []
        self.answer = (200, {}, b"")
        self.delay = 0

    def url(self, path="/feed.xml"):
        return self.origin + path


def _handler(agency):
    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):
            agency.requests.append(dict(self.headers))
            time.sleep(agency.delay)
            status, headers, body = agency.answer
            self.send_response(status)
            for name, value in headers.items():
                self.send_header(name, value)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    return Handler


@pytest.fixture
def agency_server(settings):
    """The agency on loopback, which outbound fetches refuse unless its host is allowed."""
    settings.MANCHETTE_FETCH_ALLOWED_HOSTS = ["127.0.0.1"]
    for port in range(8450, 8500):
        try:
            server = ThreadingHTTPServer(("127.0.0.1", port), None)
            break
        except OSError:
            continue
    else:
        pytest.fail("No free port in 8450–8499 for the agency server.")
    agency = AgencyServer(server)
    server.RequestHandlerClass = _handler(agency)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield agency
    server.shutdown()
    server.server_close()
