"""Requests that came through our own reverse proxies (MANCHETTE_TRUSTED_PROXIES).

Behind nginx every request's peer is nginx: the reader's address and the
scheme they used are in ``X-Forwarded-For`` and ``X-Forwarded-Proto``. Those
headers are believed only when the peer is one of our proxies; from anyone
else they are the reader's own words and are ignored.
"""

import ipaddress
from functools import cache

from django.conf import settings

from manchette.core.conf import setting

FORWARDED_PROTO = "HTTP_X_FORWARDED_PROTO"


@cache
def _networks(entries):
    return tuple(ipaddress.ip_network(entry, strict=False) for entry in entries)


def _address(text):
    try:
        return ipaddress.ip_address(text.strip())
    except ValueError:
        return None


def _trusted(address):
    networks = _networks(tuple(setting("MANCHETTE_TRUSTED_PROXIES")))
    return address is not None and any(address in network for network in networks)


def client_address(request):
    """The reader's address: the peer's, or what trusted proxies say it is."""
    return environ_address(request.META)


def environ_address(environ):
    """client_address read from a WSGI environ (``request.META``), for what answers before Django.

    ``X-Forwarded-For`` is read from the right (the entry our own proxy
    added) and the first address that is not one of our proxies is the
    reader's; anything a reader put in the header themselves sits to its left.
    """
    peer = _address(environ.get("REMOTE_ADDR", ""))
    if not _trusted(peer):
        return peer
    hops = environ.get("HTTP_X_FORWARDED_FOR", "").split(",")
    for hop in reversed(hops):
        address = _address(hop)
        if address is None:
            break
        if not _trusted(address):
            return address
    return peer


def secure(environ):
    """Whether Django will take this request for https (``request.is_secure()``), read from its
    WSGI environ before TrustedProxyMiddleware runs: for the page cache, which answers first.

    As Django reads it: the header of SECURE_PROXY_SSL_HEADER when present (here only from a
    trusted proxy, since the middleware drops it otherwise), else the server's own scheme.
    """
    header, secure_value = settings.SECURE_PROXY_SSL_HEADER or (None, None)
    forwarded = environ.get(header) if header else None
    if forwarded is not None and _trusted(_address(environ.get("REMOTE_ADDR", ""))):
        return forwarded.split(",", 1)[0].strip() == secure_value
    return environ.get("wsgi.url_scheme") == "https"


def client_ip(request):
    """client_address as text, for django-axes (AXES_CLIENT_IP_CALLABLE)."""
    address = client_address(request)
    return str(address) if address else None


class TrustedProxyMiddleware:
    """Drop ``X-Forwarded-Proto`` unless a trusted proxy sent it.

    Django reads the scheme from that header (SECURE_PROXY_SSL_HEADER); from
    an untrusted peer it would let anyone claim HTTPS, so it goes first.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if FORWARDED_PROTO in request.META and not _trusted(
            _address(request.META.get("REMOTE_ADDR", ""))
        ):
            del request.META[FORWARDED_PROTO]
        return self.get_response(request)
