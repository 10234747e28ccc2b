"""Publishing a story tells exactly the members who took part in its activity, once each,
when it is live in their language, through a safe channel, saying nothing sensitive, and
records it.

The email is the members' envelope: it names only the sender and carries the member's
own link; what it says (thanks, and the list of stories) is on the page the link opens."""

import datetime
import smtplib

import pytest
import time_machine
from django.core import mail
from django.core.mail.backends.base import BaseEmailBackend
from django.core.management import call_command
from django.utils import translation
from django_tasks import TaskResultStatus
from django_tasks.signals import task_enqueued
from wagtail.models import Locale, ModelLogEntry

from enrolment import messaging
from enrolment.messaging import deliver_message
from enrolment.models import (
    ConsentRecord,
    Member,
    MemberMessage,
    MembershipSettings,
    PrivacyNotice,
    Purpose,
)
from impact import notify
from impact.models import ImpactSettings, Invitation, ParticipantNotice, StoryIndexPage, StoryPage
from impact.notify import tell_participants
from pages.page_cache import new_generation
from tests.factories import ActivityFactory, InvitationFactory, MemberFactory, TopicFactory
from tests.html import parse
from tests.support.messages import open_page, read

pytestmark = pytest.mark.django_db

Outcome = ParticipantNotice.Outcome
State = Invitation.State

# Words that would hint at why someone is a member, in English and Welsh.
SENSITIVE_WORDS = (
    "victim",
    "survivor",
    "crime",
    "abuse",
    "rape",
    "sexual",
    "court",
    "dioddef",
    "goroes",
    "trosedd",
    "cam-drin",
    "treisio",
    "llys",
)
ACTIVITY_TITLE = "Domestic abuse survivors at court"
STORY_TITLE = "Survivors of domestic abuse changed the court"
STORY_SLUG = "domestic-abuse-court-changes"
OFFICE = "Office of the Police and Crime Commissioner"


# --- helpers shared with test_notices_admin.py ------------------------------------------


def story_index(home, welsh_home):
    """The live story index in English and Welsh: the demo's when there is one."""
    english = StoryIndexPage.objects.filter(locale=home.locale).first()
    if english is None:
        english = StoryIndexPage(title="Difference made", slug="difference-made", live=False)
        home.add_child(instance=english)
    if not english.live:
        english.save_revision().publish()
    welsh = StoryIndexPage.objects.filter(
        translation_key=english.translation_key, locale=welsh_home.locale
    ).first()
    if welsh is None:
        welsh = StoryIndexPage(
            title="Y gwahaniaeth a wnaed",
            slug="gwahaniaeth-a-wnaed",
            locale=welsh_home.locale,
            translation_key=english.translation_key,
            live=False,
        )
        welsh_home.add_child(instance=welsh)
    if not welsh.live:
        welsh.save_revision().publish()
    return {"en": english.specific, "cy": welsh.specific}


def draft_story(index, activity, title=STORY_TITLE, slug=STORY_SLUG):
    """A story under the index, not yet published."""
    story = StoryPage(
        title=title,
        slug=slug,
        story_date=datetime.date(2026, 5, 1),
        activity=activity,
        you_told_us="<p>Waiting beside the other side was frightening.</p>",
        what_changed="<p>Separate waiting rooms at every court.</p>",
        live=False,
    )
    index.add_child(instance=story)
    return story


def welsh_version(story, welsh_index, title="Newidiodd goroeswyr y llys"):
    """The story's Welsh translation (the same translation key), not yet published."""
    welsh = StoryPage(
        title=title,
        slug=f"{story.slug}-cy",
        locale=welsh_index.locale,
        translation_key=story.translation_key,
        story_date=story.story_date,
        activity=story.activity,
        you_told_us="<p>Roedd aros wrth ymyl yr ochr arall yn codi ofn.</p>",
        what_changed="<p>Ystafelloedd aros ar wahân ym mhob llys.</p>",
        live=False,
    )
    welsh_index.add_child(instance=welsh)
    return welsh


def participant(activity, state=State.TOOK_PART, **member_fields):
    member = MemberFactory(**member_fields)
    InvitationFactory(activity=activity, member=member, state=state)
    return member


def notices_for(member):
    return list(ParticipantNotice.objects.filter(invitation__member=member))


class FailingBackend(BaseEmailBackend):
    """A mail server that refuses the recipient, naming the address in its error."""

    def send_messages(self, email_messages):
        address = email_messages[0].to[0]
        raise smtplib.SMTPRecipientsRefused({address: (550, b"mailbox unavailable")})


