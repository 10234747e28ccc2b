"""The self-referral form at /join/ and /cy/ymuno/, used as a person uses it."""

import pytest
from django.core.management import call_command
from django.db import connection
from django.utils import translation
from django.utils.translation import gettext
from wagtail.models import Locale, ModelLogEntry

from enrolment.forms import read_notice_token
from enrolment.models import (
    Area,
    ConsentRecord,
    CrimeType,
    DemographicOption,
    EnrolmentPage,
    Member,
    PrivacyNotice,
    Purpose,
)
from tests.factories import MemberFactory
from tests.html import parse

from .form_helpers import (
    FORM_URLS,
    LANGUAGES,
    THANK_YOU_URLS,
    complete_answers,
    error_summary,
    finish,
    minimal_answers,
    open_form,
    prepare,
    send,
)

pytestmark = pytest.mark.django_db

FREE_TEXT_BOXES = ("own_term", "address", "safe_times", "safe_contact_notes")
NEVER_CACHED = ("no-cache", "no-store", "must-revalidate", "private")


@pytest.fixture(autouse=True)
def form_settings(settings):
    prepare(settings)
    yield
    finish()


def in_language(language, text):
    with translation.override(language):
        return gettext(text)


def shown_value(soup, name):
    """What the page shows for a question: text, the ticked values, or the chosen one."""
    textarea = soup.select_one(f'textarea[name="{name}"]')
    if textarea is not None:
        text = textarea.get_text()
        return text[1:] if text.startswith("\n") else text
    select = soup.select_one(f'select[name="{name}"]')
    if select is not None:
        chosen = select.select_one("option[selected]")
        return chosen["value"] if chosen else ""
    inputs = soup.select(f'input[name="{name}"]')
    kinds = {item.get("type") for item in inputs}
    if kinds == {"checkbox"} and inputs[0]["id"] == f"id_{name}":  # a single yes-or-no box
        return "on" if inputs[0].has_attr("checked") else None
    if kinds & {"radio", "checkbox"}:
        ticked = [item["value"] for item in inputs if item.has_attr("checked")]
        return ticked if kinds == {"checkbox"} else (ticked[0] if ticked else None)
    return inputs[0]["value"]


def assert_everything_kept(response, answers):
    soup = parse(response)
    for name, value in answers.items():
        if name in ("rendered", "shown_notice"):
            continue
        shown = shown_value(soup, name)
        if isinstance(value, list):
            assert sorted(shown) == sorted(value), name
        else:
            assert shown == value, name


# --- the page --------------------------------------------------------------------------


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_form_page_asks_only_plainly_and_ticks_nothing(client, language):
    response = client.get(FORM_URLS[language])
    soup = parse(response)

    assert response.status_code == 200
    assert soup.html["lang"] == language
    assert soup.select_one("form.enrolment-form")["method"] == "post"
    sections = [legend.get_text(strip=True) for legend in soup.select(".form-section__legend")]
    assert len(sections) == 4
    assert sections[-1] == in_language(language, "Your consent")
    # A clear warning near the top, and by every free-text box.
    assert soup.select_one(".callout--warning")
    for name in FREE_TEXT_BOXES:
        box = soup.select_one(f'[name="{name}"]')
        warning = soup.select_one(f"#id_{name}-warning")
        assert "999" in warning.get_text() and "101" in warning.get_text()
        assert f"id_{name}-warning" in box["aria-describedby"].split()
    # Nothing is ticked or chosen for the person: least of all a consent.
    assert not soup.select("input[type=checkbox][checked]")
    assert [radio["name"] for radio in soup.select("input[type=radio][checked]")] == []
    assert not soup.select("option[selected]")


def folded_groups(soup):
    """{the first question in each optional group: shown open}."""
    return {
        details.select_one("[name]")["name"]: details.has_attr("open")
        for details in soup.select("details[data-form-group]")
    }


