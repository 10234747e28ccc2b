"""Spam defence on the self-referral form: none of it may lose what a person typed.

Only Google's verify call (django_recaptcha.client.submit) is mocked.
"""

import time
from contextlib import contextmanager
from unittest import mock
from urllib.error import HTTPError, URLError

import pytest
import time_machine
from django.core.cache import cache
from django.db import OperationalError
from django.db.models.signals import post_save
from django.utils import translation
from django.utils.translation import gettext
from django_recaptcha.client import RecaptchaResponse

from core import spam
from enrolment.models import ConsentRecord, Member, MembershipSettings
from tests.html import parse

from .form_helpers import (
    FORM_URLS,
    LANGUAGES,
    THANK_YOU_URLS,
    complete_answers,
    error_summary,
    finish,
    hidden_fields,
    minimal_answers,
    open_form,
    prepare,
    send,
)

pytestmark = pytest.mark.django_db

SUBMIT = "django_recaptcha.client.submit"


@pytest.fixture(autouse=True)
def form_settings(settings):
    prepare(settings)
    yield
    finish()


@pytest.fixture
def captcha(settings):
    settings.RECAPTCHA_PUBLIC_KEY = "public-key-for-tests"
    settings.RECAPTCHA_PRIVATE_KEY = "private-key-for-tests"


def in_language(language, text):
    with translation.override(language):
        return gettext(text)


def name_shown(response):
    return parse(response).select_one('input[name="name"]')["value"]


def members():
    return Member.objects.count()


# --- reCAPTCHA -----------------------------------------------------------------------------


@pytest.mark.parametrize("language", LANGUAGES)
def test_without_keys_there_is_no_captcha_and_no_google(client, language):
    response = client.get(FORM_URLS[language])
    html = response.content.decode()

    assert "g-recaptcha" not in html
    assert "google" not in html
    assert "google" not in response["Content-Security-Policy"]


@pytest.mark.parametrize("language", LANGUAGES)
def test_with_keys_the_captcha_loads_in_the_page_language_under_the_policy(
    client, captcha, language
):
    response = client.get(FORM_URLS[language])
    soup = parse(response)
    policy = response["Content-Security-Policy"]

    # The error summary's link for the check lands on it.
    assert soup.select_one('#id_captcha.g-recaptcha[data-sitekey="public-key-for-tests"]')
    google = [tag for tag in soup.find_all("script") if "recaptcha" in tag.get("src", "")]
    assert len(google) == 1
    assert google[0]["src"] == f"https://www.google.com/recaptcha/api.js?hl={language}"
    assert not google[0].has_attr("nonce")
    # No inline script, so the strict policy still holds; no callback needing one.
    assert all(tag.get("src") for tag in soup.find_all("script"))
    assert not soup.select("[data-callback]")
    directives = dict(part.strip().split(" ", 1) for part in policy.split(";"))
    assert "https://www.google.com/recaptcha/" in directives["script-src"]
    assert "https://www.gstatic.com/recaptcha/" in directives["script-src"]
    assert "https://www.google.com/recaptcha/" in directives["frame-src"]
    assert "unsafe-inline" not in policy
    assert "nonce" not in policy
    # Anyone the check blocks is offered the phone and the email instead.
    contact = MembershipSettings.load()
    assert soup.select_one(f'a[href="mailto:{contact.contact_email}"]')


def test_google_is_allowed_on_the_form_page_only(client, captcha):
    for url in ("/", "/cy/", "/support/", "/join/thank-you/", "/cy/ymuno/diolch/"):
        response = client.get(url)
        assert "google" not in response["Content-Security-Policy"], url
        assert "recaptcha" not in response.content.decode(), url


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_passed_captcha_lets_the_referral_through(client, captcha, language):
    with mock.patch(SUBMIT, return_value=RecaptchaResponse(is_valid=True)) as submit:
        response = send(
            client, language, {**minimal_answers(), "g-recaptcha-response": "token-from-google"}
        )

    assert response.status_code == 303
    assert response["Location"] == THANK_YOU_URLS[language]
    submit.assert_called_once()
    assert submit.call_args.kwargs["recaptcha_response"] == "token-from-google"
    assert submit.call_args.kwargs["private_key"] == "private-key-for-tests"
    # Google is not told the person's address.
    assert not submit.call_args.kwargs["remoteip"]


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_failed_captcha_is_a_message_and_keeps_the_answers(client, captcha, language):
    before = members()
    failed = RecaptchaResponse(is_valid=False, error_codes=["invalid-input-response"])
    with mock.patch(SUBMIT, return_value=failed):
        response = send(
            client, language, {**complete_answers(), "g-recaptcha-response": "a-bad-token"}
        )

    assert response.status_code == 200
    assert members() == before
    assert error_summary(response) == [
        (
            "#id_captcha",
            in_language(
                language,
                "We could not confirm that you are not a robot. Tick the box and try again, "
                "or call or email us instead.",
            ),
        )
    ]
    assert name_shown(response) == "Siân Ŵyn ap Dafydd"


