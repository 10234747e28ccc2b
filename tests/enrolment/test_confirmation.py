"""After a self-referral: a confirmation only through a safe channel, in the person's
language, saying nothing sensitive; a note to staff with nothing personal; and a mail
failure never losing the referral.

The confirmation goes in the members' envelope: the email names only the sender and
carries a link; the thanks themselves are on the page the link opens."""

import pytest
from django.core import mail
from django.core.mail.backends.base import BaseEmailBackend

from enrolment import messaging
from enrolment.messaging import Kind, deliver_message
from enrolment.models import CrimeType, Member, MemberMessage, MembershipSettings
from tests.support.messages import read

from .form_helpers import THANK_YOU_URLS, complete_answers, finish, minimal_answers, prepare, send

pytestmark = pytest.mark.django_db

# Nothing in a confirmation may hint at why someone got in touch.
SENSITIVE_WORDS = ("victim", "dioddef", "survivor", "goroes", "crime", "trosedd", "abuse")


class FailingBackend(BaseEmailBackend):
    """A mail server that is down."""

    def send_messages(self, email_messages):
        raise ConnectionRefusedError("the mail server is down")


@pytest.fixture(autouse=True)
def form_settings(settings):
    prepare(settings)
    yield
    finish()


@pytest.fixture
def refer(client, django_capture_on_commit_callbacks):
    """Send the form, running what waits for the commit (the emails) as a real request does."""

    def send_referral(language, answers):
        with django_capture_on_commit_callbacks(execute=True):
            response = send(client, language, answers)
        assert response.status_code == 303, response
        return Member.objects.order_by("-pk").first()

    return send_referral


@pytest.fixture
def staff_address():
    membership = MembershipSettings.load()
    membership.notify_email = "team-inbox@example.org"
    membership.save()
    return membership.notify_email


def confirmations():
    return [message for message in mail.outbox if message.to == ["sian.wyn@example.org"]]


@pytest.mark.parametrize("page_language", ["en", "cy"])
def test_confirmation_goes_to_a_safe_email_in_english(client, refer, page_language):
    member = refer(page_language, complete_answers(language="en", may_say_opcc=None))

    (message,) = confirmations()
    assert message.subject == "A message from Community Voices"
    assert "Someone from our team will check your details." not in message.body
    assert "Someone from our team will check your details." in read(client, message)
    assert member.language == "en"
    (recorded,) = MemberMessage.objects.filter(member=member)
    assert (recorded.kind, recorded.channel, recorded.state) == ("confirmation", "email", "sent")


@pytest.mark.parametrize("page_language", ["en", "cy"])
def test_confirmation_is_in_welsh_for_someone_who_chose_welsh(client, refer, page_language):
    refer(page_language, complete_answers(language="cy", may_say_opcc=None))

    (message,) = confirmations()
    assert message.subject == "Neges gan Lleisiau Cymunedol"
    assert "/cy/aelodaeth/agor/" in message.body
    assert "Bydd rhywun o'n tîm yn gwirio eich manylion." in read(client, message)


# The office's name has "crime" in it: it may appear only when the person said staff may
# say where they are from (see the next test), so it is left out of this search.
OFFICE_NAMES = ("office of the police and crime commissioner", "comisiynydd heddlu a throseddu")


@pytest.mark.parametrize("may_say_opcc", ["on", None])
@pytest.mark.parametrize("language", ["en", "cy"])
def test_the_confirmation_repeats_nothing_sensitive(client, refer, language, may_say_opcc):
    answers = complete_answers(language=language, may_say_opcc=may_say_opcc)
    refer(language, answers)
    chosen = CrimeType.objects.filter(pk__in=answers["crime_types"])
    # The chosen crime types in every language.
    crime_names = CrimeType.objects.filter(
        translation_key__in=chosen.values("translation_key")
    ).values_list("name", flat=True)

    (message,) = confirmations()
    text = f"{message.subject}\n{message.body}\n{read(client, message)}".lower()
    for office in OFFICE_NAMES:
        text = text.replace(office, "")
    for secret in [
        answers["name"],
        answers["preferred_name"],
        answers["own_term"],
        answers["phone"],
        answers["email"],
        "heol y bryn",
        answers["safe_contact_notes"],
        *crime_names,
        *SENSITIVE_WORDS,
    ]:
        assert secret.lower() not in text, secret


