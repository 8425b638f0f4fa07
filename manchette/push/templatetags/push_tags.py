from django import template

from manchette.push.topics import page_topic

register = template.Library()


@register.inclusion_tag("push/follow.html")
def follow_link(page, label):
    """A link that turns on alerts for a followable page in one click."""
    return {"topic": page_topic(page), "label": label}