@pytest.mark.parametrize(
    "failure",
    [
        URLError("no route to host"),
        HTTPError("https://www.google.com", 503, "unavailable", None, None),
        TimeoutError("timed out"),
        ConnectionRefusedError(),
        ValueError("not JSON"),
    ],
    ids=["url error", "http error", "timeout", "refused", "garbled"],
)
@pytest.mark.parametrize("language", LANGUAGES)
def test_when_google_cannot_be_reached_the_person_is_told_and_keeps_everything(
    client, captcha, language, failure
):
    before = members()
    with mock.patch(SUBMIT, side_effect=failure):
        response = send(client, language, {**complete_answers(), "g-recaptcha-response": "x"})

    assert response.status_code == 200
    assert members() == before
    assert error_summary(response) == [
        (
            "#id_captcha",
            in_language(
                language,
                "We could not check the 'I'm not a robot' box just now. Your answers are "
                "still here: try again, or call or email us instead.",
            ),
        )
    ]
    assert name_shown(response) == "Siân Ŵyn ap Dafydd"


def test_the_network_message_is_in_welsh_on_the_welsh_form(client, captcha):
    with mock.patch(SUBMIT, side_effect=URLError("down")):
        response = send(client, "cy", {**complete_answers(), "g-recaptcha-response": "x"})

    assert dict(error_summary(response))["#id_captcha"].startswith("Doedd dim modd i ni wirio")


@pytest.mark.parametrize("language", LANGUAGES)
def test_an_unticked_captcha_asks_for_the_tick_without_asking_google(client, captcha, language):
    with mock.patch(SUBMIT) as submit:
        response = send(client, language, complete_answers())

    submit.assert_not_called()
    assert error_summary(response) == [
        ("#id_captcha", in_language(language, "Tick the box to show you are not a robot."))
    ]


# --- honeypot ------------------------------------------------------------------------------


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_honeypot_is_hidden_from_sight_but_labelled(client, language):
    soup = parse(client.get(FORM_URLS[language]))
    box = soup.select_one('input[name="website"]')

    assert box["autocomplete"] == "off"
    assert box["tabindex"] == "-1"
    assert "enrolment-honeypot" in box.parent["class"]
    label = soup.select_one(f'label[for="{box["id"]}"]')
    assert label.get_text(strip=True) == in_language(language, "Leave this empty")


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_filled_honeypot_stops_the_referral_and_shows_itself(client, language):
    before = members()

    response = send(client, language, complete_answers(website="https://spam.example"))

    assert response.status_code == 200
    assert members() == before
    assert [href for href, _text in error_summary(response)] == ["#id_website"]
    soup = parse(response)
    box = soup.select_one('input[name="website"]')
    # Shown now, so a person whose browser filled it in can clear it.
    assert "enrolment-honeypot" not in box.parent["class"]
    assert box["aria-invalid"] == "true"
    assert name_shown(response) == "Siân Ŵyn ap Dafydd"


