"""Readers' comment pages, feeds and API, and the pages behind the links of comment e-mails.

Included under ``comments/`` by ``manchette/urls.py``.
"""

from django.urls import path

from manchette.newsroom import converters  # noqa: F401 (registers <article_id:…>)

from . import api, feeds, notifications, privacy, views

app_name = "comments"

urlpatterns = [
    path("post/<article_id:article_id>/", views.post, name="post"),
    path("comment/<int:comment_id>/edit/", views.edit, name="edit"),
    path("comment/<int:comment_id>/delete/", views.delete, name="delete"),
    path("comment/<int:comment_id>/flag/", views.report, name="flag"),
    path("feed/<article_id:article_id>/rss/", feeds.rss, name="rss"),
    path("feed/<article_id:article_id>/atom/", feeds.atom, name="atom"),
    path("api/counts/", api.counts, name="counts"),
    path("api/<article_id:article_id>/", api.comments, name="api"),
    path("api/<article_id:article_id>/token/", api.token, name="token"),
    path("api/comment/<int:comment_id>/edit/", api.edit, name="api_edit"),
    path("api/comment/<int:comment_id>/delete/", api.delete, name="api_delete"),
    path("api/comment/<int:comment_id>/flag/", api.report, name="api_flag"),
    # Reached from e-mails: the privacy request form and its signed links, reply notifications.
    path("privacy/", privacy.request_links, name="privacy"),
    path("privacy/export/<str:signed>/", privacy.export, name="privacy_export"),
    path("privacy/erase/<str:signed>/", privacy.erase_view, name="privacy_erase"),
    path("replies/confirm/<str:signed>/", notifications.confirm_replies, name="confirm_replies"),
    path("replies/stop/<str:signed>/", notifications.unsubscribe, name="unsubscribe"),
]
