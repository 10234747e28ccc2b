"""Activity and invitation entries in Wagtail's audit log.

Invitations are written to the member's history (the entry's object is the member, whose
label is the reference) as well as to the activity's. Entries never carry personal data.
"""

from django.utils.translation import gettext_lazy as _
from wagtail.log_actions import log

from enrolment import audit as enrolment_audit

ACTIONS = {
    "impact.invite": _("Invited to an engagement activity"),
    "impact.invitation_state": _("Invitation state changed"),
    "impact.invitation_feedback": _("Recorded what they told us about an activity"),
    "impact.invitations_recorded": _("Invitations recorded"),
    "impact.export_invitations": _("Exported an invitation list"),
    "impact.exported_for_contact": _("Contact details exported for an engagement activity"),
    "impact.partner_update": _("Partner update recorded"),
    "impact.told_of_story": _("Told about a published story"),
    "impact.read_contributions": _("Read anonymous contributions"),
    "impact.invitations_sent": _("Invitations sent"),
    "impact.letters_printed": _("Invitation letters shown for printing"),
    "impact.in_letters": _("Address shown on an invitation letter for printing"),
    "impact.call_list": _("Call list shown"),
    "impact.on_call_list": _("Phone number shown on a call list"),
    "impact.called": _("Called about an invitation"),
    "impact.update_sent": _("Update sent to members"),
    "impact.reply": _("Replied to an invitation through their link"),
    "impact.read_replies": _("Read members' replies to an invitation"),
    "impact.replies_read": _("Their reply to an invitation was read"),
}


def audit(instance, action, user=None, data=None):
    """Write one audit entry. ``data`` must never hold personal data."""
    if action not in ACTIONS:
        raise ValueError(f"Unregistered audit action: {action}")
    return log(instance, action, user=user, data=data or {})


def audit_each(instances, action, user=None, data=None):
    """One entry on each instance, in one insert (enrolment.audit.audit_each)."""
    return enrolment_audit.audit_each(instances, action, user=user, data=data, actions=ACTIONS)
