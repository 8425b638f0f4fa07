"""The comment section under an article: ``{% comment_section %}`` in the article's template."""

from django import template

from ..display import section_context

register = template.Library()


@register.inclusion_tag("comments/includes/section.html", takes_context=True)
def comment_section(context):
    return {
        **section_context(context["request"], context["page"]),
        "reader_language": context.get("reader_language"),
    }
