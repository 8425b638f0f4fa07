"""sitemap.xml for every public page, and a Google News sitemap of the last days."""

from datetime import timedelta

from django.contrib.sitemaps import Sitemap
from django.utils import timezone

from manchette.core.conf import setting
from manchette.newsroom.models import ArticlePage, SectionPage


class ArticleSitemap(Sitemap):
    changefreq = "hourly"
    limit = 5000

    def items(self):
        return ArticlePage.objects.published().newest_first().defer_streamfields()

    def location(self, item):
        return item.url

    def lastmod(self, item):
        return item.modified_at


class SectionSitemap(Sitemap):
    changefreq = "always"
    priority = 0.8

    def items(self):
        return SectionPage.objects.live().public().order_by("path")

    def location(self, item):
        return item.url


def news_articles():
    """Articles first published recently enough for Google News."""
    since = timezone.now() - timedelta(days=setting("MANCHETTE_NEWS_SITEMAP_DAYS"))
    return (
        ArticlePage.objects.published()
        .filter(first_published_at__gte=since)
        .newest_first()
        .defer_streamfields()[:1000]
    )
