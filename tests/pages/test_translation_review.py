"""Welsh versions made in wagtail-localize's translation editor go through "Review before
publishing" like English ones: the translator sends them, the reviewers are told and approve
(which publishes) or ask for changes, and the Welsh address is translated too."""

from urllib.parse import urlencode

import pytest
from django.core import mail
from django.urls import reverse
from wagtail.models import Page, WorkflowState
from wagtail_localize.models import StringSegment, Translation

from pages.models import ContentPage
from tests.enrolment.staff import make_user, sign_in
from tests.pages.test_workflow import edit_url, refused, workflow_action

pytestmark = pytest.mark.django_db


@pytest.fixture
def user_in(django_user_model):
    """One user per role, made the first time the role is asked for."""
    users = {}

    def make(role):
        if role not in users:
            users[role] = make_user(django_user_model, role)
        return users[role]

    return make


@pytest.fixture
def welsh_draft(client, home, welsh, user_in):
    """An English page submitted for translation into Welsh by a translator."""
    english = ContentPage(title="Only in English", slug="only-in-english", intro="Hello")
    home.add_child(instance=english)
    english.save_revision().publish()
    sign_in(client, user_in("translator"))
    client.post(
        reverse("wagtail_localize:submit_page_translation", args=[english.pk]),
        {"locales": [welsh.pk]},
    )
    client.logout()
    return english.get_translation(welsh).specific


def translation_of(page):
    return Translation.objects.get(
        source__object_id=page.translation_key, target_locale_id=page.locale_id
    )


def translate(client, page, **words):
    """Type the translations into the editor, as the translator does."""
    translation = translation_of(page)
    for path, value in words.items():
        segment = StringSegment.objects.get(source=translation.source, context__path=path)
        response = client.put(
            reverse("wagtail_localize:edit_string_translation", args=[translation.pk, segment.pk]),
            urlencode({"value": value}),
            content_type="application/x-www-form-urlencoded",
        )
        assert response.status_code in (200, 201), response.content


def send_url(page):
    return reverse("pages_submit_translation_for_review", args=[page.pk])


def fresh(page):
    return Page.objects.get(pk=page.pk).specific


@pytest.fixture
def sent(client, welsh_draft, user_in):
    """The Welsh version translated and sent for review by the translator."""
    reviewer = user_in("reviewer")
    sign_in(client, user_in("translator"))
    translate(client, welsh_draft, title="Yn Saesneg yn unig", intro="Helo")
    response = client.post(send_url(welsh_draft))
    assert response.status_code == 302
    client.logout()
    return fresh(welsh_draft), reviewer


def test_the_translator_is_offered_sending_for_review(client, welsh_draft, user_in):
    sign_in(client, user_in("translator"))
    listing = client.get(reverse("wagtailadmin_explore", args=[welsh_draft.get_parent().pk]))
    assert send_url(welsh_draft) in listing.content.decode()
    page = client.get(send_url(welsh_draft))
    assert page.status_code == 200
    assert "not translated yet" in page.content.decode()


def test_untranslated_words_cannot_be_sent(client, welsh_draft, user_in):
    sign_in(client, user_in("translator"))
    response = client.post(send_url(welsh_draft), follow=True)
    assert "Translate all of the text" in response.content.decode()
    welsh_draft = fresh(welsh_draft)
    assert not welsh_draft.workflow_in_progress
    assert not welsh_draft.live


def test_the_translator_sends_and_the_reviewers_are_told(sent, home):
    page, reviewer = sent
    assert page.workflow_in_progress
    assert not page.live
    state = WorkflowState.objects.get(object_id=str(page.pk))
    assert state.workflow.name == "Review before publishing"
    assert state.requested_by.username == "staff-translator"
    assert any(reviewer.email in message.to for message in mail.outbox)


def test_the_reviewer_approves_which_publishes_with_a_welsh_address(client, sent):
    page, reviewer = sent
    sign_in(client, reviewer)
    response = workflow_action(client, page, "approve", comment="")
    assert response.status_code == 302
    page = fresh(page)
    assert page.live
    assert page.title == "Yn Saesneg yn unig"
    assert page.intro == "Helo"
    assert page.slug == "yn-saesneg-yn-unig"
    assert page.url.startswith("/cy/")


def test_the_reviewer_asks_for_changes_and_nothing_goes_live(client, sent):
    page, reviewer = sent
    sign_in(client, reviewer)
    workflow_action(client, page, "reject", comment="Gwell geiriad, os gwelwch yn dda.")
    page = fresh(page)
    assert not page.live
    assert WorkflowState.objects.get(object_id=str(page.pk)).status == (
        WorkflowState.STATUS_NEEDS_CHANGES
    )


@pytest.mark.parametrize("role", ["translator", "communications"])
def test_those_whose_work_is_reviewed_cannot_approve_the_welsh(client, sent, user_in, role):
    page, _reviewer = sent
    sign_in(client, user_in(role))
    assert refused(workflow_action(client, page, "approve", comment=""))
    assert not fresh(page).live


def test_publish_in_the_translation_editor_goes_through_review(client, welsh_draft, user_in):
    sign_in(client, user_in("translator"))
    translate(client, welsh_draft, title="Yn Saesneg yn unig", intro="Helo")
    client.logout()
    sign_in(client, user_in("reviewer"))
    response = client.post(edit_url(welsh_draft), {"action": "publish"})
    assert response.status_code == 302
    page = fresh(welsh_draft)
    assert not page.live  # not at once, outside the review
    assert page.workflow_in_progress
    workflow_action(client, page, "approve", comment="")
    assert fresh(page).live


def test_translators_still_cannot_publish_from_the_editor(client, welsh_draft, user_in):
    sign_in(client, user_in("translator"))
    translate(client, welsh_draft, title="Yn Saesneg yn unig", intro="Helo")
    assert refused(client.post(edit_url(welsh_draft), {"action": "publish"}))
    assert not fresh(welsh_draft).live


@pytest.mark.parametrize("role", ["engagement", "admin_only"])
def test_those_who_do_not_edit_pages_cannot_send(client, welsh_draft, user_in, role):
    sign_in(client, user_in(role))
    assert refused(client.post(send_url(welsh_draft)))
    assert not fresh(welsh_draft).workflow_in_progress