# --- fixtures ----------------------------------------------------------------------------


@pytest.fixture
def indexes(home, welsh_home):
    return story_index(home, welsh_home)


@pytest.fixture
def activity():
    return ActivityFactory(
        title=ACTIVITY_TITLE, topic=TopicFactory(name="Rape and serious sexual offences")
    )


@pytest.fixture
def publish(django_capture_on_commit_callbacks):
    """Publish as an editor does, running what waits for the commit (the emails)."""

    def publish_page(page):
        with django_capture_on_commit_callbacks(execute=True):
            page.save_revision().publish()
        page.refresh_from_db()
        return page

    return publish_page


@pytest.fixture
def story(indexes, activity):
    return draft_story(indexes["en"], activity)


# --- exactly the right members ----------------------------------------------------------


def test_only_members_who_took_part_and_may_be_contacted_are_told(activity, story, publish):
    told = participant(activity)
    lapsed = participant(activity, status=Member.Status.LAPSED)
    not_told = {
        "invited": participant(activity, state=State.INVITED),
        "accepted": participant(activity, state=State.ACCEPTED),
        "declined": participant(activity, state=State.DECLINED),
        "no reply": participant(activity, state=State.NO_REPLY),
        "withdrawn": participant(activity, status=Member.Status.WITHDRAWN),
        "pending": participant(activity, status=Member.Status.PENDING),
    }
    erased = participant(activity)
    erased.erase()
    not_told["erased"] = erased
    consent_withdrawn = participant(activity)
    ConsentRecord.objects.create(  # still "active", but the latest answer is no
        member=consent_withdrawn,
        purpose=Purpose.CONTACT,
        granted=False,
        notice=PrivacyNotice.current(Locale.objects.get(language_code="en")),
        language="en",
        channel=ConsentRecord.Channel.PHONE,
    )
    not_told["consent withdrawn"] = consent_withdrawn
    other_activity = ActivityFactory()
    elsewhere = participant(other_activity)
    not_told["another activity's participant"] = elsewhere

    publish(story)

    assert ParticipantNotice.objects.count() == 2
    for member in (told, lapsed):
        [notice] = notices_for(member)
        assert notice.outcome == Outcome.SENT
        assert notice.invitation.activity == activity
        assert notice.story_key == story.translation_key
    for why, member in not_told.items():
        assert notices_for(member) == [], why
    assert sorted(message.to[0] for message in mail.outbox) == sorted([told.email, lapsed.email])


def test_a_story_without_an_activity_tells_nobody(indexes, publish):
    other = ActivityFactory()
    participant(other)
    publish(draft_story(indexes["en"], None, slug="no-activity"))
    assert ParticipantNotice.objects.count() == 0
    assert mail.outbox == []


def test_an_activity_nobody_took_part_in_publishes_quietly(story, activity, publish):
    participant(activity, state=State.INVITED)
    publish(story)
    assert story.live
    assert ParticipantNotice.objects.count() == 0
    assert mail.outbox == []


# --- once each ---------------------------------------------------------------------------


def test_publishing_again_tells_nobody_again(story, activity, publish):
    member = participant(activity)
    publish(story)
    story.title = "A new title"
    publish(story)
    participant(activity)  # took part, but only recorded after the first publish
    publish(story)
    assert len(notices_for(member)) == 1
    assert ParticipantNotice.objects.count() == 1
    assert len(mail.outbox) == 1


def test_unpublishing_and_publishing_again_tells_nobody_again(story, activity, publish):
    participant(activity)
    publish(story)
    story.unpublish()
    participant(activity)  # recorded while the story was offline
    publish(story)
    assert ParticipantNotice.objects.count() == 1
    assert len(mail.outbox) == 1


def test_welsh_speakers_are_told_only_once_the_story_is_live_in_welsh(
    story, indexes, activity, publish
):
    english, welsh = participant(activity), participant(activity, language="cy")
    publish(story)
    assert len(notices_for(english)) == 1
    assert notices_for(welsh) == []  # the story does not exist in Welsh yet
    assert [message.to for message in mail.outbox] == [[english.email]]

    welsh_story = publish(welsh_version(story, indexes["cy"]))
    [notice] = notices_for(welsh)
    assert notice.story_key == story.translation_key
    assert len(notices_for(english)) == 1
    assert [message.to for message in mail.outbox] == [[english.email], [welsh.email]]

    publish(welsh_story)
    publish(story)
    assert ParticipantNotice.objects.count() == 2
    assert len(mail.outbox) == 2


