"""The join form (/join/, /cy/ymuno/) against any text at all in its free-text boxes.

Whatever is typed, checking the form never fails. Either the answer is accepted and
stored exactly as the clean-text rules leave it (NUL bytes dropped, the ends trimmed), or
it is refused with a message in the reader's language, for that box only. Sent through
the site, the answer is never a server error, and a form sent back shows what was typed,
escaped.
"""

import pytest
from django.test import Client
from django.utils import translation
from hypothesis import event, given
from hypothesis import strategies as st

from core import spam
from enrolment.forms import EnrolmentForm, notice_token
from enrolment.models import Member, PrivacyNotice
from tests.html import parse
from tests.support.hostile_text import (
    LANGUAGES,
    MARKER,
    apart,
    cleaned,
    form_examples,
    has_control_characters,
    hostile_text,
    http_examples,
    marked_text,
)

from .form_helpers import (
    complete_answers,
    error_summary,
    finish,
    minimal_answers,
    prepare,
    send,
)
from .test_form import shown_value

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def form_settings(settings):
    prepare(settings)
    yield
    finish()


# Each box: the other answers that let it be the only thing to decide the form, its
# limit, whether it must be answered, and why else it may be refused (its own format).
BOXES = {
    "name": ({}, 200, True, set()),
    "preferred_name": ({}, 200, False, set()),
    "own_term": ({"preferred_term": "own"}, 100, True, set()),
    "email": ({}, 254, False, {"invalid"}),
    "phone": (
        {"email": "sian@example.org", "preferred_contact": "email", "safe_channels": ["email"]},
        32,
        False,
        {"invalid_phone_number"},
    ),
    "address": ({}, 500, False, set()),
    "safe_times": ({}, 200, False, set()),
    "safe_contact_notes": ({}, 2000, False, set()),
}


# The boxes with a format also get answers in that format, wrapped in hostile text.
around = st.text(alphabet=st.sampled_from(" \t\x00\u00a0\u200b\x07ŵ<>\"'"), max_size=3)
formatted = {
    "email": st.sampled_from(
        ["sian@example.org", "siân.ŵyn@enghraifft.cymru", "a+b@例え.jp", "x@xn--bcher-kva.example"]
    ),
    "phone": st.sampled_from(["07912 345678", "01267 226440", "+44 (0)1267 226440", "101"]),
}
typed_in_boxes = st.sampled_from(sorted(BOXES)).flatmap(
    lambda box: st.tuples(
        st.just(box),
        st.one_of(
            hostile_text,
            st.builds(lambda *parts: "".join(parts), around, formatted[box], around),
        )
        if box in formatted
        else hostile_text,
    )
)


def tokens(language):
    """The hidden fields of a form just shown in this language."""
    notice = PrivacyNotice.current_in_language(language)
    return {"rendered": spam.render_token(), "shown_notice": notice_token(notice)}


def messages_in(language, errors):
    with translation.override(language):
        return [message for error in errors for message in error.messages]


@form_examples
@given(box_and_text=typed_in_boxes, language=st.sampled_from(LANGUAGES))
def test_any_text_in_a_box_is_stored_as_cleaned_or_refused_in_the_reader_s_language(
    box_and_text, language
):
    box, typed = box_and_text
    others, limit, required, own_checks = BOXES[box]
    answers = {**minimal_answers(**others, **{box: typed}), **tokens(language)}
    expected = cleaned(typed)
    with apart():
        form = EnrolmentForm(answers, language=language)
        with translation.override(language):
            valid = form.is_valid()
        event(f"{box}: {'stored' if valid else 'refused'}")

        codes = set()
        if not valid:
            # Refused for this box alone, and only for a reason that box can have.
            assert set(form.errors) == {box}
            errors = form.errors.as_data()[box]
            codes = {error.code for error in errors}
            assert codes <= {"control_characters", "max_length", "required", *own_checks}
            # Every message is in the reader's language: the other language's differs.
            other = "cy" if language == "en" else "en"
            with translation.override(language):
                shown = list(form.errors[box])
            assert shown == messages_in(language, errors)
            assert all(
                mine != theirs
                for mine, theirs in zip(shown, messages_in(other, errors), strict=True)
            )
        # The clean-text rules decide, and nothing else does, unless the box has a format.
        if has_control_characters(expected):
            assert "control_characters" in codes
        if len(expected) > limit:
            assert "max_length" in codes
        if required and not expected:
            assert "required" in codes
        if not own_checks:
            assert valid == (
                not has_control_characters(expected)
                and len(expected) <= limit
                and bool(expected or not required)
            )
        if valid:
            member = Member.objects.get(pk=form.save().pk)
            assert getattr(member, box) == expected


@form_examples
@given(
    box=st.sampled_from(["website", "rendered", "shown_notice"]),
    typed=hostile_text,
    language=st.sampled_from(LANGUAGES),
)
def test_any_text_in_a_hidden_check_is_refused_without_trouble(box, typed, language):
    answers = {**minimal_answers(), **tokens(language), box: typed}
    with apart():
        form = EnrolmentForm(answers, language=language)
        with translation.override(language):
            valid = form.is_valid()
            summary = form.error_summary()
        if box == "website":
            # Only an empty honeypot passes, and a filled one is counted as a robot.
            assert valid == (cleaned(typed) == "")
            assert form.caught_robot == (not valid)
        else:
            # Text that is not one of our signed tokens can never pass for one.
            assert not valid
        assert bool(summary) == (not valid)
        assert all(target for target, _message in summary)


@http_examples
@given(
    box=st.sampled_from(sorted(BOXES)),
    typed=marked_text,
    language=st.sampled_from(LANGUAGES),
    consent=st.booleans(),
)
def test_any_text_sent_is_stored_or_shown_back_escaped_and_never_a_server_error(
    box, typed, language, consent
):
    # Without the contact consent the form always comes back, showing what was typed.
    answers = complete_answers(consent_contact="on" if consent else None, **{box: typed})
    with apart():
        before = Member.objects.count()
        response = send(Client(), language, answers)

        assert response.status_code in (200, 303)
        if response.status_code == 303:
            assert consent
            assert getattr(Member.objects.order_by("-pk").first(), box) == cleaned(typed)
            return
        assert Member.objects.count() == before
        soup = parse(response)
        assert soup.html["lang"] == language
        assert error_summary(response)
        assert shown_value(soup, box) == typed.replace("\x00", "")
        assert not soup.select("[data-hostile]")
        assert MARKER not in response.content.decode()
