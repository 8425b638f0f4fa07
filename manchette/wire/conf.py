"""Settings of the wire app (see manchette.core.conf)."""

from manchette.core.conf import Setting

SETTINGS = [
    Setting(
        "MANCHETTE_WIRE_MAX_BYTES",
        5_000_000,
        "Largest dispatch accepted, in bytes (file, push or feed); a bigger one is quarantined.",
    ),
    Setting(
        "MANCHETTE_WIRE_DROP_DIR",
        None,
        "Drop folder that `manchette watch_wire` ingests (default: var/wire); "
        "files move to its processed/ and quarantine/ subfolders.",
    ),
    Setting(
        "MANCHETTE_WIRE_WATCH_INTERVAL",
        5,
        "Seconds between two rounds of `manchette watch_wire` (drop folder, feeds, recovery).",
    ),
    Setting(
        "MANCHETTE_WIRE_RECOVER_AFTER",
        60,
        "Seconds after which the watcher processes a received dispatch whose task never ran "
        "(a worker killed mid-batch), or a dropped file another watcher claimed and never "
        "finished.",
    ),
    Setting(
        "MANCHETTE_WIRE_POLL_TIMEOUT",
        10,
        "Seconds a feed poll may take (connect and read) before it counts as a failure.",
    ),
    Setting(
        "MANCHETTE_WIRE_POLL_MAX_BACKOFF",
        3600,
        "Longest wait, in seconds, between polls of a feed that keeps failing.",
    ),
    Setting(
        "MANCHETTE_WIRE_SIGNATURE_MAX_AGE",
        300,
        "Seconds a signed push is accepted after the time it names (either way, for clocks "
        "that differ); each signature is accepted once.",
    ),
]
