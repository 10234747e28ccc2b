#!/usr/bin/env python
"""Django's command-line utility for the Victim-Survivor Engagement Network."""

import os
import sys
from pathlib import Path

# site/ is a source root, not a package: Python's standard library owns the
# module name "site", so its packages (config, pages) are imported directly.
sys.path.insert(0, str(Path(__file__).resolve().parent / "site"))


def main():
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.dev")
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)


if __name__ == "__main__":
    main()
