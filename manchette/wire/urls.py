from django.urls import include, path

from manchette.newsroom import converters  # noqa: F401 (registers <article_id:…>)

from . import views

app_name = "wire"

# An article's versions, under its short address (/a/<id>/).
versions = [
    path("", views.versions, name="versions"),
    path("<int:old>..<int:new>/", views.version_diff, name="version_diff"),
]

urlpatterns = [
    path("wire/push/<slug:slug>/", views.push, name="push"),
    path("a/<article_id:article_id>/versions/", include(versions)),
]
