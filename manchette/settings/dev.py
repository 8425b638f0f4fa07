"""The local site that `make run` serves: DEBUG off so readers see the real
404 page and the production server's behaviour, a secret key generated once
into ./var/, local hosts only."""

import os
import secrets

from .base import *  # noqa: F403

DEBUG = os.environ.get("MANCHETTE_DEBUG") == "1"
ALLOWED_HOSTS = ["127.0.0.1", "localhost", "[::1]"]
# No web server in front of the local site: Django serves the images.
MANCHETTE_SERVE_MEDIA = True
# Alerts to a push service on this machine (the tests start one); production wants https.
MANCHETTE_PUSH_ALLOW_LOOPBACK = True


def _local_secret_key():
    VAR_DIR.mkdir(parents=True, exist_ok=True)  # noqa: F405
    key_file = VAR_DIR / "secret_key"  # noqa: F405
    if not key_file.exists():
        key_file.write_text(secrets.token_urlsafe(50))
        key_file.chmod(0o600)
    return key_file.read_text().strip()


SECRET_KEY = _local_secret_key()
