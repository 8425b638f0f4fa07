"""Template filters for dates and structured data on reader pages."""

from django import template
from django.utils.html import json_script
from django.utils.safestring import mark_safe

from manchette.core import dates, typography

register = template.Library()


@register.filter
def iso_datetime(moment):
    return dates.iso(moment) if moment else ""


@register.filter
def long_date(moment, language=None):
    return dates.long_date(moment, language) if moment else ""


@register.filter
def article_date(article):
    """An article's first publication, its time left out when the source gave none."""
    if not article.first_published_at:
        return ""
    return dates.long_date(article.first_published_at, date_only=article.date_only)


@register.filter
def short_date(moment, date_only=False):
    """``{{ article.first_published_at|short_date:article.date_only }}``"""
    return dates.short_date(moment, date_only=date_only) if moment else ""


@register.simple_tag
def publication_label(article):
    return dates.publication_label(
        article.first_published_at, article.updated_at, date_only=article.date_only
    )


@register.simple_tag
def structured_data(data):
    """A JSON-LD script element, escaped so that no field can close the tag."""
    # json_script escapes <, > and & inside the JSON, so the result stays safe.
    return mark_safe(  # noqa: S308
        json_script(data).replace('type="application/json"', 'type="application/ld+json"', 1)
    )


@register.filter(is_safe=True)
def typeset(html):
    """The page's text in its languages' typography (see ``manchette.core.typography``)."""
    return mark_safe(typography.typeset(str(html)))  # noqa: S308 (text escaped, markup kept)


@register.filter
def credit(text):
    """A picture credit with exactly one ©."""
    return typography.credit(text)
