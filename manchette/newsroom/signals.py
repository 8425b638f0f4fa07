"""Purge the cached pages a publication changes.

An article's own key purges every page that shows it (its page, lists,
sidebars, feeds); the keys of its section, tags and source purge the lists
it now joins, and their ``sidebar-`` keys, softly, the articles' sidebars
that list the newest of a section or tag; ``front``, ``feeds`` and
``sitemaps`` the site-wide ones.
Publishing the front page itself (a new lead or featured story) purges
``home``: what it shows is chosen there, and nothing else shows it. The
list keys (``front``, ``section-…``, ``tag-…``, ``feeds``) only say that a
story joined a list, and the page cache renders those pages again a moment
later, serving them stale meanwhile; an article's own key drops every page
that shows it at once.
Only what readers could see counts: saving a draft purges nothing. Every
purge is written when the transaction commits (see ``manchette.core.cache``).
The receivers are connected in ``apps.py``.
"""

from manchette.core.cache import purge, purge_all

from .models import ArticlePage, HomePage, SectionPage


def list_keys(kind, name):
    """The list's own pages, and the article sidebars that show it (purged softly)."""
    return [f"{kind}-{name}", f"sidebar-{kind}-{name}"]


def article_keys(article):
    return [
        f"article-{article.pk}",
        *list_keys("section", article.get_parent().pk),
        f"source-{article.source_id}",
        *(key for tag in article.tags.all() for key in list_keys("tag", tag.slug)),
        "front",
        "feeds",
        "sitemaps",
    ]


def purge_page(page, *extra_keys):
    if isinstance(page, ArticlePage):
        purge(*article_keys(page), *extra_keys)
    elif isinstance(page, HomePage):
        purge("home", *extra_keys)
    elif isinstance(page, SectionPage):
        # Every page's navigation lists the sections; they change rarely.
        purge_all()


def purge_published(sender, instance, **kwargs):
    # A publication scheduled for later changes nothing readers see yet.
    if instance.live:
        purge_page(instance)


def purge_unpublished(sender, instance, **kwargs):
    # Wagtail also unpublishes a live page before deleting it, tags still on.
    purge_page(instance)


def purge_moved(sender, instance, parent_page_before, **kwargs):
    page = instance.specific
    if page.live:
        purge_page(page, *list_keys("section", parent_page_before.pk))


def purge_source(sender, instance, created=False, **kwargs):
    # A new source is on no page yet.
    if not created:
        purge(f"source-{instance.pk}", f"credit-{instance.pk}")


def purge_tag(sender, instance, created=False, **kwargs):
    # A draft may create a tag: no published page carries it yet.
    if not created:
        purge(*list_keys("tag", instance.slug))
