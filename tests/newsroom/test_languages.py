"""An article's language is any BCP 47 tag, in its standard spelling."""

import pytest
from django.core.exceptions import ValidationError

from manchette.newsroom.languages import language_tag, validate_language_tag
from manchette.newsroom.models import ArticlePage


@pytest.mark.parametrize(
    ("given", "tag"),
    [("fr", "fr"), ("FR", "fr"), ("nl_be", "nl-BE"), ("zh-hant-tw", "zh-Hant-TW"), ("nb", "nb"),
     ("iw", "he"), ("en-US-x-house", "en-US-x-house")],
)  # fmt: skip
def test_tags_in_their_standard_spelling(given, tag):
    assert language_tag(given) == tag


@pytest.mark.parametrize(
    "given", ["", None, "x-default", "und", "zxx", "not a tag", "fr-" + "a" * 40]
)
def test_what_is_no_language_gives_no_tag(given):
    assert language_tag(given) == ""


def test_the_field_accepts_standard_tags_only():
    validate_language_tag("pt-BR")
    with pytest.raises(ValidationError):
        validate_language_tag("pt_br")


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("language", "named"),
    [("fr", "fr"), ("nl-BE", "nl"), ("fi-FI", "fi"), ("zh-Hant", "zh-tw"), ("zh", "zh-cn")],
)
def test_news_sitemaps_name_the_language_as_they_expect(language, named):
    assert ArticlePage(language=language).news_language == named
