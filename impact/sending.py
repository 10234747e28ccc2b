"""Sending an activity's invitation through the product, to the members staff chose.

Each member gets one `Invitation` and one message of kind "invitation"
(enrolment.messaging): an email through the tasks queue, a letter for staff to print, or
a call for staff to make, by the channel the member marked safe among the activity's. A
member with no such channel is listed for staff and never contacted. The message carries
a link to the invitation (purpose INVITATION, target the invitation's id); what the member
reads behind it is built from the activity when they open it.
"""

from dataclasses import dataclass, field

from django.db import IntegrityError, transaction
from django.utils.translation import gettext_lazy as _

from enrolment.messaging import Channel, LinkPurpose, choose_channel, register_kind, send
from enrolment.models import Member, MemberMessage

from .audit import audit
from .models import EngagementActivity, Invitation
from .targeting import NOT_CONTACTED, activity_channels

KIND = MemberMessage.Kind.INVITATION

# The invitation's page is the reply page (registered by its own module), not a MESSAGE
# page, so there is no page builder here.
register_kind(KIND, link_purpose=LinkPurpose.INVITATION)(None)

CHANNEL_LABELS = {
    Channel.EMAIL: _("By email"),
    Channel.POST: _("By letter"),
    Channel.PHONE: _("By a call"),
    Channel.NONE: _("No safe channel: listed, not contacted"),
}


def planned_channel(member, activity):
    """How the product will reach the member for this activity (Channel.NONE: it cannot)."""
    return choose_channel(member, activity_channels(activity))


def invitation_channel(message_channel):
    return NOT_CONTACTED if message_channel == Channel.NONE else str(message_channel)


@dataclass
class Sent:
    """What one sending did: how many by each channel, and the members left out (already
    invited meanwhile, or no longer able to receive it)."""

    by_channel: dict = field(default_factory=dict)
    left_out: set = field(default_factory=set)

    @property
    def count(self):
        return sum(self.by_channel.values())


def send_invitations(activity, member_ids, user):
    """Invite the members (ids) to the activity, each once, through the product.

    Runs in one transaction with the activity row locked, so a second click or a colleague
    sending at the same moment waits and then finds everyone already invited. Emails are
    queued when the transaction commits.
    """
    sent = Sent()
    allowed = activity_channels(activity)
    with transaction.atomic():
        EngagementActivity.objects.select_for_update().filter(pk=activity.pk).first()
        already = set(
            Invitation.objects.filter(activity=activity, member_id__in=member_ids).values_list(
                "member_id", flat=True
            )
        )
        sent.left_out |= already
        members = Member.objects.filter(pk__in=set(member_ids) - already).order_by("pk")
        for member in members:
            channel = choose_channel(member, allowed)
            try:
                with transaction.atomic():
                    invitation = Invitation.objects.create(
                        activity=activity,
                        member=member,
                        channel=invitation_channel(channel),
                        invited_by=user,
                    )
                    message = send(member, KIND, target_id=invitation.pk, by=user, allowed=allowed)
                    if message is None:
                        # No longer active or contactable: nothing made, nothing sent.
                        raise _NotReceivable
                    if message.channel != channel:
                        invitation.channel = invitation_channel(message.channel)
                        invitation.save(update_fields=["channel"])
            except (IntegrityError, _NotReceivable):
                sent.left_out.add(member.pk)
                continue
            used = str(message.channel)
            audit(
                member, "impact.invite", user=user, data={"activity": activity.pk, "channel": used}
            )
            sent.by_channel[used] = sent.by_channel.get(used, 0) + 1
        if sent.count:
            audit(
                activity,
                "impact.invitations_sent",
                user=user,
                data={"count": sent.count, "by_channel": sent.by_channel},
            )
    return sent


class _NotReceivable(Exception):
    pass


def invitation_messages(activity):
    """The invitation messages of the activity's invitations, newest first per member."""
    invitation_ids = Invitation.objects.filter(activity=activity).values("pk")
    return MemberMessage.objects.filter(kind=KIND, target_id__in=invitation_ids)
