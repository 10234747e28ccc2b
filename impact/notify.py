"""Telling the members who took part in an activity that a story about it is published.

Each participant is told when the story first goes live in their own language, so a Welsh
speaker is never sent to a story that exists only in English. If the engagement settings
give a number of days, participants still waiting that long after the story first went live
in any language are told of it in the language it is live in (the daily
`tell_waiting_participants` command); by default they wait until it exists in theirs.
Publishing a language version again tells no one. Each participant gets at most one
`ParticipantNotice` per story (a unique constraint, so two publishes racing still make
one), and the notice records how they were told:

- email, when their safe-contact plan allows it: queued, then sent by a task after the
  commit, in the member's language, saying nothing sensitive;
- another safe channel (phone, text, letter): listed for staff to tell, by that channel;
- no safe channel: listed, so staff know, and nobody is contacted.

Tasks take a notice's id only: queued arguments are stored in plain text.
"""

import datetime
from functools import partial

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Min
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django_tasks import task
from wagtail.models import Locale

from core.mail import MailNotSent, deliver, try_again_later
from enrolment.models import Member, MembershipSettings

from .audit import audit
from .models import ImpactSettings, Invitation, ParticipantNotice, StoryIndexPage, StoryPage

Outcome = ParticipantNotice.Outcome

# Statuses in which a participant may still hear from us. Withdrawn, erased and pending
# members never do; nor does anyone whose latest contact consent is not a "yes".
TELLABLE_STATUSES = (Member.Status.ACTIVE, Member.Status.LAPSED)


def tellable_members():
    return Member.objects.with_consent().filter(status__in=TELLABLE_STATUSES, consent_contact=True)


def is_first_publication(story):
    """Whether this publish is the first time this language version of the story went live.

    Wagtail sets first_published_at and last_published_at to the same moment on a page's
    first publish, before the signal is sent.
    """
    return (
        story.first_published_at is not None and story.first_published_at == story.last_published_at
    )


def live_versions(story_key):
    """{language code: the story's live version} where the version and its index are live,
    so every address we send leads to a page that exists."""
    versions = StoryPage.objects.live().filter(translation_key=story_key).select_related("locale")
    found = {}
    for version in versions.order_by("pk"):
        index = StoryIndexPage.objects.live().filter(pk=version.get_parent().pk).first()
        if index is not None:
            found.setdefault(version.locale.language_code, version)
    return found


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


def tell_participants(story, languages=None):
    """Record a notice for each participant of the story's activity who speaks one of
    `languages` (default: the language of this version of the story); queue the emails.

    Returns the number of notices made. Safe to call more than once: the unique
    constraint on (invitation, story) turns a second attempt, even a concurrent one,
    into nothing.
    """
    if story.activity_id is None:
        return 0
    if languages is None:
        languages = [story.locale.language_code]
    made = 0
    with transaction.atomic():
        invitations = participants_to_tell(story.activity_id, story.translation_key)
        for invitation in invitations.filter(member__language__in=languages):
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
    """page_published handler for StoryPage: tell the participants who speak its language."""
    if instance.activity_id is None or not is_first_publication(instance):
        return
    tell_participants(instance)


def tell_waiting_participants(now=None):
    """Tell the participants still waiting for a story in their language, once it has been
    live in another language for as many days as the engagement settings say (never, when
    no number is set). Returns the number of notices made."""
    days = ImpactSettings.load().tell_in_other_language_after_days
    if days is None:
        return 0
    cutoff = (now or timezone.now()) - datetime.timedelta(days=days)
    first_live = (
        StoryPage.objects.live()
        .filter(activity__isnull=False)
        .values("translation_key")
        .annotate(first=Min("first_published_at"))
        .filter(first__lte=cutoff)
    )
    made = 0
    for row in first_live:
        versions = live_versions(row["translation_key"])
        if not versions:
            continue
        story = versions.get(Locale.get_default().language_code) or next(iter(versions.values()))
        everyone = [code for code, _name in Member.Language.choices]
        made += tell_participants(story, languages=everyone)
    return made


# --- the email -----------------------------------------------------------------------


def absolute(url):
    if url.startswith(("http://", "https://")):
        return url
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + url


def story_index_url(story_key, language):
    """The live index holding the story's live version in the language, else in the default
    language, else in any language it is live in, as a full address; "" when the story is
    live nowhere, so no email ever links to a page that does not exist.

    The index, not the story: a story's address could say what it is about.
    """
    versions = live_versions(story_key)
    preferred = [language, Locale.get_default().language_code, *versions]
    for code in preferred:
        if code in versions:
            url = versions[code].get_parent().get_url()
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
