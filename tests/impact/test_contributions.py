"""The anonymous contribution form (/have-your-say/, /cy/dweud-eich-dweud/), used as a
person uses it, and as a robot or an attacker would. Only Google's verify call
(django_recaptcha.client.submit) is mocked."""

import datetime
import logging
import time
from unittest import mock
from urllib.error import URLError

import pytest
from django.contrib.sessions.models import Session
from django.core.cache import cache
from django.utils import timezone, translation
from django.utils.translation import gettext
from django_recaptcha.client import RecaptchaResponse
from wagtail.models import ModelLogEntry

from core import spam
from enrolment.models import MembershipSettings
from impact.forms import MAX_LENGTH
from impact.models import AnonymousContribution, EngagementActivity
from tests.db_scan import find_in_database
from tests.enrolment import form_helpers as join_form
from tests.factories import ActivityFactory
from tests.html import alternates, parse, switch_link

pytestmark = pytest.mark.django_db

LANGUAGES = ["en", "cy"]
LIST_URLS = {"en": "/have-your-say/", "cy": "/cy/dweud-eich-dweud/"}
THANK_YOU_URLS = {"en": "/have-your-say/thank-you/", "cy": "/cy/dweud-eich-dweud/diolch/"}
SUPPORT_URLS = {"en": "/support/", "cy": "/cy/cymorth/"}
NEVER_CACHED = ("no-cache", "no-store", "must-revalidate", "private")
SUBMIT = "django_recaptcha.client.submit"
WORDS = "The waiting room was next to his family. A separate room would have helped."


@pytest.fixture(autouse=True)
def form_settings(settings):
    join_form.prepare(settings)
    yield
    join_form.finish()


@pytest.fixture
def captcha(settings):
    settings.RECAPTCHA_PUBLIC_KEY = "public-key-for-tests"
    settings.RECAPTCHA_PRIVATE_KEY = "private-key-for-tests"


def open_activity(**changes):
    values = {
        "allow_anonymous": True,
        "public_title": "Waiting at court",
        "public_title_cy": "Aros yn y llys",
        "public_question": "What would make waiting at court easier?",
        "public_question_cy": "Beth fyddai'n gwneud aros yn y llys yn haws?",
        **changes,
    }
    return ActivityFactory(**values)


@pytest.fixture
def activity():
    return open_activity()


@pytest.fixture
def demo_activities_closed():
    """The demo content has an activity taking contributions: close it for list tests."""
    EngagementActivity.objects.update(status=EngagementActivity.Status.CLOSED)


def form_url(activity, language):
    prefix = "/have-your-say/" if language == "en" else "/cy/dweud-eich-dweud/"
    return f"{prefix}{activity.public_code}/"


def in_language(language, text):
    with translation.override(language):
        return gettext(text)


def open_form(client, activity, language, **extra):
    response = client.get(form_url(activity, language), **extra)
    assert response.status_code == 200
    return {"rendered": parse(response).select_one('input[name="rendered"]')["value"]}


def send(client, activity, language, text=WORDS, tokens=None, **fields):
    data = {**(tokens or open_form(client, activity, language)), "text": text, "website": ""}
    data.update(fields)
    return client.post(
        form_url(activity, language), {k: v for k, v in data.items() if v is not None}
    )


def error_summary(response):
    """[(link target, text)] of the error summary, or None if there is none."""
    summary = parse(response).select_one("[data-error-summary]")
    if summary is None:
        return None
    assert summary["role"] == "alert"
    assert summary["tabindex"] == "-1"
    return [(link["href"], link.get_text(strip=True)) for link in summary.select("a")]


def text_shown(response):
    box = parse(response).select_one('textarea[name="text"]').get_text()
    # The template gives the textarea one newline to drop, as HTML requires.
    return box[1:] if box.startswith("\n") else box


def stored():
    return list(AnonymousContribution.objects.order_by("pk"))


