"""Daily: ask each member whose term ends within 60 days, once, whether they want another.

Each member gets one ``renewal`` message for the term they are in (through their safe
channel, in the neutral envelope): emailed, listed for staff to post or call, or listed as
having no safe channel. A member is marked as asked for that term in the same transaction,
so running it again, or twice at once, asks nobody twice. Output is counts only.
"""

from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone

from enrolment.messaging import send
from enrolment.models import Member, MemberMessage
from enrolment.models.members import TERM_ENDING_SOON_DAYS
from enrolment.renewal import may_answer

from .lapse_memberships import parse_day

Channel = MemberMessage.Channel
OUTCOMES = {
    Channel.EMAIL: "emailed",
    Channel.POST: "listed for a letter",
    Channel.PHONE: "listed for a call",
    Channel.NONE: "listed with no safe channel",
}


class Command(BaseCommand):
    help = (
        f"Ask active members whose term ends within {TERM_ENDING_SOON_DAYS} days whether "
        "they want another three years, once per term."
    )

    def add_arguments(self, parser):
        parser.add_argument("--today", type=parse_day, help="Run as if today were YYYY-MM-DD.")
        parser.add_argument(
            "--dry-run", action="store_true", help="Count who would be asked; ask nobody."
        )

    def handle(self, *args, today=None, dry_run=False, **options):
        today = today or timezone.localdate()
        due = Member.objects.to_ask_about_renewal(today).order_by("term_ends_on", "pk")
        counts = dict.fromkeys(OUTCOMES.values(), 0)
        not_contactable = 0
        if dry_run:
            self.stdout.write(f"Would ask {due.count()} member(s) about renewing.")
            return
        for member_id in list(due.values_list("pk", flat=True)):
            with transaction.atomic():
                # Locked and checked again, so an overlapping run cannot ask twice.
                member = (
                    Member.objects.to_ask_about_renewal(today)
                    .select_for_update()
                    .filter(pk=member_id)
                    .first()
                )
                if member is None or not may_answer(member, today):
                    continue
                message = send(member, MemberMessage.Kind.RENEWAL)
                if message is None:
                    # No consent to be contacted: not asked, and not marked, so a change
                    # of mind before the term ends still brings the question.
                    not_contactable += 1
                    continue
                member.renewal_asked_at = timezone.now()
                member.renewal_asked_for = member.term_ends_on
                member.renewal_answer = ""
                member.renewal_answered_at = None
                member.save(
                    update_fields=[
                        "renewal_asked_at",
                        "renewal_asked_for",
                        "renewal_answer",
                        "renewal_answered_at",
                    ]
                )
                counts[OUTCOMES[message.channel]] += 1
        asked = sum(counts.values())
        self.stdout.write(f"Asked {asked} member(s) about renewing their membership.")
        for outcome, number in counts.items():
            self.stdout.write(f"  {outcome}: {number}")
        if not_contactable:
            self.stdout.write(f"  not asked (no consent to contact): {not_contactable}")
