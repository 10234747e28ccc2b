"""The kinds of message the enrolment app sends members, and what each one's link opens.

Each goes through the one envelope (enrolment.messaging): the email names only the sender
and carries a link; what the message says is on the page the link opens, built then.

- ``confirmation``: thanks after a self-referral, to a pending member whose email is safe;
- ``withdrawal_link``: a page with the ways to leave, sent when staff make a withdrawal
  link for a member (who may have stopped contact already, so no contact consent needed);
- ``membership_link``: a link to manage their membership, asked for on the request page
  (enrolment.link_requests); it opens the member's own page, so it has no page here.
"""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from .messaging import Kind, LinkPurpose, register_kind
from .models.members import Member
from .models.membership_settings import MembershipSettings
from .withdrawal import OPEN_STATUSES
from .withdrawal import make_token as withdrawal_token


@register_kind(Kind.CONFIRMATION, statuses=(Member.Status.PENDING,))
def confirmation_page(message):
    """What the thank-you email used to say. The office is named, and its contacts given,
    only where the member said staff may say where they are from."""
    member = message.member
    return "enrolment/membership/messages/confirmation.html", {
        "heading": _("Thank you for getting in touch"),
        "may_say_opcc": member.may_say_opcc,
        **MembershipSettings.contacts_for(member),
    }


@register_kind(Kind.WITHDRAWAL_LINK, statuses=OPEN_STATUSES, needs_contact_consent=False)
def withdrawal_page(message):
    """The way to the leave choices. The withdrawal token is made now, so it is as fresh
    as the page and follows the member's current state."""
    member = message.member
    return "enrolment/membership/messages/withdrawal_link.html", {
        "heading": _("Leave the network"),
        "withdrawal_path": reverse(
            "enrolment_public:withdraw", kwargs={"token": withdrawal_token(member)}
        ),
    }


# Pending members too, to correct their details or leave before the team's check; lapsed
# members, so that they can renew from their page.
register_kind(
    Kind.MEMBERSHIP_LINK,
    link_purpose=LinkPurpose.MANAGE,
    statuses=(Member.Status.PENDING, Member.Status.ACTIVE, Member.Status.LAPSED),
)()
