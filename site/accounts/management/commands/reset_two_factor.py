"""Reset a staff member's two-factor authentication, for someone who lost their phone.

Removes their authenticator and recovery codes and ends their sessions; at their next
sign-in they set up an authenticator again. Check who is asking before running this:
it is how an account's second factor is replaced.
"""

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from accounts import two_factor


class Command(BaseCommand):
    help = (
        "Remove a user's two-factor devices and recovery codes and sign them out; "
        "they set up an authenticator again at their next sign-in."
    )

    def add_arguments(self, parser):
        parser.add_argument("username", help="the user's username")

    def handle(self, *args, username, **options):
        User = get_user_model()
        try:
            user = User.objects.get_by_natural_key(username)
        except User.DoesNotExist:
            raise CommandError(f"No user has the username {username!r}.") from None
        had_two_factor = two_factor.has_two_factor(user)
        sessions = two_factor.reset_two_factor(user)
        if had_two_factor:
            outcome = "Two-factor authentication reset"
        else:
            outcome = "No authenticator was set up; any unfinished set-up was removed"
        self.stdout.write(
            self.style.SUCCESS(
                f"{outcome} for {user.get_username()}; {sessions} session(s) ended. "
                "They will set up an authenticator app at their next sign-in."
            )
        )
