"""Sending an update to members, and the page it opens.

An update goes through enrolment's one envelope (kind "update"): each member gets, through
a channel they marked safe and in their language, only a note that there is a message, and
a link. The link opens the update's page, built when it is opened, in the page's language.

Who receives it depends on its purpose:

- "how your feedback was used": the members who took part in its activity;
- "the privacy notice has changed": every active member; their page asks them to
  re-confirm their consent to be contacted against the current notice, which they can do
  right there;
- a general update: the members its criteria pick out (those of impact.targeting).

In every case only active members who currently agree to be contacted, and whose term
has not ended.
"""

from django.db import transaction
from django.db.models import Count
from django.http import Http404
from django.shortcuts import render
from django.utils import timezone, translation
from django.views.decorators.http import require_POST

from core.http import SeeOther
from enrolment.audit import audit as audit_member
from enrolment.membership import DESTINATIONS, member_session
from enrolment.messaging import LinkPurpose, register_kind, send
from enrolment.models import (
    ConsentRecord,
    Member,
    MemberMessage,
    MembershipSettings,
    PrivacyNotice,
    Purpose,
)

from .audit import audit
from .models import Invitation, MemberUpdate
from .targeting import matching_criteria

KIND = MemberMessage.Kind.UPDATE
Channel = MemberMessage.Channel


class AlreadySent(Exception):
    pass


class NotReady(Exception):
    """Something needed for sending is missing (the Welsh, say)."""


def audience(update, today=None):
    """The members the update is for, as a queryset (nothing decrypted yet)."""
    today = today or timezone.localdate()
    members = Member.objects.contactable().exclude(term_ends_on__lt=today)
    if update.purpose == MemberUpdate.Purpose.FEEDBACK_USED:
        if update.activity_id is None:
            return Member.objects.none()
        took_part = Invitation.objects.filter(
            activity_id=update.activity_id, state=Invitation.State.TOOK_PART
        ).values("member_id")
        return members.filter(pk__in=took_part)
    if update.purpose == MemberUpdate.Purpose.GENERAL:
        return matching_criteria(members, update)
    return members


def send_update(update, by):
    """Send the update to its audience, once. Returns the counts by channel.

    The row is locked and checked again inside the transaction, so a second click (or a
    second colleague) sends nothing more: AlreadySent.
    """
    with transaction.atomic():
        locked = MemberUpdate.objects.select_for_update().get(pk=update.pk)
        if locked.is_sent:
            raise AlreadySent
        if locked.missing_for_sending() or (
            locked.purpose == MemberUpdate.Purpose.FEEDBACK_USED and locked.activity_id is None
        ):
            raise NotReady
        counts = {channel: 0 for channel in Channel.values}
        for member in audience(locked).order_by("pk"):
            message = send(member, KIND, target_id=locked.pk, by=by)
            if message is not None:
                counts[message.channel] += 1
        locked.sent_at = timezone.now()
        locked.sent_by = by
        locked.counts = counts
        locked.save(update_fields=["sent_at", "sent_by", "counts"])
        audit(locked, "impact.update_sent", user=by, data={"purpose": locked.purpose, **counts})
    return counts


def messages_of(update):
    return MemberMessage.objects.filter(kind=KIND, target_id=update.pk)


def states_of(update):
    """{state: count} of the update's messages now."""
    rows = messages_of(update).values("state").annotate(count=Count("pk"))
    return {row["state"]: row["count"] for row in rows}


# --- the member's page ------------------------------------------------------------------


def reconfirmed(member, notice):
    """Whether the member's newest answer on contact is yes, under this notice's version."""
    latest = (
        ConsentRecord.objects.filter(member=member, purpose=Purpose.CONTACT)
        .order_by("-recorded_at", "-pk")
        .first()
    )
    return bool(latest and latest.granted and notice and latest.notice_version == notice.version)


def page_context(update, member, language):
    title, body = update.text_in(language)
    context = {"heading": title, "update": update, "body": body}
    if update.purpose == MemberUpdate.Purpose.PRIVACY_NOTICE:
        notice = PrivacyNotice.current_in_language(language)
        context.update(
            {
                "asks_to_reconfirm": True,
                "notice": notice,
                "reconfirmed": reconfirmed(member, notice),
            }
        )
    return context


@register_kind(KIND)
def update_page(message):
    update = MemberUpdate.objects.filter(pk=message.target_id, sent_at__isnull=False).first()
    if update is None:
        raise Http404
    language = translation.get_language() or "en"
    return "impact/membership/update.html", page_context(update, message.member, language)


def _message_of_link(link, member):
    """For a MESSAGE link, the update message it was sent with; None otherwise."""
    if link.purpose != LinkPurpose.MESSAGE:
        return None
    return MemberMessage.objects.filter(pk=link.target_id, member=member, kind=KIND).first()


def _render(request, template, context, status=200):
    context = {"membership": MembershipSettings.load(), **context}
    response = render(request, template, context, status=status)
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response


def _update_of(message):
    if message is None:
        return None
    return MemberUpdate.objects.filter(pk=message.target_id, sent_at__isnull=False).first()


def _page(request, message, member, language, status=200, **extra):
    """The update's page (MESSAGE link), or the re-confirm page alone (MANAGE link)."""
    update = _update_of(message)
    if update is not None:
        context = page_context(update, member, language)
        template = "impact/membership/update.html"
    else:
        notice = PrivacyNotice.current_in_language(language)
        context = {"notice": notice, "reconfirmed": reconfirmed(member, notice)}
        template = "impact/membership/reconfirm.html"
    return _render(request, template, {"message": message, **context, **extra}, status=status)


@require_POST
@member_session(LinkPurpose.MESSAGE, LinkPurpose.MANAGE)
def reconfirm(request):
    """Consent to be contacted, given again under the current privacy notice, in the
    language the member read it in. Once is enough: a second click records nothing."""
    member, link = request.member, request.member_link
    message = _message_of_link(link, member)
    update = _update_of(message)
    if link.purpose == LinkPurpose.MESSAGE and (
        update is None or update.purpose != MemberUpdate.Purpose.PRIVACY_NOTICE
    ):
        # Only a privacy notice update asks for this; anything else is not ours to record.
        return SeeOther(DESTINATIONS[link.purpose](link))
    language = translation.get_language() or "en"
    notice = PrivacyNotice.current_in_language(language)
    shown = request.POST.get("notice", "")
    if notice is not None and shown != str(notice.pk):
        # A newer notice was published while they read the page: show it to them first.
        return _page(request, message, member, language, status=409, notice_changed=True)
    with transaction.atomic():
        member = Member.objects.select_for_update().get(pk=member.pk)
        if member.status == Member.Status.ACTIVE and not reconfirmed(member, notice):
            member.record_consent(
                Purpose.CONTACT,
                True,
                notice=notice,
                channel=ConsentRecord.Channel.MEMBER_LINK,
                language=language,
            )
            audit_member(
                member,
                "enrolment.consent",
                data={
                    "purposes": [Purpose.CONTACT],
                    "granted": True,
                    "channel": ConsentRecord.Channel.MEMBER_LINK,
                    "notice_version": notice.version if notice else "",
                },
            )
    if link.purpose == LinkPurpose.MESSAGE:
        return SeeOther(DESTINATIONS[link.purpose](link))
    # A member's own page (a MANAGE link) says it is done on a page of its own.
    return _page(request, message, member, language)