@pytest.mark.parametrize("language", LANGUAGES)
def test_on_a_fresh_form_the_optional_questions_and_who_can_join_are_folded(client, language):
    soup = parse(client.get(FORM_URLS[language]))

    assert folded_groups(soup) == {
        "preferred_name": False,
        "voicemail_safe": False,
        "crime_types": False,
        "age_band": False,
        "methods": False,
    }
    intro = soup.select_one("details.form-intro")
    assert not intro.has_attr("open")
    assert intro.summary.get_text(strip=True) == in_language(
        language, "Who can join, and what joining means"
    )
    assert intro.select_one(".prose li")
    # Never folded: the warning about crime, and every question needed to join.
    assert not soup.select_one(".callout--warning").find_parent("details")
    for name in ("name", "how_affected", "area", "language", "email", "phone", "address"):
        assert not soup.select_one(f'[name="{name}"]').find_parent("details"), name
    for name in ("preferred_contact", "safe_channels", "consent_contact"):
        assert not soup.select_one(f'[name="{name}"]').find_parent("details"), name
    # "Your own word" belongs to the answer "My own word" (shown with it by the script).
    own = soup.select_one("#id_own_term").find_parent(class_="field")
    assert own["data-shown-when"] == "preferred_term=own"
    assert soup.select_one('input[name="preferred_term"][value="own"]')


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize(
    ("answer", "opened"),
    [
        ({"preferred_name": "Siân"}, "preferred_name"),
        ({"preferred_term": "survivor"}, "preferred_name"),
        ({"own_term": "  "}, None),
        ({"safe_times": "<script>alert(1)</script>"}, "voicemail_safe"),
        ({"age_band": ""}, None),
    ],
)
def test_a_group_comes_back_open_only_when_it_holds_an_answer(client, language, answer, opened):
    # The name left out, so the form comes back.
    response = send(client, language, minimal_answers(name="", **answer))

    shown = folded_groups(parse(response))
    assert [first for first, is_open in shown.items() if is_open] == ([opened] if opened else [])


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_group_holding_an_error_comes_back_open_with_its_message(client, language):
    # A word chosen and another typed: the own-word box has an error.
    response = send(client, language, minimal_answers(preferred_term="victim", own_term="Ŵyn"))

    soup = parse(response)
    assert folded_groups(soup)["preferred_name"] is True
    assert [href for href, _text in error_summary(response)] == ["#id_own_term"]
    own = soup.select_one("#id_own_term")
    assert own["value"] == "Ŵyn"
    assert "field--error" in own.find_parent(class_="field")["class"]


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_privacy_notice_shown_is_the_current_one_in_that_language(client, language):
    notice = PrivacyNotice.current(Locale.objects.get(language_code=language))

    response = client.get(FORM_URLS[language])
    soup = parse(response)

    assert notice.version in soup.select_one(".privacy-notice__version").get_text()
    assert soup.select_one(".privacy-notice details summary")
    token = soup.select_one('input[name="shown_notice"]')["value"]
    assert read_notice_token(token) == notice.pk


def test_lists_are_labelled_in_the_reader_s_language(client):
    english = parse(client.get(FORM_URLS["en"]))
    welsh = parse(client.get(FORM_URLS["cy"]))

    def label_of(soup, name, value):
        option = soup.select_one(f'input[name="{name}"][value="{value}"]')
        return soup.select_one(f'label[for="{option["id"]}"]').get_text(strip=True)

    carmarthenshire = Area.objects.canonical().get(name="Carmarthenshire")
    assert label_of(english, "area", carmarthenshire.pk) == "Carmarthenshire"
    assert label_of(welsh, "area", carmarthenshire.pk) == "Sir Gaerfyrddin"
    fraud = CrimeType.objects.canonical().get(name="Fraud or scams")
    assert label_of(welsh, "crime_types", fraud.pk) == "Twyll neu sgamiau"
    # The ethnic groups are grouped under their headings, in the reader's language.
    groups = [group["label"] for group in welsh.select("#id_ethnicity optgroup")]
    assert "Gwyn" in groups and "White" not in groups
    # "Prefer not to say" is offered for each question about the person.
    for name in ("age_band", "gender", "ethnicity", "disability"):
        options = [option.get_text(strip=True) for option in english.select(f"#id_{name} option")]
        assert "Prefer not to say" in options, name


