"""Settings of the listen app (see manchette.core.conf)."""

SETTINGS = []
