"""Review before publishing: who may draft, submit, approve, reject, translate and publish.

Each role works through Wagtail's real admin views (create, edit, workflow actions) and
wagtail-localize's (submit a translation, the translation editor), so a change of rights or
of the workflow's set-up fails here.
"""

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from wagtail.models import Page, TaskState, Workflow, WorkflowPage, WorkflowState
from wagtail.test.utils.form_data import nested_form_data, streamfield

from pages.models import ContentPage
from tests.enrolment.staff import make_user, prefer_welsh, sign_in

pytestmark = pytest.mark.django_db

HOSTILE_TITLE = "<script>alert(1)</script> Tŵr, tŷ a châr — Ελληνικά, Кирилиця"


@pytest.fixture
def user_in(django_user_model):
    def make(role):
        return make_user(django_user_model, role)

    return make


def page_form(title, slug, intro="", **extra):
    return nested_form_data(
        {"title": title, "slug": slug, "intro": intro, "body": streamfield([]), **extra}
    )


def edit_form(page, **changes):
    page = page.specific
    values = {"title": page.title, "slug": page.slug, "intro": page.intro}
    values.update(changes)
    return page_form(**values)


def create_url(parent):
    return reverse("wagtailadmin_pages:add", args=["pages", "contentpage", parent.pk])


def edit_url(page):
    return reverse("wagtailadmin_pages:edit", args=[page.pk])


def draft_page(home, title="A draft for review", slug="a-draft-for-review"):
    page = ContentPage(title=title, slug=slug, intro="Draft intro", live=False)
    home.add_child(instance=page)
    page.save_revision()
    return page


def submit_for_review(client, page, **changes):
    return client.post(edit_url(page), edit_form(page, **changes, **{"action-submit": "Submit"}))


def refused(response):
    """Wagtail answers a refused admin action with 403, or a redirect to the dashboard."""
    return response.status_code == 403 or (
        response.status_code == 302 and response["Location"] == "/admin/"
    )


def current_task_state(page):
    return TaskState.objects.get(
        workflow_state__object_id=str(page.pk),
        workflow_state__status=WorkflowState.STATUS_IN_PROGRESS,
        status=TaskState.STATUS_IN_PROGRESS,
    )


def workflow_action(client, page, action, **data):
    task_state = current_task_state(page)
    return client.post(
        reverse("wagtailadmin_pages:workflow_action", args=[page.pk, action, task_state.pk]),
        data,
    )


@pytest.fixture
def in_review(client, home, user_in):
    """A new page, drafted and submitted by the communications team."""
    page = draft_page(home)
    sign_in(client, user_in("communications"))
    response = submit_for_review(client, page, title="Ready for review")
    assert response.status_code == 302
    client.logout()
    return Page.objects.get(pk=page.pk).specific


# --- the set-up -------------------------------------------------------------------------


def test_one_review_workflow_covers_every_page_in_both_languages(home, welsh_home):
    workflow = Workflow.objects.get(name="Review before publishing")
    assert workflow.active
    assert WorkflowPage.objects.get(page=Page.get_first_root_node()).workflow == workflow
    tasks = [task.specific for task in workflow.tasks]
    assert [task.name for task in tasks] == ["Editorial review"]
    assert [group.name for group in tasks[0].groups.all()] == ["Reviewers"]
    pages = Page.objects.filter(depth__gt=1)
    assert pages.filter(locale__language_code="cy").exists()
    for page in pages:
        assert page.get_workflow() == workflow, page.url_path


def test_wagtails_default_workflow_is_retired():
    moderators = Workflow.objects.filter(name="Moderators approval").first()
    assert moderators is None or not moderators.active
    assert not WorkflowPage.objects.exclude(workflow__name="Review before publishing").exists()