def test_the_office_is_named_only_if_staff_may_say_where_they_are_from(client, refer):
    refer("en", complete_answers(language="en", may_say_opcc=None))
    (quiet,) = confirmations()
    contact = MembershipSettings.load()
    page = read(client, quiet)
    for text in (quiet.body, page):
        assert "police" not in text.lower() and "commissioner" not in text.lower()
        assert contact.contact_email not in text

    mail.outbox.clear()
    refer("en", complete_answers(language="en"))
    (named,) = confirmations()
    page = read(client, named)
    assert "Office of the Police and Crime Commissioner" in page
    assert contact.contact_phone in page


@pytest.mark.parametrize("language", ["en", "cy"])
def test_no_confirmation_unless_email_was_marked_safe(refer, language):
    # An email address is given, but only text messages are safe.
    refer(
        language,
        complete_answers(preferred_contact="text", safe_channels=["text"], language=language),
    )

    assert confirmations() == []


def test_no_email_at_all_for_someone_who_gave_none(refer):
    refer("en", minimal_answers())

    assert mail.outbox == []


def test_the_envelope_itself_refuses_an_unsafe_email(refer):
    member = refer("en", complete_answers(preferred_contact="text", safe_channels=["text"]))

    message = messaging.send(member, Kind.CONFIRMATION, allowed={"email"})

    assert (message.channel, message.state) == ("none", "not_sent")
    assert confirmations() == []


@pytest.mark.parametrize("language", ["en", "cy"])
def test_a_mail_failure_never_loses_the_referral(client, settings, language, refer):
    settings.EMAIL_BACKEND = "tests.enrolment.test_confirmation.FailingBackend"
    before = Member.objects.count()

    member = refer(language, complete_answers())

    assert mail.outbox == [], "the failing server was used"
    assert Member.objects.count() == before + 1
    assert member.status == Member.Status.PENDING
    assert member.name == "Siân Ŵyn ap Dafydd"
    assert client.get(THANK_YOU_URLS[language]).status_code == 200


def test_staff_hear_of_a_new_referral_without_anything_personal(refer, staff_address):
    member = refer("en", complete_answers())

    (notice,) = [message for message in mail.outbox if message.to == [staff_address]]
    assert notice.subject == "Mae hunanatgyfeiriad newydd yn aros / A new self-referral is waiting"
    assert "http://testserver/admin/members/?status=pending" in notice.body
    text = f"{notice.subject}\n{notice.body}".lower()
    for secret in ("siân", "sian.wyn", "07912", "heol", member.reference.lower(), "goroeswr"):
        assert secret not in text, secret


def test_staff_hear_even_when_the_person_wants_no_email(refer, staff_address):
    refer("en", minimal_answers())

    assert [message.to for message in mail.outbox] == [[staff_address]]


def test_no_staff_note_without_an_address_to_send_it_to(refer):
    refer("en", minimal_answers())

    assert mail.outbox == []


class RefusingBackend(BaseEmailBackend):
    """A mail server that refuses the recipient, naming the address in its error."""

    def send_messages(self, email_messages):
        import smtplib

        refused = {address: (550, b"no such user") for m in email_messages for address in m.to}
        raise smtplib.SMTPRecipientsRefused(refused)


def test_a_failed_email_puts_no_address_in_the_logs_or_the_task_result(settings, caplog):
    from tests.factories import MemberFactory

    settings.EMAIL_BACKEND = "tests.enrolment.test_confirmation.RefusingBackend"
    member = MemberFactory(email="refused.person@example.org")

    member.status = Member.Status.PENDING
    member.save()
    message = messaging.send(member, Kind.CONFIRMATION)

    result = deliver_message.enqueue(message.pk)

    assert result.status == "FAILED"
    stored = f"{result.errors[0].exception_class_path}\n{result.errors[0].traceback}"
    assert "MailNotSent" in stored and member.reference in stored
    assert "refused.person" not in stored
    assert "refused.person" not in caplog.text
