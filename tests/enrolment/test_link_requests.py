"""Asking for a link to one's membership page: /membership/ and /cy/aelodaeth/.

The answer never says whether an address belongs to a member; a link goes only to a
member who may hear from us, through a way they marked safe; requests are limited per
client and per address; bad input is a clear message, never a 500."""

import pytest
from django.core import mail

from config.cache import CacheUnavailable
from core import spam
from enrolment import link_requests
from enrolment.models import ConsentRecord, Member, MemberLink, MemberMessage, Purpose
from tests.factories import MemberFactory
from tests.html import parse

from .form_helpers import error_summary, finish, prepare

pytestmark = pytest.mark.django_db

URLS = {"en": "/membership/", "cy": "/cy/aelodaeth/"}
DONE = {"en": "/membership/check-your-messages/", "cy": "/cy/aelodaeth/gwiriwch-eich-negeseuon/"}
EMAIL = "Rhiannon.Ap-Ifan@Example.org"
PHONE = "07912 345678"


@pytest.fixture(autouse=True)
def form_settings(settings):
    prepare(settings)
    yield
    finish()


@pytest.fixture
def ask(client, django_capture_on_commit_callbacks):
    """Send the form as a browser does; what waits for the commit (the email) runs."""

    def send(address, language="en", on=None, **extra):
        on = on or client
        shown = on.get(URLS[language], **extra)
        token = parse(shown).select_one('input[name="rendered"]')["value"]
        data = {"address": address, "rendered": token, "website": ""}
        with django_capture_on_commit_callbacks(execute=True):
            return on.post(URLS[language], data, **extra)

    return send


def member(**extra):
    return MemberFactory(**{"email": EMAIL.lower(), **extra})


def messages():
    return list(MemberMessage.objects.filter(kind="membership_link"))


def answer(response):
    """Everything a person could learn from an answer and the page it leads to."""
    return (response.status_code, response.get("Location"), response.content)


def assert_never_cached(response):
    assert "no-store" in response["Cache-Control"] and "private" in response["Cache-Control"]


# --- the page ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "language,words",
    [
        ("en", ["Your membership", "told us is safe", "14 days", "01267 226440"]),
        ("cy", ["Eich aelodaeth", "ei bod yn ddiogel", "14 diwrnod", "01267 226440"]),
    ],
)
def test_the_page_explains_itself_in_both_languages(client, language, words):
    response = client.get(URLS[language])
    assert response.status_code == 200
    assert_never_cached(response)
    soup = parse(response)
    assert soup.html["lang"] == language
    assert soup.select("[data-quick-exit]")
    text = " ".join(soup.select_one("main").get_text(" ").split())
    for word in words:
        assert word in text


@pytest.mark.parametrize("language", ["en", "cy"])
def test_a_member_with_a_safe_email_is_sent_a_link_to_manage_their_membership(ask, language):
    found = member(language=language)
    response = ask(EMAIL.upper(), language)  # typed differently: the same address
    assert response.status_code == 303
    assert response["Location"] == DONE[language]
    (message,) = messages()
    assert (message.member, message.channel, message.state) == (found, "email", "sent")
    assert message.link.purpose == MemberLink.Purpose.MANAGE
    (email,) = mail.outbox
    assert email.to == [found.email]
    assert ("/cy/aelodaeth/agor/" in email.body) is (language == "cy")


def test_someone_who_has_just_joined_is_sent_a_link_to_correct_their_details(ask):
    member(status=Member.Status.PENDING)
    ask(EMAIL)
    assert [m.member.status for m in messages()] == [Member.Status.PENDING]
    assert len(mail.outbox) == 1


def test_a_lapsed_member_is_sent_a_link_so_they_can_renew(ask):
    member(status=Member.Status.LAPSED)
    ask(EMAIL)
    assert [m.member.status for m in messages()] == [Member.Status.LAPSED]
    assert len(mail.outbox) == 1


@pytest.mark.parametrize(
    "someone",
    [
        pytest.param(lambda: None, id="nobody"),
        pytest.param(lambda: member(email_safe=False), id="email not safe"),
        pytest.param(lambda: member(status=Member.Status.WITHDRAWN), id="withdrawn"),
        pytest.param(lambda: member(email="someone.else@example.org"), id="another address"),
    ],
)
@pytest.mark.parametrize("language", ["en", "cy"])
def test_the_answer_is_the_same_whoever_asks_and_only_a_safe_member_is_sent_anything(
    client, ask, someone, language
):
    other = client.__class__()
    sent = member(email="safe.member@example.org")
    to_member = ask("safe.member@example.org", language)
    someone()
    to_other = ask(EMAIL, language, on=other)

    assert answer(to_member) == answer(to_other)
    assert to_member.status_code == 303
    first, second = client.get(DONE[language]), other.get(DONE[language])
    assert answer(first) == answer(second)
    assert_never_cached(first)
    assert [m.member for m in messages()] == [sent]
    assert [email.to for email in mail.outbox] == [[sent.email]]


def test_a_member_who_said_no_more_contact_is_sent_nothing(ask):
    someone = member()
    someone.record_consent(Purpose.CONTACT, False, notice=None, channel=ConsentRecord.Channel.STAFF)
    ask(EMAIL)
    assert messages() == [] and mail.outbox == []


# --- a phone number ----------------------------------------------------------------------


