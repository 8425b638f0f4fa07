"""Production: everything secret or site-specific comes from the environment.

Required: SECRET_KEY, ALLOWED_HOSTS, WAGTAILADMIN_BASE_URL, EMAIL_URL.
Optional: DATABASE_URL (default: the SQLite file in MANCHETTE_VAR_DIR),
REDIS_URL (cache, rate limits and purges), AWS_STORAGE_BUCKET_NAME (uploads
in an S3-compatible bucket), CSRF_TRUSTED_ORIGINS, MANCHETTE_TRUSTED_PROXIES,
DEFAULT_FROM_EMAIL, HTTPS (default 1: secure cookies, HTTPS redirect, HSTS),
HSTS_SECONDS, HSTS_INCLUDE_SUBDOMAINS, HSTS_PRELOAD. See docs/settings.md,
docs/proxy.md and docs/deploy.md (which a deployment of several nodes needs).
"""

import os
from urllib.parse import urlsplit

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

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

# Images, renditions, documents and audio in a bucket that every node shares. The
# other AWS_* variables are django-storages' own; keys may also come from boto3's
# usual places (AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, a profile, a role).
BUCKET_VARIABLES = (
    "AWS_STORAGE_BUCKET_NAME",
    "AWS_S3_ENDPOINT_URL",
    "AWS_S3_REGION_NAME",
    "AWS_S3_ADDRESSING_STYLE",
    "AWS_S3_SIGNATURE_VERSION",
    "AWS_S3_CUSTOM_DOMAIN",
    "AWS_LOCATION",
    "AWS_DEFAULT_ACL",
)
if os.environ.get("AWS_STORAGE_BUCKET_NAME"):
    for name in BUCKET_VARIABLES:
        if os.environ.get(name):
            globals()[name] = os.environ[name]
    endpoint = os.environ.get("AWS_S3_ENDPOINT_URL", "")
    if endpoint and (
        urlsplit(endpoint).scheme not in ("http", "https") or not urlsplit(endpoint).netloc
    ):
        raise ImproperlyConfigured(
            f"AWS_S3_ENDPOINT_URL is {endpoint!r}: give the S3 server's address, "
            "for example https://s3.example.net or http://127.0.0.1:9000."
        )
    if os.environ.get("AWS_S3_ADDRESSING_STYLE", "auto") not in ("auto", "path", "virtual"):
        raise ImproperlyConfigured("AWS_S3_ADDRESSING_STYLE must be auto, path or virtual.")
    STORAGES = {
        **STORAGES,  # noqa: F405
        "default": {"BACKEND": "manchette.core.media.BucketStorage"},
    }
    # Images are under /media/ on every node, which fetches them from the bucket,
    # unless the bucket has a domain of its own that pages link to.
    MANCHETTE_SERVE_MEDIA = not os.environ.get("AWS_S3_CUSTOM_DOMAIN")

# Behind a TLS proxy (docs/proxy.md) the scheme comes from X-Forwarded-Proto.
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE = SECURE_SSL_REDIRECT = HTTPS
SECURE_HSTS_SECONDS = env.number("HSTS_SECONDS", 365 * 24 * 3600) if HTTPS else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = env.switch("HSTS_INCLUDE_SUBDOMAINS", "1")
SECURE_HSTS_PRELOAD = env.switch("HSTS_PRELOAD", "1")
