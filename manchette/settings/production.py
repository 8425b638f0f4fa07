"""Production: everything secret or site-specific comes from the environment.

SECRET_KEY is required; DATABASE_URL (default: the SQLite file in ./var/),
REDIS_URL (cache, rate limits and purges) and ALLOWED_HOSTS are optional.
"""

import os

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403

DEBUG = False

SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    raise ImproperlyConfigured(
        "SECRET_KEY is not set. Export a long random value, for example: "
        "SECRET_KEY=\"$(python -c 'import secrets; print(secrets.token_urlsafe(50))')\""
    )

ALLOWED_HOSTS = [h.strip() for h in os.environ.get("ALLOWED_HOSTS", "").split(",") if h.strip()]

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
    # Purges reach every server process of every node through it.
    MANCHETTE_PURGE_REDIS_URL = os.environ["REDIS_URL"]

# The shared caches in front that every purge also reaches (docs/cache.md).
MANCHETTE_VARNISH_URLS = [
    url.strip() for url in os.environ.get("MANCHETTE_VARNISH_URLS", "").split(",") if url.strip()
]
MANCHETTE_FASTLY_SERVICE_ID = os.environ.get("MANCHETTE_FASTLY_SERVICE_ID", "")
MANCHETTE_FASTLY_API_TOKEN = os.environ.get("MANCHETTE_FASTLY_API_TOKEN", "")
MANCHETTE_CLOUDFLARE_ZONE_ID = os.environ.get("MANCHETTE_CLOUDFLARE_ZONE_ID", "")
MANCHETTE_CLOUDFLARE_API_TOKEN = os.environ.get("MANCHETTE_CLOUDFLARE_API_TOKEN", "")

if os.environ.get("WAGTAILADMIN_BASE_URL"):
    WAGTAILADMIN_BASE_URL = os.environ["WAGTAILADMIN_BASE_URL"]

CSRF_COOKIE_SECURE = os.environ.get("HTTPS", "1") == "1"
SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE
