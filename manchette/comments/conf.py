"""Settings of the comments app (see manchette.core.conf)."""

SETTINGS = []
