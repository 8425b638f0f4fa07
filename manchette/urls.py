from django.conf import settings
from django.urls import include, path, re_path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from manchette.core import views as core_views
from manchette.core.conf import setting
from manchette.core.media import media_file

handler404 = "manchette.core.views.not_found"
handler500 = "manchette.core.views.server_error"

urlpatterns = [
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("langue/<str:code>/", core_views.choose_language, name="choose_language"),
    path("favicon.ico", core_views.favicon, name="favicon"),
    path("manifest.webmanifest", core_views.manifest, name="manifest"),
    path("", include("manchette.syndication.urls")),
    path("", include("manchette.search.urls")),
    path("comments/", include("manchette.comments.urls")),
    path("", include("manchette.wire.urls")),
    path("listen/", include("manchette.listen.urls")),
    path("", include("manchette.push.urls")),
    path("", include("manchette.newsroom.urls")),
]

if setting("MANCHETTE_SERVE_MEDIA"):
    # Images only: documents go through Wagtail's view, which checks their collection's
    # privacy, and audio through the listen app's, which answers byte ranges.
    media_prefix = settings.MEDIA_URL.lstrip("/")
    urlpatterns.append(
        re_path(
            rf"^{media_prefix}(?P<path>(?:original_images|images)/.+)$",
            media_file,
            name="media_file",
        )
    )

urlpatterns.append(path("", include(wagtail_urls)))