# --- a complete submission ----------------------------------------------------------------


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_complete_submission_makes_a_new_pending_member(
    client, language, django_capture_on_commit_callbacks
):
    answers = complete_answers()
    before = Member.objects.count()

    with django_capture_on_commit_callbacks(execute=True):
        response = send(client, language, answers)

    assert response.status_code == 303
    assert response["Location"] == THANK_YOU_URLS[language]
    assert Member.objects.count() == before + 1
    member = Member.objects.order_by("-pk").first()
    assert member.status == Member.Status.PENDING
    assert member.name == "Siân Ŵyn ap Dafydd"
    assert member.preferred_name == "Siân"
    assert member.preferred_term == Member.PreferredTerm.OWN
    assert member.own_term == "goroeswr"
    assert member.email == "sian.wyn@example.org"
    assert member.phone == "07912 345678"
    assert member.address == "1 Heol y Bryn\nCaerfyrddin"
    assert member.preferred_contact == "email"
    assert member.language == "cy"
    assert member.area == Area.objects.canonical()[1]
    assert member.how_affected == "victim_survivor"
    assert (member.email_safe, member.text_safe, member.phone_safe, member.letter_safe) == (
        True,
        True,
        False,
        False,
    )
    assert member.voicemail_safe and member.may_say_opcc
    assert member.safe_times == "Weekday mornings"
    assert member.safe_contact_notes == "Ask for Siân."
    assert sorted(str(pk) for pk in member.crime_types.values_list("pk", flat=True)) == sorted(
        answers["crime_types"]
    )
    assert str(member.age_band.pk) == answers["age_band"]
    assert str(member.gender.pk) == answers["gender"]
    assert str(member.ethnicity.pk) == answers["ethnicity"]
    assert member.disability.prefer_not_to_say
    assert sorted(str(pk) for pk in member.methods.values_list("pk", flat=True)) == sorted(
        answers["methods"]
    )


@pytest.mark.parametrize("language", LANGUAGES)
def test_each_consent_records_the_notice_shown_its_language_and_the_web_form(client, language):
    shown = PrivacyNotice.current(Locale.objects.get(language_code=language))
    # They read the form in one language and want to be written to in the other.
    other = "en" if language == "cy" else "cy"

    send(client, language, complete_answers(language=other))

    member = Member.objects.order_by("-pk").first()
    records = list(member.consent_records.all())
    assert {record.purpose for record in records} == set(Purpose.values)
    for record in records:
        assert record.granted
        assert record.notice == shown
        assert record.notice_version == shown.version
        assert record.language == language
        assert record.channel == ConsentRecord.Channel.WEB_FORM
    assert member.language == other


@pytest.mark.parametrize("language", LANGUAGES)
def test_only_what_is_needed_to_join(client, language):
    response = send(client, language, minimal_answers())

    assert response.status_code == 303
    member = Member.objects.order_by("-pk").first()
    assert member.status == Member.Status.PENDING
    assert member.current_consents() == {Purpose.CONTACT: True}
    assert not member.crime_types.exists()
    assert all(getattr(member, name) is None for name in Member.DEMOGRAPHIC_FIELDS)
    assert member.phone_safe and not member.email_safe


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_thank_you_page_says_what_happens_next_and_nothing_that_was_sent(client, language):
    response = send(client, language, complete_answers())
    page = client.get(response["Location"])
    html = page.content.decode()
    soup = parse(page)

    assert page.status_code == 200
    assert soup.html["lang"] == language
    form_page = EnrolmentPage.objects.get(locale__language_code=language)
    assert soup.select_one("h1").get_text(strip=True) == form_page.thank_you_title
    for secret in ("Siân", "sian.wyn@example.org", "07912 345678", "Heol y Bryn", "goroeswr"):
        assert secret not in html


def test_each_language_has_its_own_thank_you_address(client):
    assert client.get("/join/thank-you/").status_code == 200
    assert client.get("/cy/ymuno/diolch/").status_code == 200
    assert client.get("/cy/ymuno/thank-you/").status_code == 404
    assert client.get("/join/diolch/").status_code == 404


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_known_email_address_still_makes_a_new_pending_member(client, language):
    existing = MemberFactory(email="sian.wyn@example.org", name="Someone Else")
    before = Member.objects.count()

    response = send(client, language, complete_answers())

    assert response.status_code == 303
    assert Member.objects.count() == before + 1
    newest = Member.objects.order_by("-pk").first()
    assert newest.pk != existing.pk and newest.status == Member.Status.PENDING
    existing.refresh_from_db()
    assert existing.name == "Someone Else" and existing.status == Member.Status.ACTIVE
    assert existing in newest.possible_duplicates()


def test_the_referral_is_audited_without_personal_data(client):
    send(client, "en", complete_answers())

    member = Member.objects.order_by("-pk").first()
    entry = ModelLogEntry.objects.get(action="enrolment.self_referral", object_id=str(member.pk))
    assert entry.label == member.reference
    assert entry.data == {"channel": "web_form"}