# --- the list ------------------------------------------------------------------------------


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_list_shows_only_activities_taking_contributions_in_the_page_language(
    client, demo_activities_closed, language
):
    activity = open_activity()
    hidden = [
        open_activity(status="closed", public_title="Closed one", public_title_cy="Un ar gau"),
        open_activity(
            status="planned", public_title="Planned one", public_title_cy="Wedi'i gynllunio"
        ),
        open_activity(
            allow_anonymous=False, public_title="Members only", public_title_cy="Aelodau"
        ),
    ]

    response = client.get(LIST_URLS[language])

    assert response.status_code == 200
    soup = parse(response)
    assert soup.html["lang"] == language
    assert soup.h1.get_text(strip=True) == in_language(language, "Have your say")
    links = {a.get_text(strip=True): a["href"] for a in soup.select("main .cards a")}
    title = activity.public_title if language == "en" else activity.public_title_cy
    assert links == {title: form_url(activity, language)}
    html = response.content.decode()
    for other in hidden:
        assert other.public_code not in html
    # The staff title is for staff: the public sees the public title only.
    assert activity.title not in html


@pytest.mark.parametrize("language", LANGUAGES)
def test_with_nothing_open_the_list_says_so(client, demo_activities_closed, language):
    response = client.get(LIST_URLS[language])

    assert not parse(response).select("main .cards")
    assert (
        in_language(
            language, "Nothing is open for comments just now. Please come back another time."
        )
        in response.content.decode()
    )


# --- the form ------------------------------------------------------------------------------


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_form_asks_one_question_and_nothing_about_who_is_writing(client, activity, language):
    response = client.get(form_url(activity, language))

    assert response.status_code == 200
    soup = parse(response)
    assert soup.html["lang"] == language
    title, question = activity.public_text(language)
    assert soup.h1.get_text(strip=True) == title
    assert question in soup.select_one("main .lead").get_text()
    # One box a person types in; the rest is the honeypot and the signed render time.
    typed = {
        field["name"]
        for field in soup.select("main form input, main form textarea, main form select")
        if field.get("type") != "hidden"
    }
    assert typed == {"text", "website"}
    hidden = {field["name"] for field in soup.select('main form input[type="hidden"]')}
    assert hidden == {"csrfmiddlewaretoken", "rendered"}
    label = soup.select_one('label[for="id_text"]').get_text(strip=True)
    assert label == in_language(language, "Your answer")


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_form_warns_not_to_describe_crimes_and_says_we_cannot_reply(client, activity, language):
    soup = parse(client.get(form_url(activity, language)))

    callout = soup.select_one(".callout--warning")
    assert callout.h2.get_text(strip=True) == in_language(
        language, "Do not tell us about a crime here"
    )
    assert "999" in callout.get_text() and "101" in callout.get_text()
    # The box itself carries the same warning as every free-text box on the join form.
    box = soup.select_one("#id_text")
    warning = soup.select_one("#id_text-warning")
    assert warning.get_text(strip=True) == in_language(
        language,
        "Do not describe any crime here. To report a crime, call 999 in an emergency or "
        "101 otherwise.",
    )
    assert "id_text-warning" in box["aria-describedby"].split()
    assert "id_text-hint" in box["aria-describedby"].split()
    assert (
        in_language(
            language, "Because we do not know who you are, we cannot reply to what you write."
        )
        in soup.get_text()
    )
    assert soup.select_one(f'main a[href="{SUPPORT_URLS[language]}"]')


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_contribution_is_stored_with_its_language_and_day_and_thanked(client, activity, language):
    response = send(client, activity, language, "Mwy o wybodaeth, os gwelwch yn dda.")

    assert response.status_code == 303
    assert response["Location"] == THANK_YOU_URLS[language]
    [contribution] = stored()
    assert contribution.activity == activity
    assert contribution.text == "Mwy o wybodaeth, os gwelwch yn dda."
    assert contribution.language == language
    assert contribution.received_on == timezone.localdate()

    thanks = client.get(response["Location"])
    assert thanks.status_code == 200
    soup = parse(thanks)
    assert soup.html["lang"] == language
    assert soup.h1.get_text(strip=True) == in_language(language, "Thank you for telling us")
    # It repeats nothing that was sent, and does not even say which activity it was.
    html = thanks.content.decode()
    assert "Mwy o wybodaeth" not in html
    assert activity.public_title not in html and activity.public_title_cy not in html


