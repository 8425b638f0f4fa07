from django.urls import path, register_converter

from . import views


class ArticleIdConverter:
    """A page id: at most the largest value of the database's integer key, else no match (404)."""

    regex = "[0-9]{1,10}"
    largest = 2**31 - 1

    def to_python(self, value):
        number = int(value)
        if number > self.largest:
            raise ValueError(value)
        return number

    def to_url(self, value):
        return str(value)


register_converter(ArticleIdConverter, "article_id")

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