def test_a_story_first_published_in_welsh_tells_english_speakers_when_it_is_in_english(
    story, indexes, activity, publish
):
    member = participant(activity)
    publish(welsh_version(story, indexes["cy"]))
    assert notices_for(member) == []
    assert mail.outbox == []
    publish(story)
    [notice] = notices_for(member)
    assert notice.story_key == story.translation_key
    publish(story)
    assert len(notices_for(member)) == 1
    assert len(mail.outbox) == 1


def test_two_publishes_racing_make_one_notice_each(story, activity, publish, monkeypatch):
    """Both publishes believe they are the first, and neither sees the other's notices
    before inserting: the unique constraint still lets only one through."""
    members = [participant(activity), participant(activity)]
    monkeypatch.setattr(notify, "is_first_publication", lambda page: True)
    unguarded = notify.participants_to_tell

    def blind_to_other_notices(activity_id, story_key):
        return unguarded(activity_id, story_key).model.objects.filter(
            activity_id=activity_id, state=State.TOOK_PART
        )

    monkeypatch.setattr(notify, "participants_to_tell", blind_to_other_notices)
    publish(story)
    assert tell_participants(story) == 0
    publish(story)
    assert [len(notices_for(member)) for member in members] == [1, 1]
    assert len(mail.outbox) == 2


# --- in their language, through a safe channel, nothing sensitive ------------------------


def stories_links(client, email):
    """Where the page behind the email's link sends the member to read the story."""
    page = parse(open_page(client, email))
    return [
        a["href"] for a in page.select("main a") if "difference" in a["href"] or "/cy/" in a["href"]
    ]


def test_the_email_is_in_the_members_language_and_links_to_the_story_index(
    client, story, indexes, activity, publish
):
    english = participant(activity, language="en")
    welsh = participant(activity, language="cy")
    publish(story)
    publish(welsh_version(story, indexes["cy"]))
    by_address = {message.to[0]: message for message in mail.outbox}

    to_english = by_address[english.email]
    assert to_english.subject == "A message from Community Voices"
    assert "Thank you for taking part" not in to_english.body
    assert "/cy/" not in to_english.body
    assert "Thank you for taking part in one of our activities." in read(client, to_english)
    assert f"http://testserver{indexes['en'].url}" in stories_links(client, to_english)

    to_welsh = by_address[welsh.email]
    assert to_welsh.subject == "Neges gan Lleisiau Cymunedol"
    assert "/cy/aelodaeth/agor/" in to_welsh.body
    page = read(client, to_welsh)
    assert "Diolch i chi am gymryd rhan yn un o'n gweithgareddau." in page
    assert "Thank you" not in page
    assert f"http://testserver{indexes['cy'].url}" in stories_links(client, to_welsh)
    assert indexes["cy"].url.startswith("/cy/")