def test_the_database_holds_no_plaintext_of_what_was_typed(client):
    send(client, "en", complete_answers())
    member = Member.objects.order_by("-pk").first()

    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT name, email, phone, address, safe_contact_notes FROM enrolment_member "
            "WHERE id = %s",
            [member.pk],
        )
        stored = " ".join(cursor.fetchone())
    for plain in ("Siân", "sian.wyn", "07912", "Heol y Bryn", "Ask for"):
        assert plain not in stored


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_response_of_the_form_is_never_cached(client, language):
    tokens = open_form(client, language)
    responses = [
        client.get(FORM_URLS[language]),
        client.post(FORM_URLS[language], {**tokens, "name": "Only a name"}),
        client.post(FORM_URLS[language], {**tokens, **minimal_answers()}),
        client.get(THANK_YOU_URLS[language]),
    ]
    for response in responses:
        cache_control = response["Cache-Control"]
        assert all(part in cache_control for part in NEVER_CACHED), response.status_code


# --- missing parts ---------------------------------------------------------------------

MISSING = {
    # case: (changes to a complete form, where the summary link goes)
    "name": ({"name": ""}, "#id_name"),
    "any way to reach them": ({"email": "", "phone": "", "address": ""}, "#id_email"),
    "how affected": ({"how_affected": None}, "#id_how_affected_0"),
    "area": ({"area": None}, "#id_area_0"),
    "language": ({"language": None}, "#id_language_0"),
    "best way to contact": ({"preferred_contact": None}, "#id_preferred_contact_0"),
    "a safe way": ({"safe_channels": None}, "#id_safe_channels_0"),
    "consent to contact": ({"consent_contact": None}, "#id_consent_contact"),
    "own word": ({"own_term": ""}, "#id_own_term"),
    "detail for a safe way": ({"email": ""}, "#id_safe_channels_0"),
    "best way not safe": ({"preferred_contact": "post"}, "#id_preferred_contact_0"),
    "crime types without consent": ({"consent_crime_types": None}, "#id_consent_crime_types"),
    "answers without consent": ({"consent_demographics": None}, "#id_consent_demographics"),
}


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("case", MISSING)
def test_each_missing_part_is_linked_from_the_summary_and_nothing_is_lost(client, language, case):
    changes, target = MISSING[case]
    answers = complete_answers(**changes)
    before = Member.objects.count()

    response = send(client, language, answers)

    assert response.status_code == 200
    assert Member.objects.count() == before
    summary = error_summary(response)
    assert summary, "an error summary at the top"
    assert target in [href for href, _text in summary]
    soup = parse(response)
    assert soup.select_one(".error-summary__title").get_text(strip=True) == in_language(
        language, "There is a problem"
    )
    assert soup.title.get_text().startswith(in_language(language, "Error:"))
    # The field says what is wrong, and its input says so to screen readers.
    field_id = target[1:]
    control = soup.select_one(f"#{field_id}")
    name = control["name"]
    error = soup.select_one(f"#id_{name}-error")
    assert error is not None
    described = (
        control.get("aria-describedby") or control.find_parent("fieldset")["aria-describedby"]
    )
    assert f"id_{name}-error" in described.split()
    assert control["aria-invalid"] == "true"
    assert_everything_kept(response, answers)


def test_the_missing_contact_message_is_in_welsh_on_the_welsh_form(client):
    response = send(client, "cy", complete_answers(email="", phone="", address=""))

    summary = dict((href, text) for href, text in error_summary(response))
    assert summary["#id_email"] == (
        "Rhowch o leiaf un ffordd o gysylltu â chi: cyfeiriad e-bost, rhif ffôn neu gyfeiriad post."
    )
    assert parse(response).select_one(".error-summary__title").get_text(strip=True) == (
        "Mae problem"
    )


def test_summary_lists_problems_in_page_order(client):
    answers = complete_answers(name="", consent_contact=None, area=None)

    summary = error_summary(send(client, "en", answers))

    assert [href for href, _text in summary] == ["#id_name", "#id_area_0", "#id_consent_contact"]


# --- optional answers and their consents ------------------------------------------------------


@pytest.mark.parametrize("language", LANGUAGES)
def test_crime_types_are_kept_only_with_their_consent(client, language):
    answers = complete_answers(
        consent_demographics=None,
        **dict.fromkeys(("age_band", "gender", "ethnicity", "disability"), ""),
    )

    response = send(client, language, answers)

    assert response.status_code == 303
    member = Member.objects.order_by("-pk").first()
    assert member.crime_types.count() == 2
    assert all(getattr(member, name) is None for name in Member.DEMOGRAPHIC_FIELDS)
    assert member.current_consents() == {Purpose.CONTACT: True, Purpose.CRIME_TYPES: True}


