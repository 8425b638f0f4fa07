"""Settings of live coverage checked when the site starts, with what to change."""

from django.core.checks import Error, register

from manchette.core.conf import setting

from .conf import POLL_BOUNDS


@register()
def live_settings(app_configs, **kwargs):
    errors = []
    low, high = POLL_BOUNDS
    seconds = setting("MANCHETTE_LIVE_POLL_SECONDS")
    if type(seconds) is not int or not low <= seconds <= high:
        errors.append(
            Error(
                f"MANCHETTE_LIVE_POLL_SECONDS is {seconds!r}.",
                hint=f"Set it to a whole number of seconds from {low} to {high}.",
                id="live.E001",
            )
        )
    size = setting("MANCHETTE_LIVE_PAGE_SIZE")
    if type(size) is not int or size < 1:
        errors.append(
            Error(
                f"MANCHETTE_LIVE_PAGE_SIZE is {size!r}.",
                hint="Set it to a whole number of updates, 1 or more.",
                id="live.E002",
            )
        )
    return errors
