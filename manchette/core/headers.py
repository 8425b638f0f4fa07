"""Security headers on every answer: pages, the admin and static files alike.

Reader pages get Django's Content-Security-Policy (SECURE_CSP in settings:
everything from the site itself, no inline script or style). The Wagtail
admin gets a looser one (ADMIN_CSP): its editor writes inline styles and a
few inline scripts, and only signed-in staff reach it. Every answer carries
Permissions-Policy: reader pages need no camera, microphone or location.
Static files skip Django, so WhiteNoise adds the same headers
(``static_headers``), and the staticfiles manifest, a list of every file
the site has, is not served (``StaticFiles``).
"""

from django.conf import settings
from django.utils.csp import CSP
from whitenoise import WhiteNoise

ADMIN_PREFIX = "/admin/"
ADMIN_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF, CSP.UNSAFE_INLINE],
    "style-src": [CSP.SELF, CSP.UNSAFE_INLINE],
    "img-src": [CSP.SELF, "data:", "blob:"],
    "media-src": [CSP.SELF, "blob:"],
    "font-src": [CSP.SELF, "data:"],
    "connect-src": [CSP.SELF],
    "frame-src": [CSP.SELF],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.SELF],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.SELF],
}
PERMISSIONS_POLICY = ", ".join(
    f"{feature}=()"
    for feature in (
        "accelerometer",
        "camera",
        "display-capture",
        "geolocation",
        "gyroscope",
        "magnetometer",
        "microphone",
        "midi",
        "payment",
        "usb",
        "browsing-topics",
    )
)


def policy(directives):
    """A CSP header value from a dict of directive -> sources, as SECURE_CSP is written."""
    return "; ".join(" ".join([name, *sources]) for name, sources in directives.items())


class SecurityHeadersMiddleware:
    """Permissions-Policy everywhere; the admin's own CSP under /admin/.

    Placed after Django's ContentSecurityPolicyMiddleware, so that its answer
    is seen first: Django leaves a CSP header that is already set alone.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self.admin_policy = policy(ADMIN_CSP)

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        if request.path.startswith(ADMIN_PREFIX):
            response.headers.setdefault(str(CSP.HEADER_ENFORCE), self.admin_policy)
        return response


def static_headers(headers, path, url):
    """WhiteNoise's add_headers_function: the headers Django's middleware puts on pages."""
    headers[str(CSP.HEADER_ENFORCE)] = policy(settings.SECURE_CSP)
    headers["Permissions-Policy"] = PERMISSIONS_POLICY
    headers["X-Content-Type-Options"] = "nosniff"
    headers["Referrer-Policy"] = settings.SECURE_REFERRER_POLICY
    headers["Cross-Origin-Opener-Policy"] = settings.SECURE_CROSS_ORIGIN_OPENER_POLICY
    if settings.SECURE_HSTS_SECONDS:
        hsts = f"max-age={settings.SECURE_HSTS_SECONDS}"
        if settings.SECURE_HSTS_INCLUDE_SUBDOMAINS:
            hsts += "; includeSubDomains"
        if settings.SECURE_HSTS_PRELOAD:
            hsts += "; preload"
        headers["Strict-Transport-Security"] = hsts


class StaticFiles(WhiteNoise):
    """WhiteNoise, with the manifest (and its compressed copies) left to Django's 404."""

    def __init__(self, application, **options):
        super().__init__(application, add_headers_function=static_headers, **options)
        self.manifest = f"{options['prefix'].rstrip('/')}/staticfiles.json"

    def __call__(self, environ, start_response):
        if environ.get("PATH_INFO", "").startswith(self.manifest):
            return self.application(environ, start_response)
        return super().__call__(environ, start_response)