def tell_waiting(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        call_command("tell_waiting_participants", stdout=None)


def test_welsh_members_wait_for_the_welsh_story_by_default(
    story, indexes, activity, publish, django_capture_on_commit_callbacks
):
    welsh = participant(activity, language="cy", may_say_opcc=True)
    publish(story)
    with time_machine.travel(datetime.timedelta(days=400)):
        tell_waiting(django_capture_on_commit_callbacks)
    assert notices_for(welsh) == []
    assert mail.outbox == []


def test_after_the_days_set_welsh_members_are_told_of_the_english_story(
    client, story, indexes, activity, publish, django_capture_on_commit_callbacks
):
    settings = ImpactSettings.load()
    settings.tell_in_other_language_after_days = 14
    settings.save()
    welsh = participant(activity, language="cy", may_say_opcc=True)
    english = participant(activity, may_say_opcc=True)
    publish(story)
    assert [message.to for message in mail.outbox] == [[english.email]]

    with time_machine.travel(datetime.timedelta(days=13)):
        tell_waiting(django_capture_on_commit_callbacks)
    assert notices_for(welsh) == []

    with time_machine.travel(datetime.timedelta(days=15)):
        tell_waiting(django_capture_on_commit_callbacks)
        tell_waiting(django_capture_on_commit_callbacks)
    assert len(notices_for(welsh)) == 1
    assert len(notices_for(english)) == 1
    message = mail.outbox[-1]
    assert message.to == [welsh.email]
    assert message.subject.startswith("Neges gan ")
    # The story is live only in English: the link is to where it is, never to a Welsh page.
    links = stories_links(client, message)
    assert f"http://testserver{indexes['en'].url}" in links
    assert f"http://testserver{indexes['cy'].url}" not in links
    assert len(mail.outbox) == 2


def test_no_link_to_a_page_that_is_not_live(client, story, indexes, activity, publish):
    welsh = participant(activity, language="cy", may_say_opcc=True)
    indexes["cy"].unpublish()
    publish(welsh_version(story, indexes["cy"]))  # live, but under an index that is not
    [message] = mail.outbox
    assert message.to == [welsh.email]
    assert stories_links(client, message) == []
    with translation.override("cy"):
        instead = translation.gettext("You can read it on our website, with our other updates.")
    assert instead in read(client, message)


@pytest.mark.parametrize("language", ["en", "cy"])
def test_the_email_says_nothing_sensitive(client, story, indexes, activity, publish, language):
    member = participant(activity, language=language, may_say_opcc=False)
    publish(welsh_version(story, indexes["cy"]) if language == "cy" else story)
    [message] = mail.outbox
    assert message.to == [member.email]
    for text in (message.subject, message.body, read(client, message)):
        lowered = text.lower()
        for word in SENSITIVE_WORDS:
            assert word not in lowered, word
        for secret in (ACTIVITY_TITLE, STORY_TITLE, STORY_SLUG, "rooms", activity.topic.name):
            assert secret.lower() not in lowered
        assert member.name.lower() not in lowered
        assert "police" not in lowered and "heddlu" not in lowered
        assert "commissioner" not in lowered and "comisiynydd" not in lowered
    assert story.url not in message.body
    assert story.url not in open_page(client, message).content.decode()


def test_the_office_is_named_only_when_the_member_said_staff_may(client, story, activity, publish):
    membership = MembershipSettings.load()
    membership.contact_phone, membership.contact_email = "01267 226440", "team@example.org"
    membership.save()
    may, may_not = participant(activity, may_say_opcc=True), participant(activity)
    publish(story)
    by_address = {message.to[0]: message for message in mail.outbox}
    told, quiet = read(client, by_address[may.email]), read(client, by_address[may_not.email])
    assert OFFICE in told
    assert "01267 226440" in told
    for text in (quiet, by_address[may_not.email].subject, by_address[may_not.email].body):
        assert OFFICE not in text
        assert "01267 226440" not in text
        assert "team@example.org" not in text
    for email in by_address.values():
        assert "01267 226440" not in email.body


def test_members_without_safe_email_are_listed_for_staff_or_as_unreachable(
    story, activity, publish
):
    by_phone = participant(
        activity,
        email="",
        email_safe=False,
        phone="01267 226440",
        phone_safe=True,
        preferred_contact=Member.ContactMethod.PHONE,
    )
    # Email is held but not safe; texts are: staff tell them by text.
    by_text = participant(activity, email_safe=False, phone="07700 900123", text_safe=True)
    by_letter = participant(
        activity, email="", email_safe=False, address="1 Stryd Fawr, Llŷn", letter_safe=True
    )
    unreachable = participant(activity, email_safe=False, phone="07700 900456")
    publish(story)
    assert mail.outbox == []
    expected = {
        by_phone: (Outcome.STAFF_TO_TELL, "phone"),
        by_text: (Outcome.STAFF_TO_TELL, "text"),
        by_letter: (Outcome.STAFF_TO_TELL, "post"),
        unreachable: (Outcome.NO_SAFE_CHANNEL, ""),
    }
    for member, (outcome, channel) in expected.items():
        [notice] = notices_for(member)
        assert (notice.outcome, notice.channel) == (outcome, channel), member.reference
        assert notice.completed_at is None


def test_sending_is_recorded_on_the_invitation_and_in_the_members_history(story, activity, publish):
    member = participant(activity)
    publish(story)
    invitation = member.invitations.get(activity=activity)
    [notice] = invitation.notices.all()
    assert (notice.outcome, notice.channel) == (Outcome.SENT, "email")
    assert notice.completed_at is not None
    [entry] = ModelLogEntry.objects.filter(action="impact.told_of_story", object_id=str(member.pk))
    assert entry.label == member.reference
    assert entry.data == {"activity": activity.pk, "channel": "email"}
    assert member.email not in str(entry.data)


def test_the_task_is_queued_with_an_id_only(story, activity, publish):
    participant(activity)
    queued = []

    def remember(sender, task_result, **kwargs):
        queued.append((task_result.task.name, task_result.args, task_result.kwargs))

    task_enqueued.connect(remember)
    try:
        publish(story)
    finally:
        task_enqueued.disconnect(remember)
    message = MemberMessage.objects.get(kind="story_published")
    assert message.target_id == ParticipantNotice.objects.get().pk
    assert ("deliver_message", [message.pk], {}) in queued


def test_no_email_is_sent_before_the_publish_commits(
    story, activity, django_capture_on_commit_callbacks
):
    participant(activity)
    with django_capture_on_commit_callbacks(execute=False) as waiting:
        story.save_revision().publish()
        assert mail.outbox == []
        assert ParticipantNotice.objects.get().outcome == Outcome.QUEUED
    # The page cache also starts a new generation once the publish commits.
    assert len([callback for callback in waiting if callback is not new_generation]) == 1
    assert mail.outbox == []


# --- failures ----------------------------------------------------------------------------


def test_a_mail_failure_is_recorded_and_publishing_goes_on(story, activity, publish, settings):
    settings.EMAIL_BACKEND = f"{__name__}.FailingBackend"
    member = participant(activity)
    publish(story)  # no exception reaches the editor
    assert story.live
    [notice] = notices_for(member)
    assert notice.outcome == Outcome.FAILED
    assert notice.completed_at is None
    assert not ModelLogEntry.objects.filter(action="impact.told_of_story").exists()


def queued_notice(member, story):
    """A notice and its message, queued and not yet emailed."""
    notice = ParticipantNotice.objects.create(
        invitation=member.invitations.get(),
        story_key=story.translation_key,
        outcome=Outcome.QUEUED,
        channel="email",
    )
    message = messaging.send(member, "story_published", target_id=notice.pk, allowed={"email"})
    assert message.state == "queued"
    return notice, message


def test_a_failed_task_stores_no_address(story, activity, settings):
    member = participant(activity)
    notice, message = queued_notice(member, story)
    settings.EMAIL_BACKEND = f"{__name__}.FailingBackend"
    result = deliver_message.enqueue(message.pk)
    assert result.status == TaskResultStatus.FAILED
    stored = " ".join(error.traceback for error in result.errors)
    assert "MailNotSent" in stored
    assert member.reference in stored
    assert member.email not in stored
    assert "@" not in stored.split("MailNotSent")[-1]
    notice.refresh_from_db()
    assert notice.outcome == Outcome.FAILED


def test_a_member_who_withdrew_before_the_email_went_is_not_emailed(story, activity):
    member = participant(activity)
    notice, message = queued_notice(member, story)
    member.set_status(Member.Status.WITHDRAWN)
    assert deliver_message.enqueue(message.pk).return_value == "cancelled"
    assert mail.outbox == []
    notice.refresh_from_db()
    assert (notice.outcome, notice.channel) == (Outcome.NO_SAFE_CHANNEL, "")


def test_a_member_whose_email_stopped_being_safe_is_left_to_staff(story, activity):
    member = participant(activity, phone="01267 226440", phone_safe=True)
    notice, message = queued_notice(member, story)
    member.email_safe = False
    member.save()
    assert deliver_message.enqueue(message.pk).return_value == "cancelled"
    assert mail.outbox == []
    notice.refresh_from_db()
    assert (notice.outcome, notice.channel) == (Outcome.STAFF_TO_TELL, "phone")


def test_a_notice_is_emailed_once_even_if_its_task_runs_twice(story, activity, publish):
    participant(activity)
    publish(story)
    message = MemberMessage.objects.get(kind="story_published")
    assert deliver_message.enqueue(message.pk).return_value == "nothing to send"
    assert deliver_message.enqueue(10**12).return_value == "nothing to send"
    assert len(mail.outbox) == 1


def test_hostile_names_and_titles_never_reach_the_email(client, indexes, publish):
    activity = ActivityFactory(title="<script>alert('ŵŷâ')</script> Трасе")
    member = participant(activity, name="<script>x</script> Ŵyn Ŷr Âb 名前", language="cy")
    story = draft_story(indexes["en"], activity, title="<b>ŵ</b> 故事", slug="hostile")
    publish(story)
    publish(welsh_version(story, indexes["cy"], title="<b>ŵ</b> 故事 cy"))
    [message] = mail.outbox
    assert message.to == [member.email]
    page = open_page(client, message).content.decode()
    for fragment in ("<script>alert", "<script>x", "Трасе", "名前", "故事", "Ŵyn"):
        assert fragment not in message.subject + message.body + page
