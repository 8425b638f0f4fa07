from django import template

from manchette.newsroom.models import SectionPage
from manchette.wire.versions import published_versions, readable_text

register = template.Library()


@register.inclusion_tag("newsroom/sections_nav.html")
def sections_nav(current=None):
    """The sections of the site, in the order editors gave them in the page tree."""
    sections = SectionPage.objects.live().public().in_menu().order_by("path")
    return {"site_sections": sections, "current": current}


@register.simple_tag
def text_corrected(article):
    """Whether readers once read another text of this article, however soon it changed.

    Unlike "Mis à jour", which waits for MANCHETTE_UPDATE_GRACE_SECONDS, any
    change to the published text counts: readers may have quoted the first.
    """
    versions = published_versions(article)
    if len(versions) < 2:
        return False
    return readable_text(versions[0].revision) != readable_text(versions[-1].revision)
