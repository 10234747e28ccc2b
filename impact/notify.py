"""Telling the members who took part in an activity that a story about it is published.

A story is "first published" once per translation group: the first time any language
version goes live. Publishing it again, or publishing another language later, tells no
one. Each participant gets at most one `ParticipantNotice` per story (a unique constraint,
so two publishes racing still make one), and the notice records how they were told:

- email, when their safe-contact plan allows it: queued, then sent by a task after the
  commit, in the member's language, saying nothing sensitive;
- another safe channel (phone, text, letter): listed for staff to tell, by that channel;
- no safe channel: listed, so staff know, and nobody is contacted.

Tasks take a notice's id only: queued arguments are stored in plain text.
"""

from functools import partial

from django.conf import settings
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django_tasks import task
from wagtail.models import Locale

from core.mail import MailNotSent, deliver, try_again_later
from enrolment.models import Member, MembershipSettings

from .audit import audit
from .models import Invitation, ParticipantNotice, StoryIndexPage, StoryPage

Outcome = ParticipantNotice.Outcome

# Statuses in which a participant may still hear from us. Withdrawn, erased and pending
# members never do; nor does anyone whose latest contact consent is not a "yes".
TELLABLE_STATUSES = (Member.Status.ACTIVE, Member.Status.LAPSED)


def tellable_members():
    return Member.objects.with_consent().filter(status__in=TELLABLE_STATUSES, consent_contact=True)


def is_first_publication(story):
    """Whether this publish is the first time any language version of the story went live.

    Wagtail sets first_published_at and last_published_at to the same moment on a page's
    first publish, before the signal is sent; a translation published earlier has its own
    first_published_at.
    """
    if story.first_published_at is None or story.first_published_at != story.last_published_at:
        return False
    others = StoryPage.objects.filter(translation_key=story.translation_key).exclude(pk=story.pk)
    return not others.filter(first_published_at__isnull=False).exists()


def route(member):
    """(outcome, channel) for telling one member, from their safe-contact plan."""
    safe = member.safe_channels
    if Member.ContactMethod.EMAIL in safe:
        return Outcome.QUEUED, Member.ContactMethod.EMAIL
    if safe:
        # The way they prefer, when it is safe; otherwise the first safe one.
        channel = member.preferred_contact if member.preferred_contact in safe else safe[0]
        return Outcome.STAFF_TO_TELL, channel
    return Outcome.NO_SAFE_CHANNEL, ""


def participants_to_tell(activity, story_key):
    """The activity's participants who may still be told and have not been told yet."""
    return (
        Invitation.objects.filter(
            activity=activity,
            state=Invitation.State.TOOK_PART,
            member__in=tellable_members().values("pk"),
        )
        .exclude(notices__story_key=story_key)
        .select_related("member")
        .order_by("pk")
    )


def tell_participants(story):
    """Record a notice for each participant of the story's activity; queue the emails.

    Returns the number of notices made. Safe to call more than once: the unique
    constraint on (invitation, story) turns a second attempt, even a concurrent one,
    into nothing.
    """
    if story.activity_id is None:
        return 0
    made = 0
    with transaction.atomic():
        for invitation in participants_to_tell(story.activity_id, story.translation_key):
            outcome, channel = route(invitation.member)
            try:
                with transaction.atomic():
                    notice = ParticipantNotice.objects.create(
                        invitation=invitation,
                        story_key=story.translation_key,
                        outcome=outcome,
                        channel=channel,
                    )
            except IntegrityError:
                continue  # another publish got there first
            made += 1
            if outcome == Outcome.QUEUED:
                # After the commit, and robust: a mail problem never undoes a publish.
                transaction.on_commit(partial(tell_participant.enqueue, notice.pk), robust=True)
    return made


def story_published(sender, instance, **kwargs):
    """page_published handler for StoryPage."""
    if instance.activity_id is None or not is_first_publication(instance):
        return
    tell_participants(instance)


# --- the email -----------------------------------------------------------------------


def absolute(url):
    if url.startswith(("http://", "https://")):
        return url
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + url


def story_index_url(story_key, language):
    """The live story index in the language (or the default language), as a full address.

    The index, not the story: a story's address could say what it is about. Prefers the
    index the story sits under, when there is one per site.
    """
    indexes = StoryIndexPage.objects.live()
    story = StoryPage.objects.filter(translation_key=story_key).first()
    if story is not None:
        parent = story.get_parent()
        same_tree = indexes.filter(translation_key=parent.translation_key)
        if same_tree.exists():
            indexes = same_tree
    for code in (language, Locale.get_default().language_code):
        index = indexes.filter(locale__language_code=code).order_by("path").first()
        if index is not None:
            url = index.get_url()
            if url:
                return absolute(url)
    return ""


def still_tellable(member):
    return tellable_members().filter(pk=member.pk).exists()


@task()
def tell_participant(notice_id, attempt=1):
    """Email one participant that a story about their activity is published."""
    notice = (
        ParticipantNotice.objects.select_related("invitation__member")
        .filter(pk=notice_id, outcome=Outcome.QUEUED)
        .first()
    )
    if notice is None:
        return "nothing to send"
    member = notice.invitation.member
    # Their plan may have changed since the notice was queued: check again before sending.
    outcome, channel = route(member) if still_tellable(member) else (Outcome.NO_SAFE_CHANNEL, "")
    if outcome != Outcome.QUEUED:
        notice.outcome, notice.channel = outcome, channel
        notice.save(update_fields=["outcome", "channel"])
        return "not emailed"
    with translation.override(member.language):
        context = {
            "may_say_opcc": member.may_say_opcc,
            # The site's address names the network, so it goes in only when the member said
            # staff may say where they are from.
            "stories_url": (
                story_index_url(notice.story_key, member.language) if member.may_say_opcc else ""
            ),
            **MembershipSettings.contacts_for(member),
        }
        subject = render_to_string("impact/emails/story_published_subject.txt", context)
        body = render_to_string("impact/emails/story_published_body.txt", context)
    what = f"the story notice to {member}"
    try:
        deliver(" ".join(subject.split()), body, member.email, what)
    except MailNotSent:
        # Still queued while a retry is: the retry finds it, and staff see it as waiting.
        if not try_again_later(tell_participant, (notice_id,), attempt, what):
            notice.outcome = Outcome.FAILED
            notice.save(update_fields=["outcome"])
        raise  # the attempt is recorded as failed; the error names only the reference
    notice.outcome, notice.completed_at = Outcome.SENT, timezone.now()
    notice.save(update_fields=["outcome", "completed_at"])
    audit(
        member,
        "impact.told_of_story",
        data={"activity": notice.invitation.activity_id, "channel": "email"},
    )
    return "sent"


def mark_told(notice, user):
    """Staff told the member themselves (by phone, text or letter, or after a failed email)."""
    notice.outcome, notice.completed_at = Outcome.TOLD_BY_STAFF, timezone.now()
    notice.save(update_fields=["outcome", "completed_at"])
    audit(
        notice.invitation.member,
        "impact.told_of_story",
        user=user,
        data={
            "activity": notice.invitation.activity_id,
            "channel": notice.channel or "",
            "by_staff": True,
        },
    )
