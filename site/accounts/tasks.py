"""The password reset email, sent from a background task.

The reset page only queues this task, with the staff member's id: the page does the same
work whether or not an account has the address typed, so how long it takes tells
nothing. The task takes an id, never an address or a token (queued arguments are stored
in plain text by the database queue and can be logged); the token is made here, when the
email is written.
"""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.tokens import default_token_generator
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django_tasks import task
from wagtail.users.models import UserProfile

from core.mail import MailNotSent, deliver, try_again_later


def reset_link(user):
    path = reverse(
        "wagtailadmin_password_reset_confirm",
        kwargs={
            "uidb64": urlsafe_base64_encode(force_bytes(user.pk)),
            "token": default_token_generator.make_token(user),
        },
    )
    # The configured address, never the Host the request came with: a forged Host
    # header must not put someone else's site in the link.
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path


@task()
def send_password_reset_email(user_id, attempt=1):
    """Email a staff member a link to choose a new password, in their admin language."""
    user = get_user_model().objects.filter(pk=user_id).first()
    # Checked again here: the account may have been switched off since the request.
    if user is None or not (user.is_active and user.has_usable_password() and user.email):
        return "no account"
    language = UserProfile.get_for_user(user).get_preferred_language()
    with translation.override(language):
        context = {"user": user, "reset_url": reset_link(user)}
        subject = render_to_string("accounts/emails/password_reset_subject.txt", context)
        body = render_to_string("accounts/emails/password_reset_body.txt", context)
    what = f"the password reset email to staff account {user.pk}"
    try:
        deliver(" ".join(subject.split()), body, user.email, what)
    except MailNotSent:
        try_again_later(send_password_reset_email, (user_id,), attempt, what)
        raise  # this attempt is recorded as failed
    return "sent"
