"""The story editor's "activity behind it": only activities that are over, by their public
titles, and only for the people who write stories."""

import datetime
import html

import pytest
from django.urls import reverse

from impact.models import EngagementActivity, StoryPage
from tests.factories import ActivityFactory
from tests.html import parse
from tests.impact.test_stories import make_index, make_story

pytestmark = pytest.mark.django_db

WRITERS = ["communications", "superuser"]
OTHERS = ["translator", "reviewer"]


@pytest.fixture
def activities():
    return {
        "planned": ActivityFactory(title="Internal: planned visit", status="planned"),
        "open": ActivityFactory(title="Internal: open survey", status="open"),
        "closed": ActivityFactory(
            title="Internal: closed letters",
            status="closed",
            public_title="Letters about charging",
            public_title_cy="Llythyrau am gyhuddo",
        ),
        "reported": ActivityFactory(
            title="Internal: reported courts", status="reported", public_title="Court waiting"
        ),
    }


@pytest.fixture
def story(home, activities):
    index = make_index(home, "choice-stories")
    return make_story(index, "A story", datetime.date(2026, 5, 1), activity=activities["closed"])


def editor_options(client, story):
    response = client.get(reverse("wagtailadmin_pages:edit", args=[story.pk]))
    assert response.status_code == 200
    select = parse(response).select_one('select[name="activity"]')
    options = {o["value"]: o.text.strip() for o in select.select("option")} if select else {}
    return select, options, html.unescape(response.content.decode())


def story_form(user, story, data=None):
    form_class = StoryPage.get_edit_handler().get_form_class()
    return form_class(data, instance=story, parent_page=story.get_parent(), for_user=user)


@pytest.mark.parametrize("role", WRITERS)
def test_writers_are_offered_only_activities_that_are_over_by_public_title(
    staff_client, story, activities, role
):
    select, options, text = editor_options(staff_client(role), story)
    over = EngagementActivity.objects.filter(status__in=["closed", "reported"])
    assert set(options) == {""} | {str(pk) for pk in over.values_list("pk", flat=True)}
    assert str(activities["planned"].pk) not in options
    assert str(activities["open"].pk) not in options
    assert options[str(activities["closed"].pk)] == "Letters about charging"
    assert options[str(activities["reported"].pk)] == "Court waiting"
    assert "Internal:" not in text
    assert not select.has_attr("disabled")


@pytest.mark.parametrize("role", OTHERS)
def test_translators_and_reviewers_see_only_the_chosen_one_and_cannot_change_it(
    staff_client, story, activities, role
):
    select, options, text = editor_options(staff_client(role), story)
    assert "Internal:" not in text
    assert set(options) - {""} <= {str(activities["closed"].pk)}
    assert select is None or select.has_attr("disabled")


@pytest.mark.parametrize("role", ["communications", "translator"])
def test_a_crafted_choice_of_an_activity_not_over_is_refused(staff_client, story, activities, role):
    client = staff_client(role)
    form = story_form(client.user, story, {"activity": activities["planned"].pk})
    form.is_valid()
    if role == "communications":
        assert "activity" in form.errors
        assert "activity" not in form.cleaned_data
    else:
        # Not theirs to change: what was posted is ignored and the story keeps its activity.
        assert form.cleaned_data["activity"] == activities["closed"]


def test_a_writer_can_choose_a_reported_activity(staff_client, story, activities):
    client = staff_client("communications")
    form = story_form(client.user, story, {"activity": activities["reported"].pk})
    form.is_valid()
    assert "activity" not in form.errors
    assert form.cleaned_data["activity"] == activities["reported"]


def test_the_welsh_public_title_for_a_welsh_editor(staff_client, story, activities):
    from tests.enrolment.staff import prefer_welsh

    client = staff_client("communications")
    prefer_welsh(client.user)
    _, options, _ = editor_options(client, story)
    assert options[str(activities["closed"].pk)] == "Llythyrau am gyhuddo"
