"""The pages behind the links that comment e-mails carry, and the privacy request form.

Included by ``manchette/urls.py`` at the site root, beside ``comments.urls``.
"""

from django.urls import path

from . import notifications, privacy

app_name = "commenter"

urlpatterns = [
    path("comments/privacy/", privacy.request_links, name="privacy"),
    path("comments/privacy/export/<str:signed>/", privacy.export, name="privacy_export"),
    path("comments/privacy/erase/<str:signed>/", privacy.erase_view, name="privacy_erase"),
    path(
        "comments/replies/confirm/<str:signed>/",
        notifications.confirm_replies,
        name="confirm_replies",
    ),
    path("comments/replies/stop/<str:signed>/", notifications.unsubscribe, name="unsubscribe"),
]
