"""The member audit trail, written to Wagtail's audit log (Reports -> Site history).

Entries name a member only by its reference (the log label is ``str(member)``) and never
carry personal data in ``data``: filters, counts and field *names* only.
Staff cannot edit or delete log entries; Wagtail offers no screen for it.
"""

from django.utils.translation import gettext_lazy as _
from wagtail.log_actions import log

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
    "enrolment.subject_access": _("Produced a subject access file"),
    "enrolment.withdrawal_link": _("Sent a withdrawal link"),
    "enrolment.rotate_keys": _("Re-encrypted member data under the newest key"),
    "enrolment.lookup": _("Looked up a member"),
}


def audit(instance, action, user=None, data=None):
    """Write one audit entry. ``data`` must never hold personal data."""
    if action not in ACTIONS:
        raise ValueError(f"Unregistered audit action: {action}")
    return log(instance, action, user=user, data=data or {})