def test_a_safe_phone_number_brings_the_link_by_safe_email(ask):
    found = member(phone=PHONE, phone_safe=True, preferred_contact="phone")
    ask("+44 7912 345678")
    (message,) = messages()
    assert (message.member, message.channel) == (found, "email")
    assert [email.to for email in mail.outbox] == [[found.email]]


def test_a_safe_phone_number_brings_a_letter_when_only_letters_are_safe(ask):
    member(
        email_safe=False,
        phone=PHONE,
        text_safe=True,
        letter_safe=True,
        address="3 Stryd y Castell, Aberystwyth",
    )
    ask(PHONE)
    (message,) = messages()
    assert (message.channel, message.state) == ("post", "to_print")
    assert message.link.purpose == MemberLink.Purpose.MANAGE
    assert mail.outbox == []


@pytest.mark.parametrize(
    "plan",
    [
        pytest.param({"phone_safe": False, "text_safe": False}, id="phone not safe"),
        pytest.param({"phone_safe": True, "email_safe": False}, id="no safe written way"),
    ],
)
def test_a_phone_number_without_a_safe_way_to_send_sends_nothing(ask, plan):
    member(phone=PHONE, **plan)
    response = ask(PHONE)
    assert response["Location"] == DONE["en"]
    assert messages() == [] and mail.outbox == []


# --- limits ------------------------------------------------------------------------------


def test_too_many_requests_from_one_client_are_refused_and_what_was_typed_kept(
    ask, settings, client
):
    settings.ENROLMENT_RATE_LIMIT = 2
    member()
    assert ask(EMAIL).status_code == 303
    assert ask("nobody@example.org").status_code == 303
    refused = ask(EMAIL)
    assert refused.status_code == 429
    assert "Several forms have been sent from this connection" in refused.content.decode()
    assert parse(refused).select_one('input[name="address"]')["value"] == EMAIL
    assert len(messages()) == 1


def test_one_address_is_sent_a_limited_number_of_links_whoever_asks(ask, client):
    member()
    answers = [
        ask(EMAIL, on=client.__class__(REMOTE_ADDR=f"198.51.100.{n}"))
        for n in range(link_requests.ADDRESS_LIMIT + 2)
    ]
    assert {answer(response) for response in answers} == {answer(answers[0])}
    assert len(messages()) == link_requests.ADDRESS_LIMIT
    assert len(mail.outbox) == link_requests.ADDRESS_LIMIT


@pytest.mark.parametrize("failing", ["everything", "the address count"])
def test_when_the_cache_cannot_count_the_form_is_refused_and_kept(ask, monkeypatch, failing):
    member()

    def cannot(*args, **kwargs):
        raise CacheUnavailable

    if failing == "everything":
        monkeypatch.setattr(spam, "_count", cannot)
    else:
        monkeypatch.setattr(spam, "take_allowance_for", cannot)
    refused = ask(EMAIL)
    assert refused.status_code == 503
    assert "Part of our website is not working" in refused.content.decode()
    assert parse(refused).select_one('input[name="address"]')["value"] == EMAIL
    assert messages() == []


def test_a_filled_honeypot_sends_nothing(client, settings):
    member()
    shown = client.get(URLS["en"])
    token = parse(shown).select_one('input[name="rendered"]')["value"]
    response = client.post(URLS["en"], {"address": EMAIL, "rendered": token, "website": "x"})
    assert response.status_code == 200
    assert messages() == []


# --- bad input ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "typed,message",
    [
        ("", "Enter your email address or phone number."),
        ("   ", "Enter your email address or phone number."),
        ("not an address", "Enter an email address, like name@example.com"),
        ("<script>alert(1)</script>", "Enter an email address, like name@example.com"),
        ("ŵŷâ@", "Enter an email address, like name@example.com"),
        ("Привет мир", "Enter an email address, like name@example.com"),
        ("名前@例え", "Enter an email address, like name@example.com"),
        ("0770", "Enter an email address, like name@example.com"),
        ("x" * 300 + "@example.org", "Use 254 characters or fewer"),
        ("a" * 100_000, "Use 254 characters or fewer"),
        ("07700\x01900123", "hidden characters"),
    ],
)
def test_bad_input_is_a_clear_message_and_kept(ask, typed, message):
    response = ask(typed)
    assert response.status_code == 200
    ((target, text),) = error_summary(response)
    assert target == "#id_address"
    assert message in text
    html = response.content.decode()
    assert "<script>alert(1)" not in html
    if len(typed) < 1000 and "\x01" not in typed:
        assert parse(response).select_one('input[name="address"]')["value"] == typed
    assert messages() == []


def test_errors_are_in_welsh_on_the_welsh_page(ask):
    response = ask("", "cy")
    ((_target, text),) = error_summary(response)
    assert text == "Rhowch eich cyfeiriad e-bost neu eich rhif ffôn."
    assert parse(response).html["lang"] == "cy"


@pytest.mark.parametrize("method", ["put", "delete", "patch"])
def test_other_methods_are_refused(client, method):
    assert getattr(client, method)(URLS["en"]).status_code == 405


@pytest.mark.parametrize("language,home", [("en", "/"), ("cy", "/cy/")])
def test_members_find_the_page_in_the_demo_sites_footer(client, language, home):
    footer = parse(client.get(home)).select("footer a")
    assert URLS[language] in [a["href"] for a in footer]
