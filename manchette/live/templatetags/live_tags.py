"""Live coverage in progress, announced where readers arrive: the front and section pages."""

from django import template

from manchette.core.cache import surrogate_keys

from ..models import LivePage

register = template.Library()


@register.inclusion_tag("live/includes/live_now.html", takes_context=True)
def live_now(context, within):
    """The published live pages under ``within`` whose coverage has not ended, newest first.

    Publishing, unpublishing or ending one purges the front page and its
    section (``updates.purge_published``); its title shown here changes with it.
    """
    coverage = list(
        LivePage.objects.descendant_of(within)
        .live()
        .public()
        .exclude(status=LivePage.Status.ENDED)
        .order_by("-coverage_start")
    )
    surrogate_keys(context.get("request"), *(f"live-{page.pk}" for page in coverage))
    return {"coverage": coverage, "reader_language": context.get("reader_language")}
