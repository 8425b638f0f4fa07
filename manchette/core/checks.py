"""Checks of the cache settings, run by ``manchette check`` and before ``manchette serve``.

A wrong address or lifetime would otherwise show up as pages that never
go stale, or as an error on every reader's request.
"""

from urllib.parse import urlsplit

from django.core.checks import Error, Tags, register

from .conf import setting


def _is_address(value, schemes):
    if not isinstance(value, str):
        return False
    try:
        parts = urlsplit(value)
    except ValueError:
        return False
    return parts.scheme in schemes and bool(parts.netloc or parts.scheme == "unix")


@register(Tags.caches)
def check_cache_settings(app_configs, **kwargs):
    errors = []
    max_age = setting("MANCHETTE_CACHE_MAX_AGE")
    if isinstance(max_age, bool) or not isinstance(max_age, int) or max_age <= 0:
        errors.append(
            Error(
                f"MANCHETTE_CACHE_MAX_AGE is {max_age!r}.",
                hint="Give a whole number of seconds above 0, for example 600.",
                id="manchette.E101",
            )
        )
    redis_url = setting("MANCHETTE_PURGE_REDIS_URL")
    if redis_url is not None and not _is_address(redis_url, {"redis", "rediss", "unix"}):
        errors.append(
            Error(
                f"MANCHETTE_PURGE_REDIS_URL is {redis_url!r}, not a Redis address.",
                hint="Give an address such as redis://127.0.0.1:6379/0 (or REDIS_URL).",
                id="manchette.E102",
            )
        )
    varnish = setting("MANCHETTE_VARNISH_URLS")
    wrong = [varnish] if isinstance(varnish, str) else varnish
    wrong = [url for url in wrong if not _is_address(url, {"http", "https"})]
    if wrong or isinstance(varnish, str):
        errors.append(
            Error(
                f"MANCHETTE_VARNISH_URLS has {', '.join(map(repr, wrong))}.",
                hint="List http:// addresses of Varnish servers, such as "
                "['http://10.0.0.5:6081']; in production, comma-separated in the variable.",
                id="manchette.E103",
            )
        )
    for provider, names in (
        ("Fastly", ("MANCHETTE_FASTLY_SERVICE_ID", "MANCHETTE_FASTLY_API_TOKEN")),
        ("Cloudflare", ("MANCHETTE_CLOUDFLARE_ZONE_ID", "MANCHETTE_CLOUDFLARE_API_TOKEN")),
    ):
        given = [name for name in names if setting(name)]
        if len(given) == 1:
            missing = next(name for name in names if name not in given)
            errors.append(
                Error(
                    f"{given[0]} is set but {missing} is not: {provider} cannot be purged.",
                    hint=f"Set both, or neither to leave {provider} out.",
                    id="manchette.E104",
                )
            )
    for name in ("MANCHETTE_FASTLY_API_URL", "MANCHETTE_CLOUDFLARE_API_URL"):
        if not _is_address(setting(name), {"https", "http"}):
            errors.append(
                Error(
                    f"{name} is {setting(name)!r}, not an http(s) address.",
                    hint="Leave it unset: it only changes to test against another server.",
                    id="manchette.E105",
                )
            )
    return errors
