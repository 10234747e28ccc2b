"""The anonymous contribution form (/have-your-say/<code>/) against any text at all.

Whatever is written, checking the form never fails. Either the words are accepted and
stored exactly as the clean-text rules leave them (NUL bytes dropped, the ends trimmed),
with the activity and the page's language and nothing else, or they are refused with a
message in the reader's language. Sent through the site, the answer is never a server
error; words sent back, or sent to a form that has closed, are shown as written, escaped.
Nearest to it, the staff box for what an invited member told us takes any text too.
"""

import pytest
from django.test import Client
from django.utils import translation
from hypothesis import event, given, settings
from hypothesis import strategies as st

from core import spam
from impact.admin.invitations import FEEDBACK_MAX_LENGTH, InvitationStatesForm
from impact.forms import MAX_LENGTH, ContributionForm
from impact.models import AnonymousContribution, EngagementActivity, Invitation
from tests.enrolment import form_helpers as join_form
from tests.factories import InvitationFactory
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

from .test_contributions import error_summary, form_url, open_activity, send, text_shown
from .test_invitations import url

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def form_settings(settings):
    join_form.prepare(settings)
    yield
    join_form.finish()


@pytest.fixture
def activity():
    return open_activity()


def messages_in(language, errors):
    with translation.override(language):
        return [message for error in errors for message in error.messages]


@form_examples
@given(typed=hostile_text, language=st.sampled_from(LANGUAGES))
def test_any_words_are_stored_as_cleaned_or_refused_in_the_reader_s_language(
    activity, typed, language
):
    expected = cleaned(typed)
    data = {"text": typed, "website": "", "rendered": spam.render_token()}
    with apart():
        form = ContributionForm(data, activity=activity, language=language)
        with translation.override(language):
            valid = form.is_valid()
        event("stored" if valid else "refused")

        # The clean-text rules decide, and nothing else does.
        assert valid == (
            bool(expected) and not has_control_characters(expected) and len(expected) <= MAX_LENGTH
        )
        if valid:
            contribution = AnonymousContribution.objects.get(pk=form.save().pk)
            assert contribution.text == expected
            assert (contribution.activity, contribution.language) == (activity, language)
            return
        assert set(form.errors) == {"text"}
        errors = form.errors.as_data()["text"]
        codes = {error.code for error in errors}
        assert ("required" in codes) == (not expected)
        assert ("control_characters" in codes) == has_control_characters(expected)
        assert ("max_length" in codes) == (len(expected) > MAX_LENGTH)
        # Every message is in the reader's language: the other language's differs.
        other = "cy" if language == "en" else "en"
        with translation.override(language):
            shown = list(form.errors["text"])
        assert shown == messages_in(language, errors)
        assert all(
            mine != theirs for mine, theirs in zip(shown, messages_in(other, errors), strict=True)
        )


@http_examples
@given(typed=marked_text, language=st.sampled_from(LANGUAGES), robot=st.booleans())
def test_any_words_sent_are_stored_or_shown_back_escaped_and_never_a_server_error(
    activity, typed, language, robot
):
    with apart():
        # A filled honeypot always sends the form back, showing the words.
        response = send(Client(), activity, language, typed, website="filled" if robot else "")

        assert response.status_code in (200, 303)
        if response.status_code == 303:
            assert not robot
            [contribution] = AnonymousContribution.objects.filter(activity=activity)
            assert contribution.text == cleaned(typed)
            return
        assert not AnonymousContribution.objects.filter(activity=activity).exists()
        assert parse(response).html["lang"] == language
        assert error_summary(response)
        assert text_shown(response) == typed.replace("\x00", "")
        assert not parse(response).select("[data-hostile]")
        assert MARKER not in response.content.decode()


@http_examples
@given(typed=marked_text, language=st.sampled_from(LANGUAGES))
def test_any_words_sent_to_a_closed_form_are_shown_back_escaped_not_stored(
    activity, typed, language
):
    with apart():
        EngagementActivity.objects.filter(pk=activity.pk).update(
            status=EngagementActivity.Status.CLOSED
        )
        response = Client().post(form_url(activity, language), {"text": typed})

        assert response.status_code == 404
        assert not AnonymousContribution.objects.exists()
        kept = parse(response).select_one("#kept-text").get_text()
        assert kept == cleaned(typed)
        assert MARKER not in response.content.decode()


# --- the staff box nearest to it: what an invited member told us -----------------------------


@pytest.fixture
def invitation(activity):
    return InvitationFactory(activity=activity)


@form_examples
@given(typed=hostile_text)
def test_any_feedback_is_stored_trimmed_or_refused_for_that_box(invitation, typed):
    name = f"feedback-{invitation.pk}"
    expected = typed.strip()
    with apart():
        # Read afresh: an object kept from an earlier example would remember its words.
        form = InvitationStatesForm([Invitation.objects.get(pk=invitation.pk)], data={name: typed})
        valid = form.is_valid()

        # Staff screens refuse NUL bytes rather than drop them; any other text is theirs.
        assert valid == ("\x00" not in expected and len(expected) <= FEEDBACK_MAX_LENGTH)
        if valid:
            for changed, _state, feedback in form.changes():
                changed.feedback = feedback
                changed.save(update_fields=["feedback"])
            assert Invitation.objects.get(pk=invitation.pk).feedback == expected
        else:
            assert set(form.errors) == {name}


@settings(http_examples, max_examples=10)
@given(typed=marked_text)
def test_feedback_sent_is_saved_or_shown_back_escaped_and_never_a_server_error(
    client, engagement, activity, invitation, typed
):
    with apart():
        response = client.post(
            url("invitation_states", activity), {f"feedback-{invitation.pk}": typed}
        )

        assert response.status_code in (200, 302)
        if response.status_code == 302:
            assert Invitation.objects.get(pk=invitation.pk).feedback == typed.strip()
            return
        box = parse(response).select_one(f'textarea[name="feedback-{invitation.pk}"]').get_text()
        assert box.removeprefix("\n") == typed
        assert MARKER not in response.content.decode()