def test_the_rights_behind_the_roles():
    def page_rights(name):
        group = Group.objects.get(name=name)
        return set(group.page_permissions.values_list("permission__codename", flat=True))

    def rights(name):
        return set(Group.objects.get(name=name).permissions.values_list("codename", flat=True))

    def collection_rights(name):
        group = Group.objects.get(name=name)
        return set(group.collection_permissions.values_list("permission__codename", flat=True))

    assert page_rights("Reviewers") == {
        "add_page",
        "change_page",
        "publish_page",
        "lock_page",
        "unlock_page",
    }
    assert "publish_page" not in page_rights("Communications team")
    assert "publish_page" not in page_rights("Translators")
    assert page_rights("Engagement team") == set()
    # Reviewers can do whatever the team whose work they review can, with snippets,
    # images and documents, and nothing with member records.
    assert rights("Communications team") <= rights("Reviewers")
    assert "access_admin" in rights("Reviewers")
    assert collection_rights("Communications team") == collection_rights("Reviewers")
    assert not {right for right in rights("Reviewers") if right.endswith("member")}


# --- the communications team: draft and submit, never publish ---------------------------


@pytest.mark.parametrize("language", ["en", "cy"])
def test_communications_creates_a_draft_with_no_publish_action(client, home, user_in, language):
    user = user_in("communications")
    if language == "cy":
        prefer_welsh(user)
    sign_in(client, user)

    form = client.get(create_url(home))
    assert form.status_code == 200
    html = form.content.decode()
    assert 'name="action-submit"' in html
    assert 'name="action-publish"' not in html

    response = client.post(create_url(home), page_form(HOSTILE_TITLE, "new-draft"))
    assert response.status_code == 302
    page = Page.objects.get(slug="new-draft")
    assert page.title == HOSTILE_TITLE
    assert not page.live
    assert page.locale.language_code == "en"

    edit = client.get(edit_url(page))
    assert edit.status_code == 200
    assert 'name="action-publish"' not in edit.content.decode()


def test_communications_posting_publish_does_not_make_a_page_live(client, home, user_in):
    sign_in(client, user_in("communications"))
    client.post(create_url(home), page_form("Sneaky", "sneaky", **{"action-publish": "1"}))
    page = Page.objects.get(slug="sneaky")
    assert not page.live

    live_page = Page.objects.get(url_path="/home/support/")
    response = client.post(
        edit_url(live_page), edit_form(live_page, title="Changed live", **{"action-publish": "1"})
    )
    assert response.status_code in (200, 302)
    live_page.refresh_from_db()
    assert live_page.title != "Changed live"  # the public sees the old title until approved
    assert live_page.has_unpublished_changes


def test_communications_submits_and_cannot_approve_its_own_work(client, home, user_in):
    page = draft_page(home)
    sign_in(client, user_in("communications"))
    response = submit_for_review(client, page, title="Submitted by the team")
    assert response.status_code == 302
    page.refresh_from_db()
    assert page.workflow_in_progress
    assert not page.live

    assert refused(workflow_action(client, page, "approve"))
    page.refresh_from_db()
    assert not page.live
    assert page.workflow_in_progress


# --- reviewers and administrators approve (which publishes) or reject --------------------


@pytest.mark.parametrize("role", ["reviewer", "superuser"])
def test_reviewers_and_administrators_approve_which_publishes(client, in_review, user_in, role):
    sign_in(client, user_in(role))
    response = workflow_action(client, in_review, "approve", comment="")
    assert response.status_code == 302
    page = Page.objects.get(pk=in_review.pk)
    assert page.live
    assert page.title == "Ready for review"
    assert not page.workflow_in_progress
    assert page.current_workflow_state is None
    assert WorkflowState.objects.filter(
        object_id=str(page.pk), status=WorkflowState.STATUS_APPROVED
    ).exists()


def test_a_reviewer_rejects_and_nothing_goes_live(client, in_review, user_in):
    sign_in(client, user_in("reviewer"))
    response = workflow_action(client, in_review, "reject", comment="Please shorten the intro.")
    assert response.status_code == 302
    page = Page.objects.get(pk=in_review.pk)
    assert not page.live
    state = WorkflowState.objects.get(object_id=str(page.pk))
    assert state.status == WorkflowState.STATUS_NEEDS_CHANGES


