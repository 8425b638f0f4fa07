"""Views every part of the site shares: language choice and error pages."""

from django.conf import settings
from django.http import HttpResponseRedirect, HttpResponseServerError
from django.shortcuts import render
from django.template import loader
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.cache import never_cache


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


def not_found(request, exception=None):
    return render(request, "404.html", status=404)


def server_error(request):
    # No request context here: whatever broke may be among the context processors.
    return HttpResponseServerError(loader.get_template("500.html").render())
