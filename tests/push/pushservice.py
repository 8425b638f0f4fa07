"""A push service on 127.0.0.1 for the tests, and the browser side of a subscription.

``PushService`` does what a browser vendor's push service does with our
requests (RFC 8030): it checks the VAPID signature (RFC 8292), keeps each
message until the phone collects it, replaces a waiting message that has
the same ``Topic``, and answers 410 for endpoints it was told are gone.
``Browser`` holds the keys a browser makes for a subscription, so that the
tests can decrypt (RFC 8291) what reached it.
"""

import base64
import json
import os
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import http_ece
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.asymmetric.utils import encode_dss_signature


def b64url(raw):
    return base64.urlsafe_b64encode(raw).rstrip(b"=").decode()


def unb64url(text):
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


@dataclass
class Browser:
    """One browser's subscription keys and endpoint at the push service."""

    endpoint: str
    private_key: ec.EllipticCurvePrivateKey = field(
        default_factory=lambda: ec.generate_private_key(ec.SECP256R1())
    )
    auth: bytes = field(default_factory=lambda: os.urandom(16))

    def subscription(self):
        """What ``PushSubscription.toJSON()`` gives in a browser."""
        point = self.private_key.public_key().public_bytes(
            serialization.Encoding.X962, serialization.PublicFormat.UncompressedPoint
        )
        return {
            "endpoint": self.endpoint,
            "expirationTime": None,
            "keys": {"p256dh": b64url(point), "auth": b64url(self.auth)},
        }

    def read(self, message):
        """The alert as the service worker gets it."""
        clear = http_ece.decrypt(
            message.body, private_key=self.private_key, auth_secret=self.auth, version="aes128gcm"
        )
        return json.loads(clear)


@dataclass
class Message:
    """A request as the service received it (header names in lower case)."""

    path: str
    headers: dict
    body: bytes
    vapid_claims: dict
    vapid_key: str


def vapid(authorization):
    """The claims of a ``vapid t=…, k=…`` header once its ES256 signature is checked."""
    scheme, _, params = authorization.partition(" ")
    assert scheme == "vapid", authorization
    fields = dict(part.strip().split("=", 1) for part in params.split(","))
    token, key = fields["t"], fields["k"]
    head, claims, signature = token.split(".")
    public = ec.EllipticCurvePublicKey.from_encoded_point(ec.SECP256R1(), unb64url(key))
    raw = unb64url(signature)
    der = encode_dss_signature(int.from_bytes(raw[:32]), int.from_bytes(raw[32:]))
    try:
        public.verify(der, f"{head}.{claims}".encode(), ec.ECDSA(hashes.SHA256()))
    except InvalidSignature:
        raise AssertionError("the VAPID signature does not match its key") from None
    assert json.loads(unb64url(head)) == {"typ": "JWT", "alg": "ES256"}
    return json.loads(unb64url(claims)), key


class PushService:
    def __init__(self, host="127.0.0.1", port=0):
        self.received = []  # every accepted request, in order
        self.waiting = {}  # path -> messages not yet collected, one per Topic
        self.answers = {}  # path -> status to answer instead of 201
        self.lock = threading.Lock()
        service = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
                status = service.answers.get(self.path, 201)
                if status == 201:
                    claims, key = vapid(self.headers["authorization"])
                    headers = {name.lower(): value for name, value in self.headers.items()}
                    message = Message(self.path, headers, body, claims, key)
                    service.keep(message)
                self.send_response(status)
                self.send_header("Content-Length", "0")
                self.end_headers()

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer((host, port), Handler)
        self.server.daemon_threads = True
        self.port = self.server.server_port
        self.origin = f"http://{host}:{self.port}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def keep(self, message):
        with self.lock:
            self.received.append(message)
            waiting = self.waiting.setdefault(message.path, [])
            topic = message.headers.get("topic")
            if topic:
                waiting[:] = [kept for kept in waiting if kept.headers.get("topic") != topic]
            waiting.append(message)

    def browser(self, name):
        return Browser(f"{self.origin}/push/{name}")

    def to(self, browser):
        path = browser.endpoint.removeprefix(self.origin)
        return [message for message in self.received if message.path == path]

    def wait_for(self, count, timeout=30):
        deadline = time.monotonic() + timeout
        while len(self.received) < count and time.monotonic() < deadline:
            time.sleep(0.05)
        return self.received

    def close(self):
        self.server.shutdown()
        self.server.server_close()
