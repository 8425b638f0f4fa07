"""What "published" means, once, for pages, lists, feeds, sitemaps, search and comments.

``ArticleQuerySet.published()`` is the definition; everything public asks it.
"""

from django.apps import apps
from django.db.models import (
    Exists,
    JSONField,
    OuterRef,
    Prefetch,
    Q,
    StringAgg,
    Subquery,
    TextField,
    Value,
)
from django.db.models.functions import Cast, JSONObject, Length, Substr
from wagtail.images import get_image_model
from wagtail.images.models import Filter
from wagtail.models import Page, PageLogEntry, PageManager, PageViewRestriction
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


def cover_renditions(specs):
    """The covers' renditions for these filter specs, where Wagtail's image tags look first.

    Specs with braces ("fill-{320x180,640x360}") are expanded as Wagtail stores them.
    """
    renditions = (
        get_image_model()
        .get_rendition_model()
        .objects.filter(
            filter_spec__in=[spec for pattern in specs for spec in Filter.expand_spec(pattern)]
        )
    )
    return Prefetch("cover__renditions", queryset=renditions, to_attr="prefetched_renditions")


def tags_as_json():
    """An article's tags as the items of a JSON array, in a subquery of the article's query.

    ``ArticlePage.tag_list`` reads them: the tags come with the article
    rather than in a query of their own.
    """
    tags = JSONObject(id="tag_id", name="tag__name", slug="tag__slug")
    listed = StringAgg(Cast(tags, output_field=TextField()), delimiter=Value(","))
    return Subquery(
        apps.get_model("newsroom", "ArticleTag")
        .objects.filter(content_object=OuterRef("pk"))
        .values("content_object")
        .annotate(listed=listed)
        .values("listed")
    )


def first_published_content():
    """The content of the revision first published, in a subquery of the article's query.

    With the live revision (joined), it tells whether readers once read
    another text (``text_corrected``) without a query of its own.
    """
    from manchette.wire.versions import PUBLISH_ACTIONS

    first = PageLogEntry.objects.filter(
        page=OuterRef("pk"), action__in=PUBLISH_ACTIONS, revision__isnull=False
    ).order_by("timestamp", "pk")
    return Subquery(first.values("revision__content")[:1], output_field=JSONField())


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
        """For lists that show each story's cover: the renditions in one more query in all.

        ``specs`` are the filter specs the template's ``srcset_image`` asks for,
        braces and all ("fill-{320x180,640x360}"): the renditions found here are
        the ones the tag then uses, without a query per story.
        """
        return self.for_lists().prefetch_related(cover_renditions(specs))

    def for_reading(self, *specs):
        """One article page and what it shows beside its own fields, in two queries in all.

        Its source, cover, audio, tags, comment count and policy, its first
        and live revisions' content, and whether its privacy needs checking
        come with it; the cover's renditions
        (``specs`` as for ``with_pictures``) follow in one query. (The
        comments app builds on newsroom: its part is imported here, when the
        query is made.)
        """
        from manchette.comments.display import section_annotations

        return (
            self.select_related("source", "cover", "audio", "live_revision")
            .annotate(
                privacy_to_check=privacy_to_check(),
                tags_json=tags_as_json(),
                first_published_content=first_published_content(),
                **section_annotations(),
            )
            .prefetch_related(cover_renditions(specs))
        )


ArticleManager = PageManager.from_queryset(ArticleQuerySet)
