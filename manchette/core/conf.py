"""manchette's own settings, each declared once with its default and help text.

Read them with ``setting("NAME")``: a value in Django settings wins, the
default below applies otherwise. ``tests/core/test_settings.py`` fails
when one of them is missing from the docs/ folder.
"""

from dataclasses import dataclass
from functools import cache
from importlib import import_module

from django.conf import settings


@dataclass(frozen=True)
class Setting:
    name: str
    default: object
    help: str


SETTINGS = [
    Setting(
        "MANCHETTE_PUBLICATION_NAME",
        "manchette",
        "Name of the publication, shown in the masthead, feeds and the Google News sitemap.",
    ),
    Setting(
        "MANCHETTE_PAGE_SIZE",
        20,
        "Headlines per page on section, tag and source pages.",
    ),
    Setting(
        "MANCHETTE_FEED_SIZE",
        30,
        "Items in each RSS and Atom feed.",
    ),
    Setting(
        "MANCHETTE_NEWS_SITEMAP_DAYS",
        2,
        "Articles first published within this many days go into the Google News sitemap.",
    ),
    Setting(
        "MANCHETTE_UPDATE_GRACE_SECONDS",
        120,
        "A republish within this many seconds of the first publication is not shown as an update.",
    ),
    Setting(
        "MANCHETTE_PAGE_CACHE",
        True,
        "Serve anonymous readers' pages from the in-process page cache in front of Django.",
    ),
    Setting(
        "MANCHETTE_PAGE_CACHE_DIR",
        None,
        "Folder of the purge log and count shared by all server processes (default: var/cache).",
    ),
    Setting(
        "MANCHETTE_PAGE_CACHE_ENTRIES",
        5000,
        "Most pages each server process keeps in its page cache.",
    ),
    Setting(
        "MANCHETTE_PAGE_CACHE_MEGABYTES",
        64,
        "Most memory each server process gives its page cache; least recently read pages go first.",
    ),
    Setting(
        "MANCHETTE_CACHE_MAX_AGE",
        600,
        "Longest time, in seconds, that any cache keeps a page (each server process's page "
        "cache, Varnish, a CDN): purges drop pages sooner; this bounds what a lost purge costs.",
    ),
    Setting(
        "MANCHETTE_PURGE_REDIS_URL",
        None,
        "Redis address through which purges reach every server process on every node "
        "(set from REDIS_URL in production); without it, purges go through the purge log.",
    ),
    Setting(
        "MANCHETTE_VARNISH_URLS",
        [],
        "Addresses of the Varnish servers in front (shipped deploy/varnish/manchette.vcl), "
        "each sent every purge; MANCHETTE_VARNISH_URLS in production, comma-separated.",
    ),
    Setting(
        "MANCHETTE_FASTLY_SERVICE_ID",
        "",
        "Fastly service whose cache every purge also reaches, by surrogate key.",
    ),
    Setting(
        "MANCHETTE_FASTLY_API_TOKEN",
        "",
        "Fastly API token allowed to purge that service.",
    ),
    Setting(
        "MANCHETTE_FASTLY_API_URL",
        "https://api.fastly.com",
        "Fastly's API address (changed only to test against another server).",
    ),
    Setting(
        "MANCHETTE_CLOUDFLARE_ZONE_ID",
        "",
        "Cloudflare zone whose cache every purge also reaches, by cache tag "
        "(pages then carry a Cache-Tag header).",
    ),
    Setting(
        "MANCHETTE_CLOUDFLARE_API_TOKEN",
        "",
        "Cloudflare API token with the Cache Purge permission on that zone.",
    ),
    Setting(
        "MANCHETTE_CLOUDFLARE_API_URL",
        "https://api.cloudflare.com/client/v4",
        "Cloudflare's API address (changed only to test against another server).",
    ),
    Setting(
        "MANCHETTE_SERVE_MEDIA",
        False,
        "Let Django serve uploaded images and their renditions from the storage (on in "
        "development, and in production with a bucket but no bucket domain); documents go "
        "through Wagtail's view and audio through the listen app's, whatever this says.",
    ),
    Setting(
        "MANCHETTE_MEDIA_MAX_AGE",
        30 * 24 * 3600,
        "Seconds browsers and shared caches may keep an uploaded file (names are never reused).",
    ),
    Setting(
        "MANCHETTE_TASK_STALE_SECONDS",
        900,
        "A background task still running after this many seconds is taken for the work of a "
        "killed worker: the clock queues it again, and an audio reading may be taken over.",
    ),
    Setting(
        "MANCHETTE_BYPASS_COOKIES",
        ["sessionid", "manchette_commenter"],
        "Cookies whose presence sends a request past the page cache (editors, comment authors).",
    ),
    Setting(
        "MANCHETTE_FETCH_ALLOWED_HOSTS",
        [],
        "Host names the server may fetch from even though they resolve to a loopback, "
        "private or reserved address (a feed on the newsroom's own network).",
    ),
    Setting(
        "MANCHETTE_TRUSTED_PROXIES",
        [],
        "Addresses or networks of the reverse proxies in front of manchette; only a request "
        "from one of them has its client address read from `X-Forwarded-For` and its scheme "
        "from `X-Forwarded-Proto`.",
    ),
]

# Apps that declare their own settings in ``<app>/conf.py`` (a SETTINGS list).
APPS_WITH_SETTINGS = [
    "manchette.comments",
    "manchette.wire",
    "manchette.listen",
    "manchette.live",
    "manchette.push",
]


@cache
def all_settings():
    """Every manchette setting: the shared ones above and each app's own."""
    declared = list(SETTINGS)
    for app in APPS_WITH_SETTINGS:
        declared += import_module(f"{app}.conf").SETTINGS
    return {declared_setting.name: declared_setting for declared_setting in declared}


def setting(name):
    """The value of one of manchette's settings."""
    declared = all_settings().get(name)
    if declared is None:
        raise KeyError(f"{name} is not a manchette setting; declare it in manchette.core.conf")
    return getattr(settings, name, declared.default)
