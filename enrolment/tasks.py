"""Background work. Email goes through Django tasks, so a mail failure never fails a request.

Tasks take a member's id, never an address or a name: queued task arguments are stored
in plain text by the database queue, and personal data must not be.
"""

import logging
import smtplib
from datetime import timedelta

from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django_tasks import task

logger = logging.getLogger(__name__)

# When the mail server cannot be reached, an email is tried again after each of these
# waits in turn (1 minute, then 5, ... then 12 hours), then given up on.
RETRY_AFTER_MINUTES = (1, 5, 15, 60, 180, 720)
MAX_ATTEMPTS = len(RETRY_AFTER_MINUTES) + 1

# kind -> function(member) returning extra template context. Each kind has the templates
# enrolment/emails/<kind>_subject.txt and <kind>_body.txt. Subjects and bodies never
# repeat anything sensitive: no crime types, no circumstances, no other contact details.
MEMBER_MESSAGES = {}


class MailNotSent(Exception):
    """Raised in place of a mail error, whose message can hold the recipient's address.

    The task runner logs and stores a failed task's exception; this one names only the
    member's reference and the kind of error.
    """


def deliver(subject, body, to, what):
    try:
        send_mail(subject, body, None, [to])
    except (smtplib.SMTPException, OSError) as error:
        raise MailNotSent(f"Could not send {what}: {type(error).__name__}") from None


def try_again_later(task_to_retry, args, attempt, what):
    """Queue the same task to run again after the next wait, after a MailNotSent.

    Only a failed delivery comes here, so no sent email is ever sent twice; the task
    checks everything again (the member may have withdrawn) when it runs. Returns
    whether a retry was queued. `what` names only a member's reference and the kind of
    message: it is logged.
    """
    if attempt >= MAX_ATTEMPTS:
        logger.error("Gave up sending %s after %d attempts.", what, attempt)
        return False
    if not task_to_retry.get_backend().supports_defer:
        # The immediate backend (development, tests) cannot wait: trying again at once
        # would only fail again.
        logger.error("Could not send %s; this task queue cannot try again later.", what)
        return False
    run_after = timezone.now() + timedelta(minutes=RETRY_AFTER_MINUTES[attempt - 1])
    task_to_retry.using(run_after=run_after).enqueue(*args, attempt=attempt + 1)
    logger.warning(
        "Could not send %s (attempt %d of %d); trying again after %s.",
        what,
        attempt,
        MAX_ATTEMPTS,
        run_after.isoformat(timespec="seconds"),
    )
    return True


def member_message(kind):
    def register(build_context):
        MEMBER_MESSAGES[kind] = build_context
        return build_context

    return register


@task()
def send_member_email(member_id, kind, attempt=1):
    """Email a member, in their language, only if they said email is safe."""
    from .models import Member

    member = Member.objects.filter(pk=member_id).first()
    if member is None or member.status == Member.Status.ERASED:
        return "no member"
    if not (member.email_safe and member.email):
        return "email not safe"
    with translation.override(member.language):
        context = {"member": member, **MEMBER_MESSAGES[kind](member)}
        subject = render_to_string(f"enrolment/emails/{kind}_subject.txt", context)
        body = render_to_string(f"enrolment/emails/{kind}_body.txt", context)
    what = f"the {kind} email to {member}"
    try:
        deliver(" ".join(subject.split()), body, member.email, what)
    except MailNotSent:
        try_again_later(send_member_email, (member_id, kind), attempt, what)
        raise  # this attempt is recorded as failed
    return "sent"


def team_contacts(member):
    """The team's phone and email for a message. They name the office, so they go in only
    when the member said staff may say where they are from."""
    from .models import MembershipSettings

    if not member.may_say_opcc:
        return {"contact_phone": "", "contact_email": ""}
    membership = MembershipSettings.load()
    return {"contact_phone": membership.contact_phone, "contact_email": membership.contact_email}


@member_message("confirmation")
def confirmation_message(member):
    """Thanks for a self-referral. Nothing about why they got in touch, not even the
    network's name (it says "victim"); the office is named only if they said staff may."""
    return {"may_say_opcc": member.may_say_opcc, **team_contacts(member)}


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
    from .models import MembershipSettings

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
