"""The article number in URLs such as /a/<id>/."""

from django.urls import register_converter


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


# Imported by every URL module that uses it, registered once.
register_converter(ArticleIdConverter, "article_id")
