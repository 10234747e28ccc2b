"""Telling the members who took part in an activity that a story about it is published.

Each participant is told when the story first goes live in their own language, so a Welsh
speaker is never sent to a story that exists only in English. If the engagement settings
give a number of days, participants still waiting that long after the story first went live
in any language are told of it in the language it is live in (the daily
`tell_waiting_participants` command); by default they wait until it exists in theirs.
Publishing a language version again tells no one. Each participant gets at most one
`ParticipantNotice` per story (a unique constraint, so two publishes racing still make
one), and the notice records how they were told:

- email, when their safe-contact plan allows it: a `story_published` message through the
  members' envelope (enrolment.messaging), emailed after the commit, in the member's
  language, naming only the sender; what it says is behind the member's link, and the
  notice follows the message's outcome (sent, failed, or no longer emailable);
- another safe channel (phone, text, letter): listed for staff to tell, by that channel;
- no safe channel: listed, so staff know, and nobody is contacted.

The message's task takes the message's id only: queued arguments are stored in plain text.
"""

import datetime

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Min
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _
from wagtail.models import Locale

from enrolment.messaging import Channel, Kind, State, register_kind, send
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
                # Through the envelope, which emails after the commit and robustly: a mail
                # problem never undoes a publish. The notice follows the message's outcome.
                send(
                    invitation.member,
                    Kind.STORY_PUBLISHED,
                    target_id=notice.pk,
                    allowed={Channel.EMAIL},
                )
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


# --- the message ---------------------------------------------------------------------


def story_index_url(story_key, language):
    """The live index holding the story's live version in the language, else in the default
    language, else in any language it is live in, as a full address; "" when the story is
    live nowhere, so no page ever links to a page that does not exist.

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


def absolute(url):
    if url.startswith(("http://", "https://")):
        return url
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + url


def still_tellable(member):
    return tellable_members().filter(pk=member.pk).exists()


def record_message_outcome(message):
    """The notice follows its message: emailed, failed, or (when the member can no longer
    be emailed by the time its turn came) left to staff or marked unreachable."""
    notice = (
        ParticipantNotice.objects.select_related("invitation__member")
        .filter(pk=message.target_id, invitation__member=message.member, outcome=Outcome.QUEUED)
        .first()
    )
    if notice is None:
        return
    member = notice.invitation.member
    if message.state == State.SENT:
        notice.outcome, notice.completed_at = Outcome.SENT, timezone.now()
        notice.save(update_fields=["outcome", "completed_at"])
        audit(
            member,
            "impact.told_of_story",
            data={"activity": notice.invitation.activity_id, "channel": "email"},
        )
    elif message.state == State.FAILED:
        notice.outcome = Outcome.FAILED
        notice.save(update_fields=["outcome"])
    elif message.state == State.CANCELLED:
        outcome, channel = Outcome.NO_SAFE_CHANNEL, ""
        if still_tellable(member):
            outcome, channel = route(member)
        if outcome == Outcome.QUEUED:
            # Still safe by email, but the message's link ended: staff tell them instead.
            outcome = Outcome.STAFF_TO_TELL
        notice.outcome, notice.channel = outcome, channel
        notice.save(update_fields=["outcome", "channel"])


@register_kind(Kind.STORY_PUBLISHED, statuses=TELLABLE_STATUSES, on_outcome=record_message_outcome)
def story_message_page(message):
    """What the email used to say, behind the member's link, with the list of stories in
    the page's language (the member's, where it is known). The page is on the network's
    own site, so the list is linked whatever the member said about naming the office."""
    member = message.member
    notice = ParticipantNotice.objects.filter(
        pk=message.target_id, invitation__member=member
    ).first()
    language = "cy" if (translation.get_language() or "").startswith("cy") else "en"
    return "impact/membership/story_published.html", {
        "heading": _("What came of an activity you took part in"),
        "stories_url": story_index_url(notice.story_key, language) if notice else "",
        "may_say_opcc": member.may_say_opcc,
        **MembershipSettings.contacts_for(member),
    }


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
