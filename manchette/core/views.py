"""Views every part of the site shares: language choice, icons, manifest and error pages."""

from pathlib import Path

from django.conf import settings
from django.http import FileResponse, HttpResponseRedirect, HttpResponseServerError, JsonResponse
from django.shortcuts import render
from django.template import loader
from django.templatetags.static import static
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.cache import cache_control, never_cache

from .conf import setting

ICON_SIZES = (192, 512)
# Read from the package itself: /favicon.ico works before (and without) collectstatic.
FAVICON = Path(__file__).resolve().parent / "static" / "manchette" / "favicon.ico"


@never_cache
def choose_language(request, code):
    """Remember the reader's interface language and go back where they were.

    A link rather than Django's set_language form, so that it works from a
    cached page, which carries no CSRF token. An unknown code falls back to
    the site's default language; ``next`` may only lead back into this site.
    """
    code = code.lower()
    language = code if code in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE
    target = request.GET.get("next", "/")
    if not url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        target = "/"
    response = HttpResponseRedirect(target)
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME,
        language,
        max_age=settings.LANGUAGE_COOKIE_AGE,
        path=settings.LANGUAGE_COOKIE_PATH,
        domain=settings.LANGUAGE_COOKIE_DOMAIN,
        secure=settings.LANGUAGE_COOKIE_SECURE,
        httponly=settings.LANGUAGE_COOKIE_HTTPONLY,
        samesite="Lax",
    )
    return response


@cache_control(public=True, max_age=7 * 24 * 3600)
def favicon(request):
    """/favicon.ico, where browsers and feed readers look for it whatever the page says."""
    return FileResponse(FAVICON.open("rb"), content_type="image/x-icon")


@cache_control(public=True, max_age=3600)
def manifest(request):
    """The web app manifest: the site's name, icons and colours on a phone's home screen."""
    name = setting("MANCHETTE_PUBLICATION_NAME")
    icons = [
        {
            "src": static(f"manchette/icon-{size}.png"),
            "sizes": f"{size}x{size}",
            "type": "image/png",
        }
        for size in ICON_SIZES
    ]
    icons.append({"src": static("manchette/favicon.svg"), "sizes": "any", "type": "image/svg+xml"})
    data = {
        "name": name,
        "short_name": name[:12],
        "description": _("The latest news from %(name)s") % {"name": name},
        "lang": request.LANGUAGE_CODE,
        "start_url": "/",
        "scope": "/",
        "display": "browser",
        "background_color": "#ffffff",
        "theme_color": "#a4001d",
        "icons": icons,
    }
    return JsonResponse(data, content_type="application/manifest+json")


def not_found(request, exception=None):
    return render(request, "404.html", status=404)


def server_error(request):
    # No request context here: whatever broke may be among the context processors.
    return HttpResponseServerError(loader.get_template("500.html").render())


def locked_out(request, original_response=None, credentials=None):
    """The page after too many failed sign-ins (django-axes' AXES_LOCKOUT_CALLABLE): 429."""
    minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
    return render(request, "core/locked_out.html", {"minutes": minutes}, status=429)
