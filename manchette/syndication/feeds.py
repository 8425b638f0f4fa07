"""RSS 2.0 and Atom feeds of the site, each section and each tag.

A feed class says which articles it lists; ``feed_view`` makes its Atom twin
by swapping the generator. Both list the newest published articles (at most
``MANCHETTE_FEED_SIZE``), each with an absolute link, a permanent guid (the
``/a/<id>/`` short link, which survives a change of headline or section),
its times, author, tags and cover image.

Feeds are written in the publication's language (``LANGUAGE_CODE``), not the
language negotiated from a request's headers: a feed reader fetches for many
people, and the ``<language>`` it announces must match the feed's own titles.
A reader who wants a feed in another interface language asks for it in its
address (``?lang=nl``: section names and descriptions in Dutch); the feeds
page and the pages' feed links do so for readers of another language.

Opened in a browser, a feed is readable rather than a download or a wall of
markup: it is served as ``application/xml`` (which browsers display, where
``application/rss+xml`` makes them offer a download or show raw text) with
a CSS stylesheet. XSLT would do more, but Chromium is removing it. The page
that lists every feed is ``views.feeds``.
"""

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.shortcuts import get_object_or_404
from django.templatetags.static import static
from django.urls import reverse
from django.utils import translation
from django.utils.feedgenerator import Atom1Feed, Enclosure, Rss201rev2Feed, Stylesheet
from django.utils.translation import gettext as _
from django.utils.xmlutils import SimplerXMLGenerator

from manchette.core.cache import surrogate_keys
from manchette.core.conf import setting
from manchette.newsroom.models import SHARE_IMAGE_SPEC, ArticlePage, SectionPage
from manchette.newsroom.views import published_tag

BROWSER_READABLE = "application/xml; charset=utf-8"


def feed_language(request):
    """The language a feed is written in: ``?lang=`` if it names one of ours, else the site's."""
    asked = request.GET.get("lang", "")
    return asked if asked in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE


class ReadableRss(Rss201rev2Feed):
    content_type = BROWSER_READABLE


class ReadableAtom(Atom1Feed):
    content_type = BROWSER_READABLE

    def write(self, outfile, encoding):
        """Django's Atom writer, with the stylesheets its RSS writer adds (Atom has no hook)."""
        handler = SimplerXMLGenerator(outfile, encoding, short_empty_elements=True)
        handler.startDocument()
        for stylesheet in self.feed["stylesheets"] or []:
            handler.processingInstruction("xml-stylesheet", stylesheet)
        handler.startElement("feed", self.root_attributes())
        self.add_root_elements(handler)
        self.write_items(handler)
        handler.endElement("feed")


class LatestArticlesFeed(Feed):
    """The whole site, newest first."""

    feed_type = ReadableRss

    def __call__(self, request, *args, **kwargs):
        # One instance per request (see feed_view): items() tags the request.
        self.request = request
        with translation.override(feed_language(request)):
            return super().__call__(request, *args, **kwargs)

    def feed_url(self, obj=None):
        """The feed's own address, in its language (the ``self`` link readers subscribe to)."""
        language = feed_language(self.request)
        return self.request.path + (
            f"?lang={language}" if language != settings.LANGUAGE_CODE else ""
        )

    def stylesheets(self, obj=None):
        return [Stylesheet(static("syndication/feed.css"), mimetype="text/css")]

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
        articles = list(
            self.articles(obj)
            .newest_first()
            .for_lists()
            .prefetch_related("tags", "cover__renditions")[: setting("MANCHETTE_FEED_SIZE")]
        )
        surrogate_keys(self.request, "feeds", *(f"article-{a.pk}" for a in articles))
        return articles

    def item_title(self, item):
        return f"{item.kicker}: {item.title}" if item.kicker else item.title

    def item_description(self, item):
        return item.standfirst or item.title

    def item_link(self, item):
        return item.get_url(self.request)

    def item_guid(self, item):
        return self.request.build_absolute_uri(
            reverse("newsroom:article_by_id", args=[item.article_id])
        )

    item_guid_is_permalink = True

    def item_pubdate(self, item):
        return item.first_published_at

    def item_updateddate(self, item):
        return item.modified_at

    def item_author_name(self, item):
        return item.byline or item.source.name

    def item_categories(self, item):
        return [tag.name for tag in item.tags.all()]

    def item_enclosures(self, item):
        """The cover, as the article page shares it, so readers show a picture."""
        if item.cover is None:
            return []
        try:
            rendition = item.cover.get_rendition(SHARE_IMAGE_SPEC)
            # RSS 2.0 requires the length in bytes.
            length = rendition.file.size
        except OSError:
            # A missing image file (Wagtail's SourceImageIOError is an OSError)
            # costs the item its picture, not the whole feed.
            return []
        url = self.request.build_absolute_uri(rendition.url)
        return [Enclosure(url, str(length), "image/jpeg")]


class SectionFeed(LatestArticlesFeed):
    def get_object(self, request, slug):
        return get_object_or_404(SectionPage.objects.live().public(), slug=slug)

    def title(self, obj):
        return f"{obj.name} — {setting('MANCHETTE_PUBLICATION_NAME')}"

    def link(self, obj):
        return obj.get_url(self.request)

    def description(self, obj):
        return _("The latest news in %(section)s") % {"section": obj.name}

    subtitle = description

    def articles(self, obj):
        surrogate_keys(self.request, f"section-{obj.pk}")
        return obj.articles()


class TagFeed(LatestArticlesFeed):
    def get_object(self, request, slug):
        return published_tag(slug)

    def title(self, obj):
        return f"{obj.name} — {setting('MANCHETTE_PUBLICATION_NAME')}"

    def link(self, obj):
        return reverse("newsroom:tag", args=[obj.slug])

    def description(self, obj):
        return _("The latest news about %(tag)s") % {"tag": obj.name}

    subtitle = description

    def articles(self, obj):
        surrogate_keys(self.request, f"tag-{obj.slug}")
        return ArticlePage.objects.published().filter(tagged_items__tag=obj).distinct()


def feed_view(feed_class, atom=False):
    """A view with a fresh feed object per request (feeds keep the request)."""
    if atom:
        feed_class = type(f"Atom{feed_class.__name__}", (feed_class,), {"feed_type": ReadableAtom})

    def view(request, *args, **kwargs):
        return feed_class()(request, *args, **kwargs)

    return view