def test_a_reviewer_sees_the_publish_action(client, home, user_in):
    page = draft_page(home)
    user = user_in("reviewer")
    prefer_welsh(user)
    sign_in(client, user)
    html = client.get(edit_url(page)).content.decode()
    assert 'name="action-publish"' in html


def test_a_welsh_page_goes_through_the_same_review(client, welsh_home, user_in):
    welsh_support = Page.objects.get(url_path="/hafan/cymorth/")
    sign_in(client, user_in("communications"))
    submit_for_review(client, welsh_support, title="Cymorth – fersiwn newydd")
    welsh_support.refresh_from_db()
    assert welsh_support.workflow_in_progress
    assert welsh_support.title != "Cymorth – fersiwn newydd"

    client.logout()
    sign_in(client, user_in("reviewer"))
    workflow_action(client, welsh_support, "approve", comment="")
    welsh_support.refresh_from_db()
    assert welsh_support.title == "Cymorth – fersiwn newydd"
    assert welsh_support.live


# --- translators translate, never publish or approve ------------------------------------


def test_translators_cannot_approve(client, in_review, user_in):
    sign_in(client, user_in("translator"))
    assert refused(workflow_action(client, in_review, "approve", comment=""))
    assert not Page.objects.get(pk=in_review.pk).live


def test_translators_translate_into_welsh_as_a_draft_but_cannot_publish(
    client, home, user_in, welsh
):
    english = ContentPage(title="Only in English", slug="only-in-english", intro="Hello")
    home.add_child(instance=english)
    english.save_revision().publish()
    user = user_in("translator")
    sign_in(client, user)

    submit_url = reverse("wagtail_localize:submit_page_translation", args=[english.pk])
    assert client.get(submit_url).status_code == 200
    response = client.post(submit_url, {"locales": [welsh.pk]})
    assert response.status_code == 302
    translated = english.get_translation(welsh)
    assert not translated.live  # a new Welsh copy starts as a draft

    editor = client.get(edit_url(translated))
    assert editor.status_code == 200  # wagtail-localize's translation editor

    assert refused(client.post(edit_url(translated), {"action": "publish"}))
    translated.refresh_from_db()
    assert not translated.live


def test_translators_edit_a_welsh_page_but_posting_publish_keeps_it_unchanged(client, user_in):
    welsh_support = Page.objects.get(url_path="/hafan/cymorth/")
    user = user_in("translator")
    prefer_welsh(user)
    sign_in(client, user)
    form = client.get(edit_url(welsh_support))
    assert form.status_code == 200
    assert 'name="action-publish"' not in form.content.decode()

    client.post(
        edit_url(welsh_support),
        edit_form(welsh_support, title="Cymorth wedi newid", **{"action-publish": "1"}),
    )
    welsh_support.refresh_from_db()
    assert welsh_support.title != "Cymorth wedi newid"
    assert welsh_support.has_unpublished_changes  # saved as a draft for review


# --- the engagement team does not edit pages ---------------------------------------------


@pytest.mark.parametrize("role", ["engagement", "engagement_without_sensitive", "admin_only"])
def test_the_engagement_team_cannot_edit_pages(client, home, user_in, role):
    sign_in(client, user_in(role))
    support = Page.objects.get(url_path="/home/support/")

    for response in (
        client.get(edit_url(support)),
        client.get(create_url(home)),
        client.post(edit_url(support), edit_form(support, title="Changed by the wrong team")),
        client.post(create_url(home), page_form("Not allowed", "not-allowed")),
    ):
        assert refused(response)
    support.refresh_from_db()
    assert support.title != "Changed by the wrong team"
    assert support.get_latest_revision().content["title"] != "Changed by the wrong team"
    assert not Page.objects.filter(slug="not-allowed").exists()
    assert refused(client.get(reverse("wagtailadmin_pages:workflow_history", args=[support.pk])))