# --- the signed render time -------------------------------------------------------------------


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_form_sent_too_fast_is_sent_back_gently_and_then_goes_through(
    client, settings, language, time_machine
):
    settings.ENROLMENT_MIN_SECONDS = 3
    tokens = open_form(client, language)
    before = members()

    response = send(client, language, complete_answers(), tokens)

    assert response.status_code == 200
    assert members() == before
    assert error_summary(response) == [
        (
            "#enrolment-submit",
            in_language(language, "Please check your answers, then send the form again."),
        )
    ]
    assert name_shown(response) == "Siân Ŵyn ap Dafydd"
    fresh = hidden_fields(response)
    assert fresh["rendered"] != tokens["rendered"]

    # A few seconds later, the same answers with the fresh token go through.
    later = time.time() + 5
    time_machine.move_to(later, tick=False)
    response = send(client, language, complete_answers(), fresh)
    assert response.status_code == 303
    assert members() == before + 1


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_form_left_open_too_long_has_timed_out_but_keeps_the_answers(client, language):
    tokens = open_form(client, language)
    tokens["rendered"] = spam.render_token(now=time.time() - 2 * 60 * 60 - 5)
    before = members()

    response = send(client, language, complete_answers(), tokens)

    assert members() == before
    assert error_summary(response) == [
        (
            "#enrolment-submit",
            in_language(
                language,
                "This form timed out. Your answers are still here: please check them, then "
                "send the form again.",
            ),
        )
    ]
    assert name_shown(response) == "Siân Ŵyn ap Dafydd"
    assert spam.check_render_token(hidden_fields(response)["rendered"], now=time.time() + 5) is None


# Named, because the signed token differs between the parallel workers that collect it.
@pytest.mark.parametrize(
    "token",
    ["", "forged", spam.render_token()[:-3] + "abc", "\x00"],
    ids=["missing", "forged", "bad-signature", "null"],
)
def test_a_missing_or_forged_render_time_is_refused(client, token):
    tokens = open_form(client, "en")
    before = members()

    response = send(client, "en", complete_answers(), {**tokens, "rendered": token})

    assert response.status_code == 200
    assert members() == before
    assert [href for href, _text in error_summary(response)] == ["#enrolment-submit"]


def test_a_forged_notice_token_is_refused(client):
    tokens = open_form(client, "en")
    before = members()

    response = send(client, "en", complete_answers(), {**tokens, "shown_notice": "MQ:forged"})

    assert members() == before
    assert [href for href, _text in error_summary(response)] == ["#enrolment-submit"]


# --- rate limit ------------------------------------------------------------------------------


@pytest.mark.parametrize("language", LANGUAGES)
def test_over_the_limit_the_answers_stay_and_the_phone_and_email_are_offered(
    client, settings, language
):
    settings.ENROLMENT_RATE_LIMIT = 2
    for _ in range(2):
        assert send(client, language, minimal_answers()).status_code == 303
    before = members()

    response = send(client, language, complete_answers())

    assert response.status_code == 429
    assert members() == before
    soup = parse(response)
    assert soup.html["lang"] == language
    summary = soup.select_one("[data-error-summary]")
    assert summary["role"] == "alert"
    assert summary.select_one("h2").get_text(strip=True) == in_language(
        language, "We could not send your form just now"
    )
    contact = MembershipSettings.load()
    assert summary.select_one('a[href="tel:+441267226440"]').get_text() == contact.contact_phone
    assert summary.select_one(f'a[href="mailto:{contact.contact_email}"]')
    # Nothing typed is lost, and nothing was checked (or sent to anyone) to show it.
    assert name_shown(response) == "Siân Ŵyn ap Dafydd"
    assert soup.select_one('textarea[name="address"]').get_text().strip() == (
        "1 Heol y Bryn\nCaerfyrddin"
    )
    assert not soup.select(".field--error")
    assert all(part in response["Cache-Control"] for part in ("no-store", "private"))


def test_the_rate_limit_page_is_in_welsh(client, settings):
    settings.ENROLMENT_RATE_LIMIT = 0

    response = send(client, "cy", minimal_answers())

    assert response.status_code == 429
    heading = parse(response).select_one("[data-error-summary] h2").get_text(strip=True)
    assert heading == "Doedd dim modd anfon eich ffurflen ar hyn o bryd"


def test_mistakes_being_corrected_never_count_against_the_limit(client, settings):
    settings.ENROLMENT_RATE_LIMIT = 1
    for _ in range(4):
        assert send(client, "en", minimal_answers(name="")).status_code == 200

    assert send(client, "en", minimal_answers()).status_code == 303


def test_robots_caught_count_against_the_limit(client, settings):
    settings.ENROLMENT_RATE_LIMIT = 2
    for _ in range(2):
        send(client, "en", minimal_answers(website="spam"))

    assert send(client, "en", minimal_answers()).status_code == 429


