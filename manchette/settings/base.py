"""Settings shared by every environment.

Settings of manchette's own are declared once in ``manchette.core.conf``
with their default and help text; this module only wires Django and Wagtail.
"""

import os
from datetime import timedelta
from pathlib import Path

from django.core.exceptions import ImproperlyConfigured
from django.utils.csp import CSP
from django.utils.translation import gettext_lazy as _

PACKAGE_DIR = Path(__file__).resolve().parent.parent
BASE_DIR = PACKAGE_DIR.parent
# Everything a node keeps on its own disk lives here: the SQLite database
# (without DATABASE_URL), the page cache's purge log, comment rate limits
# without Redis, the wire's drop folder, local media and audio, static files.
VAR_DIR = Path(os.environ.get("MANCHETTE_VAR_DIR") or "var").resolve()
if VAR_DIR.exists() and not VAR_DIR.is_dir():
    raise ImproperlyConfigured(
        f"MANCHETTE_VAR_DIR is {VAR_DIR}, which is not a folder: "
        "point it at a folder (it is created if missing)."
    )

INSTALLED_APPS = [
    "manchette.core",
    "manchette.newsroom",
    "manchette.syndication",
    "manchette.search",
    "manchette.comments",
    "manchette.wire",
    "manchette.listen",
    "manchette.push",
    "manchette.live",
    "wagtail.contrib.routable_page",
    "wagtail.contrib.settings",
    "wagtail.contrib.sitemaps",
    "wagtail.contrib.redirects",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    # Wagtail's database search backend needs it on PostgreSQL; harmless on SQLite.
    "django.contrib.postgres",
    "django_tasks_db",
    "axes",
]

MIDDLEWARE = [
    # Before anything reads the scheme: X-Forwarded-Proto only from our own proxies.
    "manchette.core.proxies.TrustedProxyMiddleware",
    # Then the one that sees every other middleware's Vary on the way out.
    "manchette.core.middleware.LanguageVaryMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    # After the CSP middleware: the admin's looser policy, Permissions-Policy everywhere.
    "manchette.core.headers.SecurityHeadersMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # ConditionalGet answers 304 from the Last-Modified that the inner one sets.
    "django.middleware.http.ConditionalGetMiddleware",
    "manchette.core.middleware.ReaderCacheHeadersMiddleware",
    # Last, as django-axes asks: it turns a locked-out sign-in into the lock-out page.
    "axes.middleware.AxesMiddleware",
]

# Believed only from MANCHETTE_TRUSTED_PROXIES: TrustedProxyMiddleware drops it otherwise.
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

# Reader pages: everything from the site itself, no inline script or style, no plug-ins,
# no framing by others. The admin's policy is manchette.core.headers.ADMIN_CSP.
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF],
    "media-src": [CSP.SELF],
    "font-src": [CSP.SELF],
    "connect-src": [CSP.SELF],
    "manifest-src": [CSP.SELF],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.SELF],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.SELF],
}

ROOT_URLCONF = "manchette.urls"
# The comments' JSON API answers a CSRF failure in JSON, as its other errors.
CSRF_FAILURE_VIEW = "manchette.comments.api.csrf_failure"
WSGI_APPLICATION = "manchette.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
                "manchette.core.context_processors.site_chrome",
            ],
        },
    },
]

DATABASES = {
    "default": {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": VAR_DIR / "manchette.sqlite3",
        # Each server thread keeps its connection: opening one (with the
        # pragmas below) cost a quarter of a comment post's time.
        "CONN_MAX_AGE": None,
        # WAL lets readers keep reading while an editor or the worker writes.
        "OPTIONS": {
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
        },
    }
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
    },
    # Comment rate limits must be counted across every server process, and exactly:
    # diskcache increments in an SQLite transaction, where Django's file cache reads
    # and rewrites a file, losing the counts of posts that arrive at the same time.
    "comments": {
        "BACKEND": "diskcache.DjangoCache",
        "LOCATION": str(VAR_DIR / "cache" / "comments"),
    },
}

# Sign-in throttling (django-axes): after AXES_FAILURE_LIMIT failed sign-ins, the user name
# is locked everywhere and the address for every user name, for AXES_COOLOFF_TIME. An
# administrator lifts it with `manchette axes_reset_username NAME` or `axes_reset_ip ADDRESS`.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = 10
AXES_COOLOFF_TIME = timedelta(minutes=15)
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_RESET_ON_SUCCESS = True
AXES_CLIENT_IP_CALLABLE = "manchette.core.proxies.client_ip"
AXES_LOCKOUT_CALLABLE = "manchette.core.views.locked_out"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
]

LANGUAGE_CODE = "fr"
LANGUAGES = [
    ("fr", _("French")),
    ("nl", _("Dutch")),
    ("de", _("German")),
    ("en", _("English")),
]
LANGUAGE_COOKIE_NAME = "manchette_language"
LANGUAGE_COOKIE_AGE = 365 * 24 * 3600
LOCALE_PATHS = [PACKAGE_DIR / "locale"]
TIME_ZONE = "Europe/Brussels"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
MEDIA_URL = "/media/"
MEDIA_ROOT = VAR_DIR / "media"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
WHITENOISE_MAX_AGE = 3600

# Audio has its own queue and worker, so that ingest and indexing never wait behind a reading.
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default", "audio"]}}

WAGTAIL_SITE_NAME = "manchette"
# Editors' avatars are their own uploads or initials: no request to a third-party avatar site.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
# Nor to Wagtail's release feed: the admin makes no request outside the site.
WAGTAIL_ENABLE_UPDATE_CHECK = False
WAGTAIL_I18N_ENABLED = False
WAGTAILADMIN_BASE_URL = "http://127.0.0.1:8000"
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
WAGTAILIMAGES_EXTENSIONS = ["gif", "jpg", "jpeg", "png", "webp"]
WAGTAILDOCS_EXTENSIONS = ["pdf", "txt", "odt", "docx"]
# Documents always through Wagtail's view, which refuses those of a login-restricted
# collection to anonymous readers (never a redirect to the file's public address).
WAGTAILDOCS_SERVE_METHOD = "serve_view"
WAGTAILDOCS_MAX_UPLOAD_SIZE = 20 * 1024 * 1024
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 20 * 1024 * 1024
# A 121-megapixel image took seconds and 780 MB per rendition: 40 MP is a large photo.
WAGTAILIMAGES_MAX_IMAGE_PIXELS = 40_000_000
TAGGIT_CASE_INSENSITIVE = True
# Tag URLs use Django's <slug:> converter: "Économie" must become "economie", not "économie".
TAGGIT_STRIP_UNICODE_WHEN_SLUGIFYING = True

DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "loggers": {
        "manchette": {"handlers": ["console"], "level": "INFO"},
        "django.request": {"handlers": ["console"], "level": "ERROR"},
    },
}
WAGTAIL_ALLOW_UNICODE_SLUGS = False

# Mail goes to the console until a site configures a real mailer.
MAILERS = {"default": {"BACKEND": "django.core.mail.backends.console.EmailBackend"}}
