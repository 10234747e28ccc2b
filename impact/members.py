"""What the impact app adds to a member's record, and what erasing a member clears here.

enrolment knows nothing of impact: its record page and subject access file ask the
"member_record_sections" hook for extra sections (registered in impact.wagtail_hooks), and
this module listens for members being saved as erased (connected from ImpactConfig.ready).
"""

from django.db.models.signals import post_save
from django.dispatch import receiver
from django.utils import timezone
from django.utils.translation import gettext as _

from core.dates import day
from enrolment.models import Member

from .models import Invitation


def invitation_lines(invitation):
    """What is held about one invitation, one fact a line."""
    lines = [
        _("State: %(state)s") % {"state": invitation.get_state_display()},
        _("Invited by: %(channel)s") % {"channel": invitation.get_channel_display()},
        _("Invited on: %(date)s") % {"date": day(timezone.localdate(invitation.invited_at))},
    ]
    if invitation.state != Invitation.State.INVITED:
        changed = timezone.localdate(invitation.state_changed_at)
        lines.append(_("State changed on: %(date)s") % {"date": day(changed)})
    if invitation.feedback:
        lines.append(_("What they told us: %(feedback)s") % {"feedback": invitation.feedback})
    return lines


def record_sections(member):
    """The activities the member was invited to, in the shape of enrolment's record sections."""
    invitations = (
        Invitation.objects.filter(member=member)
        .select_related("activity")
        .order_by("-invited_at", "-pk")
    )
    rows = [
        (
            f"{invitation.activity.title} ({invitation.activity.when})",
            "\n".join(invitation_lines(invitation)),
        )
        for invitation in invitations
    ]
    if not rows:
        rows = [(_("Activities"), _("Not invited to any engagement activity."))]
    return [{"title": _("Engagement activities"), "rows": rows}]


@receiver(post_save, sender=Member, dispatch_uid="impact.clear_feedback_of_erased_members")
def clear_feedback_of_erased_member(sender, instance, **kwargs):
    """Erasing a member also erases what they told us. The invitations themselves stay (the
    activity, the channel and the state), so counts of who took part still add up."""
    if instance.status == Member.Status.ERASED:
        Invitation.objects.filter(member=instance).update(feedback="")
