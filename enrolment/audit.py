"""The member audit trail, written to Wagtail's audit log (Reports -> Site history).

Entries name a member only by its reference (the log label is ``str(member)``) and never
carry personal data in ``data``: filters, counts and field *names* only.
Staff cannot edit or delete log entries; Wagtail offers no screen for it.
"""

from django.contrib.contenttypes.models import ContentType
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.log_actions import log
from wagtail.models import ModelLogEntry

# action -> the message shown in the audit log and history
ACTIONS = {
    "enrolment.view": _("Viewed member record"),
    "enrolment.view_sensitive": _("Viewed crime types and demographic details"),
    "enrolment.self_referral": _("Self-referral received"),
    "enrolment.confirm": _("Confirmed membership"),
    "enrolment.renew": _("Renewed membership for a new term"),
    "enrolment.lapse": _("Membership lapsed at the end of its term"),
    "enrolment.withdraw": _("Withdrawn: no further contact"),
    "enrolment.erase": _("Personal data erased"),
    "enrolment.purge": _("Personal data erased after the retention period"),
    "enrolment.merge": _("Merged a duplicate record"),
    "enrolment.consent": _("Consent recorded"),
    "enrolment.export": _("Exported a member list"),
    "enrolment.exported": _("Included in an exported member list"),
    "enrolment.subject_access": _("Produced a subject access file"),
    "enrolment.withdrawal_link": _("Sent a withdrawal link"),
    "enrolment.rotate_keys": _("Re-encrypted member data under the newest key"),
    "enrolment.lookup": _("Looked up a member"),
    "enrolment.message": _("Message to the member made"),
    "enrolment.message_outcome": _("Message to the member delivered, failed or done"),
    "enrolment.link_opened": _("The member opened a link"),
    "enrolment.renewal_answer": _("The member answered about renewing"),
    "enrolment.changed_by_member": _("Changed by the member, through their own page"),
    "enrolment.contact_confirmed": _("New contact detail confirmed and in use"),
    "enrolment.member_changes_checked": _("Checked the member's own changes"),
    "enrolment.in_letters": _("Name and address shown on a letter to print"),
    "enrolment.on_call_list": _("Phone number shown on the call list"),
}


def audit(instance, action, user=None, data=None):
    """Write one audit entry. ``data`` must never hold personal data."""
    if action not in ACTIONS:
        raise ValueError(f"Unregistered audit action: {action}")
    return log(instance, action, user=user, data=data or {})


def audit_each(instances, action, user=None, data=None, actions=ACTIONS):
    """One audit entry on each instance (every member in an export, say), written with one
    insert however many there are. ``data`` is the same for all and must never hold
    personal data. No shared uuid: a history shows only the latest entry of each uuid and
    action, which would hide the entry from every member's history but one."""
    if action not in actions:
        raise ValueError(f"Unregistered audit action: {action}")
    now = timezone.now()
    entries = []
    for instance in instances:
        entries.append(
            ModelLogEntry(
                content_type=ContentType.objects.get_for_model(instance, for_concrete_model=False),
                object_id=str(instance.pk),
                label=str(instance),
                action=action,
                timestamp=now,
                data=data or {},
                user=user,
            )
        )
    ModelLogEntry.objects.bulk_create(entries)
