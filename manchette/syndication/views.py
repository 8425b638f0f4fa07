"""Sitemaps and robots.txt: what crawlers read."""

from django.contrib.sitemaps.views import sitemap
from django.http import HttpResponse
from django.template.response import TemplateResponse
from django.urls import reverse

from manchette.core.cache import surrogate_keys
from manchette.core.conf import setting

from .sitemaps import ArticleSitemap, SectionSitemap, news_articles

SITEMAPS = {"sections": SectionSitemap, "articles": ArticleSitemap}


def site_sitemap(request):
    surrogate_keys(request, "sitemaps")
    return sitemap(request, SITEMAPS)


def news_sitemap(request):
    surrogate_keys(request, "sitemaps")
    return TemplateResponse(
        request,
        "syndication/news_sitemap.xml",
        {"articles": news_articles(), "publication_name": setting("MANCHETTE_PUBLICATION_NAME")},
        content_type="application/xml; charset=utf-8",
    )


def robots_txt(request):
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        "",
        f"Sitemap: {request.build_absolute_uri(reverse('syndication:sitemap'))}",
        f"Sitemap: {request.build_absolute_uri(reverse('syndication:news_sitemap'))}",
        "",
    ]
    return HttpResponse("\n".join(lines), content_type="text/plain; charset=utf-8")
