from django.urls import path

from manchette.newsroom import converters  # noqa: F401 (registers <article_id:…>)

from . import views

app_name = "wire"

urlpatterns = [
    path("wire/push/<slug:slug>/", views.push, name="push"),
    path("a/<article_id:article_id>/versions/", views.versions, name="versions"),
    path(
        "a/<article_id:article_id>/versions/<int:old>..<int:new>/",
        views.version_diff,
        name="version_diff",
    ),
]
