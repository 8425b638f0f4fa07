#!/usr/bin/env python
"""Django's usual entry point; the same as the ``manchette`` command."""

from manchette.cli import main

if __name__ == "__main__":
    main()