@pytest.mark.parametrize("language", LANGUAGES)
def test_demographics_are_kept_only_with_their_consent(client, language):
    response = send(client, language, complete_answers(consent_crime_types=None, crime_types=None))

    assert response.status_code == 303
    member = Member.objects.order_by("-pk").first()
    assert not member.crime_types.exists()
    assert member.age_band is not None and member.ethnicity is not None
    assert member.current_consents() == {Purpose.CONTACT: True, Purpose.DEMOGRAPHICS: True}


@pytest.mark.parametrize("language", LANGUAGES)
def test_answers_without_their_consent_are_neither_kept_nor_dropped_silently(client, language):
    answers = complete_answers(consent_crime_types=None, consent_demographics=None)
    before = Member.objects.count()

    response = send(client, language, answers)

    assert Member.objects.count() == before, "nothing stored until they choose"
    targets = [href for href, _text in error_summary(response)]
    assert targets == ["#id_consent_crime_types", "#id_consent_demographics"]
    # Clearing the answers instead of ticking the boxes is the other way through.
    cleared = complete_answers(
        consent_crime_types=None,
        consent_demographics=None,
        crime_types=None,
        **dict.fromkeys(("age_band", "gender", "ethnicity", "disability"), ""),
    )
    assert send(client, language, cleared).status_code == 303


def test_prefer_not_to_say_is_an_answer_that_needs_its_consent_too(client):
    prefer_not = DemographicOption.objects.canonical().get(kind="gender", prefer_not_to_say=True)
    answers = minimal_answers(gender=str(prefer_not.pk))

    assert error_summary(send(client, "en", answers)) == [
        (
            "#id_consent_demographics",
            "You answered questions for fairness checks but did not tick this box. Tick it "
            "to let us keep your answers, or set them back to 'Not answered'.",
        )
    ]
    send(client, "en", {**answers, "consent_demographics": "on"})
    assert Member.objects.order_by("-pk").first().gender == prefer_not


def test_typing_an_own_word_without_choosing_it_counts_as_choosing_it(client):
    send(client, "en", complete_answers(preferred_term=None, own_term="experiencer"))

    member = Member.objects.order_by("-pk").first()
    assert (member.preferred_term, member.own_term) == ("own", "experiencer")


def test_an_own_word_with_another_word_chosen_asks_which(client):
    response = send(client, "en", complete_answers(preferred_term="survivor"))

    assert [href for href, _text in error_summary(response)] == ["#id_own_term"]


def test_an_own_word_is_not_kept_when_another_word_is_chosen(client):
    send(client, "en", complete_answers(preferred_term="survivor", own_term=""))

    member = Member.objects.order_by("-pk").first()
    assert (member.preferred_term, member.own_term) == ("survivor", "")


def test_a_phone_number_is_checked(client):
    response = send(client, "en", minimal_answers(phone="12345"))

    assert [href for href, _text in error_summary(response)] == ["#id_phone"]


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("number", ["101", "999", "112"])
def test_a_short_code_is_not_a_member_s_phone_number(client, language, number):
    # Found by the property tests: the join form took 101 as a member's number, which
    # reaches a service, not the member, and which the staff form then refused.
    response = send(client, language, minimal_answers(phone=number))

    expected = in_language(
        language,
        "Enter a valid UK phone number, including the area code, for example 01267 226440.",
    )
    assert error_summary(response) == [("#id_phone", expected)]
    assert parse(response).select_one("#id_phone")["value"] == number


# --- hostile input -------------------------------------------------------------------------

SCRIPT = "<script>alert(1)</script>"
TEXT_FIELDS = (
    "name",
    "preferred_name",
    "own_term",
    "email",
    "phone",
    "address",
    "safe_times",
    "safe_contact_notes",
)
HOSTILE_TEXT = {
    "script": SCRIPT,
    "200 KB": "x" * 200_000,
    "NUL bytes": "a\x00b\x00",
    "control characters": "ring\x07ring\x1b[0m",
    "other alphabets": "Ελληνικά 日本語 العربية",
    "Welsh letters": "ŵŷâêîôûẁẃẅỳ ŴŶÂ",
    "quotes and ampersands": "\"'><&amp;",
}


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("kind", HOSTILE_TEXT)
@pytest.mark.parametrize("field", TEXT_FIELDS)
def test_hostile_text_is_shown_back_escaped_and_kept(client, language, field, kind):
    value = HOSTILE_TEXT[kind]
    # Without the contact consent the form always comes back, showing what was typed.
    answers = complete_answers(consent_contact=None, **{field: value})

    response = send(client, language, answers)

    assert response.status_code == 200
    html = response.content.decode()
    assert SCRIPT not in html
    assert "<script>alert" not in html
    assert shown_value(parse(response), field) == value.replace("\x00", "")
    assert error_summary(response)


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("field", ("name", "preferred_name", "safe_times", "safe_contact_notes"))
def test_other_alphabets_and_welsh_letters_are_stored_exactly(client, language, field):
    value = "Ελληνικά 日本語 العربية ŵŷâ " + SCRIPT
    response = send(client, language, complete_answers(**{field: value}))

    assert response.status_code == 303
    assert getattr(Member.objects.order_by("-pk").first(), field) == value


