"""WSGI entry point: the page cache, the comment flood gate, static files, then Django.

The page cache comes first so that a warm page costs one lookup and nothing
else; a flooding network's comment posts stop at the gate (comments.floodgate);
static files reach WhiteNoise on the way in, never stored by the cache, with
the same security headers as pages (core.headers).
"""

import gc
import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "manchette.settings.dev")

# Django is set up first: the layers below import models (any WSGI server may load us).
django_application = get_wsgi_application()

from django.conf import settings  # noqa: E402
from django.urls import resolve  # noqa: E402

from manchette.comments.floodgate import FloodGate  # noqa: E402
from manchette.core.headers import StaticFiles  # noqa: E402
from manchette.core.pagecache import PageCache  # noqa: E402
from manchette.core.serving import follow_server  # noqa: E402

# A granian worker of `manchette serve` stops when the server does.
follow_server()

application = PageCache(
    FloodGate(
        StaticFiles(
            django_application,
            root=settings.STATIC_ROOT,
            prefix=settings.STATIC_URL,
            max_age=31536000,
        )
    )
)

# Every view and URL pattern imported now rather than by the first request, often a
# comment post the flood gate answers (resolving it imports them).
resolve("/")
# What is loaded so far lives as long as the process: left out of the garbage
# collector's full collections, which would otherwise walk its ~240,000 objects now
# and then, holding every thread of the process (readers' cached pages included) for
# a few hundred milliseconds, and would un-share the memory a forked worker shares.
gc.freeze()
