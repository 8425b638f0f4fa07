from django.urls import path

from . import views

app_name = "newsroom"

urlpatterns = [
    path("a/<int:article_id>/", views.article_by_id, name="article_by_id"),
    path("tag/<slug:slug>/", views.tag_page, name="tag"),
    path("source/<slug:slug>/", views.source_page, name="source"),
]
