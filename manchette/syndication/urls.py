from django.urls import include, path

from . import views
from .feeds import LatestArticlesFeed, SectionFeed, TagFeed, feed_view

app_name = "syndication"

feeds = [
    path("rss/", feed_view(LatestArticlesFeed), name="site_rss"),
    path("atom/", feed_view(LatestArticlesFeed, atom=True), name="site_atom"),
    path("section/<slug:slug>/rss/", feed_view(SectionFeed), name="section_rss"),
    path("section/<slug:slug>/atom/", feed_view(SectionFeed, atom=True), name="section_atom"),
    path("tag/<slug:slug>/rss/", feed_view(TagFeed), name="tag_rss"),
    path("tag/<slug:slug>/atom/", feed_view(TagFeed, atom=True), name="tag_atom"),
]

# Sitemaps and robots.txt sit at the site root, where crawlers look for them.
urlpatterns = [
    path("flux/", views.feeds, name="feeds"),
    path("feeds/", include(feeds)),
    path("sitemap.xml", views.sitemap_index, name="sitemap"),
    path("sitemap-<slug:section>.xml", views.sitemap_section, name="sitemap_section"),
    path("news-sitemap.xml", views.news_sitemap, name="news_sitemap"),
    path("robots.txt", views.robots_txt, name="robots"),
]
