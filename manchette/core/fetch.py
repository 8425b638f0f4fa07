"""Fetching an address from outside, safely: the one way the server fetches anything.

Feeds, ``manchette ingest URL`` and anything later go through ``fetch``. An
address given by an editor could otherwise make the server read its own
network (a local admin port, a cloud metadata service) and publish the
answer. So, on every hop of a redirect:

- only http and https;
- the host name is resolved here and every address it resolves to must be a
  public one (not loopback, private, link-local, multicast, reserved or
  unspecified, also when written as an integer, in hex or as an IPv4 address
  inside IPv6);
- the connection goes to the address that was checked (the URL is rewritten
  to it, the Host header and the TLS server name stay the original host), so
  a second DNS answer cannot swap it for another;
- the whole fetch has one deadline and the answer a size cap.

Every refusal and every connection failure gives the same sentence, so that
the error shown in the admin does not tell an open port from a closed one.
Hosts in MANCHETTE_FETCH_ALLOWED_HOSTS (a feed on the newsroom's own
network) skip the address check, nothing else.
"""

import ipaddress
import socket
import time
from dataclasses import dataclass

import httpx

from manchette.core.conf import setting

USER_AGENT = "manchette/1.0 (+https://github.com/manchette)"
REDIRECTS = {301, 302, 303, 307, 308}
MAX_REDIRECTS = 5
NAT64 = ipaddress.ip_network("64:ff9b::/96")


class FetchFailed(Exception):
    pass


@dataclass(frozen=True)
class Fetched:
    status: int
    body: bytes
    etag: str = ""
    last_modified: str = ""

    @property
    def not_modified(self):
        return self.status == 304


def unreachable(url):
    """The one sentence for a refused address, a failed connection and a timeout alike."""
    return FetchFailed(f"{url} could not be fetched.")


def public(address):
    """Whether an IP address is one the server may connect to for an outside fetch."""
    ip = ipaddress.ip_address(address)
    if ip.version == 6:
        # An IPv4 address carried inside an IPv6 one reaches that IPv4 address.
        embedded = ip.ipv4_mapped or ip.sixtofour or (ip.teredo or (None, None))[1]
        if embedded is None and ip in NAT64:
            embedded = ipaddress.IPv4Address(int(ip) & 0xFFFFFFFF)
        if embedded is not None and not public(embedded):
            return False
    return ip.is_global and not (ip.is_multicast or ip.is_reserved or ip.is_link_local)


def allowed_anyway(host):
    return host.lower().rstrip(".") in {
        name.lower().rstrip(".") for name in setting("MANCHETTE_FETCH_ALLOWED_HOSTS")
    }


def checked_address(url, address):
    """The IP to connect to for url, resolved once and checked; FetchFailed (about address)."""
    if url.scheme not in ("http", "https") or not url.host:
        raise unreachable(address)
    port = url.port or (443 if url.scheme == "https" else 80)
    try:
        answers = socket.getaddrinfo(url.host, port, type=socket.SOCK_STREAM)
    except (OSError, UnicodeError):
        raise unreachable(address) from None
    addresses = [answer[4][0] for answer in answers]
    # Every answer is checked, not only the first: the resolver may order them otherwise later.
    if not addresses or not (allowed_anyway(url.host) or all(map(public, addresses))):
        raise unreachable(address)
    return addresses[0]


def fetch(address, *, max_bytes, timeout, etag="", last_modified=""):
    """GET address within timeout seconds and max_bytes; a 304 says nothing changed."""
    deadline = time.monotonic() + timeout
    headers = {"User-Agent": USER_AGENT}
    if etag:
        headers["If-None-Match"] = etag
    if last_modified:
        headers["If-Modified-Since"] = last_modified
    try:
        url = httpx.URL(address)
    except httpx.InvalidURL:
        raise unreachable(address) from None
    # trust_env off: a proxy from the environment would fetch what the check refused.
    with httpx.Client(trust_env=False, follow_redirects=False) as client:
        for _hop in range(MAX_REDIRECTS + 1):
            response = _get(client, url, address, headers, deadline)
            try:
                if response.status_code in REDIRECTS and "Location" in response.headers:
                    url = url.join(response.headers["Location"])
                    continue
                return _read(address, response, max_bytes, deadline, etag, last_modified)
            except httpx.InvalidURL:
                raise unreachable(address) from None
            finally:
                response.close()
    raise unreachable(address)


def _get(client, url, address, headers, deadline):
    """One hop: url's checked address, with url's Host header and TLS server name."""
    pinned = url.copy_with(host=checked_address(url, address))
    remaining = deadline - time.monotonic()
    if remaining <= 0:
        raise unreachable(address)
    request = client.build_request(
        "GET",
        pinned,
        headers={**headers, "Host": url.netloc.decode("ascii")},
        timeout=httpx.Timeout(remaining),
        extensions={"sni_hostname": url.host},
    )
    try:
        return client.send(request, stream=True)
    except httpx.HTTPError:
        raise unreachable(address) from None


def _read(address, response, max_bytes, deadline, etag, last_modified):
    if response.status_code == 304:
        return Fetched(304, b"", etag, last_modified)
    if response.status_code != 200:
        raise FetchFailed(f"{address} answered HTTP {response.status_code}.")
    body = bytearray()
    try:
        for chunk in response.iter_bytes():
            body += chunk
            if len(body) > max_bytes:
                raise FetchFailed(f"{address} sent more than {max_bytes:,} bytes.")
            # A server dripping bytes would never trip the read timeout: the deadline holds.
            if time.monotonic() > deadline:
                raise unreachable(address)
    except httpx.HTTPError:
        raise unreachable(address) from None
    return Fetched(
        200,
        bytes(body),
        response.headers.get("ETag", ""),
        response.headers.get("Last-Modified", ""),
    )