def test_the_model_has_no_room_for_anything_about_the_sender():
    names = {field.name for field in AnonymousContribution._meta.get_fields()}
    assert names == {"id", "activity", "text", "language", "received_on"}


def test_it_stores_no_address_no_browser_no_session_no_member_and_logs_nothing(client, activity):
    address = "203.0.113.197"
    browser = "Mozilla/5.0 (Distinctive Test Browser 4242)"
    words = "Anrhegion unigryw Ŵyn: nobody else writes this sentence."
    sessions = Session.objects.count()
    entries = ModelLogEntry.objects.count()
    records = []
    handler = logging.Handler(level=logging.DEBUG)
    handler.emit = records.append
    root = logging.getLogger()
    old_level = root.level
    root.addHandler(handler)
    root.setLevel(logging.DEBUG)
    try:
        headers = {"REMOTE_ADDR": address, "HTTP_USER_AGENT": browser}
        tokens = open_form(client, activity, "en", **headers)
        response = client.post(
            form_url(activity, "en"), {**tokens, "text": words, "website": ""}, **headers
        )
    finally:
        root.removeHandler(handler)
        root.setLevel(old_level)

    assert response.status_code == 303
    [contribution] = stored()
    assert contribution.text == words
    # The database holds the words (encrypted) and nothing about who sent them.
    assert find_in_database(address, browser) == []
    assert find_in_database(words) == [("impact_anonymouscontribution", "text", words)]
    assert Session.objects.count() == sessions
    assert ModelLogEntry.objects.count() == entries
    # Neither the words nor the address reach a log line.
    for record in records:
        line = record.getMessage() + " ".join(str(arg) for arg in (record.args or ()))
        assert "nobody else writes" not in line
        assert address not in line
    # The rate limit's cache key is a keyed hash, not the address.
    keys = " ".join(str(key) for key in cache._cache)
    assert "contributions:rate" in keys
    assert address not in keys


def test_the_text_is_encrypted_at_rest(client, activity):
    from django.db import connection

    send(client, activity, "en", "Plain words that must not sit in the table.")

    with connection.cursor() as cursor:
        cursor.execute("SELECT text FROM impact_anonymouscontribution")
        [(raw,)] = cursor.fetchall()
    assert "Plain words" not in raw


# --- errors and hostile input -----------------------------------------------------------------


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("text", ["", "   \n\t  "], ids=["empty", "whitespace"])
def test_an_empty_answer_is_asked_for_in_an_error_summary(client, activity, language, text):
    response = send(client, activity, language, text)

    assert response.status_code == 200
    assert stored() == []
    assert error_summary(response) == [
        ("#id_text", in_language(language, "Write your answer in the box."))
    ]
    soup = parse(response)
    assert soup.title.get_text().startswith(in_language(language, "Error:"))
    box = soup.select_one("#id_text")
    assert box["aria-invalid"] == "true"
    assert "id_text-error" in box["aria-describedby"].split()


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_long_answer_is_refused_with_its_limit_and_kept_in_full(client, activity, language):
    long_text = "ŵ" * (MAX_LENGTH + 1)

    response = send(client, activity, language, long_text)

    assert response.status_code == 200
    assert stored() == []
    [(target, message)] = error_summary(response)
    assert target == "#id_text"
    with translation.override(language):
        expected = gettext(
            "Use %(limit_value)d characters or fewer. This answer has %(show_value)d."
        ) % {"limit_value": MAX_LENGTH, "show_value": MAX_LENGTH + 1}
    assert message == expected
    assert text_shown(response) == long_text


def test_an_answer_of_exactly_the_limit_is_kept(client, activity):
    assert send(client, activity, "en", "a" * MAX_LENGTH).status_code == 303
    assert stored()[0].text == "a" * MAX_LENGTH


def test_a_huge_answer_is_refused_without_trouble(client, activity):
    response = send(client, activity, "en", "x" * 1_000_000)

    assert response.status_code == 200
    assert stored() == []
    assert [target for target, _ in error_summary(response)] == ["#id_text"]


