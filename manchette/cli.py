"""The ``manchette`` command: Django's management commands with the site's settings.

``manchette serve`` runs the production server, ``manchette demo`` loads the
demo newsroom, and every other Django command (``migrate``,
``createsuperuser``, ``publish_scheduled`` …) works as with manage.py.
"""

import os
import sys

from manchette.core.serving import follow_server


def main(argv=None):
    follow_server()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "manchette.settings.dev")
    from django.core.management import execute_from_command_line

    execute_from_command_line(["manchette", *(sys.argv[1:] if argv is None else argv)])


if __name__ == "__main__":
    main()
