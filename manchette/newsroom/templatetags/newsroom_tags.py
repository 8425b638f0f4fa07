from django import template

from manchette.newsroom.models import SectionPage

register = template.Library()


@register.inclusion_tag("newsroom/sections_nav.html")
def sections_nav(current=None):
    """The sections of the site, in the order editors gave them in the page tree."""
    sections = SectionPage.objects.live().public().in_menu().order_by("path")
    return {"site_sections": sections, "current": current}