@pytest.mark.parametrize(
    "text",
    [
        "<script>alert('x')</script>",
        '"><img src=x onerror=alert(1)>',
        "{{ request.META }} {% debug %}",
        "'; DROP TABLE impact_anonymouscontribution; --",
    ],
    ids=["script", "attribute", "template", "sql"],
)
def test_hostile_text_is_stored_exactly_and_shown_back_escaped(client, activity, text):
    # The honeypot filled in: the form comes back, showing the text.
    response = send(client, activity, "en", text, website="filled")

    html = response.content.decode()
    assert "<script>alert" not in html
    assert "<img src=x" not in html
    assert text_shown(response) == text

    assert send(client, activity, "en", text).status_code == 303
    assert stored()[-1].text == text


@pytest.mark.parametrize(
    "text",
    [
        "Дякую, що вислухали.",  # Ukrainian
        "شكراً لكم على الاستماع",  # Arabic
        "Diolch yn fawr: ŵ ŷ â ê î ô û ẁ ẃ ẅ ỳ",
        "谢谢 🙏",
    ],
    ids=["cyrillic", "arabic", "welsh", "cjk and emoji"],
)
@pytest.mark.parametrize("language", LANGUAGES)
def test_other_alphabets_and_welsh_letters_are_stored_exactly(client, activity, language, text):
    assert send(client, activity, language, text).status_code == 303
    assert stored()[-1].text == text


def test_nul_bytes_are_dropped_and_control_characters_refused(client, activity):
    assert send(client, activity, "en", "Tea\x00 please").status_code == 303
    assert stored()[-1].text == "Tea please"

    response = send(client, activity, "en", "Bell\x07 ring")
    assert response.status_code == 200
    assert [target for target, _ in error_summary(response)] == ["#id_text"]
    assert len(stored()) == 1


def test_line_breaks_are_kept(client, activity):
    send(client, activity, "en", "First line.\r\nSecond line.")
    assert stored()[-1].text == "First line.\r\nSecond line."


@pytest.mark.parametrize(
    "data",
    [
        {},
        {"text": ["one", "two"]},
        {"rendered": ["a", "b"], "text": WORDS},
        {"text": WORDS, "activity": "1", "language": "xx", "received_on": "1999-01-01"},
        {"csrfmiddlewaretoken": "junk", "text": {"not": "a string"}},
    ],
    ids=["nothing", "two answers", "two render times", "extra fields", "odd values"],
)
def test_wrong_and_missing_fields_never_crash(client, activity, data):
    response = client.post(form_url(activity, "en"), data)

    assert response.status_code in (200, 303)
    for contribution in stored():
        # Whatever was sent, only the form decides the activity, language and day.
        assert contribution.activity == activity
        assert contribution.language == "en"
        assert contribution.received_on == timezone.localdate()


def test_a_json_body_is_answered_with_errors(client, activity):
    response = client.post(
        form_url(activity, "en"), data='{"text": "hi"}', content_type="application/json"
    )
    assert response.status_code == 200
    assert stored() == []
    assert error_summary(response)


def test_other_methods_are_refused(client, activity):
    for method in ("put", "delete", "patch"):
        assert getattr(client, method)(form_url(activity, "en")).status_code == 405
    assert client.post(LIST_URLS["en"]).status_code == 405
    assert client.post(THANK_YOU_URLS["en"]).status_code == 405


# --- closed, unknown and bad codes ---------------------------------------------------------------


CLOSED = {
    "closed": {"status": "closed"},
    "reported": {"status": "reported"},
    "planned": {"status": "planned"},
    "not anonymous": {"allow_anonymous": False},
}


@pytest.mark.parametrize("case", CLOSED)
@pytest.mark.parametrize("language", LANGUAGES)
def test_a_form_not_open_is_a_kind_not_found_page(client, language, case):
    activity = open_activity(**CLOSED[case])

    response = client.get(form_url(activity, language))

    assert response.status_code == 404
    soup = parse(response)
    assert soup.html["lang"] == language
    assert soup.h1.get_text(strip=True) == in_language(language, "This form is not open")
    assert soup.select_one(f'main a[href="{LIST_URLS[language]}"]')
    assert not soup.select("main form")
    assert activity.public_title not in response.content.decode()


