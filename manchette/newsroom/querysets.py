"""What "published" means, once, for pages, lists, feeds, sitemaps, search and comments.

``ArticleQuerySet.published()`` is the definition; everything public asks it.
"""

from django.db.models import Q
from wagtail.models import PageManager, PageViewRestriction
from wagtail.query import PageQuerySet


def restricted_q():
    """Pages in a private section, as Wagtail's ``PageQuerySet.public()`` excludes them.

    The same condition (the restricted page and its descendants), built from the
    restricted pages' paths alone rather than from whole pages.
    """
    q = Q()
    for path, depth in PageViewRestriction.objects.values_list("page__path", "page__depth"):
        q |= Q(path__startswith=path, depth__gte=depth)
    return q if q else Q(pk__in=[])


class ArticleQuerySet(PageQuerySet):
    def published(self):
        """Live, not behind a privacy restriction, and with a publication time.

        Drafts, scheduled (go-live in the future) and unpublished articles are
        not live, so they appear nowhere public.
        """
        return self.live().exclude(restricted_q()).filter(first_published_at__isnull=False)

    def newest_first(self):
        return self.order_by("-first_published_at", "-pk")

    def for_lists(self):
        return self.select_related("source", "cover").defer_streamfields()


ArticleManager = PageManager.from_queryset(ArticleQuerySet)
