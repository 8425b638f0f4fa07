"""What the article page's player needs to know about an article's audio."""

from django import template
from django.core.exceptions import ObjectDoesNotExist
from django.utils.translation import gettext as _

from manchette.core.cache import surrogate_keys
from manchette.core.conf import setting

register = template.Library()


@register.simple_tag(takes_context=True)
def listen_state(context, article):
    """The article's audio (or None) and whether a live reading may stand in for it.

    The page names ``listen-<id>``, which the audio worker purges once the
    recording is ready: softly, since the player only joins the page, and
    only the article page shows it (not the lists that name the article).
    """
    surrogate_keys(context.get("request"), f"listen-{article.pk}")
    try:
        audio = article.audio
    except ObjectDoesNotExist:
        audio = None
    playable = audio is not None and audio.playable
    return {
        "audio": audio if playable else None,
        "live": not playable and audio is not None and setting("MANCHETTE_LISTEN_LIVE_READING"),
    }


@register.filter
def spoken_duration(seconds):
    """3 min 05 s, as a listener reads it."""
    minutes, seconds = divmod(round(seconds or 0), 60)
    if not minutes:
        return _("%(seconds)d s") % {"seconds": seconds}
    return _("%(minutes)d min %(seconds)02d s") % {"minutes": minutes, "seconds": seconds}


@register.filter
def iso_duration(seconds):
    """The same for machines: PT3M5S."""
    minutes, seconds = divmod(round(seconds or 0), 60)
    return f"PT{minutes}M{seconds}S"