@pytest.mark.parametrize("language", LANGUAGES)
def test_words_sent_to_a_form_that_closed_are_shown_back_not_stored(client, activity, language):
    tokens = open_form(client, activity, language)
    activity.status = "closed"
    activity.save()

    response = send(client, activity, language, "Words <b>written</b> while it closed", tokens)

    assert response.status_code == 404
    assert stored() == []
    soup = parse(response)
    assert soup.select_one("#kept-text").get_text() == "Words <b>written</b> while it closed"
    assert "<b>written</b>" not in response.content.decode()


@pytest.mark.parametrize(
    "code",
    ["nosuchcode", "a" * 300, "DROP-TABLE", "0"],
)
@pytest.mark.parametrize("language", LANGUAGES)
def test_an_unknown_code_is_the_same_kind_page(client, language, code):
    prefix = LIST_URLS[language]
    for response in (
        client.get(f"{prefix}{code}/"),
        client.post(f"{prefix}{code}/", {"text": WORDS}),
    ):
        assert response.status_code == 404
        assert parse(response).h1.get_text(strip=True) == in_language(
            language, "This form is not open"
        )
    assert stored() == []


@pytest.mark.parametrize(
    "path", ["%3Cscript%3E/", "ŵ/", "..%2F..%2Fadmin/", "a b/", "x/y/z/", "%00/"]
)
def test_an_address_that_is_not_a_code_is_not_found_without_a_crash(client, path):
    for language in LANGUAGES:
        response = client.get(LIST_URLS[language] + path)
        assert response.status_code == 404
        assert parse(response).html["lang"] == language


def test_the_activity_id_is_never_the_address(client, activity):
    response = client.get(f"/have-your-say/{activity.pk}/")
    assert response.status_code == 404
    for language in LANGUAGES:
        # The address ends in the random public code alone, never in the id.
        address = form_url(activity, language)
        assert address.rstrip("/").rsplit("/", 1)[-1] == activity.public_code
        assert activity.public_code != str(activity.pk)
        assert client.get(address).status_code == 200
    # Each activity gets a code of its own, long enough not to be guessed by counting.
    codes = [open_activity().public_code for _ in range(3)]
    assert len(set(codes)) == 3 and all(len(code) == 8 for code in codes)


# --- spam defence ----------------------------------------------------------------------------


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_filled_honeypot_stores_nothing_and_shows_itself(client, activity, language):
    response = send(client, activity, language, website="https://spam.example")

    assert response.status_code == 200
    assert stored() == []
    assert error_summary(response) == [
        (
            "#id_website",
            in_language(
                language, "This box must be empty. Please clear it, then send the form again."
            ),
        )
    ]
    box = parse(response).select_one('input[name="website"]')
    assert "enrolment-honeypot" not in box.parent["class"]
    assert box["tabindex"] == "-1"
    assert text_shown(response) == WORDS


def test_the_honeypot_is_hidden_but_labelled(client, activity):
    soup = parse(client.get(form_url(activity, "en")))
    box = soup.select_one('input[name="website"]')
    assert "enrolment-honeypot" in box.parent["class"]
    assert soup.select_one(f'label[for="{box["id"]}"]').get_text(strip=True) == "Leave this empty"


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_form_sent_too_fast_is_sent_back_and_then_goes_through(
    client, activity, settings, language, time_machine
):
    settings.ENROLMENT_MIN_SECONDS = 3
    tokens = open_form(client, activity, language)

    response = send(client, activity, language, tokens=tokens)

    assert response.status_code == 200
    assert stored() == []
    assert error_summary(response) == [
        (
            "#contribution-submit",
            in_language(language, "Please check your answers, then send the form again."),
        )
    ]
    assert text_shown(response) == WORDS
    fresh = parse(response).select_one('input[name="rendered"]')["value"]
    later = time.time() + 5
    time_machine.move_to(later, tick=False)
    assert send(client, activity, language, tokens={"rendered": fresh}).status_code == 303
    assert len(stored()) == 1


