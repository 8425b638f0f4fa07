"""What "published" means, once, for pages, lists, feeds, sitemaps, search and comments.

``ArticleQuerySet.published()`` is the definition; everything public asks it.
"""

from django.db.models import Exists, OuterRef, Prefetch, Q
from django.db.models.functions import Length, Substr
from wagtail.images import get_image_model
from wagtail.images.models import Filter
from wagtail.models import Page, PageManager, PageViewRestriction
from wagtail.query import PageQuerySet


def restricted():
    """Whether a page is in a private part of the site, as Wagtail's ``PageQuerySet.public()`` says.

    The same condition (a restriction on the page or one of its ancestors: a
    page whose path starts its own), written as a subquery of the query that
    lists the pages, where ``public()`` first reads every restriction.
    """
    return Exists(
        PageViewRestriction.objects.filter(
            page__path=Substr(OuterRef("path"), 1, Length("page__path"))
        )
    )


def ancestors_or_self():
    """In a subquery: the pages whose path starts the outer page's, itself included."""
    return Page.objects.filter(path=Substr(OuterRef("path"), 1, Length("path")))


def privacy_to_check():
    """Whether a page's view restrictions need looking up (see ``ReaderPage``).

    Only a restriction on the page or above it, or an alias among them (whose
    original's restrictions apply), can make a reader page private.
    """
    return Exists(
        ancestors_or_self().filter(Q(view_restrictions__isnull=False) | Q(alias_of__isnull=False))
    )


def expanded(specs):
    """Filter specs with braces ("fill-{320x180,640x360}") as Wagtail stores renditions."""
    return [spec for pattern in specs for spec in Filter.expand_spec(pattern)]


class ArticleQuerySet(PageQuerySet):
    def published(self):
        """Live, not behind a privacy restriction, and with a publication time.

        Drafts, scheduled (go-live in the future) and unpublished articles are
        not live, so they appear nowhere public.
        """
        return self.live().filter(~restricted(), first_published_at__isnull=False)

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
        covers = get_image_model().objects.prefetch_renditions(*expanded(specs))
        # The cover comes with its renditions through the prefetch, not through a join.
        return (
            self.select_related(None)
            .select_related("source")
            .prefetch_related(Prefetch("cover", queryset=covers))
            .defer_streamfields()
        )

    def for_reading(self, *specs):
        """One article page and what it shows beside its own fields, in three queries in all.

        Its source, cover, audio and whether its privacy needs checking come
        with it; its tags and the cover's renditions (``specs`` as for
        ``with_pictures``) follow in one query each.
        """
        renditions = get_image_model().get_rendition_model().objects
        return (
            self.select_related("source", "cover", "audio")
            .annotate(privacy_to_check=privacy_to_check())
            .prefetch_related(
                "tags",
                Prefetch(
                    "cover__renditions",
                    queryset=renditions.filter(filter_spec__in=expanded(specs)),
                    to_attr="prefetched_renditions",
                ),
            )
        )


ArticleManager = PageManager.from_queryset(ArticleQuerySet)
