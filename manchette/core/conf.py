"""manchette's own settings, each declared once with its default and help text.

Read them with ``setting("NAME")``: a value in Django settings wins, the
default below applies otherwise. ``tests/core/test_settings_doc.py`` fails
when one of them is missing from docs/settings.md.
"""

from dataclasses import dataclass

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
        "Folder of the purge log shared by all server processes (default: var/cache).",
    ),
    Setting(
        "MANCHETTE_PAGE_CACHE_ENTRIES",
        5000,
        "Most pages each server process keeps in its page cache.",
    ),
    Setting(
        "MANCHETTE_SERVE_MEDIA",
        True,
        "Let Django serve uploaded images and their renditions (turn off behind a web server that does).",
    ),
    Setting(
        "MANCHETTE_BYPASS_COOKIES",
        ["sessionid"],
        "Cookies whose presence sends a request past the page cache (editors, comment authors).",
    ),
]

_DEFAULTS = {s.name: s.default for s in SETTINGS}


def setting(name):
    """The value of one of manchette's settings."""
    if name not in _DEFAULTS:
        raise KeyError(f"{name} is not a manchette setting; declare it in manchette.core.conf")
    return getattr(settings, name, _DEFAULTS[name])
