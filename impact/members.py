"""What the impact app adds to a member's record, and what erasing a member clears here.

enrolment knows nothing of impact: its record page and subject access file ask the
"member_record_sections" hook for extra sections (registered in impact.wagtail_hooks), and
this module listens for members being saved as erased (connected from ImpactConfig.ready).
"""

from django.db.models import Q
from django.db.models.signals import post_save
from django.dispatch import receiver
from django.utils import timezone
from django.utils.translation import gettext as _

from core.dates import day
from enrolment.models import Member

from .models import EngagementActivity, Invitation
from .permissions import SENSITIVE_CRITERIA, may_target_sensitive


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
    if invitation.replied_at:
        replied = timezone.localdate(invitation.replied_at)
        lines.append(_("Replied through their link on: %(date)s") % {"date": day(replied)})
    if invitation.method_id:
        lines.append(_("Way of taking part chosen: %(method)s") % {"method": invitation.method})
    if invitation.topic_affects_me:
        lines.append(_("Said the topic affects them"))
    if invitation.access_needs:
        lines.append(
            _("What would help them take part: %(needs)s") % {"needs": invitation.access_needs}
        )
    return lines


def activities_targeting_sensitive_details(activity_ids):
    """Which of these activities choose members by crime type or demographic details."""
    chosen_by = Q()
    for name in SENSITIVE_CRITERIA:
        chosen_by |= Q(**{f"{name}__isnull": False})
    return set(
        EngagementActivity.objects.filter(chosen_by, pk__in=activity_ids)
        .values_list("pk", flat=True)
        .distinct()
    )


def record_sections(member, user=None):
    """The activities the member was invited to, in the shape of enrolment's record sections.

    Being invited to an activity that chooses members by crime type or demographic details
    tells whoever knows its criteria the member's answers, so staff without the right to see
    those answers are not told which activity it was (`user` None: the subject access file,
    which holds everything)."""
    invitations = list(
        Invitation.objects.filter(member=member)
        .select_related("activity", "method")
        .order_by("-invited_at", "-pk")
    )
    hidden = set()
    if user is not None and not may_target_sensitive(user):
        hidden = activities_targeting_sensitive_details(
            {invitation.activity_id for invitation in invitations}
        )
    rows = [
        (
            _("An activity that chooses members by details you may not see")
            if invitation.activity_id in hidden
            else f"{invitation.activity.title} ({invitation.activity.when})",
            "\n".join(invitation_lines(invitation)),
        )
        for invitation in invitations
    ]
    if not rows:
        rows = [(_("Activities"), _("Not invited to any engagement activity."))]
    return [{"title": _("Engagement activities"), "rows": rows}]


@receiver(post_save, sender=Member, dispatch_uid="impact.clear_feedback_of_erased_members")
def clear_feedback_of_erased_member(sender, instance, **kwargs):
    """Erasing a member also erases what they told us, and what they said in their replies.
    The invitations themselves stay (the activity, the channel, the state and the way of
    taking part), so counts of who took part still add up."""
    if instance.status == Member.Status.ERASED:
        Invitation.objects.filter(member=instance).update(
            feedback="", access_needs="", topic_affects_me=False
        )
