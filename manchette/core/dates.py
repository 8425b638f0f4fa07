"""Dates as a newsroom writes them, in the reader's language.

CLDR's medium and long formats give "22:25" in French; the French press
writes "22h25", so every language gets an explicit Babel pattern here.
Times are stored in UTC and shown in the site's zone (TIME_ZONE).
"""

from functools import lru_cache

from babel.dates import format_datetime
from django.conf import settings
from django.utils import timezone, translation
from django.utils.translation import gettext

# Full label: "mercredi 16 septembre 2015 à 22h25".
LONG_PATTERNS = {
    "fr": "EEEE d MMMM y 'à' HH'h'mm",
    "nl": "EEEE d MMMM y 'om' HH.mm 'uur'",
    "de": "EEEE, d. MMMM y 'um' HH:mm 'Uhr'",
    "en": "EEEE d MMMM y 'at' HH:mm",
}

# Headline lists: the time alone today, the short date this year, the year before that.
SHORT_TIME_PATTERNS = {
    "fr": "HH'h'mm",
    "nl": "HH.mm",
    "de": "HH:mm",
    "en": "HH:mm",
}
SHORT_DATE_PATTERNS = {
    "fr": "d MMM, HH'h'mm",
    "nl": "d MMM, HH.mm",
    "de": "d. MMM, HH:mm",
    "en": "d MMM, HH:mm",
}
# The day alone, for what the source dated without a time: "mercredi 16 septembre 2015".
DAY_PATTERNS = {
    "fr": "EEEE d MMMM y",
    "nl": "EEEE d MMMM y",
    "de": "EEEE, d. MMMM y",
    "en": "EEEE d MMMM y",
}
DAY_MONTH_PATTERNS = {
    "fr": "d MMM",
    "nl": "d MMM",
    "de": "d. MMM",
    "en": "d MMM",
}
OTHER_YEAR_PATTERNS = {
    "fr": "d MMM y",
    "nl": "d MMM y",
    "de": "d. MMM y",
    "en": "d MMM y",
}


def _language(language):
    """The language whose patterns apply: "nl-be" reads as "nl", an unknown code as the site's."""
    code = language or translation.get_language() or settings.LANGUAGE_CODE
    base = code.replace("_", "-").split("-")[0].lower()
    return base if base in LONG_PATTERNS else settings.LANGUAGE_CODE


def local(moment):
    """The moment in the site's zone."""
    return timezone.localtime(moment, timezone.get_default_timezone())


def long_date(moment, language=None, date_only=False):
    """The day and time; the day alone when the source gave no time (``date_only``)."""
    lang = _language(language)
    # The patterns stop at the minute: a page of comments repeats minutes, and Babel is slow.
    wall = local(moment).replace(second=0, microsecond=0, tzinfo=None)
    return _long_date(wall, lang, date_only)


@lru_cache(maxsize=4096)
def _long_date(wall, lang, date_only):
    """``wall`` is the naive local time, which Babel writes as it is."""
    return format_datetime(wall, (DAY_PATTERNS if date_only else LONG_PATTERNS)[lang], locale=lang)


def short_date(moment, language=None, now=None, date_only=False):
    """Time only for today's items, day and time this year, the date with its year before.

    Without a time (``date_only``), this year's items show the day and month alone.
    """
    lang = _language(language)
    moment = local(moment)
    today = local(now or timezone.now()).date()
    if date_only:
        pattern = DAY_MONTH_PATTERNS if moment.year == today.year else OTHER_YEAR_PATTERNS
    elif moment.date() == today:
        pattern = SHORT_TIME_PATTERNS
    elif moment.year == today.year:
        pattern = SHORT_DATE_PATTERNS
    else:
        pattern = OTHER_YEAR_PATTERNS
    return format_datetime(moment, pattern[lang], locale=lang)


def iso(moment):
    """ISO 8601 with the site zone's offset, as in <time datetime>."""
    return local(moment).replace(microsecond=0).isoformat()


def publication_label(first_published, updated=None, language=None, date_only=False):
    """The <time> label: "Publié le …" until the first update, "Mis à jour le …" after."""
    lang = _language(language)
    with translation.override(lang):
        if updated:
            date = long_date(updated, lang, date_only)
            return gettext("Updated on %(date)s") % {"date": date}
        date = long_date(first_published, lang, date_only)
        return gettext("Published on %(date)s") % {"date": date}