@pytest.mark.parametrize(
    "filled", ["a" * 201, "spam\x07", "\x1b"], ids=["long", "control", "only control"]
)
def test_a_honeypot_filled_with_anything_is_a_robot_caught_and_counted(client, settings, filled):
    # Found by the property tests: a honeypot over 200 characters, or holding a control
    # character, was refused for that alone, and the robot went uncounted.
    settings.ENROLMENT_RATE_LIMIT = 2
    for _ in range(2):
        response = send(client, "en", minimal_answers(website=filled))
        assert dict(error_summary(response))["#id_website"] == (
            "This box must be empty. Please clear it, then send the form again."
        )

    assert send(client, "en", minimal_answers()).status_code == 429


def test_the_limit_is_per_client_and_never_stores_the_address(client, settings):
    settings.ENROLMENT_RATE_LIMIT = 1
    assert send(client, "en", minimal_answers()).status_code == 303
    assert send(client, "en", minimal_answers()).status_code == 429

    other = {"REMOTE_ADDR": "198.51.100.7"}
    tokens = hidden_fields(client.get(FORM_URLS["en"], **other))
    response = client.post(FORM_URLS["en"], {**tokens, **minimal_answers()}, **other)
    assert response.status_code == 303

    keys = " ".join(str(key) for key in cache._cache)
    assert spam.RATE_LIMIT_PREFIX in keys
    assert "127.0.0.1" not in keys and "198.51.100.7" not in keys


def test_behind_a_proxy_the_forwarded_address_is_the_client(client, settings):
    settings.ENROLMENT_RATE_LIMIT = 1
    settings.TRUSTED_PROXY_COUNT = 1

    def post_from(address):
        headers = {"REMOTE_ADDR": "10.0.0.1", "HTTP_X_FORWARDED_FOR": address}
        tokens = hidden_fields(client.get(FORM_URLS["en"], **headers))
        return client.post(FORM_URLS["en"], {**tokens, **minimal_answers()}, **headers)

    assert post_from("203.0.113.1").status_code == 303
    assert post_from("203.0.113.1").status_code == 429
    # Same proxy, another person behind it.
    assert post_from("203.0.113.2").status_code == 303
    # A client cannot pick its own address by adding to the header.
    assert post_from("198.51.100.9, 203.0.113.1").status_code == 429


def test_the_window_passing_lifts_the_limit(client, settings, time_machine):
    settings.ENROLMENT_RATE_LIMIT = 1
    assert send(client, "en", minimal_answers()).status_code == 303
    assert send(client, "en", minimal_answers()).status_code == 429

    later = time.time() + settings.ENROLMENT_RATE_WINDOW
    time_machine.move_to(later, tick=False)
    tokens = open_form(client, "en")
    assert send(client, "en", minimal_answers(), tokens).status_code == 303


# --- sending at once -------------------------------------------------------------------------


@contextmanager
def while_a_member_is_saved(sendings):
    """Run each of `sendings` (callables) while the first new member is being saved (as
    its first consent is recorded): the moment between a count being read and the
    submission being counted, where a count read first and written later lets every one
    of them through."""
    answers = []

    def send_the_others(sender, instance, created, **kwargs):
        if created and sendings:
            pending = list(sendings)
            sendings.clear()
            answers.extend(sending() for sending in pending)

    post_save.connect(send_the_others, sender=ConsentRecord, dispatch_uid="member_being_saved")
    try:
        yield answers
    finally:
        post_save.disconnect(sender=ConsentRecord, dispatch_uid="member_being_saved")


def test_forms_sent_at_once_never_get_past_the_allowance(client, settings):
    settings.ENROLMENT_RATE_LIMIT = 2
    opened = [open_form(client, "en") for _ in range(5)]
    later = [
        (lambda tokens=tokens: send(client, "en", minimal_answers(), tokens))
        for tokens in opened[1:]
    ]

    with while_a_member_is_saved(later) as answers:
        first = send(client, "en", minimal_answers(), opened[0])

    statuses = [first.status_code, *(response.status_code for response in answers)]
    assert len(statuses) == 5
    assert members() == 2
    assert sorted(statuses) == [303, 303, 429, 429, 429]


