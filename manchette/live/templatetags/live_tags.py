"""Live coverage in progress, announced where readers arrive: the front and section pages."""

import json
from dataclasses import dataclass

from django import template

from manchette.core.cache import surrogate_keys
from manchette.newsroom.reading import site_root, site_sections

from ..models import LivePage

register = template.Library()


@dataclass
class Announced:
    """A live page in progress as its section's query brought it (``coverage_in_progress``)."""

    pk: int
    title: str
    url: str
    language: str
    status: str
    coverage_start: str

    def get_status_display(self):
        return LivePage.Status(self.status).label


def announced(section, page):
    # Live pages are children of their section: the address follows from its own.
    slug = page.pop("slug")
    return Announced(**page, url=f"{section.url}{slug}/")


@register.inclusion_tag("live/includes/live_now.html", takes_context=True)
def live_now(context, within):
    """The published live pages under ``within`` whose coverage has not ended, newest first.

    They come with the sections, which the page has read already (no query
    of their own). Publishing, unpublishing or ending one purges the front
    page and its section (``updates.purge_published``).
    """
    request = context.get("request")
    sections = [
        section
        for section in site_sections(request, site_root(request) or within)
        if section.live and not section.private and section.path.startswith(within.path)
    ]
    coverage = sorted(
        (
            announced(section, page)
            for section in sections
            for page in json.loads(f"[{section.live_coverage or ''}]")
        ),
        key=lambda page: page.coverage_start,
        reverse=True,
    )
    surrogate_keys(request, *(f"live-{page.pk}" for page in coverage))
    return {"coverage": coverage, "reader_language": context.get("reader_language")}
