"""What "published" means, once, for pages, lists, feeds, sitemaps and search."""

from wagtail.models import PageManager
from wagtail.query import PageQuerySet


class ArticleQuerySet(PageQuerySet):
    def published(self):
        """Live, not behind a privacy restriction, and with a publication time.

        Drafts, scheduled (go-live in the future) and unpublished articles are
        not live, so they appear nowhere public.
        """
        return self.live().public().filter(first_published_at__isnull=False)

    def newest_first(self):
        return self.order_by("-first_published_at", "-pk")

    def for_lists(self):
        return self.select_related("source", "cover").defer_streamfields()


ArticleManager = PageManager.from_queryset(ArticleQuerySet)
