"""WSGI entry point: static files, then the page cache, then Django."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "manchette.settings.dev")

from django.conf import settings  # noqa: E402
from whitenoise import WhiteNoise  # noqa: E402

from manchette.core.pagecache import PageCache  # noqa: E402

django_application = get_wsgi_application()
application = WhiteNoise(
    PageCache(django_application),
    root=settings.STATIC_ROOT,
    prefix=settings.STATIC_URL,
    max_age=31536000,
)
