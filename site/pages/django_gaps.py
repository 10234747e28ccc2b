"""Django's own messages that its Welsh catalogue leaves in English, where staff or the
public can meet them: the project's catalogue (LOCALE_PATHS) is read first, so entries
there fill the gaps. These strings are marked here so that `makemessages` keeps those
entries: nothing calls this module.
"""

from django.utils.translation import gettext_noop

FILLED = [
    # A form field given a NUL character (a staff text box, say).
    gettext_noop("Null characters are not allowed."),
    # Paginated lists given a page that does not exist.
    gettext_noop("That page number is not an integer"),
    gettext_noop("That page number is less than 1"),
    gettext_noop("That page contains no results"),
    # Text shortened for a list.
    gettext_noop("%(truncated_text)s…"),
]
