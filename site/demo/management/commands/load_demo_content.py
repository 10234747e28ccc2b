"""Load the bilingual demo content: `manage.py load_demo_content`.

The content itself is in demo/content/ (one YAML file per page or list, both languages
side by side). Safe to run again and again: each item has a fixed translation key (or
public code, or email address), so a second run finds what the first made and creates
only what is missing. Content that exists is left as it is, so an editor's changes are
never overwritten. Demo staff accounts and members only where DEMO_ACCOUNTS_ENABLED.

Nothing is emailed while loading: publishing the demo stories would otherwise tell the
fictional members who took part, and the console would print those emails as if real
mail had gone out.
"""

import logging

from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import transaction
from django.test.utils import override_settings
from django.utils import timezone
from wagtail.models import Locale, Site

from demo.engagement import invite_members, load_activities, load_lists
from demo.pages import load_pages, load_support_services
from demo.people import load_members, load_staff_accounts
from pages.models import SafetySettings


class Command(BaseCommand):
    help = "Load the bilingual demo content (and, in development, demo staff and members)."

    def handle(self, *args, **options):
        # The immediate task runner sends when the transaction commits: that is inside too.
        # Wagtail logs every page it creates and publishes: a hundred lines that would
        # bury the demo accounts.
        wagtail_log = logging.getLogger("wagtail")
        level = wagtail_log.level
        wagtail_log.setLevel(logging.WARNING)
        try:
            with override_settings(EMAIL_BACKEND="django.core.mail.backends.dummy.EmailBackend"):
                members_made = self.load()
        finally:
            wagtail_log.setLevel(level)
        write = self.stdout.write
        write(self.style.SUCCESS("Demo content is in place in English and Welsh."))
        if settings.DEMO_ACCOUNTS_ENABLED:
            write(f"Fictional demo members made this time: {members_made}.")
            write("No email was sent while loading the demo.")
        load_staff_accounts(write)

    def load(self):
        today = timezone.localdate()
        members_made = 0
        with transaction.atomic():
            locales = {
                language: Locale.objects.get(language_code=language) for language in ("en", "cy")
            }
            load_support_services(locales)
            lists = load_lists(locales)
            activities = load_activities(lists["partner"]["en"], lists["topic"]["en"], today)
            if settings.DEMO_ACCOUNTS_ENABLED:
                members_made = load_members(today)
                invite_members(activities, today)
            # Last: publishing a story tells the members who took part in its activity.
            load_pages(locales, lists, activities, today)
            SafetySettings.for_site(Site.objects.get(is_default_site=True))
        return members_made
