"""The comment section under an article: ``{% comment_section %}`` in the article's template."""

from django import template

from ..display import section_context

register = template.Library()


@register.inclusion_tag("comments/includes/section.html", takes_context=True)
def comment_section(context):
    request = context["request"]
    # A page re-rendered after a failed post shows the reader's form, errors and text.
    return {
        **section_context(request, context["page"], getattr(request, "comment_form", None)),
        "reader_language": context.get("reader_language"),
    }
