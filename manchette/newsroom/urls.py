from django.urls import path

from . import (
    converters,  # noqa: F401 (registers <article_id:…>)
    views,
)

app_name = "newsroom"

urlpatterns = [
    path("a/<article_id:article_id>/", views.article_by_id, name="article_by_id"),
    path("tag/<slug:slug>/", views.tag_page, name="tag"),
    path("source/<slug:slug>/", views.source_page, name="source"),
]
