"""Daily: erase withdrawn and lapsed members once the retention period has passed.

The retention period is "keep withdrawn and lapsed records for (days)" in the admin's
membership settings, counted from when the member's status last changed. An erased member
is no longer withdrawn or lapsed, so running this twice erases nobody twice. The output
gives counts only.
"""

import datetime

from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone

from enrolment.audit import audit
from enrolment.models import Member, MembershipSettings

PURGED_STATUSES = (Member.Status.WITHDRAWN, Member.Status.LAPSED)


class Command(BaseCommand):
    help = (
        "Erase the personal data of withdrawn and lapsed members whose status changed "
        "longer ago than the retention period set in the admin. Prints counts only."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run", action="store_true", help="Count what would be erased; erase nothing."
        )

    def handle(self, *args, dry_run=False, **options):
        retention_days = MembershipSettings.load().retention_days
        cutoff = timezone.now() - datetime.timedelta(days=retention_days)
        expired = (
            Member.objects.filter(status__in=PURGED_STATUSES, status_changed_at__lt=cutoff)
            .only("pk", "reference", "status", "status_changed_at")
            .order_by("pk")
        )
        counts = dict.fromkeys(PURGED_STATUSES, 0)
        for member in expired:
            if dry_run:
                counts[member.status] += 1
                continue
            with transaction.atomic():
                # Re-check under a row lock: staff may have renewed or erased the member
                # since the list was read, or another run may be under way.
                member = (
                    Member.objects.select_for_update()
                    .filter(pk=member.pk, status__in=PURGED_STATUSES, status_changed_at__lt=cutoff)
                    .only("pk", "reference", "status", "status_changed_at")
                    .first()
                )
                if member is None:
                    continue
                previous = member.status
                member.erase()
                audit(member, "enrolment.purge", data={"previous_status": previous})
            counts[previous] += 1

        verb = "Would erase" if dry_run else "Erased"
        total = sum(counts.values())
        self.stdout.write(
            f"{verb} {total} member record(s) kept longer than {retention_days} days: "
            f"{counts[Member.Status.WITHDRAWN]} withdrawn, {counts[Member.Status.LAPSED]} lapsed."
        )
