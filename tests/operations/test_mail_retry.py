"""The mail server down: emails are tried again later, then sent once, in the member's language.

Against a real SMTP server (aiosmtpd on a free port) that the tests stop and start, with
the production queue (django-tasks-db) and its worker.
"""

import logging
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone, translation
from django.utils.translation import gettext
from django_tasks_db.models import DBTaskResult

from core.mail import MAX_ATTEMPTS, RETRY_AFTER_MINUTES
from enrolment.messaging import deliver_message, envelope
from enrolment.models import Member, MemberMessage, MembershipSettings
from tests.enrolment.form_helpers import complete_answers, finish, prepare, send

from .services import SMTPServer

pytestmark = [pytest.mark.django_db, pytest.mark.fault]

SEND_MEMBER_EMAIL = "enrolment.messaging.deliver_message"


@pytest.fixture(scope="module")
def smtp():
    server = SMTPServer()
    server.start()
    yield server
    server.stop()


@pytest.fixture
def mail(smtp, settings, monkeypatch):
    """Mail through the real SMTP server (stopped to begin with), tasks through the
    database queue, and no note to staff (so each test counts the member's email only)."""
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = smtp.port
    settings.EMAIL_USE_TLS = False
    settings.EMAIL_TIMEOUT = 5
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    prepare(settings)
    membership = MembershipSettings.load()
    membership.notify_email = ""
    membership.save()
    # The worker checks for stale connections between tasks, as at the end of a request;
    # inside the test's transaction that would end it. The test client does the same.
    monkeypatch.setattr(
        "django_tasks_db.management.commands.db_worker.close_old_connections", lambda: None
    )
    smtp.mailbox.messages.clear()
    smtp.stop()
    yield smtp
    if smtp.controller is None:
        smtp.start()
    finish()


def run_worker():
    call_command(
        "db_worker", "--batch", "--no-startup-delay", "--interval", "0", "--worker-id", "test"
    )


def member_email_tasks():
    return DBTaskResult.objects.filter(task_path=SEND_MEMBER_EMAIL).order_by("enqueued_at")


def in_language(language, text):
    with translation.override(language):
        return gettext(text)


@pytest.mark.parametrize("language", ["en", "cy"])
def test_a_confirmation_is_tried_again_later_and_sent_once_in_the_members_language(
    mail, client, django_capture_on_commit_callbacks, language, caplog
):
    address = f"member-{language}@example.org"
    answers = complete_answers(language=language, email=address)
    with django_capture_on_commit_callbacks(execute=True):
        assert send(client, language, answers).status_code == 303
    member = Member.objects.latest("pk")
    assert member.language == language

    # The mail server is down: the attempt fails, and a retry waits its turn.
    with caplog.at_level(logging.WARNING):
        run_worker()
    first, retry = member_email_tasks()
    assert first.status == "FAILED"
    assert retry.status == "READY"
    recorded = MemberMessage.objects.get(member=member)
    assert retry.args_kwargs == {
        "args": [recorded.pk],
        "kwargs": {"attempt": 2},
    }
    assert retry.run_after >= first.started_at + timedelta(minutes=RETRY_AFTER_MINUTES[0])
    # Nothing personal is queued or logged: ids, the reference and the kind only.
    for text in (str(first.args_kwargs), first.traceback, caplog.text):
        assert address not in text
        assert answers["name"] not in text
    assert member.reference in caplog.text
    assert mail.mailbox.messages == []

    # Not due yet: the worker leaves it alone.
    run_worker()
    assert member_email_tasks().get(pk=retry.pk).status == "READY"

    mail.start()
    DBTaskResult.objects.filter(pk=retry.pk).update(run_after=timezone.now())
    run_worker()

    assert member_email_tasks().get(pk=retry.pk).status == "SUCCESSFUL"
    assert len(mail.mailbox.messages) == 1
    message = mail.mailbox.messages[0]
    assert message["To"] == address
    # The envelope, in the member's language: who it is from, nothing else.
    assert message["Subject"] == envelope(recorded)[0]
    assert message["Subject"].startswith(
        in_language(language, "A message from %(sender)s").split("%")[0]
    )
    recorded.refresh_from_db()
    assert recorded.state == "sent"

    # Nothing left to run, nothing sent twice.
    run_worker()
    assert len(mail.mailbox.messages) == 1
    assert member_email_tasks().count() == 2


def test_after_the_last_attempt_it_gives_up_and_says_so_without_personal_data(
    mail, client, django_capture_on_commit_callbacks, caplog
):
    answers = complete_answers(language="en", email="last.try@example.org")
    with django_capture_on_commit_callbacks(execute=True):
        send(client, "en", answers)
    member = Member.objects.latest("pk")
    DBTaskResult.objects.all().delete()
    recorded = MemberMessage.objects.get(member=member)
    deliver_message.enqueue(recorded.pk, attempt=MAX_ATTEMPTS)

    with caplog.at_level(logging.WARNING):
        run_worker()

    assert [task.status for task in member_email_tasks()] == ["FAILED"]
    gave_up = [record for record in caplog.records if record.levelno == logging.ERROR]
    assert any(
        f"the confirmation message to {member.reference}" in record.getMessage()
        and "Gave up" in record.getMessage()
        for record in gave_up
    )
    assert "last.try@example.org" not in caplog.text
    recorded.refresh_from_db()
    assert recorded.state == "failed"


def test_the_waits_grow_until_the_last_attempt(mail, client, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        send(client, "en", complete_answers(language="en", email="waits@example.org"))
    waits = []
    for attempt in range(1, MAX_ATTEMPTS + 1):
        before = set(member_email_tasks().values_list("pk", flat=True))
        DBTaskResult.objects.filter(status="READY").update(run_after=timezone.now())
        run_worker()
        new = member_email_tasks().exclude(pk__in=before)
        if attempt < MAX_ATTEMPTS:
            retry = new.get()
            assert retry.args_kwargs["kwargs"] == {"attempt": attempt + 1}
            waits.append(retry.run_after - timezone.now())
        else:
            assert not new.exists()
    assert waits == sorted(waits)
    assert len(waits) == MAX_ATTEMPTS - 1


def test_without_a_queue_that_can_wait_a_failure_stands_and_is_logged(
    mail, settings, client, django_capture_on_commit_callbacks, caplog
):
    """The immediate backend (development, tests) cannot run a task later: no loop."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    answers = complete_answers(language="en", email="no.queue@example.org")

    with caplog.at_level(logging.ERROR), django_capture_on_commit_callbacks(execute=True):
        assert send(client, "en", answers).status_code == 303

    member = Member.objects.latest("pk")
    cannot_wait = [r for r in caplog.records if "cannot try again later" in r.getMessage()]
    assert len(cannot_wait) == 1
    assert member.reference in cannot_wait[0].getMessage()
    assert "no.queue@example.org" not in caplog.text
    assert not DBTaskResult.objects.exists()
    assert mail.mailbox.messages == []
