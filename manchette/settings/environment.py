"""Reading production settings from the environment: each variable checked, or a clear refusal.

A missing or malformed variable stops the server at start-up with a sentence
that names the variable and shows a good value, rather than a site that
half works (mail in the log, links to 127.0.0.1, every reader behind one
address).
"""

import ipaddress
import os
from urllib.parse import urlsplit

import dj_email_url
from django.core.exceptions import ImproperlyConfigured

SMTP = "django.core.mail.backends.smtp.EmailBackend"
MAIL_SCHEMES = ("smtp", "submission", "submit", "smtps")


def required(name, example):
    value = os.environ.get(name, "").strip()
    if not value:
        raise ImproperlyConfigured(f"{name} is not set. For example: {name}={example}")
    return value


def listed(name):
    """A comma-separated variable as a list, blanks dropped."""
    return [item.strip() for item in os.environ.get(name, "").split(",") if item.strip()]


def switch(name, default):
    value = os.environ.get(name, default).strip()
    if value not in ("0", "1"):
        raise ImproperlyConfigured(f"{name} must be 1 or 0, not {value!r}.")
    return value == "1"


def number(name, default):
    value = os.environ.get(name, str(default)).strip()
    if not value.isdigit():
        raise ImproperlyConfigured(f"{name} must be a whole number of seconds, not {value!r}.")
    return int(value)


def site_url(name, example, https):
    """An absolute http(s) address without a path, such as the admin's base URL."""
    value = required(name, example)
    parts = urlsplit(value)
    if parts.scheme not in ("http", "https") or not parts.hostname or parts.path not in ("", "/"):
        raise ImproperlyConfigured(f"{name} must be the site's address, such as {example}.")
    if https and parts.scheme != "https":
        raise ImproperlyConfigured(f"{name} must start with https:// when HTTPS=1.")
    return value.rstrip("/")


def origins(name, example):
    found = listed(name)
    for origin in found:
        parts = urlsplit(origin)
        if parts.scheme not in ("http", "https") or not parts.hostname or parts.path:
            raise ImproperlyConfigured(
                f"{name}: {origin!r} is not an origin; write scheme and host, such as {example}."
            )
    return found


def networks(name):
    found = listed(name)
    for entry in found:
        try:
            ipaddress.ip_network(entry, strict=False)
        except ValueError:
            raise ImproperlyConfigured(
                f"{name}: {entry!r} is not an address or network, such as 10.0.0.2 or 10.0.0.0/24."
            ) from None
    return found


def mailers(name, example):
    """MAILERS from an SMTP address such as smtp://user:password@mail.example:587/?tls=1.

    The console and file backends are refused: in production they would write
    password-reset and comment links where the operator, not the reader, reads them.
    """
    value = required(name, example)
    scheme = urlsplit(value).scheme
    if scheme not in MAIL_SCHEMES:
        raise ImproperlyConfigured(
            f"{name} must be an SMTP address ({', '.join(MAIL_SCHEMES)}), such as {example}; "
            f"{scheme or 'no scheme'}:// is for development only."
        )
    try:
        parsed = dj_email_url.parse(value)
    except ValueError as error:
        raise ImproperlyConfigured(f"{name} could not be read: {error}.") from None
    options = {
        "host": parsed["EMAIL_HOST"],
        "port": parsed["EMAIL_PORT"],
        "username": parsed["EMAIL_HOST_USER"] or "",
        "password": parsed["EMAIL_HOST_PASSWORD"] or "",
        "use_tls": parsed["EMAIL_USE_TLS"],
        "use_ssl": parsed["EMAIL_USE_SSL"],
        "timeout": parsed["EMAIL_TIMEOUT"] or 30,
    }
    if not options["host"]:
        raise ImproperlyConfigured(f"{name} names no mail server, such as {example}.")
    return {"default": {"BACKEND": SMTP, "OPTIONS": options}}
