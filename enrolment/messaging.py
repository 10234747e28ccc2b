"""Every message the product sends a member, through one envelope.

A message may be read by the person who hurt the member. So:

- it goes only through a channel the member marked safe (email, a letter, a call from
  staff), chosen by `choose_channel`; with none, it is recorded as not sent and staff see
  the member listed, never contacted;
- an email says only that there is a message from the sender name the member agreed to
  (`MembershipSettings.sender_name`), in the member's language (Welsh, then English, when
  it is not known), and links to the content: a signed link for this member and purpose
  (`MemberLink`), which opens a short session (enrolment.membership);
- the content is built when the link is opened, from the records it points at, so nothing
  sensitive waits in a mailbox, a queue or the database's task table;
- each message is recorded (`MemberMessage`) and on the member's history: kind, channel,
  state and times, never content. Email goes through the tasks queue with the retries of
  core.mail; a message whose member can no longer receive it when its turn comes is
  cancelled, so nothing goes to a channel the member has just removed.

Each kind of message registers here (`register_kind`), with the link purpose its message
carries and the statuses of members who may receive it.
"""

import datetime
from dataclasses import dataclass
from functools import partial

from django.conf import settings
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django_tasks import task

from core.mail import MailNotSent, deliver, try_again_later
from core.member_links import make_token

from .audit import audit

# The modules themselves, not enrolment.models: the join form (served by a model's page)
# sends its confirmation through here.
from .models.contact import MemberLink, MemberMessage
from .models.members import Member, Purpose
from .models.membership_settings import MembershipSettings

Kind = MemberMessage.Kind
Channel = MemberMessage.Channel
State = MemberMessage.State
LinkPurpose = MemberLink.Purpose

# Both languages, Welsh first, when a member's language is not known.
BOTH = ("cy", "en")


@dataclass(frozen=True)
class MessageKind:
    kind: str
    # What the message's link opens. A MESSAGE link shows the page built by `page`.
    link_purpose: str = LinkPurpose.MESSAGE
    statuses: tuple = (Member.Status.ACTIVE,)
    needs_contact_consent: bool = True
    # (message) -> (template name, context) for a MESSAGE link's page.
    page: object = None
    # (message) -> None, called after each outcome is recorded (sent, failed, cancelled,
    # posted...), for the record the kind keeps of its own (impact's story notices).
    on_outcome: object = None


KINDS = {}


def register_kind(kind, **options):
    """Register a kind of message; used as a decorator on its page builder, or called."""

    def register(page=None):
        KINDS[kind] = MessageKind(kind=kind, page=page, **options)
        return page

    return register


def may_receive(member, kind):
    spec = KINDS[kind]
    if member.status not in spec.statuses:
        return False
    return not spec.needs_contact_consent or member.has_consent(Purpose.CONTACT)


def choose_channel(member, allowed=None):
    """The channel for a message: the member's preferred one when it is safe, else email,
    a letter, then a call; NONE when no safe channel is also `allowed`.

    Text messages are not a channel the product can send: a member who is safe only by
    text is listed for staff, never contacted.
    """
    safe = member.safe_channels
    order = [member.preferred_contact, Channel.EMAIL, Channel.POST, Channel.PHONE]
    for channel in order:
        sendable = channel in (Channel.EMAIL, Channel.POST, Channel.PHONE) and channel in safe
        if sendable and (allowed is None or channel in allowed):
            return Channel(channel)
    return Channel.NONE


def languages_for(member):
    return (member.language,) if member.language in ("en", "cy") else BOTH


def message_language(member):
    """What a new message to `member` records as its language: theirs, or "" for both."""
    return member.language if member.language in ("en", "cy") else ""


def message_languages(message):
    """The languages a message was made in: the member's, or Welsh then English."""
    return (message.language,) if message.language in ("en", "cy") else BOTH


def issue_link(member, purpose, target_id=None, now=None):
    """A new link for the member and purpose; earlier live ones for the same target end."""
    now = now or timezone.now()
    with transaction.atomic():
        for link in MemberLink.objects.live(now).filter(
            member=member, purpose=purpose, target_id=target_id
        ):
            link.end(MemberLink.Ending.SUPERSEDED)
        return MemberLink.objects.create(
            member=member,
            purpose=purpose,
            target_id=target_id,
            created_at=now,
            expires_at=now + datetime.timedelta(days=MembershipSettings.load().link_days),
            member_status=member.status,
            member_status_changed_at=member.status_changed_at,
        )


