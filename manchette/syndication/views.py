"""The page of every feed, sitemaps and robots.txt.

Django's sitemap views build the absolute URLs from the request's host, as
robots.txt does, so every address a crawler is given is on the host it asked.
"""

from django.contrib.sitemaps import views as sitemap_views
from django.db.models import Count, Q
from django.http import HttpResponse
from django.template.response import TemplateResponse
from django.urls import reverse
from taggit.models import Tag

from manchette.core.cache import surrogate_keys
from manchette.newsroom.models import ArticlePage, SectionPage

from .sitemaps import SITEMAPS, NewsSitemap

# Articles whose comment feeds the feeds page lists (each article page links its own).
COMMENT_FEEDS = 10


def feeds(request):
    """/flux/: every feed a reader can follow, with how to follow one."""
    published = ArticlePage.objects.published()
    tags = (
        Tag.objects.annotate(
            articles=Count(
                "newsroom_articletag_items",
                filter=Q(newsroom_articletag_items__content_object__in=published),
                distinct=True,
            )
        )
        .filter(articles__gt=0)
        .order_by("name")
    )
    latest = list(published.newest_first().for_lists()[:COMMENT_FEEDS])
    # Every publication purges "feeds"; a change of section purges every page.
    surrogate_keys(request, "feeds")
    return TemplateResponse(
        request,
        "syndication/feeds.html",
        {
            "sections": SectionPage.objects.live().public().in_menu().order_by("path"),
            "tags": tags,
            "latest": latest,
        },
    )


def _tagged_sitemaps(view):
    """Let the page cache hold what crawlers read, until the next publication.

    Only the ``sitemaps`` key: every publication, unpublication and deletion
    purges it, and a key per listed article (thousands in sitemap.xml) would
    swell the Surrogate-Key header past what proxies accept.
    """

    def tagged(request, *args, **kwargs):
        surrogate_keys(request, "sitemaps")
        return view(request, *args, **kwargs)

    return tagged


@_tagged_sitemaps
def sitemap_index(request):
    return sitemap_views.index(
        request,
        SITEMAPS,
        template_name="syndication/sitemap_index.xml",
        sitemap_url_name="syndication:sitemap_section",
    )


@_tagged_sitemaps
def sitemap_section(request, section):
    return sitemap_views.sitemap(
        request, SITEMAPS, section=section, template_name="syndication/sitemap.xml"
    )


@_tagged_sitemaps
def news_sitemap(request):
    return sitemap_views.sitemap(
        request, {"news": NewsSitemap}, template_name="syndication/news_sitemap.xml"
    )


@_tagged_sitemaps
def robots_txt(request):
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        # The language links lead back to the same pages: nothing new to index.
        "Disallow: /langue/",
        "",
        f"Sitemap: {request.build_absolute_uri(reverse('syndication:sitemap'))}",
        f"Sitemap: {request.build_absolute_uri(reverse('syndication:news_sitemap'))}",
        "",
    ]
    return HttpResponse("\n".join(lines), content_type="text/plain; charset=utf-8")
