"""Background work. Email goes through Django tasks, so a mail failure never fails a request.

Tasks take a member's id, never an address or a name: queued task arguments are stored
in plain text by the database queue, and personal data must not be.
"""

from django.template.loader import render_to_string
from django.utils import translation
from django_tasks import task

from core.mail import MailNotSent, deliver, try_again_later

# The modules themselves, not enrolment.models: the join page's form queues these tasks.
from .models.members import Member
from .models.membership_settings import MembershipSettings

# kind -> function(member) returning extra template context. Each kind has the templates
# enrolment/emails/<kind>_subject.txt and <kind>_body.txt. Subjects and bodies never
# repeat anything sensitive: no crime types, no circumstances, no other contact details.
MEMBER_MESSAGES = {}


def member_message(kind):
    def register(build_context):
        MEMBER_MESSAGES[kind] = build_context
        return build_context

    return register


@task()
def send_member_email(member_id, kind, attempt=1):
    """Email a member, in their language, only if they said email is safe."""
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


@member_message("confirmation")
def confirmation_message(member):
    """Thanks for a self-referral. Nothing about why they got in touch, not even the
    network's name (it says "victim"); the office is named only if they said staff may."""
    return {"may_say_opcc": member.may_say_opcc, **MembershipSettings.contacts_for(member)}


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
