"""Settings of the wire app (see manchette.core.conf)."""

SETTINGS = []