@pytest.mark.parametrize(
    "token",
    ["", "forged", spam.render_token(now=time.time() - 3 * 60 * 60), "\x00"],
    ids=["missing", "forged", "expired", "nul"],
)
def test_a_missing_forged_or_old_render_time_is_refused_keeping_the_words(client, activity, token):
    response = send(client, activity, "en", tokens={"rendered": token})

    assert response.status_code == 200
    assert stored() == []
    assert [target for target, _ in error_summary(response)] == ["#contribution-submit"]
    assert text_shown(response) == WORDS


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_same_contribution_sent_twice_is_stored_once(client, activity, language):
    tokens = open_form(client, activity, language)
    assert send(client, activity, language, tokens=tokens).status_code == 303

    response = send(client, activity, language, tokens=tokens)

    assert response.status_code == 200
    assert len(stored()) == 1
    message = in_language(
        language,
        "We have already received this form. If you meant to send it again, check your "
        "answers, then send the form again.",
    )
    assert error_summary(response) == [("#contribution-submit", message)]
    assert text_shown(response) == WORDS
    fresh = parse(response).select_one('input[name="rendered"]')["value"]
    assert send(client, activity, language, tokens={"rendered": fresh}).status_code == 303
    assert len(stored()) == 2


@pytest.mark.parametrize("language", LANGUAGES)
def test_over_the_limit_the_words_stay_with_status_429(client, activity, settings, language):
    settings.ENROLMENT_RATE_LIMIT = 2
    for _ in range(2):
        assert send(client, activity, language, "Fine.").status_code == 303

    response = send(client, activity, language, "Ŵyn's third thought, kept.")

    assert response.status_code == 429
    assert len(stored()) == 2
    soup = parse(response)
    assert soup.html["lang"] == language
    summary = soup.select_one("[data-error-summary]")
    assert summary["role"] == "alert"
    assert summary.h2.get_text(strip=True) == in_language(
        language, "We could not send your form just now"
    )
    contact = MembershipSettings.load()
    assert summary.select_one(f'a[href="mailto:{contact.contact_email}"]')
    assert text_shown(response) == "Ŵyn's third thought, kept."
    assert all(part in response["Cache-Control"] for part in NEVER_CACHED)


def test_mistakes_do_not_count_but_robots_do(client, activity, settings):
    settings.ENROLMENT_RATE_LIMIT = 2
    for _ in range(4):
        assert send(client, activity, "en", "").status_code == 200
    assert send(client, activity, "en").status_code == 303

    send(client, activity, "en", website="spam")
    assert send(client, activity, "en").status_code == 429


def test_the_limit_is_per_client(client, activity, settings):
    settings.ENROLMENT_RATE_LIMIT = 1
    assert send(client, activity, "en").status_code == 303
    assert send(client, activity, "en").status_code == 429

    other = {"REMOTE_ADDR": "198.51.100.23"}
    tokens = open_form(client, activity, "en", **other)
    response = client.post(form_url(activity, "en"), {**tokens, "text": WORDS}, **other)
    assert response.status_code == 303


def test_contributions_and_the_join_form_are_counted_apart(client, activity, settings):
    settings.ENROLMENT_RATE_LIMIT = 1
    assert send(client, activity, "en").status_code == 303
    assert send(client, activity, "en").status_code == 429
    # The join form's allowance is untouched, and still keyed as it always was.
    assert join_form.send(client, "en", join_form.minimal_answers()).status_code == 303
    assert join_form.send(client, "en", join_form.minimal_answers()).status_code == 429
    keys = [str(key) for key in cache._cache]
    assert any(f"{spam.RATE_LIMIT_PREFIX}:" in key for key in keys)
    assert any("contributions:rate:" in key for key in keys)


def test_the_join_form_does_not_use_up_the_contribution_allowance(client, activity, settings):
    settings.ENROLMENT_RATE_LIMIT = 1
    assert join_form.send(client, "en", join_form.minimal_answers()).status_code == 303
    assert send(client, activity, "en").status_code == 303


