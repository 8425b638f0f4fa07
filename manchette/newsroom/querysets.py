"""What "published" means, once, for pages, lists, feeds, sitemaps, search and comments.

``ArticleQuerySet.published()`` is the definition; everything public asks it.
"""

from django.db.models import Prefetch, Q
from wagtail.images import get_image_model
from wagtail.images.models import Filter
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

    def with_pictures(self, *specs):
        """For lists that show each story's cover: covers and renditions in two queries in all.

        ``specs`` are the filter specs the template's ``srcset_image`` asks for,
        braces and all ("fill-{320x180,640x360}"): the renditions found here are
        the ones the tag then uses, without a query per story.
        """
        renditions = [spec for pattern in specs for spec in Filter.expand_spec(pattern)]
        covers = get_image_model().objects.prefetch_renditions(*renditions)
        # The cover comes with its renditions through the prefetch, not through a join.
        return (
            self.select_related(None)
            .select_related("source")
            .prefetch_related(Prefetch("cover", queryset=covers))
            .defer_streamfields()
        )


ArticleManager = PageManager.from_queryset(ArticleQuerySet)
