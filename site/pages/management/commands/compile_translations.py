"""Compile the Welsh catalogue with polib, so set-up needs no GNU gettext.

The .mo files are build output (git ignores them); `make run` and `make test`
build them from the committed .po file. Fuzzy entries are left out, as msgfmt does.
"""

from pathlib import Path

import polib
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError


class Command(BaseCommand):
    help = "Compile every .po catalogue under LOCALE_PATHS into its .mo file."

    def handle(self, *args, **options):
        catalogues = [
            po_path
            for locale_path in settings.LOCALE_PATHS
            for po_path in sorted(Path(locale_path).glob("*/LC_MESSAGES/*.po"))
        ]
        if not catalogues:
            raise CommandError("No .po catalogue found under LOCALE_PATHS.")
        for po_path in catalogues:
            catalogue = polib.pofile(str(po_path))
            for entry in catalogue.fuzzy_entries():
                catalogue.remove(entry)
            catalogue.save_as_mofile(str(po_path.with_suffix(".mo")))
            self.stdout.write(f"Compiled {po_path} ({catalogue.percent_translated()}% translated)")
