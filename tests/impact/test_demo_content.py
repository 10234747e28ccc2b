"""The impact demo content: partners, topics, activities, the story index and stories.

The test database already holds the demo content (tests/conftest.py), loaded with demo
accounts off, as in every environment but development.
"""

import pytest
from django.core.management import call_command
from wagtail.models import Page

from demo.content import read
from enrolment.models import Member
from impact.models import (
    EngagementActivity,
    Invitation,
    ParticipantNotice,
    Partner,
    PartnerUpdate,
    Recommendation,
    StoryIndexPage,
    StoryPage,
    Topic,
)
from impact.sending import planned_channel
from pages.models import Navigation
from tests.html import parse

pytestmark = pytest.mark.django_db

Status = EngagementActivity.Status


def counts():
    return {
        "pages": Page.objects.count(),
        "revisions": sum(page.revisions.count() for page in Page.objects.all()),
        "partners": Partner.objects.count(),
        "topics": Topic.objects.count(),
        "activities": EngagementActivity.objects.count(),
        "recommendations": Recommendation.objects.count(),
        "updates": PartnerUpdate.objects.count(),
        "invitations": Invitation.objects.count(),
        "notices": ParticipantNotice.objects.count(),
        "menu links": [len(navigation.primary_links) for navigation in Navigation.objects.all()],
    }


def demo_activity(code):
    return EngagementActivity.objects.get(public_code=code)


def demo_stories():
    return [read(name) for name in read("site")["pages"] if read(name)["type"] == "story"]


def test_every_partner_and_topic_in_both_languages(english, welsh):
    for model, specs in ((Partner, read("partners")), (Topic, read("topics"))):
        for spec in specs.values():
            entry = model.objects.get(locale=english, slug=spec["en"]["slug"])
            assert entry.name == spec["en"]["name"]
            translation = entry.get_translation(welsh)
            assert (translation.name, translation.slug) == (spec["cy"]["name"], spec["cy"]["slug"])
    names = set(Partner.objects.filter(locale=english).values_list("name", flat=True))
    assert {
        "Dyfed-Powys Police",
        "Crown Prosecution Service",
        "HM Courts and Tribunals Service",
        "Probation Service",
        "Victim and Witness Service",
        "Carmarthenshire County Council",
    } <= names


def test_activities_in_every_stage_of_the_loop():
    activities = {spec["code"]: demo_activity(spec["code"]) for spec in read("activities")}
    statuses = {activity.status for activity in activities.values()}
    assert {Status.REPORTED, Status.CLOSED, Status.OPEN} <= statuses
    for activity in activities.values():
        activity.full_clean()  # valid as the admin would have it
        assert activity.partner.locale.language_code == "en"
        assert activity.methods.exists()

    reported = [a for a in activities.values() if a.status == Status.REPORTED]
    for activity in reported:
        recommendations = list(activity.recommendations.all())
        assert recommendations and activity.findings
        assert all(recommendation.updates.exists() for recommendation in recommendations)
    updates = set(PartnerUpdate.objects.values_list("status", flat=True))
    assert set(PartnerUpdate.Status.values) <= updates, "every kind of partner update"
    not_adopted = PartnerUpdate.objects.filter(status=PartnerUpdate.Status.NOT_ADOPTED)
    assert all(update.note for update in not_adopted), "with the reason"


def test_the_open_activity_takes_anonymous_contributions_in_both_languages():
    open_ones = EngagementActivity.objects.taking_contributions()

    assert open_ones.count() >= 1
    for activity in open_ones:
        assert activity.public_text("en")[0] and activity.public_text("en")[1]
        assert activity.public_text("cy")[0] and activity.public_text("cy")[1]
        assert activity.public_text("cy") != activity.public_text("en")


def test_the_open_activitys_invitation_is_ready_to_send_in_both_languages():
    activity = EngagementActivity.objects.get(public_code="demo-release")
    assert activity.invitation_missing() == []
    assert activity.invitation_in("cy") != activity.invitation_in("en")


def test_the_story_index_and_stories_in_both_languages(client, english, welsh):
    index = StoryIndexPage.objects.get(locale=english, slug="difference-made")
    welsh_index = index.get_translation(welsh)
    assert welsh_index.live and welsh_index.slug == "gwahaniaeth-a-wnaed"

    stories = StoryPage.objects.child_of(index).live()
    assert stories.count() >= 3
    for story in stories:
        assert story.activity is not None, "linked to the activity behind it"
        assert story.partner and story.topic and story.you_told_us and story.what_changed
        translation = story.get_translation(welsh)
        assert translation.live
        assert translation.get_parent().pk == welsh_index.pk
        assert translation.title != story.title
        assert translation.activity_id == story.activity_id
        assert translation.partner.locale == welsh, "the Welsh story names the Welsh partner"
        assert translation.topic.locale == welsh

    english_page = parse(client.get("/difference-made/"))
    welsh_page = parse(client.get("/cy/gwahaniaeth-a-wnaed/"))
    assert len(english_page.select(".story-card")) == stories.count()
    assert len(welsh_page.select(".story-card")) == stories.count()


def test_the_story_index_is_in_the_menu_in_both_languages(client):
    english = parse(client.get("/"))
    welsh = parse(client.get("/cy/"))

    assert english.select_one('.site-nav a[href="/difference-made/"]').get_text(strip=True) == (
        "The difference you made"
    )
    assert welsh.select_one('.site-nav a[href="/cy/gwahaniaeth-a-wnaed/"]').get_text(
        strip=True
    ) == ("Y gwahaniaeth a wnaethoch chi")


