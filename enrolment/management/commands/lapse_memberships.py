"""Daily: lapse memberships whose term has ended, and list those ending soon.

Safe to run from cron as often as you like: a lapsed member is no longer active, so a
second run the same day changes nothing. Output names members by reference only.
"""

import datetime

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone

from enrolment.audit import audit
from enrolment.models import Member
from enrolment.models.members import TERM_ENDING_SOON_DAYS

# The fields a lapse touches. Loading only these keeps the job from decrypting anything.
FIELDS = ("pk", "reference", "status", "status_changed_at", "term_ends_on")


def parse_day(value):
    try:
        return datetime.date.fromisoformat(value)
    except ValueError:
        raise CommandError(f"--today must be a date like 2026-11-30, not {value!r}.") from None


class Command(BaseCommand):
    help = (
        "Lapse active members whose three-year term has ended, and list (by reference) "
        f"those whose term ends within {TERM_ENDING_SOON_DAYS} days."
    )

    def add_arguments(self, parser):
        parser.add_argument("--today", type=parse_day, help="Run as if today were YYYY-MM-DD.")
        parser.add_argument(
            "--dry-run", action="store_true", help="Report what would change; change nothing."
        )

    def handle(self, *args, today=None, dry_run=False, **options):
        today = today or timezone.localdate()
        ended = (
            Member.objects.filter(status=Member.Status.ACTIVE, term_ends_on__lt=today)
            .only(*FIELDS)
            .order_by("term_ends_on", "pk")
        )
        lapsed = []
        for member in ended:
            if not dry_run:
                with transaction.atomic():
                    # Conditional, so two overlapping runs cannot lapse (and log) one twice.
                    changed = Member.objects.filter(
                        pk=member.pk, status=Member.Status.ACTIVE
                    ).update(status=Member.Status.LAPSED, status_changed_at=timezone.now())
                    if not changed:
                        continue
                    audit(member, "enrolment.lapse")
            lapsed.append(member)

        verb = "Would lapse" if dry_run else "Lapsed"
        self.stdout.write(f"{verb} {len(lapsed)} membership(s) whose term ended before {today}.")
        for member in lapsed:
            self.stdout.write(f"  {member.reference}  term ended {member.term_ends_on}")

        ending = (
            Member.objects.term_ending_soon(today=today)
            .only(*FIELDS)
            .order_by("term_ends_on", "pk")
        )
        ending = list(ending)
        self.stdout.write(
            f"{len(ending)} membership(s) end within {TERM_ENDING_SOON_DAYS} days "
            "(ask each member whether they want another term):"
        )
        for member in ending:
            self.stdout.write(f"  {member.reference}  term ends {member.term_ends_on}")
