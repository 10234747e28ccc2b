"""Daily: remind members who have not replied to an invitation, once, a few days before the
activity closes (the engagement settings' number of days)."""

from django.core.management.base import BaseCommand

from impact.reminders import send_reminders


class Command(BaseCommand):
    help = "Remind members who have not replied to an invitation, once, before it closes."

    def handle(self, *args, **options):
        made = send_reminders()
        self.stdout.write(f"{made} reminder(s) made.")
