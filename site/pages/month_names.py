"""Welsh month names the project corrects in its own catalogue.

Django's Welsh catalogue spells July "Gorffenaf"; the right spelling is "Gorffennaf".
The project's catalogue (LOCALE_PATHS) is read before Django's, so entries there win.
These strings are marked here so that `makemessages` keeps those entries: nothing calls
this module.
"""

from django.utils.translation import gettext_noop, pgettext_lazy

CORRECTED = [
    gettext_noop("July"),
    # The "E" date format (the month as used in a date) has its own entries.
    pgettext_lazy("alt. month", "July"),
]
