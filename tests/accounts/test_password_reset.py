"""The admin's "forgotten password" page: the same answer for every address, the email
written and sent in the background, and a limit per client and per address that
reveals nothing."""

import re

import pytest
from django.core import mail
from django.core.cache import cache
from django.test import Client
from django.utils import translation
from django.utils.translation import gettext
from django_tasks import default_task_backend

from accounts.password_reset import CANNOT_COUNT
from accounts.tasks import send_password_reset_email
from config.cache import forget_failures
from tests.html import parse

from .conftest import PASSWORD

RESET_URL = "/admin/password_reset/"
DONE_URL = "/admin/password_reset/done/"
UNKNOWN = "nobody-here@example.org"


@pytest.fixture
def queue(settings):
    """A queue that keeps tasks without running them: what the request itself does."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    default_task_backend.clear()
    yield default_task_backend
    default_task_backend.clear()


@pytest.fixture(autouse=True)
def empty_cache():
    cache.clear()
    yield
    cache.clear()


def ask(email, address="203.0.113.7", **extra):
    return Client(REMOTE_ADDR=address, **extra).post(RESET_URL, {"email": email})


def done_page(**extra):
    return Client(**extra).get(DONE_URL)


def in_language(language, text):
    with translation.override(language):
        return gettext(text)


def queued_ids(queue):
    assert all(result.task.func is send_password_reset_email.func for result in queue.results)
    return [result.args for result in queue.results]


def test_a_known_address_queues_the_email_by_id_and_sends_nothing_in_the_request(staff, queue):
    response = ask(staff.email)

    assert response.status_code == 302
    assert response["Location"] == DONE_URL
    assert mail.outbox == []
    assert queued_ids(queue) == [[staff.pk]]
    # Neither the address nor anything like a token is in what the queue keeps.
    [result] = queue.results
    assert result.kwargs == {}
    assert staff.email not in repr(result.args)


def test_an_unknown_address_gets_the_same_answer_and_queues_nothing(staff, queue):
    known = ask(staff.email, address="203.0.113.7")
    unknown = ask(UNKNOWN, address="203.0.113.8")

    assert (unknown.status_code, unknown["Location"]) == (known.status_code, known["Location"])
    assert unknown.content == known.content
    assert queued_ids(queue) == [[staff.pk]]
    assert mail.outbox == []


def test_the_address_is_matched_without_regard_to_case(staff, queue):
    ask(staff.email.upper())
    assert queued_ids(queue) == [[staff.pk]]


def test_an_inactive_account_is_sent_nothing(staff, queue):
    staff.is_active = False
    staff.save()
    assert ask(staff.email)["Location"] == DONE_URL
    assert queue.results == []


@pytest.mark.parametrize(("fixture", "language"), [("staff", "en"), ("welsh_staff", "cy")])
def test_the_email_is_in_the_staff_members_language_and_its_link_works(request, fixture, language):
    user = request.getfixturevalue(fixture)

    assert send_password_reset_email.call(user.pk) == "sent"

    [email] = mail.outbox
    assert email.to == [user.email]
    assert email.subject == in_language(language, "Reset your staff password")
    opening = in_language(
        language,
        "Someone asked to reset the password of your staff account. "
        "To choose a new password, open this link:",
    )
    assert opening in email.body
    if language == "cy":
        assert "Someone asked" not in email.body
    link = re.search(r"http://testserver(/admin/password_reset/confirm/\S+)", email.body)
    assert link, email.body
    assert user.get_username() in email.body

    client = Client()
    form = client.get(link.group(1), follow=True)
    assert form.status_code == 200
    assert parse(form).select_one("input[name=new_password1]")


def test_the_email_is_sent_through_the_queue_when_the_task_runs(staff, queue):
    ask(staff.email)
    assert mail.outbox == []
    [result] = queue.results
    send_password_reset_email.call(*result.args, **result.kwargs)
    assert [email.to for email in mail.outbox] == [[staff.email]]


def test_the_task_sends_nothing_to_an_account_switched_off_since(staff):
    staff.is_active = False
    staff.save()
    assert send_password_reset_email.call(staff.pk) == "no account"
    assert mail.outbox == []


def test_over_the_allowance_for_one_address_the_answer_is_the_same_and_nothing_sent(
    staff, queue, settings
):
    settings.PASSWORD_RESET_RATE_LIMIT_PER_ADDRESS = 2
    answers = [ask(staff.email, address=f"203.0.113.{n}") for n in range(1, 5)]

    assert len(queue.results) == 2
    assert {(a.status_code, a["Location"], a.content) for a in answers} == {(302, DONE_URL, b"")}


def test_over_the_allowance_for_one_client_the_answer_is_the_same_and_nothing_sent(
    staff, queue, settings
):
    settings.PASSWORD_RESET_RATE_LIMIT_PER_CLIENT = 3
    for n in range(3):
        assert ask(f"someone-{n}@example.org")["Location"] == DONE_URL
    answer = ask(staff.email)

    assert answer.status_code == 302 and answer["Location"] == DONE_URL
    assert queue.results == []
    # Another connection is not held back by this one.
    ask(staff.email, address="198.51.100.1")
    assert queued_ids(queue) == [[staff.pk]]


def test_the_cache_never_holds_the_address(staff, queue):
    ask(staff.email)
    keys = list(cache._cache)
    assert any("password-reset:address:" in key for key in keys)
    assert not any(part in key for key in keys for part in (staff.email, "morgan", "example.org"))


@pytest.mark.parametrize("language", ["en", "cy"])
def test_when_the_cache_cannot_count_the_form_is_refused_kindly_and_nothing_queued(
    staff, queue, settings, language
):
    # Nothing listens on port 1 of this machine: the connection is refused at once.
    settings.CACHES = {
        "default": {
            "BACKEND": "config.cache.ResilientRedisCache",
            "LOCATION": "redis://127.0.0.1:1/0",
        }
    }
    forget_failures()
    try:
        response = ask(staff.email, HTTP_ACCEPT_LANGUAGE=language)
    finally:
        forget_failures()

    assert response.status_code == 503
    assert queue.results == []
    soup = parse(response)
    assert soup.html["lang"] == language
    assert in_language(language, str(CANNOT_COUNT)) in soup.get_text(" ", strip=True)
    assert soup.select_one("input[name=email]")["value"] == staff.email


@pytest.mark.parametrize("language", ["en", "cy"])
def test_the_pages_are_in_the_visitors_language(db, language):
    form = parse(Client(HTTP_ACCEPT_LANGUAGE=language).get(RESET_URL))
    assert form.html["lang"] == language
    assert form.h1.get_text(strip=True) == in_language(language, "Reset your password")
    button = form.select_one("form[method=post] button[type=submit]")
    assert button.get_text(strip=True) == in_language(language, "Email me a reset link")

    done = parse(done_page(HTTP_ACCEPT_LANGUAGE=language))
    assert done.html["lang"] == language
    assert done.h1.get_text(strip=True) == in_language(language, "Check your email")
    text = done.get_text(" ", strip=True)
    assert (
        in_language(
            language, "No email after an hour? Ask an administrator to reset your password."
        )
        in text
    )
    if language == "cy":
        assert "Check your email" not in text


def test_the_old_password_still_works_until_the_link_is_used(staff, queue, client):
    ask(staff.email)
    staff.refresh_from_db()
    assert staff.check_password(PASSWORD)
