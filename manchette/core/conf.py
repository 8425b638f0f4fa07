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
        "MANCHETTE_SERVE_MEDIA",
        True,
        "Let Django serve uploaded images and their renditions "
        "(turn off behind a web server that does).",
    ),
    Setting(
        "MANCHETTE_BYPASS_COOKIES",
        ["sessionid", "manchette_commenter"],
        "Cookies whose presence sends a request past the page cache (editors, comment authors).",
    ),
]

# Apps that declare their own settings in ``<app>/conf.py`` (a SETTINGS list).
APPS_WITH_SETTINGS = [
    "manchette.comments",
    "manchette.wire",
    "manchette.listen",
    "manchette.live",
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
