from django.urls import path

from manchette.newsroom import converters  # noqa: F401 (registers <article_id:…>)
from manchette.syndication.feeds import feed_view

from . import views
from .feeds import SectionPodcast, SitePodcast

app_name = "listen"

# Included under ``listen/`` by ``manchette/urls.py``.
urlpatterns = [
    path("podcast/", feed_view(SitePodcast), name="podcast"),
    path("podcast/<slug:slug>/", feed_view(SectionPodcast), name="section_podcast"),
    path("<article_id:article_id>/<str:filename>", views.audio_file, name="audio_file"),
]
