"""Settings of the push app (see manchette.core.conf)."""

from manchette.core.conf import Setting

SETTINGS = [
    Setting(
        "MANCHETTE_PUSH_VAPID_PRIVATE_KEY",
        None,
        "The VAPID private key (PEM, P-256) that signs alerts; if unset, one is generated "
        "once and kept in the database, so that every node signs with the same key.",
    ),
    Setting(
        "MANCHETTE_PUSH_CONTACT",
        None,
        "The VAPID contact given to push services ('mailto:…' or an https address); "
        "default: mailto: DEFAULT_FROM_EMAIL.",
    ),
    Setting(
        "MANCHETTE_PUSH_TTL_SECONDS",
        4 * 3600,
        "How long a push service keeps an alert for a phone that is offline; "
        "older news is dropped.",
    ),
    Setting(
        "MANCHETTE_PUSH_ALLOW_LOOPBACK",
        False,
        "Accept http push endpoints on the loopback address (development and tests only; "
        "production accepts https endpoints only).",
    ),
    Setting(
        "MANCHETTE_PUSH_SEND_THREADS",
        16,
        "Alerts sent at once by the task worker (each waits on a push service's answer).",
    ),
    Setting(
        "MANCHETTE_PUSH_TOPICS_PER_SUBSCRIPTION",
        30,
        "Most topics (breaking news, sections, live pages) one browser may follow.",
    ),
]
