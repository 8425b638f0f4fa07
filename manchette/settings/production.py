"""Production: everything secret or site-specific comes from the environment.

Required: SECRET_KEY, ALLOWED_HOSTS, WAGTAILADMIN_BASE_URL, EMAIL_URL.
Optional: DATABASE_URL (default: the SQLite file in ./var/), REDIS_URL,
CSRF_TRUSTED_ORIGINS, MANCHETTE_TRUSTED_PROXIES, DEFAULT_FROM_EMAIL, HTTPS
(default 1: secure cookies, HTTPS redirect, HSTS), HSTS_SECONDS,
HSTS_INCLUDE_SUBDOMAINS, HSTS_PRELOAD. See docs/settings.md and docs/proxy.md.
"""

import os
from urllib.parse import urlsplit

import dj_database_url

from . import environment as env
from .base import *  # noqa: F403

DEBUG = False

SECRET_KEY = env.required(
    "SECRET_KEY", "\"$(python -c 'import secrets; print(secrets.token_urlsafe(50))')\""
)
ALLOWED_HOSTS = env.listed("ALLOWED_HOSTS") or env.required(
    "ALLOWED_HOSTS", "news.example,www.news.example"
)

HTTPS = env.switch("HTTPS", "1")
WAGTAILADMIN_BASE_URL = env.site_url("WAGTAILADMIN_BASE_URL", "https://news.example", HTTPS)
CSRF_TRUSTED_ORIGINS = env.origins("CSRF_TRUSTED_ORIGINS", "https://news.example")
MANCHETTE_TRUSTED_PROXIES = env.networks("MANCHETTE_TRUSTED_PROXIES")

MAILERS = env.mailers("EMAIL_URL", "smtp://user:password@mail.news.example:587/?tls=1")
DEFAULT_FROM_EMAIL = os.environ.get(
    "DEFAULT_FROM_EMAIL", f"noreply@{urlsplit(WAGTAILADMIN_BASE_URL).hostname}"
)
SERVER_EMAIL = DEFAULT_FROM_EMAIL

if os.environ.get("DATABASE_URL"):
    DATABASES = {"default": dj_database_url.parse(os.environ["DATABASE_URL"], conn_max_age=600)}

if os.environ.get("REDIS_URL"):
    CACHES = {
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": os.environ["REDIS_URL"],
        },
        "comments": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": os.environ["REDIS_URL"],
            "KEY_PREFIX": "comments",
        },
    }

# Behind a TLS proxy (docs/proxy.md) the scheme comes from X-Forwarded-Proto.
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE = SECURE_SSL_REDIRECT = HTTPS
SECURE_HSTS_SECONDS = env.number("HSTS_SECONDS", 365 * 24 * 3600) if HTTPS else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = env.switch("HSTS_INCLUDE_SUBDOMAINS", "1")
SECURE_HSTS_PRELOAD = env.switch("HSTS_PRELOAD", "1")