def test_a_refused_sending_does_not_use_up_the_allowance(client, settings):
    """A count taken and then given back: over the limit, or a mistake to correct."""
    settings.ENROLMENT_RATE_LIMIT = 1
    assert send(client, "en", minimal_answers()).status_code == 303
    for _ in range(3):
        assert send(client, "en", minimal_answers()).status_code == 429

    later = time.time() + settings.ENROLMENT_RATE_WINDOW
    with time_machine.travel(later, tick=False):
        for _ in range(3):
            assert send(client, "en", minimal_answers(name="")).status_code == 200
        assert send(client, "en", minimal_answers()).status_code == 303


# --- one form, sent once -------------------------------------------------------------------

ALREADY_SENT = (
    "We have already received this form. If you meant to send it again, check your "
    "answers, then send the form again."
)


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_same_form_sent_twice_is_accepted_once(client, language):
    sent = {**open_form(client, language), **complete_answers()}
    assert client.post(FORM_URLS[language], sent).status_code == 303
    before = members()

    response = client.post(FORM_URLS[language], sent)

    assert response.status_code == 200
    assert members() == before
    message = in_language(language, ALREADY_SENT)
    if language == "cy":
        assert message != ALREADY_SENT
    assert error_summary(response) == [("#enrolment-submit", message)]
    assert name_shown(response) == "Siân Ŵyn ap Dafydd"
    # Sent back with a fresh token: someone who does mean to send it again can.
    fresh = hidden_fields(response)
    assert fresh["rendered"] != sent["rendered"]
    assert send(client, language, complete_answers(), fresh).status_code == 303
    assert members() == before + 1


def test_the_same_form_sent_twice_at_once_is_accepted_once(client):
    sent = {**open_form(client, "en"), **minimal_answers()}
    again = [lambda: client.post(FORM_URLS["en"], sent)]

    with while_a_member_is_saved(again) as answers:
        first = client.post(FORM_URLS["en"], sent)

    assert first.status_code == 303
    assert [response.status_code for response in answers] == [200]
    assert error_summary(answers[0]) == [("#enrolment-submit", ALREADY_SENT)]
    assert members() == 1


def test_a_form_sent_back_for_correction_can_be_sent_with_its_fresh_token(client):
    tokens = open_form(client, "en")
    response = send(client, "en", minimal_answers(name=""), tokens)
    assert response.status_code == 200
    # The token of a form that was not accepted was not used up either.
    assert send(client, "en", minimal_answers(), tokens).status_code == 303
    assert send(client, "en", minimal_answers(), hidden_fields(response)).status_code == 303
    assert members() == 2


# --- IPv6: one client holds a whole /64 ----------------------------------------------------


def send_from(client, address, answers=None):
    tokens = hidden_fields(client.get(FORM_URLS["en"], REMOTE_ADDR=address))
    return client.post(
        FORM_URLS["en"], {**tokens, **(answers or minimal_answers())}, REMOTE_ADDR=address
    )


def test_addresses_in_one_ipv6_64_share_one_allowance(client, settings):
    settings.ENROLMENT_RATE_LIMIT = 1
    assert send_from(client, "2001:db8:5:7::1").status_code == 303
    assert send_from(client, "2001:db8:5:7:a1b2:c3d4:e5f6:9").status_code == 429
    # The next /64 is someone else.
    assert send_from(client, "2001:db8:5:8::1").status_code == 303


def test_an_ipv4_mapped_address_is_counted_as_its_ipv4_address(client, settings):
    settings.ENROLMENT_RATE_LIMIT = 1
    assert send_from(client, "192.0.2.44").status_code == 303
    assert send_from(client, "::ffff:192.0.2.44").status_code == 429
    # IPv4 is still counted per address.
    assert send_from(client, "192.0.2.45").status_code == 303


def test_a_form_the_database_failed_to_save_can_be_sent_again(client, settings):
    """Neither its token nor its place in the allowance is used up by a failed save."""
    settings.ENROLMENT_RATE_LIMIT = 1
    sent = {**open_form(client, "en"), **minimal_answers()}

    def database_fails(sender, instance, created, **kwargs):
        raise OperationalError("the database went away")

    post_save.connect(database_fails, sender=ConsentRecord, dispatch_uid="database_fails")
    client.raise_request_exception = False
    try:
        response = client.post(FORM_URLS["en"], sent)
    finally:
        post_save.disconnect(sender=ConsentRecord, dispatch_uid="database_fails")
    assert response.status_code == 503
    assert members() == 0

    assert client.post(FORM_URLS["en"], sent).status_code == 303
    assert members() == 1
