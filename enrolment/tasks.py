"""Background work. Email goes through Django tasks, so a mail failure never fails a request.

Tasks never take an address or a name: queued task arguments are stored in plain text
by the database queue, and personal data must not be. Messages to members go through
enrolment.messaging; this is the note to the team.
"""

from django.template.loader import render_to_string
from django.utils import translation
from django_tasks import task

from core.mail import MailNotSent, deliver, try_again_later

# The module itself, not enrolment.models: the join page's form queues this task.
from .models.membership_settings import MembershipSettings


def pending_members_admin_url():
    """The staff member list, filtered to self-referrals waiting for a check."""
    from django.conf import settings
    from django.urls import NoReverseMatch, reverse

    base = settings.WAGTAILADMIN_BASE_URL.rstrip("/")
    try:
        return f"{base}{reverse('enrolment_members:index')}?status=pending"
    except NoReverseMatch:  # the staff area is not installed: the admin's home page
        return f"{base}{reverse('wagtailadmin_home')}"


@task()
def notify_staff_of_referral(attempt=1):
    """Tell the team a self-referral is waiting: no name, no reference, nothing personal.

    Sent in Welsh and English, since the address may be read by anyone in the team.
    """
    address = MembershipSettings.load().notify_email
    if not address:
        return "no address"
    context = {"members_url": pending_members_admin_url()}
    subjects, bodies = [], []
    for language in ("cy", "en"):
        with translation.override(language):
            subjects.append(
                " ".join(render_to_string("enrolment/emails/new_referral_subject.txt").split())
            )
            bodies.append(render_to_string("enrolment/emails/new_referral_body.txt", context))
    body = "\n\n".join(body.strip() for body in bodies)
    what = "the new referral note"
    try:
        deliver(" / ".join(subjects), body, address, what)
    except MailNotSent:
        try_again_later(notify_staff_of_referral, (), attempt, what)
        raise
    return "sent"
