"""Sending one email from a background task, and trying again later when the mail server
cannot be reached. Used by every task that writes to members or staff.

What is logged or raised names only a member's reference and the kind of message, never an
address: the task runner stores a failed task's exception, and logs go to shared places.
"""

import logging
import smtplib
from datetime import timedelta

from django.core.mail import send_mail
from django.utils import timezone

logger = logging.getLogger(__name__)

# When the mail server cannot be reached, an email is tried again after each of these
# waits in turn (1 minute, then 5, ... then 12 hours), then given up on.
RETRY_AFTER_MINUTES = (1, 5, 15, 60, 180, 720)
MAX_ATTEMPTS = len(RETRY_AFTER_MINUTES) + 1


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
