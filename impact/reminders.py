"""One reminder before an activity closes, to members who have not replied to its invitation.

The daily `send_invitation_reminders` command sends it the engagement settings' number of
days before the closing date, when the activity asks for reminders. It goes once (the
invitation records when, and a run that finds it recorded passes it by), never after a
reply of any kind, and through the same envelope as every message: a safe channel of the
activity's, or none. A member who can no longer be contacted (who left, or withdrew
consent) is not reminded; `send` says so by making no message.
"""

import datetime

from django.db import transaction
from django.utils import timezone

from enrolment.messaging import LinkPurpose, register_kind, send
from enrolment.models import MemberMessage

from .models import EngagementActivity, ImpactSettings, Invitation
from .targeting import activity_channels

# A reminder's link opens the invitation's reply page, like the invitation's own.
register_kind(MemberMessage.Kind.REMINDER, link_purpose=LinkPurpose.INVITATION)()

REMINDABLE_STATUSES = (
    EngagementActivity.Status.PLANNED,
    EngagementActivity.Status.OPEN,
)


def due(today=None):
    """Invitations to remind today: not replied, not reminded, closing within the days set."""
    today = today or timezone.localdate()
    days = ImpactSettings.load().reminder_days
    return (
        Invitation.objects.filter(
            state=Invitation.State.INVITED,
            replied_at__isnull=True,
            reminded_at__isnull=True,
            activity__send_reminder=True,
            activity__status__in=REMINDABLE_STATUSES,
            activity__closes_on__gte=today,
            activity__closes_on__lte=today + datetime.timedelta(days=days),
        )
        .select_related("activity", "member")
        .order_by("pk")
    )


def send_reminders(today=None):
    """Send each reminder due; returns how many were made (emailed or listed for staff)."""
    made = 0
    for invitation in due(today):
        with transaction.atomic():
            # Claimed first, so two runs at once still remind once.
            claimed = Invitation.objects.filter(
                pk=invitation.pk, reminded_at__isnull=True, replied_at__isnull=True
            ).update(reminded_at=timezone.now())
            if not claimed:
                continue
            message = send(
                invitation.member,
                MemberMessage.Kind.REMINDER,
                target_id=invitation.pk,
                allowed=activity_channels(invitation.activity),
            )
            if message is None:
                # They may not be contacted now: nothing is sent, and should that change
                # before the closing date, a later run may still remind them.
                transaction.set_rollback(True)
                continue
        made += 1
    return made
