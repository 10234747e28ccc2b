"""Background work. Email goes through Django tasks, so a mail failure never fails a request.

Tasks take a member's id, never an address or a name: queued task arguments are stored
in plain text by the database queue, and personal data must not be.
"""

from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.utils import translation
from django_tasks import task

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
def send_member_email(member_id, kind):
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
    send_mail(" ".join(subject.split()), body, None, [member.email])
    return "sent"
