"""Date labels as each language's press writes them, in the site's time zone."""

from datetime import UTC, datetime

import pytest
from django.test import override_settings
from django.utils import translation

from manchette.core import dates

# The reference page's update: 22h25 in Brussels, summer time.
UPDATED = datetime(2015, 9, 16, 20, 25, 2, tzinfo=UTC)
FIRST_PUBLISHED = datetime(2015, 9, 16, 18, 2, 2, tzinfo=UTC)

LONG_DATES = {
    "fr": "mercredi 16 septembre 2015 à 22h25",
    "nl": "woensdag 16 september 2015 om 22.25 uur",
    "de": "Mittwoch, 16. September 2015 um 22:25 Uhr",
    "en": "Wednesday 16 September 2015 at 22:25",
}


@pytest.mark.parametrize(("language", "expected"), LONG_DATES.items())
def test_long_date_in_each_language(language, expected):
    assert dates.long_date(UPDATED, language) == expected


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("fr", "Publié le mercredi 16 septembre 2015 à 20h02"),
        ("nl", "Gepubliceerd op woensdag 16 september 2015 om 20.02 uur"),
        ("de", "Veröffentlicht am Mittwoch, 16. September 2015 um 20:02 Uhr"),
        ("en", "Published on Wednesday 16 September 2015 at 20:02"),
    ],
)
def test_label_says_published_until_the_first_update(language, expected):
    assert dates.publication_label(FIRST_PUBLISHED, None, language) == expected


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("fr", "Mis à jour le mercredi 16 septembre 2015 à 22h25"),
        ("nl", "Bijgewerkt op woensdag 16 september 2015 om 22.25 uur"),
        ("de", "Aktualisiert am Mittwoch, 16. September 2015 um 22:25 Uhr"),
        ("en", "Updated on Wednesday 16 September 2015 at 22:25"),
    ],
)
def test_label_says_updated_with_the_update_time(language, expected):
    assert dates.publication_label(FIRST_PUBLISHED, UPDATED, language) == expected


def test_iso_carries_the_summer_offset():
    assert dates.iso(UPDATED) == "2015-09-16T22:25:02+02:00"


def test_iso_carries_the_winter_offset():
    winter = datetime(2015, 12, 16, 20, 25, 2, tzinfo=UTC)
    assert dates.iso(winter) == "2015-12-16T21:25:02+01:00"


def test_iso_drops_microseconds():
    assert dates.iso(UPDATED.replace(microsecond=123456)) == "2015-09-16T22:25:02+02:00"


def test_short_date_is_the_time_alone_today():
    later_that_day = datetime(2015, 9, 16, 21, 40, tzinfo=UTC)
    assert dates.short_date(UPDATED, "fr", now=later_that_day) == "22h25"


def test_short_date_gives_the_day_for_another_day():
    next_day = datetime(2015, 9, 17, 8, 0, tzinfo=UTC)
    assert dates.short_date(UPDATED, "fr", now=next_day) == "16 sept., 22h25"


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("fr", "16 sept. 2015"),
        ("nl", "16 sep 2015"),
        ("de", "16. Sept. 2015"),
        ("en", "16 Sep 2015"),
    ],
)
def test_short_date_of_an_earlier_year_gives_the_year(language, expected):
    next_year = datetime(2016, 1, 4, 8, 0, tzinfo=UTC)
    assert dates.short_date(UPDATED, language, now=next_year) == expected


def test_short_date_counts_days_in_brussels_not_in_utc():
    # 22:30 UTC on the 16th is already 00h30 on the 17th in Brussels.
    after_midnight = datetime(2015, 9, 16, 22, 30, tzinfo=UTC)
    morning = datetime(2015, 9, 17, 6, 0, tzinfo=UTC)
    assert dates.short_date(after_midnight, "fr", now=morning) == "00h30"


def test_short_date_before_midnight_in_brussels_is_another_day():
    # Same UTC day, but 23h30 on the 16th and 00h30 on the 17th in Brussels.
    before_midnight = datetime(2015, 9, 16, 21, 30, tzinfo=UTC)
    after_midnight = datetime(2015, 9, 16, 22, 30, tzinfo=UTC)
    assert dates.short_date(before_midnight, "fr", now=after_midnight) == "16 sept., 23h30"


@pytest.mark.parametrize(
    ("language", "expected"),
    [("nl", "16 sep, 22.25"), ("de", "16. Sept., 22:25"), ("en", "16 Sep, 22:25")],
)
def test_short_date_in_other_languages(language, expected):
    next_day = datetime(2015, 9, 17, 8, 0, tzinfo=UTC)
    assert dates.short_date(UPDATED, language, now=next_day) == expected


def test_unknown_language_falls_back_to_french():
    assert dates.long_date(UPDATED, "xx") == LONG_DATES["fr"]


def test_unknown_language_label_falls_back_to_french():
    assert dates.publication_label(UPDATED, None, "xx").startswith("Publié le mercredi")


@pytest.mark.parametrize("variant", ["nl-be", "nl-BE", "nl_BE"])
def test_regional_variant_uses_its_base_language(variant):
    assert dates.long_date(UPDATED, variant) == LONG_DATES["nl"]


def test_reader_language_applies_when_none_is_given():
    with translation.override("de"):
        assert dates.long_date(UPDATED) == LONG_DATES["de"]
        assert dates.publication_label(UPDATED).startswith("Veröffentlicht am")


@override_settings(TIME_ZONE="UTC")
def test_times_follow_the_site_zone_setting():
    assert dates.long_date(UPDATED, "fr") == "mercredi 16 septembre 2015 à 20h25"
    assert dates.iso(UPDATED) == "2015-09-16T20:25:02+00:00"


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("fr", "Publié le mercredi 16 septembre 2015"),
        ("nl", "Gepubliceerd op woensdag 16 september 2015"),
        ("de", "Veröffentlicht am Mittwoch, 16. September 2015"),
        ("en", "Published on Wednesday 16 September 2015"),
    ],
)
def test_a_date_without_time_is_shown_as_the_day_alone(language, expected):
    assert dates.publication_label(FIRST_PUBLISHED, None, language, date_only=True) == expected


def test_a_date_without_time_today_shows_no_midnight():
    midnight = datetime(2015, 9, 15, 22, 0, tzinfo=UTC)  # 00h00 in Brussels
    label = dates.short_date(midnight, "fr", now=UPDATED, date_only=True)
    assert label == "16 sept." and "00" not in label
