"""The VAPID key (RFC 8292) that tells push services the alerts come from us.

Browsers tie a subscription to the public key they were given when it was
made, so the key must stay the same on every node and across restarts: it
comes from ``MANCHETTE_PUSH_VAPID_PRIVATE_KEY``, or is generated once and
kept in the database.
"""

import base64
from functools import cache

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec
from django.core.exceptions import ImproperlyConfigured
from py_vapid import Vapid02

from manchette.core.conf import setting

from .models import VapidKey


@cache
def signing_key():
    """The VAPID signer (a py_vapid object, which pywebpush takes as it is)."""
    pem = setting("MANCHETTE_PUSH_VAPID_PRIVATE_KEY") or _stored_pem()
    try:
        key = serialization.load_pem_private_key(pem.encode(), password=None)
    except ValueError as error:
        raise ImproperlyConfigured(
            f"MANCHETTE_PUSH_VAPID_PRIVATE_KEY is not a PEM private key: {error}"
        ) from error
    if not isinstance(key, ec.EllipticCurvePrivateKey) or key.curve.name != "secp256r1":
        raise ImproperlyConfigured(
            "MANCHETTE_PUSH_VAPID_PRIVATE_KEY must be a P-256 (prime256v1) key: "
            "openssl ecparam -name prime256v1 -genkey -noout"
        )
    return Vapid02(key)


def application_server_key():
    """The public key as the browser's ``pushManager.subscribe()`` wants it (base64url)."""
    point = signing_key().public_key.public_bytes(
        serialization.Encoding.X962, serialization.PublicFormat.UncompressedPoint
    )
    return base64.urlsafe_b64encode(point).rstrip(b"=").decode()


def _stored_pem():
    stored = VapidKey.objects.order_by("pk").first()
    if stored is None:
        pem = ec.generate_private_key(ec.SECP256R1()).private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
        VapidKey.objects.create(private_pem=pem.decode())
        # Two nodes starting at once may both have made one: the first stored wins.
        stored = VapidKey.objects.order_by("pk").first()
    return stored.private_pem
