"""Settings of live coverage (see manchette.core.conf)."""

from manchette.core.conf import Setting

# Readers' scripts poll within these bounds: faster would only load the server,
# slower would no longer feel live.
POLL_BOUNDS = (10, 30)

SETTINGS = [
    Setting(
        "MANCHETTE_LIVE_PAGE_SIZE",
        20,
        "Updates per page of a live coverage page (readers without JavaScript page through them).",
    ),
    Setting(
        "MANCHETTE_LIVE_POLL_SECONDS",
        15,
        "How often readers' browsers ask a live coverage page for new updates, "
        "in seconds (10 to 30).",
    ),
]
