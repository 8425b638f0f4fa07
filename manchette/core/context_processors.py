from django.conf import settings
from django.utils import translation

from .conf import setting


def site_chrome(request):
    """What every reader page's masthead and footer need."""
    current = translation.get_language() or settings.LANGUAGE_CODE
    return {
        "publication_name": setting("MANCHETTE_PUBLICATION_NAME"),
        "reader_language": current,
        "languages": [(code, name) for code, name in settings.LANGUAGES],
    }