def test_the_join_form_s_rate_key_is_unchanged(rf):
    request = rf.get("/", REMOTE_ADDR="192.0.2.5")
    from django.utils.crypto import salted_hmac

    digest = salted_hmac("enrolment.rate-limit", "192.0.2.5").hexdigest()[:32]
    window = int(1_000_000 // 3600)
    assert spam._rate_key(request, now=1_000_000) == f"enrolment:rate:{digest}:{window}"
    assert spam._rate_key(request, now=1_000_000, scope="contributions") != spam._rate_key(
        request, now=1_000_000
    )


# --- reCAPTCHA -------------------------------------------------------------------------------


@pytest.mark.parametrize("language", LANGUAGES)
def test_without_keys_no_google_anywhere(client, activity, language):
    for url in (form_url(activity, language), LIST_URLS[language], THANK_YOU_URLS[language]):
        response = client.get(url)
        assert "google" not in response.content.decode()
        assert "google" not in response["Content-Security-Policy"]


@pytest.mark.parametrize("language", LANGUAGES)
def test_with_keys_the_captcha_loads_in_the_page_language_on_this_page_only(
    client, activity, captcha, language
):
    response = client.get(form_url(activity, language))
    soup = parse(response)
    policy = response["Content-Security-Policy"]

    assert soup.select_one('#id_captcha.g-recaptcha[data-sitekey="public-key-for-tests"]')
    google = [tag for tag in soup.find_all("script") if "recaptcha" in tag.get("src", "")]
    assert [tag["src"] for tag in google] == [
        f"https://www.google.com/recaptcha/api.js?hl={language}"
    ]
    assert not google[0].has_attr("nonce")
    assert not soup.select("[data-callback]")
    assert "https://www.google.com/recaptcha/" in policy
    assert "unsafe-inline" not in policy
    assert "nonce" not in policy
    # Anyone the check blocks is offered the team's email instead.
    contact = MembershipSettings.load()
    assert soup.select_one(f'a[href="mailto:{contact.contact_email}"]')

    for url in (LIST_URLS[language], THANK_YOU_URLS[language], "/"):
        other = client.get(url)
        assert "google" not in other["Content-Security-Policy"], url
        assert "recaptcha" not in other.content.decode(), url


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_passed_captcha_lets_the_words_through(client, activity, captcha, language):
    with mock.patch(SUBMIT, return_value=RecaptchaResponse(is_valid=True)) as submit:
        response = send(client, activity, language, **{"g-recaptcha-response": "token"})

    assert response.status_code == 303
    assert len(stored()) == 1
    assert not submit.call_args.kwargs["remoteip"]


@pytest.mark.parametrize(
    "failure",
    [URLError("no route"), TimeoutError("timed out"), ConnectionRefusedError(), ValueError("junk")],
    ids=["url error", "timeout", "refused", "garbled"],
)
@pytest.mark.parametrize("language", LANGUAGES)
def test_when_google_cannot_be_reached_the_words_stay_with_a_message(
    client, activity, captcha, language, failure
):
    with mock.patch(SUBMIT, side_effect=failure):
        response = send(client, activity, language, **{"g-recaptcha-response": "x"})

    assert response.status_code == 200
    assert stored() == []
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
    assert text_shown(response) == WORDS


def test_a_failed_captcha_counts_against_the_limit(client, activity, captcha, settings):
    settings.ENROLMENT_RATE_LIMIT = 1
    failed = RecaptchaResponse(is_valid=False, error_codes=["invalid-input-response"])
    with mock.patch(SUBMIT, return_value=failed):
        first = send(client, activity, "en", **{"g-recaptcha-response": "bad"})
        second = send(client, activity, "en", **{"g-recaptcha-response": "bad"})
    assert first.status_code == 200
    assert second.status_code == 429
    assert stored() == []


# --- languages --------------------------------------------------------------------------------


def test_the_language_switch_goes_to_the_same_form_in_the_other_language(client, activity):
    english = parse(client.get(form_url(activity, "en")))
    welsh = parse(client.get(form_url(activity, "cy")))

    assert switch_link(english)["href"] == form_url(activity, "cy")
    assert switch_link(welsh)["href"] == form_url(activity, "en")
    assert alternates(english) == {
        "en": "http://testserver" + form_url(activity, "en"),
        "cy": "http://testserver" + form_url(activity, "cy"),
        "x-default": "http://testserver" + form_url(activity, "en"),
    }


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_switch_works_on_the_list_and_thank_you_pages(client, language):
    other = "cy" if language == "en" else "en"
    for urls in (LIST_URLS, THANK_YOU_URLS):
        soup = parse(client.get(urls[language]))
        assert switch_link(soup)["href"] == urls[other]


def test_the_welsh_form_is_in_welsh(client, activity):
    soup = parse(client.get(form_url(activity, "cy")))

    assert soup.select_one('label[for="id_text"]').get_text(strip=True) == "Eich ateb"
    assert soup.select_one("#contribution-submit").get_text(strip=True) == "Anfon"
    assert soup.h1.get_text(strip=True) == "Aros yn y llys"
    assert "Peidiwch â dweud wrthym am drosedd yma" in soup.get_text()


def test_welsh_errors_are_in_welsh(client, activity):
    response = send(client, activity, "cy", "")
    assert error_summary(response) == [("#id_text", "Ysgrifennwch eich ateb yn y blwch.")]
    assert parse(response).select_one("[data-error-summary] h2").get_text(strip=True) == (
        "Mae problem"
    )


def test_english_paths_do_not_answer_under_the_welsh_prefix(client, activity):
    assert client.get(f"/cy/have-your-say/{activity.public_code}/").status_code == 404


def test_a_missing_welsh_text_falls_back_to_english_marked_as_english(client):
    activity = open_activity()
    type(activity).objects.filter(pk=activity.pk).update(public_title_cy="", public_question_cy="")

    soup = parse(client.get(form_url(activity, "cy")))

    assert soup.h1.get_text(strip=True) == "Waiting at court"
    assert soup.h1["lang"] == "en"
    assert soup.html["lang"] == "cy"


# --- caching and the page frame -----------------------------------------------------------------


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_response_is_never_cached(client, activity, settings, language):
    closed = open_activity(status="closed")
    responses = [
        client.get(LIST_URLS[language]),
        client.get(form_url(activity, language)),
        send(client, activity, language, ""),
        send(client, activity, language),
        client.get(THANK_YOU_URLS[language]),
        client.get(form_url(closed, language)),
        client.post(form_url(closed, language), {"text": WORDS}),
    ]
    settings.ENROLMENT_RATE_LIMIT = 0
    responses.append(send(client, activity, language))
    assert [r.status_code for r in responses] == [200, 200, 200, 303, 200, 404, 404, 429]
    for response in responses:
        cache_control = response["Cache-Control"]
        assert all(part in cache_control for part in NEVER_CACHED), response.status_code


@pytest.mark.parametrize("language", LANGUAGES)
def test_no_inline_script_or_style(client, activity, captcha, language):
    failed = RecaptchaResponse(is_valid=False, error_codes=["x"])
    with mock.patch(SUBMIT, return_value=failed):
        pages = [
            client.get(form_url(activity, language)),
            send(client, activity, language, "", **{"g-recaptcha-response": "x"}),
            client.get(LIST_URLS[language]),
            client.get(THANK_YOU_URLS[language]),
        ]
    for response in pages:
        soup = parse(response)
        assert "unsafe-inline" not in response["Content-Security-Policy"]
        for script in soup.find_all("script"):
            assert script.get("src"), "inline script"
        assert not soup.find_all("style")
        assert not soup.select("[style]")
        assert not soup.select("[onclick], [onload], [onerror]")


def test_the_error_summary_script_is_loaded(client, activity):
    soup = parse(send(client, activity, "en", ""))
    sources = [script["src"] for script in soup.find_all("script")]
    assert any(src.endswith("js/enrolment-form.js") for src in sources)


def test_a_contribution_keeps_only_the_day_not_the_time(client, activity, time_machine):
    late = timezone.make_aware(datetime.datetime(2026, 5, 4, 23, 59, 30))
    time_machine.move_to(late, tick=False)
    send(client, activity, "en")
    assert stored()[0].received_on == datetime.date(2026, 5, 4)
