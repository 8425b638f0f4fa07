"""RSS 2.0 and Atom feeds of the site, each section and each tag.

Each feed is one class with an Atom twin that only changes the generator.
"""

from django.contrib.syndication.views import Feed
from django.shortcuts import get_object_or_404
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed
from django.utils.translation import gettext as _
from taggit.models import Tag

from manchette.core.cache import surrogate_keys
from manchette.core.conf import setting
from manchette.newsroom.models import ArticlePage, SectionPage


class LanguageRss(Rss201rev2Feed):
    content_type = "application/rss+xml; charset=utf-8"


class LanguageAtom(Atom1Feed):
    content_type = "application/atom+xml; charset=utf-8"


class LatestArticlesFeed(Feed):
    feed_type = LanguageRss

    def __call__(self, request, *args, **kwargs):
        # One instance per request (see feed_view): items() tags the request.
        self.request = request
        return super().__call__(request, *args, **kwargs)

    def title(self, obj=None):
        return setting("MANCHETTE_PUBLICATION_NAME")

    def link(self, obj=None):
        return "/"

    def description(self, obj=None):
        return _("The latest news from %(name)s") % {"name": setting("MANCHETTE_PUBLICATION_NAME")}

    subtitle = description

    def articles(self, obj):
        return ArticlePage.objects.published()

    def items(self, obj=None):
        items = list(self.articles(obj).newest_first().for_lists()[: setting("MANCHETTE_FEED_SIZE")])
        surrogate_keys(self.request, "feeds", *(f"article-{a.pk}" for a in items))
        return items

    def item_title(self, item):
        return f"{item.kicker}: {item.title}" if item.kicker else item.title

    def item_description(self, item):
        return item.standfirst or item.title

    def item_link(self, item):
        return item.url

    def item_guid(self, item):
        return self.request.build_absolute_uri(f"/a/{item.article_id}/")

    item_guid_is_permalink = True

    def item_pubdate(self, item):
        return item.first_published_at

    def item_updateddate(self, item):
        return item.modified_at

    def item_author_name(self, item):
        return item.byline or item.source.name

    def item_categories(self, item):
        return [tag.name for tag in item.tags.all()]


class SectionFeed(LatestArticlesFeed):
    def get_object(self, request, slug):
        return get_object_or_404(SectionPage.objects.live().public(), slug=slug)

    def title(self, obj):
        return f"{obj.title} — {setting('MANCHETTE_PUBLICATION_NAME')}"

    def link(self, obj):
        return obj.url

    def description(self, obj):
        return _("The latest news in %(section)s") % {"section": obj.title}

    subtitle = description

    def articles(self, obj):
        surrogate_keys(self.request, f"section-{obj.pk}")
        return obj.articles()


class TagFeed(LatestArticlesFeed):
    def get_object(self, request, slug):
        return get_object_or_404(Tag, slug=slug)

    def title(self, obj):
        return f"{obj.name} — {setting('MANCHETTE_PUBLICATION_NAME')}"

    def link(self, obj):
        return f"/tag/{obj.slug}/"

    def description(self, obj):
        return _("The latest news about %(tag)s") % {"tag": obj.name}

    subtitle = description

    def articles(self, obj):
        surrogate_keys(self.request, f"tag-{obj.slug}")
        return ArticlePage.objects.published().filter(tagged_items__tag=obj).distinct()


def feed_view(feed_class, atom=False):
    """A view with a fresh feed object per request (feeds keep the request)."""
    if atom:
        feed_class = type(f"Atom{feed_class.__name__}", (feed_class,), {"feed_type": LanguageAtom})

    def view(request, *args, **kwargs):
        return feed_class()(request, *args, **kwargs)

    return view
