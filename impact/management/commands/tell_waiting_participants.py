"""Daily: tell participants still waiting for a story in their language, once the engagement
settings' number of days has passed (nothing, when no number is set)."""

from django.core.management.base import BaseCommand

from impact.notify import tell_waiting_participants


class Command(BaseCommand):
    help = "Tell participants about stories published only in the other language for long enough."

    def handle(self, *args, **options):
        made = tell_waiting_participants()
        self.stdout.write(f"{made} participant(s) to be told.")