def link_url(link, language):
    """The full address that opens `link`, in `language`."""
    with translation.override(language):
        path = reverse("enrolment_public:open_link", kwargs={"token": make_token(link.key)})
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path


INITIAL_STATE = {
    Channel.EMAIL: State.QUEUED,
    Channel.POST: State.TO_PRINT,
    Channel.PHONE: State.TO_CALL,
    Channel.NONE: State.NOT_SENT,
}


def recorded(message, by=None):
    """Put a new message on its member's history and, if it is an email, queue it to go
    after the commit."""
    audit(
        message.member,
        "enrolment.message",
        user=by,
        data={"kind": message.kind, "channel": message.channel, "state": message.state},
    )
    if message.channel == Channel.EMAIL:
        transaction.on_commit(partial(deliver_message.enqueue, message.pk), robust=True)


def send(member, kind, *, target_id=None, by=None, allowed=None):
    """Send one message of `kind` to `member`, or list it for staff to post or call.

    Returns the MemberMessage, or None when the member may not receive this kind (they
    left, say). `target_id` is what the message is about (an invitation's id...);
    `allowed` limits the channels (an activity's). Email is queued after the commit.
    """
    spec = KINDS[kind]
    if not may_receive(member, kind):
        return None
    channel = choose_channel(member, allowed)
    with transaction.atomic():
        message = MemberMessage.objects.create(
            member=member,
            kind=kind,
            channel=channel,
            state=INITIAL_STATE[channel],
            language=message_language(member),
            target_id=target_id,
            created_by=by,
        )
        if channel in (Channel.EMAIL, Channel.POST):
            # A MESSAGE link opens this message; the others open what it is about.
            link_target = message.pk if spec.link_purpose == LinkPurpose.MESSAGE else target_id
            message.link = issue_link(member, spec.link_purpose, link_target)
            message.save(update_fields=["link"])
        recorded(message, by)
    return message


def envelope(message, language=None):
    """(subject, body) of a message's email: who it is from, and the link. Nothing else."""
    member = message.member
    membership = MembershipSettings.load()
    parts = []
    for code in (language,) if language else languages_for(member):
        with translation.override(code):
            context = {
                "sender": membership.sender_name(member, code),
                "url": link_url(message.link, code),
                "expires_on": timezone.localdate(message.link.expires_at),
            }
            subject = render_to_string("enrolment/emails/envelope_subject.txt", context)
            body = render_to_string("enrolment/emails/envelope_body.txt", context)
        parts.append((" ".join(subject.split()), body.strip()))
    subject = " / ".join(dict.fromkeys(subject for subject, _body in parts))
    return subject, "\n\n---\n\n".join(body for _subject, body in parts) + "\n"


# A new email address is confirmed by a link sent to it, and to nothing else: the record's
# safe channels are the old ones, so `send()` cannot be used. This kind is the one
# exception to "only through a channel of the record": the member typed the address on
# their own page, through their own link, and said it is safe to email.
register_kind(
    Kind.CONFIRM_CONTACT,
    link_purpose=LinkPurpose.CONFIRM_CONTACT,
    statuses=(Member.Status.ACTIVE, Member.Status.PENDING, Member.Status.LAPSED),
)()


def send_to_new_email(member, by=None):
    """Email the member's pending address (`Member.pending_email`) a link that confirms it.

    Records and audits the message like `send()`, with the same envelope, and queues it
    after the commit. Returns the MemberMessage, or None when nothing is pending or the
    member may not receive it.
    """
    if not member.pending_email or not may_receive(member, Kind.CONFIRM_CONTACT):
        return None
    with transaction.atomic():
        message = MemberMessage.objects.create(
            member=member,
            kind=Kind.CONFIRM_CONTACT,
            channel=Channel.EMAIL,
            state=State.QUEUED,
            language=message_language(member),
            created_by=by,
            link=issue_link(member, LinkPurpose.CONFIRM_CONTACT),
        )
        recorded(message, by)
    return message


