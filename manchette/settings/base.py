"""Settings shared by every environment.

Settings of manchette's own are declared once in ``manchette.core.conf``
with their default and help text; this module only wires Django and Wagtail.
"""

from pathlib import Path

from django.utils.translation import gettext_lazy as _

PACKAGE_DIR = Path(__file__).resolve().parent.parent
BASE_DIR = PACKAGE_DIR.parent
VAR_DIR = BASE_DIR / "var"

INSTALLED_APPS = [
    "manchette.core",
    "manchette.newsroom",
    "manchette.syndication",
    "manchette.search",
    "manchette.comments",
    "manchette.wire",
    "manchette.listen",
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
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
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
]

ROOT_URLCONF = "manchette.urls"
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
    # Comment rate limits must be counted across every server process.
    "comments": {
        "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
        "LOCATION": VAR_DIR / "cache" / "comments",
        "OPTIONS": {"MAX_ENTRIES": 10_000},
    },
}

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

TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

WAGTAIL_SITE_NAME = "manchette"
WAGTAIL_I18N_ENABLED = False
WAGTAILADMIN_BASE_URL = "http://127.0.0.1:8000"
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
WAGTAILIMAGES_EXTENSIONS = ["gif", "jpg", "jpeg", "png", "webp"]
WAGTAILDOCS_EXTENSIONS = ["pdf", "txt", "odt", "docx"]
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
