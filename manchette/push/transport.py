"""Connections to push services, each to the address that was checked for it.

Before an alert goes out, each push service's host name is resolved and its
addresses checked (``subscriptions.endpoint_address``). If requests then
resolved the name again to connect, a second DNS answer (DNS rebinding)
could point the same name at the newsroom's own network after the check
said it was public. So the session that pywebpush sends with has a
transport that connects each request to the address checked for its
origin (scheme, host, port), and refuses an origin that was not checked (a
redirect elsewhere, say). The Host header and the TLS server name, used for
SNI and for checking the certificate, stay the endpoint's host name, so
that the push service sees the request it expects. Proxies from the
environment are ignored: one would connect where the check never looked.
"""

from urllib.parse import urlsplit

import requests
from requests.adapters import HTTPAdapter

DEFAULT_PORTS = {"http": 80, "https": 443}


def origin(url):
    """(scheme, host, port) of an address, the key under which its checked address is kept."""
    parts = urlsplit(url)
    scheme = parts.scheme.lower()
    try:
        port = parts.port or DEFAULT_PORTS.get(scheme)
    except ValueError:  # a port out of range: the endpoint's check refuses it
        port = parts.netloc
    return scheme, parts.hostname, port


class PinnedAdapter(HTTPAdapter):
    """A transport that connects only to checked addresses, each origin to its own.

    ``addresses`` maps an ``origin()`` to the IP address checked for it; it
    may be filled while the adapter is in use.
    """

    def __init__(self, addresses):
        super().__init__()
        self.addresses = addresses

    def get_connection_with_tls_context(self, request, verify, proxies=None, cert=None):
        host, pool = self.build_connection_pool_key_attributes(request, verify, cert)
        address = self.addresses.get(origin(request.url))
        if address is None:
            raise requests.ConnectionError(
                f"{request.url}: no checked address to connect to", request=request
            )
        if host["scheme"] == "https":
            # SNI and the certificate's check name the host, not the address.
            pool["server_hostname"] = host["host"]
        return self.poolmanager.connection_from_host(
            host=address, port=host["port"], scheme=host["scheme"], pool_kwargs=pool
        )

    def add_headers(self, request, **kwargs):
        # The connection names the address: the request names the host.
        request.headers["Host"] = urlsplit(request.url).netloc


def pinned_session(addresses):
    """A requests session whose every request goes to its origin's address in ``addresses``."""
    session = requests.Session()
    session.trust_env = False
    adapter = PinnedAdapter(addresses)
    session.mount("http://", adapter)
    session.mount("https://", adapter)
    return session
