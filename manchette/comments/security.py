"""Who is posting, from where, and whether the form is one we gave out.

Article pages reach most readers from the page cache, the same bytes for
everyone, so nothing in them can belong to one reader: no CSRF cookie, no
per-reader token. The comment form is protected in ways that survive that:

- **The form token** is a salted HMAC (``django.core.signing``) over the
  article and the time the page was rendered, the same for every reader of
  that rendering. A post whose token names another article, or whose
  signature does not match, is refused with one opaque 400; a post sooner
  than ``MANCHETTE_COMMENTS_MIN_SECONDS`` after the token was issued (a
  script, not a person) or later than ``MANCHETTE_COMMENTS_TOKEN_MAX_AGE``
  is refused with an error that says what to do. The enhancement script
  asks ``/comments/api/<id>/token/`` for a fresh token when the page's is
  getting old.
- **The origin check** stands in for CSRF on the plain form: browsers say
  where a post comes from (``Sec-Fetch-Site``, else ``Origin``, else
  ``Referer``), and a post from another site is refused. The JSON API,
  which the script calls after fetching a token (a response that can set
  a cookie), uses Django's CSRF protection (cookie + ``X-CSRFToken``).
- **The author cookie** ``manchette_commenter`` is a signed random token;
  comments store only its SHA-256, which lets their author see them while
  held and edit or delete them for a while. The cookie sends its holder
  past the page cache (``MANCHETTE_BYPASS_COOKIES``).
"""

import hashlib
import ipaddress
import secrets
import time
from dataclasses import dataclass
from urllib.parse import urlsplit

from django.conf import settings
from django.core import signing
from django.utils.crypto import salted_hmac
from django.utils.http import url_has_allowed_host_and_scheme

from manchette.core.conf import setting
from manchette.core.proxies import client_address

FORM_SALT = "manchette.comments.form"
AUTHOR_SALT = "manchette.comments.author"
AUTHOR_COOKIE = "manchette_commenter"


class TokenError(Exception):
    """The form token is refused; ``reason`` is tampered, too_fast or too_old."""

    def __init__(self, reason):
        super().__init__(reason)
        self.reason = reason


def issue_token(article_id, now=None):
    issued = int(time.time() if now is None else now)
    return signing.Signer(salt=FORM_SALT).sign(f"{article_id}:{issued}")


def token_period(now=None):
    """The stretch of MANCHETTE_COMMENTS_TOKEN_REFRESH seconds that now falls in.

    Written into the comment form, it changes the page's ETag once a stretch,
    the same on every node: a browser's copy of the page (answered 304) then
    never holds a token older than one stretch plus the caches' maximum age,
    so a reader without JavaScript is not told that a fresh page's form expired.
    """
    issued = int(time.time() if now is None else now)
    return issued // setting("MANCHETTE_COMMENTS_TOKEN_REFRESH")


def token_issued_at(token):
    """When a (valid) token was issued, for the script to know when to refresh it."""
    return int(signing.Signer(salt=FORM_SALT).unsign(token).split(":")[1])


def check_token(token, article_id, now=None):
    """Raise TokenError unless the token was issued for this article, long enough ago."""
    try:
        target, issued = signing.Signer(salt=FORM_SALT).unsign(token or "").split(":")
        target, issued = int(target), int(issued)
    except (signing.BadSignature, ValueError) as error:
        raise TokenError("tampered") from error
    if target != article_id:
        raise TokenError("tampered")
    age = (time.time() if now is None else now) - issued
    if age < setting("MANCHETTE_COMMENTS_MIN_SECONDS"):
        raise TokenError("too_fast")
    if age > setting("MANCHETTE_COMMENTS_TOKEN_MAX_AGE"):
        raise TokenError("too_old")


def same_origin(request):
    """Whether the browser says this post comes from a page of this site.

    Requests with none of the three headers come from programs rather than
    browsers, which carry no reader's cookies to abuse; the token still applies.
    """
    fetch_site = request.headers.get("Sec-Fetch-Site")
    if fetch_site is not None:
        return fetch_site == "same-origin"
    source = request.headers.get("Origin") or request.headers.get("Referer")
    if source is None:
        return True
    parts = urlsplit(source)
    if not parts.scheme or not parts.netloc:
        return False  # "null" and other opaque origins
    origin = f"{parts.scheme}://{parts.netloc}"
    if origin in settings.CSRF_TRUSTED_ORIGINS:
        return True
    return url_has_allowed_host_and_scheme(
        origin + "/",
        allowed_hosts={request.get_host()},
        require_https=request.is_secure(),
    )


def network_of(address):
    """The network stored and rate-limited instead of the address: /24 for IPv4, /64 for IPv6."""
    if address is None:
        return ""
    if address.version == 6 and address.ipv4_mapped:
        address = address.ipv4_mapped
    prefix = 24 if address.version == 4 else 64
    return str(ipaddress.ip_network(f"{address}/{prefix}", strict=False))


@dataclass
class Reader:
    """What the comment code knows of whoever sent the request."""

    network: str
    user_agent: str
    author_token: str | None

    @property
    def author_hash(self):
        return token_hash(self.author_token) if self.author_token else ""

    @property
    def fingerprint(self):
        """Who counts as one reader for flags: a keyed hash of the network."""
        return salted_hmac("manchette.comments.flag", self.network, algorithm="sha256").hexdigest()


def token_hash(token):
    return hashlib.sha256(token.encode()).hexdigest()


def reader_of(request):
    cached = getattr(request, "_comments_reader", None)
    if cached is None:
        cached = request._comments_reader = Reader(
            network=network_of(client_address(request)),
            user_agent=request.headers.get("User-Agent", "")[:200],
            author_token=request.get_signed_cookie(AUTHOR_COOKIE, default=None, salt=AUTHOR_SALT),
        )
    return cached


def ensure_author_token(reader):
    if not reader.author_token:
        reader.author_token = secrets.token_urlsafe(24)
    return reader.author_token


def set_author_cookie(request, response, reader):
    response.set_signed_cookie(
        AUTHOR_COOKIE,
        reader.author_token,
        salt=AUTHOR_SALT,
        max_age=setting("MANCHETTE_COMMENTS_AUTHOR_COOKIE_DAYS") * 24 * 3600,
        secure=request.is_secure(),
        httponly=True,
        samesite="Lax",
    )