def list_call_to_confirm_phone(member, by=None):
    """Put the member's pending phone number on the staff's call list: the product sends
    no texts, so a new number is confirmed by a call at a time the member said is safe.
    An earlier call still waiting for the member's previous new number is not wanted."""
    with transaction.atomic():
        for earlier in MemberMessage.objects.filter(
            member=member, kind=Kind.CONFIRM_CONTACT, channel=Channel.PHONE, state=State.TO_CALL
        ):
            record_outcome(earlier, State.CANCELLED, by)
        if not member.pending_phone:
            return None
        message = MemberMessage.objects.create(
            member=member,
            kind=Kind.CONFIRM_CONTACT,
            channel=Channel.PHONE,
            state=State.TO_CALL,
            language=message_language(member),
            created_by=by,
        )
        recorded(message, by)
    return message


def cancel_waiting(member, channel, by=None):
    """Nothing goes to a channel the member has just removed: messages still waiting for
    it are cancelled now (the delivery task would also refuse them)."""
    waiting = {
        Channel.EMAIL: State.QUEUED,
        Channel.POST: State.TO_PRINT,
        Channel.PHONE: State.TO_CALL,
    }[channel]
    messages = MemberMessage.objects.filter(member=member, channel=channel, state=waiting)
    for message in messages.exclude(kind=Kind.CONFIRM_CONTACT):
        record_outcome(message, State.CANCELLED, by)


def record_outcome(message, state, by=None):
    message.state = state
    message.completed_at = timezone.now()
    message.save(update_fields=["state", "completed_at"])
    audit(
        message.member,
        "enrolment.message_outcome",
        user=by,
        data={"kind": message.kind, "channel": message.channel, "state": state},
    )
    spec = KINDS.get(message.kind)
    if spec is not None and spec.on_outcome is not None:
        spec.on_outcome(message)


def address_for(message):
    """Where a message's email goes: the record's address, or the new one it confirms."""
    if message.kind == Kind.CONFIRM_CONTACT:
        return message.member.pending_email
    return message.member.email


def still_deliverable(message):
    member = message.member
    if message.kind == Kind.CONFIRM_CONTACT:
        reachable = bool(member.pending_email)
    else:
        reachable = Channel.EMAIL in member.safe_channels
    return (
        may_receive(member, message.kind)
        and reachable
        and (message.link is None or message.link.is_live())
    )


@task()
def deliver_message(message_id, attempt=1):
    """Email one queued message. Takes the message's id only: queued arguments are
    stored in plain text."""
    message = (
        MemberMessage.objects.select_related("member", "link")
        .filter(pk=message_id, state=State.QUEUED)
        .first()
    )
    if message is None:
        return "nothing to send"
    if not still_deliverable(message):
        # Their plan or status changed since it was queued: nothing goes out.
        record_outcome(message, State.CANCELLED)
        return "cancelled"
    subject, body = envelope(message)
    what = f"the {message.kind} message to {message.member}"
    try:
        deliver(subject, body, address_for(message), what)
    except MailNotSent:
        # Still queued while a retry is waiting; failed once the retries are used up.
        if not try_again_later(deliver_message, (message_id,), attempt, what):
            record_outcome(message, State.FAILED)
        raise
    record_outcome(message, State.SENT)
    return "sent"


def letter(message, today=None):
    """What a printed letter for `message` shows: the window (sender, name, address) and,
    in each of its languages, the sender and the link. Staff screens only: it decrypts the
    address, and showing it is audited by the screen."""
    member = message.member
    membership = MembershipSettings.load()
    parts = []
    for language in message_languages(message):
        with translation.override(language):
            parts.append(
                {
                    "language": language,
                    "sender": membership.sender_name(member, language),
                    "url": link_url(message.link, language) if message.link else "",
                }
            )
    return {
        "message": message,
        "member": member,
        "name": member.preferred_name or member.name,
        "postal_name": member.name or member.preferred_name,
        "address_lines": [line for line in member.address.splitlines() if line.strip()],
        "sender": parts[0]["sender"],
        "parts": parts,
        "today": today or timezone.localdate(),
        "expires_on": timezone.localdate(message.link.expires_at) if message.link else None,
        **MembershipSettings.contacts_for(member),
    }