def test_no_invitations_outside_development():
    assert not Invitation.objects.exists()
    call_command("load_demo_content", verbosity=0)
    assert not Invitation.objects.exists()


def test_running_twice_creates_nothing_new():
    before = counts()
    call_command("load_demo_content", verbosity=0)
    call_command("load_demo_content", verbosity=0)
    assert counts() == before


def test_an_editors_changes_are_kept(english, welsh):
    story = StoryPage.objects.filter(locale=english).live().first()
    story.title = "An editor's own title"
    story.save_revision().publish()
    partner = Partner.objects.get(locale=welsh, slug="heddlu-dyfed-powys")
    partner.name = "Heddlu Dyfed-Powys (newid golygydd)"
    partner.save()
    activity = demo_activity("demo-court")
    activity.title = "Renamed by staff"
    activity.save()
    navigation = Navigation.objects.get(locale=english)
    navigation.primary_links = []
    navigation.save()

    call_command("load_demo_content", verbosity=0)

    story.refresh_from_db()
    partner.refresh_from_db()
    activity.refresh_from_db()
    navigation.refresh_from_db()
    assert story.title == "An editor's own title"
    assert partner.name == "Heddlu Dyfed-Powys (newid golygydd)"
    assert activity.title == "Renamed by staff"
    assert len(navigation.primary_links) == 0, "an emptied menu stays as the editor left it"


def test_a_removed_story_is_made_again_and_nothing_else_changes(english, welsh):
    story = StoryPage.objects.filter(locale=english, slug="letters-in-plain-words").first()
    welsh_pk = story.get_translation(welsh).pk
    story.delete()
    before = counts()

    call_command("load_demo_content", verbosity=0)

    again = StoryPage.objects.get(locale=english, slug="letters-in-plain-words")
    assert again.live and again.get_translation(welsh).pk == welsh_pk
    after = counts()
    assert after["pages"] == before["pages"] + 1
    assert {k: v for k, v in after.items() if k not in ("pages", "revisions")} == {
        k: v for k, v in before.items() if k not in ("pages", "revisions")
    }


def test_an_editors_own_story_index_is_left_alone(home, english):
    StoryPage.objects.all().delete()
    StoryIndexPage.objects.all().delete()
    own = StoryIndexPage(title="Our stories", slug="our-stories", locale=english)
    home.add_child(instance=own)

    call_command("load_demo_content", verbosity=0)

    assert list(StoryIndexPage.objects.values_list("slug", flat=True)) == ["our-stories"]
    assert not StoryPage.objects.exists()


# --- development: invitations for the demo members -----------------------------------------


@pytest.fixture
def development(settings):
    settings.DEMO_ACCOUNTS_ENABLED = True
    settings.DEMO_ACCOUNT_PASSWORD = "a-throwaway-test-password"


def test_demo_members_are_invited_in_development(development):
    call_command("load_demo_content", verbosity=0)

    invitations = Invitation.objects.select_related("member", "activity")
    assert invitations.exists()
    for invitation in invitations:
        assert invitation.member.status == Member.Status.ACTIVE
        assert invitation.channel in invitation.member.safe_channels
        assert invitation.channel in invitation.activity.channels
    states = set(invitations.values_list("state", flat=True))
    assert {Invitation.State.TOOK_PART, Invitation.State.DECLINED} <= states
    took_part = {
        activity.public_code: activity.participants().count()
        for activity in EngagementActivity.objects.all()
    }
    assert max(took_part.values()) >= 5, "the crowd makes activities large enough to count"

    before = counts()
    call_command("load_demo_content", verbosity=0)
    assert counts() == before


def test_invitations_come_before_the_stories_so_participants_are_told(
    development, mailoutbox, django_capture_on_commit_callbacks
):
    """On a fresh development database the stories are published after the invitations,
    so publishing them tells the participants (impact.notify)."""
    StoryPage.objects.all().delete()

    with django_capture_on_commit_callbacks(execute=True):
        call_command("load_demo_content", verbosity=0)

    for spec in demo_stories():
        activity = demo_activity(spec["activity"])
        story = StoryPage.objects.get(locale__language_code="en", slug=spec["en"]["slug"])
        told = ParticipantNotice.objects.filter(story_key=story.translation_key)
        assert told.count() == activity.participants().count() > 0
    assert mailoutbox, "the ones with a safe email were emailed"
    for message in mailoutbox:
        assert message.to[0].endswith("@example.org")


def test_the_story_with_enough_participants_shows_the_count(development, client):
    StoryPage.objects.all().delete()
    call_command("load_demo_content", verbosity=0)

    counted = []
    for spec in demo_stories():
        activity = demo_activity(spec["activity"])
        page = parse(client.get(f"/difference-made/{spec['en']['slug']}/"))
        shown = page.select(".story-facts dd")[-1].get_text(strip=True)
        count = activity.participants().count()
        counted.append(shown)
        if count >= 5:
            assert shown == f"{count} people"
        else:
            assert shown == "Fewer than 5 people"
    assert any(c[0].isdigit() for c in counted)


def test_every_demo_member_named_exists_in_the_demo_members():
    numbers = {member["number"] for member in read("people")["members"]}
    for spec in read("activities"):
        for number in spec.get("invitations", {}):
            assert number in numbers


def test_sending_the_open_activitys_invitation_uses_every_channel(development):
    """The tour sends it and then opens the emails, the letters and the call list: each
    must have someone in it."""
    call_command("load_demo_content", verbosity=0)
    activity = demo_activity("demo-release")

    planned = {
        str(planned_channel(member, activity))
        for member in Member.objects.filter(status=Member.Status.ACTIVE).exclude(
            invitations__activity=activity
        )
    }

    assert {"email", "post", "phone"} <= planned
