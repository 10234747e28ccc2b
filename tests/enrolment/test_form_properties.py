"""The join form (/join/, /cy/ymuno/) against any text at all in its free-text boxes.

Whatever is typed, checking the form never fails. Either the answer is accepted and
stored exactly as the clean-text rules leave it (NUL bytes dropped, the ends trimmed), or
it is refused with a message in the reader's language, for that box only. Sent through
the site, the answer is never a server error, and a form sent back shows what was typed,
escaped. Nearest to it, the staff form of a member's record: it saves again whatever the
join form stored, and takes any text in its own boxes without failing.
"""

import pytest
from django.test import Client
from django.utils import translation
from hypothesis import assume, event, example, given
from hypothesis import strategies as st

from core import spam
from enrolment.admin.forms import MemberForm
from enrolment.forms import EnrolmentForm, notice_token
from enrolment.models import Member, PrivacyNotice
from tests.factories import MemberFactory
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
    staff_examples,
)
from tests.support.staff import make_user

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


# --- the staff form of the record ----------------------------------------------------------


@pytest.fixture
def staff(django_user_model):
    return make_user(django_user_model, "engagement")


def as_the_edit_page_sends_it(form, **changes):
    """What the staff edit page posts when nothing is changed on it, but `changes`."""
    data = {}
    for name in form.fields:
        value = form[name].value()
        if isinstance(value, bool):
            if value:
                data[name] = "on"
        elif isinstance(value, (list, tuple)):
            data[name] = [str(item) for item in value]
        elif value is not None:
            data[name] = str(value)
    return {**data, **changes}


def saved_again_by_staff(member, staff):
    """The staff edit form, sent back with nothing changed."""
    data = as_the_edit_page_sends_it(MemberForm(instance=member, for_user=staff))
    return MemberForm(data, instance=member, for_user=staff)


# Found by the property below: the staff form allowed a shorter preferred name and own
# word than the join form, and refused short codes the join form took as a phone number,
# so staff could not save such a record without cutting the member's own words.
@pytest.mark.parametrize(
    ("box", "typed", "others"),
    [
        ("preferred_name", "n" * 150, {}),
        ("own_term", "w" * 80, {"preferred_term": "own"}),
    ],
)
def test_a_record_as_the_member_sent_it_saves_again_in_the_staff_form(staff, box, typed, others):
    form = EnrolmentForm(
        {**minimal_answers(**others, **{box: typed}), **tokens("en")}, language="en"
    )
    assert form.is_valid()
    member = form.save()

    staff_form = saved_again_by_staff(member, staff)

    assert staff_form.is_valid(), staff_form.errors
    staff_form.save()
    member.refresh_from_db()
    assert getattr(member, box) == typed


def acceptable_in_form(box_and_text):
    """Hostile text with what the join form would refuse outright taken out (control
    characters, anything past the limit), so that most examples reach the staff form."""
    box, typed = box_and_text
    kept = "".join(
        char for char in typed if char in "\x00\t\n\r" or not has_control_characters(char)
    )
    return box, kept[: BOXES[box][1]]


@staff_examples
@given(box_and_text=typed_in_boxes.map(acceptable_in_form), language=st.sampled_from(LANGUAGES))
@example(box_and_text=("preferred_name", "n" * 101), language="en")
@example(box_and_text=("own_term", "w" * 61), language="cy")
@example(box_and_text=("phone", "101"), language="en")
def test_whatever_the_join_form_stores_staff_can_save_unchanged(staff, box_and_text, language):
    box, typed = box_and_text
    others = BOXES[box][0]
    with apart():
        form = EnrolmentForm(
            {**minimal_answers(**others, **{box: typed}), **tokens(language)}, language=language
        )
        valid = form.is_valid()
        if box == "phone" and typed == "101":
            # Now refused at the door: no record holds it.
            assert not valid
        assume(valid)
        member = form.save()

        staff_form = saved_again_by_staff(member, staff)

        assert staff_form.is_valid(), staff_form.errors.as_data()
        staff_form.save()
        assert getattr(Member.objects.get(pk=member.pk), box) == cleaned(typed)


STAFF_BOXES = {
    "name": 200,
    "preferred_name": 200,
    "own_term": 100,
    "address": 500,
    "safe_times": 300,
    "safe_contact_notes": 2000,
    "staff_notes": 4000,
}


@pytest.fixture
def member():
    return MemberFactory(preferred_term=Member.PreferredTerm.OWN, own_term="goroeswr")


@staff_examples
@given(box=st.sampled_from(sorted(STAFF_BOXES)), typed=hostile_text)
def test_any_text_in_a_staff_box_is_stored_trimmed_or_refused_for_that_box(
    staff, member, box, typed
):
    limit = STAFF_BOXES[box]
    with apart():
        # Read afresh: an object kept from an earlier example would remember its words.
        member = Member.objects.get(pk=member.pk)
        data = as_the_edit_page_sends_it(
            MemberForm(instance=member, for_user=staff), **{box: typed}
        )
        form = MemberForm(data, instance=member, for_user=staff)
        valid = form.is_valid()

        # Staff screens refuse NUL bytes rather than drop them; any other text is theirs.
        expected = typed.strip()
        assert valid == ("\x00" not in expected and len(expected) <= limit)
        if valid:
            form.save()
            assert getattr(Member.objects.get(pk=member.pk), box) == expected
        else:
            assert set(form.errors) == {box}
            codes = {error.code for error in form.errors.as_data()[box]}
            assert codes <= {"null_characters_not_allowed", "max_length"}
