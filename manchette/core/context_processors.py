from django.conf import settings
from django.utils import translation
from django.utils.text import capfirst

from .conf import setting


def site_chrome(request):
    """What every reader page's masthead and footer need."""
    current = translation.get_language() or settings.LANGUAGE_CODE
    return {
        "publication_name": setting("MANCHETTE_PUBLICATION_NAME"),
        "reader_language": current,
        # Feeds are in the site's language unless their address asks for another.
        "feed_query": "" if current == settings.LANGUAGE_CODE else f"?lang={current}",
        # Each language names itself ("Nederlands", not "Néerlandais"): the switch
        # is for readers who do not read the current one, and its links carry lang=code.
        "languages": [
            (code, capfirst(translation.get_language_info(code)["name_local"]))
            for code, _name in settings.LANGUAGES
        ],
    }
