"""The index follows publication: published articles in, unpublished ones out."""

from manchette.newsroom.models import ArticlePage

from .index import forget_article, index_articles, rebuild


def index_published(sender, instance, **kwargs):
    # A publication scheduled for later changes nothing readers can find yet.
    if isinstance(instance, ArticlePage) and instance.live:
        index_articles([instance])


def forget_unpublished(sender, instance, **kwargs):
    if isinstance(instance, ArticlePage):
        forget_article(instance)


def index_after_migrate(sender, apps=None, **kwargs):
    """Articles published before the index existed (or past it, in bulk) are found too."""
    # ``apps`` is the migrated state (None when a test flushes the database).
    if apps is not None:
        try:
            apps.get_model("search", "SearchEntry")
        except LookupError:
            return  # migrated back to before the index: nothing to fill
    rebuild(missing_only=True)
