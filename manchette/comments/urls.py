from django.urls import path

from manchette.newsroom import converters  # noqa: F401 (registers <article_id:…>)

from . import api, feeds, views

app_name = "comments"

# Prefixed paths: this module is included at the site root.
urlpatterns = [
    path("comments/post/<article_id:article_id>/", views.post, name="post"),
    path("comments/comment/<int:comment_id>/edit/", views.edit, name="edit"),
    path("comments/comment/<int:comment_id>/delete/", views.delete, name="delete"),
    path("comments/comment/<int:comment_id>/flag/", views.report, name="flag"),
    path("comments/feed/<article_id:article_id>/rss/", feeds.rss, name="rss"),
    path("comments/feed/<article_id:article_id>/atom/", feeds.atom, name="atom"),
    path("comments/api/counts/", api.counts, name="counts"),
    path("comments/api/<article_id:article_id>/", api.comments, name="api"),
    path("comments/api/<article_id:article_id>/token/", api.token, name="token"),
    path("comments/api/comment/<int:comment_id>/edit/", api.edit, name="api_edit"),
    path("comments/api/comment/<int:comment_id>/delete/", api.delete, name="api_delete"),
    path("comments/api/comment/<int:comment_id>/flag/", api.report, name="api_flag"),
]
