"""What crawlers are told: every public page, and the Google News selection.

``/sitemap.xml`` is an index of the sitemaps below, so that a site with more
articles than one sitemap page holds still has every one of them listed
(each further page of articles is its own ``?p=`` entry in the index).
"""

from datetime import timedelta

from django.contrib.sitemaps import Sitemap
from django.db.models import Max
from django.utils import timezone
from wagtail.models import Page

from manchette.core.conf import setting
from manchette.newsroom.models import ArticlePage, HomePage, SectionPage


class ListPagesSitemap(Sitemap):
    """The front page and the sections: they change with every publication."""

    changefreq = "always"

    def items(self):
        return Page.objects.live().public().type(HomePage, SectionPage).order_by("path")

    def location(self, item):
        return item.url

    def lastmod(self, item):
        """When the list last changed: its own edit or its newest article's."""
        newest = (
            ArticlePage.objects.published()
            .descendant_of(item)
            .aggregate(newest=Max("last_published_at"))["newest"]
        )
        return max(filter(None, (item.last_published_at, newest)), default=None)


class ArticleSitemap(Sitemap):
    changefreq = "hourly"
    # Well under the protocol's 50,000: each page of the sitemap renders quickly.
    limit = 5000

    def items(self):
        return ArticlePage.objects.published().newest_first().defer_streamfields()

    def location(self, item):
        return item.url

    def lastmod(self, item):
        return item.modified_at

    def get_latest_lastmod(self):
        # For the index: one query rather than Django's walk over every article.
        return self.items().aggregate(latest=Max("last_published_at"))["latest"]


class NewsSitemap(ArticleSitemap):
    """Articles first published in the last days, as Google News wants them."""

    # Google News reads at most 1,000 URLs per sitemap.
    limit = 1000

    def items(self):
        since = timezone.now() - timedelta(days=setting("MANCHETTE_NEWS_SITEMAP_DAYS"))
        return super().items().filter(first_published_at__gte=since)


SITEMAPS = {"pages": ListPagesSitemap, "articles": ArticleSitemap}