def test_nul_bytes_are_dropped_and_control_characters_refused(client):
    response = send(client, "en", minimal_answers(name="Al\x00ex", safe_times="ok"))
    assert response.status_code == 303
    assert Member.objects.order_by("-pk").first().name == "Alex"

    response = send(client, "en", minimal_answers(name="Al\x1bex"))
    assert [href for href, _text in error_summary(response)] == ["#id_name"]
    assert "hidden characters" in dict(error_summary(response))["#id_name"]


def test_long_answers_are_refused_with_their_limit(client):
    response = send(client, "en", minimal_answers(safe_contact_notes="y" * 2001))

    assert dict(error_summary(response))["#id_safe_contact_notes"] == (
        "Use 2000 characters or fewer. This answer has 2001."
    )


CHOICE_FIELDS = (
    "preferred_term",
    "how_affected",
    "area",
    "language",
    "preferred_contact",
    "safe_channels",
    "crime_types",
    "age_band",
    "gender",
    "ethnicity",
    "disability",
    "methods",
)
WRONG_CHOICES = {
    "script": SCRIPT,
    "unknown id": "999999999",
    "huge number": "9" * 5000,
    "NUL byte": "victim\x00",
    "other alphabet": "日本語",
}


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("kind", WRONG_CHOICES)
@pytest.mark.parametrize("field", CHOICE_FIELDS)
def test_wrong_choice_values_are_refused_plainly(client, language, field, kind):
    value = WRONG_CHOICES[kind]
    answers = complete_answers(**{field: [value] if field.endswith("s") else value})

    response = send(client, language, answers)

    assert response.status_code == 200
    html = response.content.decode()
    assert SCRIPT not in html
    messages = dict(error_summary(response))
    assert in_language(language, "Choose one of the options shown.") in messages.values()


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("email", ["not-an-email", "two@@example.org", "ŵyn@", "a b@example.org"])
def test_an_email_address_in_the_wrong_format_is_refused_and_kept(client, language, email):
    before = Member.objects.count()
    response = send(client, language, complete_answers(email=email))

    assert response.status_code == 200
    assert Member.objects.count() == before
    expected = in_language(
        language, "Enter an email address in the right format, like name@example.com."
    )
    assert ("#id_email", expected) in error_summary(response)
    assert parse(response).select_one("#id_email")["value"] == email


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_form_of_nothing_but_junk_is_answered_with_errors(client, language):
    junk = {name: SCRIPT for name in [*TEXT_FIELDS, *CHOICE_FIELDS]}
    junk.update({"rendered": "\x00", "shown_notice": SCRIPT, "consent_contact": "\x00"})

    response = client.post(FORM_URLS[language], junk)

    assert response.status_code == 200
    assert SCRIPT not in response.content.decode()
    assert error_summary(response)


# --- demo content ------------------------------------------------------------------------------


def test_the_demo_loader_never_overwrites_an_editor_s_changes(english, welsh):
    page = EnrolmentPage.objects.get(locale=english)
    page.title = "Become a member"
    page.save_revision().publish()

    call_command("load_demo_content", verbosity=0)

    assert [p.title for p in EnrolmentPage.objects.filter(locale=english)] == ["Become a member"]
    assert EnrolmentPage.objects.filter(locale=welsh).count() == 1


def test_the_demo_loader_puts_back_a_deleted_welsh_form(client, welsh):
    EnrolmentPage.objects.get(locale=welsh).delete()
    assert client.get(FORM_URLS["cy"]).status_code == 404

    call_command("load_demo_content", verbosity=0)

    assert client.get(FORM_URLS["cy"]).status_code == 200
    assert client.get(THANK_YOU_URLS["cy"]).status_code == 200
