"""Sending an activity's invitation through the product, and the pages for each channel.

- Preview: the envelope email and the page behind its link, as an English-language and
  as a Welsh-language member will see them.
- Send: the members targeting proposes, ticked; each is invited once and gets the
  invitation by the safe channel the product chooses (impact.sending).
- Sent: every invitation message by channel and state; members with no safe channel are
  listed by reference only, never contacted.
- Letters: a page to print, one letter per member in their language, then marked posted.
- Call list: for each member to call, the safe-contact plan first, then what to say; the
  call and the answer are recorded.

The letters and the call list show addresses and phone numbers: each showing is written to
every member's history, as an export is.
"""

import datetime

from django import forms
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils import timezone
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.cache import never_cache
from django.views.generic import TemplateView
from wagtail.admin import messages

from enrolment.messaging import (
    Channel,
    State,
    envelope,
    letter,
    may_receive,
    message_languages,
    record_outcome,
)
from enrolment.models import Member, MemberLink, MemberMessage, MembershipSettings

from .. import targeting
from ..audit import audit, audit_each
from ..models import ImpactSettings, Invitation
from ..permissions import can, may_see_targeting
from ..sending import CHANNEL_LABELS, KIND, invitation_messages, planned_channel, send_invitations
from .base import ActivityPageMixin, activity_url
from .invitations import CLOSED_STATUSES, InviteFormSet, InviteView

LANGUAGES = (
    ("en", gettext_lazy("As an English-language member")),
    ("cy", gettext_lazy("As a Welsh-language member")),
)


def missing_messages(activity):
    """What stops the invitation being sent, in words for staff."""
    labels = {
        "invitation_purpose": _("What it is for"),
        "invitation_involves": _("What taking part involves"),
        "invitation_when": _("When"),
        "invitation_support": _("Where to find support"),
        "closes_on": _("Closing date"),
    }
    return [f"{labels[name]}: {message}" for name, message in activity.invitation_missing()]


# --- preview ----------------------------------------------------------------------------


def sample_message(language):
    """An unsaved message to a made-up member in `language`, for the preview: the neutral
    sender name, and a link that opens nothing."""
    member = Member(language=language, may_say_opcc=False)
    now = timezone.now()
    link = MemberLink(
        member=member,
        purpose=MemberLink.Purpose.INVITATION,
        key="preview",
        expires_at=now + datetime.timedelta(days=MembershipSettings.load().link_days),
    )
    return MemberMessage(
        member=member, kind=KIND, channel=Channel.EMAIL, language=language, link=link
    )


class PreviewView(ActivityPageMixin, TemplateView):
    template_name = "impact/admin/invitations/preview.html"
    page_title = gettext_lazy("Preview the invitation")
    header_icon = "view"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        previews = []
        for language, label in LANGUAGES:
            subject, body = envelope(sample_message(language), language)
            previews.append(
                {"language": language, "label": label, "subject": subject, "body": body}
            )
        context.update(
            edit_url=activity_url("edit", self.activity),
            previews=previews,
            missing=missing_messages(self.activity),
            send_url=send_url(self.request, self.activity),
        )
        return context


# --- sending ----------------------------------------------------------------------------


def send_url(request, activity):
    if can(request.user, "add", Invitation) and activity.status not in CLOSED_STATUSES:
        return activity_url("send_invitation", activity)
    return None


class SendInvitationView(InviteView):
    """The invite screen, sending: the product chooses each member's channel."""

    template_name = "impact/admin/invitations/send.html"
    page_title = gettext_lazy("Send the invitation")

    def rows(self, formset):
        rows = super().rows(formset)
        for row in rows:
            channel = planned_channel(row["member"], self.activity)
            row["planned"] = CHANNEL_LABELS[channel]
            row["reachable"] = channel != Channel.NONE
        return rows

    def render_page(self, targeted, formset=None):
        self.missing = missing_messages(self.activity)
        return super().render_page(targeted, formset)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["missing"] = self.missing
        context["edit_url"] = activity_url("edit", self.activity)
        context["preview_url"] = activity_url("preview_invitation", self.activity)
        return context

    def post(self, request, *args, **kwargs):
        if self.is_closed:
            messages.error(request, _("This activity is closed: nobody more can be invited."))
            return redirect(self.activity_page_url)
        targeted = targeting.propose(self.activity)
        if self.activity.invitation_missing():
            self.errors = [_("The invitation is not ready to send.")]
            return self.render_page(targeted)
        formset = InviteFormSet(request.POST, proposals=targeted.proposals)
        gone = formset.not_proposed()
        if not formset.is_valid():
            self.errors = formset.error_list()
            return self.render_page(targeted, formset)
        ticked = [form.proposal.member.pk for form in formset.ticked()]
        sent = send_invitations(self.activity, ticked, request.user)
        gone |= sent.left_out
        by_channel = sent.by_channel
        messages.success(
            request,
            ngettext(
                "%(count)s invitation made: %(email)s emailed, %(post)s to print, %(phone)s to "
                "call, %(none)s with no safe channel.",
                "%(count)s invitations made: %(email)s emailed, %(post)s to print, %(phone)s to "
                "call, %(none)s with no safe channel.",
                sent.count,
            )
            % {
                "count": sent.count,
                "email": by_channel.get(Channel.EMAIL, 0),
                "post": by_channel.get(Channel.POST, 0),
                "phone": by_channel.get(Channel.PHONE, 0),
                "none": by_channel.get(Channel.NONE, 0),
            },
        )
        if gone:
            messages.warning(
                request,
                ngettext(
                    "%(count)s member ticked could not be invited and was left out.",
                    "%(count)s members ticked could not be invited and were left out.",
                    len(gone),
                )
                % {"count": len(gone)},
            )
        return redirect(activity_url("sent_invitations", self.activity))


# --- what was sent ----------------------------------------------------------------------


def messages_by_channel(activity):
    """{channel: [message]} of the activity's invitation messages, by member reference."""
    found = (
        invitation_messages(activity)
        .select_related("member")
        .only(
            "pk",
            "channel",
            "state",
            "language",
            "created_at",
            "completed_at",
            "member__id",
            "member__reference",
        )
        .order_by("member__reference", "-created_at")
    )
    groups = {channel: [] for channel in Channel.values}
    for message in found:
        groups[message.channel].append(message)
    return groups


class SentView(ActivityPageMixin, TemplateView):
    model = Invitation
    shows_targeting = True
    template_name = "impact/admin/invitations/sent.html"
    page_title = gettext_lazy("Invitations sent")
    header_icon = "mail"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        groups = messages_by_channel(self.activity)
        context.update(
            emailed=groups[Channel.EMAIL],
            letters=groups[Channel.POST],
            calls=groups[Channel.PHONE],
            no_channel=groups[Channel.NONE],
            letters_url=activity_url("invitation_letters", self.activity),
            call_list_url=activity_url("call_list", self.activity),
        )
        return context


# --- letters ----------------------------------------------------------------------------


def still_safe(message, channel):
    """Whether the member may still be sent this invitation by `channel`."""
    member = message.member
    return (
        may_receive(member, message.kind)
        and channel in member.safe_channels
        and (message.link is None or message.link.is_live())
    )


def waiting(activity, channel, state):
    return list(
        invitation_messages(activity)
        .filter(channel=channel, state=state)
        .select_related("member", "link")
        .order_by("member__reference")
    )


@method_decorator(never_cache, name="dispatch")
class LettersView(ActivityPageMixin, TemplateView):
    """The letters waiting to be printed, one page each. Printing is the staff member's
    browser; marking them posted is a separate step, once they are in the post."""

    model = Invitation
    permission_required = "change"
    shows_targeting = True
    template_name = "impact/admin/invitations/letters.html"
    page_title = gettext_lazy("Invitation letters to print")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        found = waiting(self.activity, Channel.POST, State.TO_PRINT)
        printable = [message for message in found if still_safe(message, Channel.POST)]
        stopped = [message for message in found if message not in printable]
        reply_address = ImpactSettings.load().letter_reply_address
        today = timezone.localdate()
        letters = [
            {**letter(message, today), "reply_address": reply_address} for message in printable
        ]
        if letters:
            audit_each(
                [message.member for message in printable],
                "impact.in_letters",
                user=self.request.user,
                data={"activity": self.activity.pk},
            )
            audit(
                self.activity,
                "impact.letters_printed",
                user=self.request.user,
                data={"count": len(letters)},
            )
        context.update(
            letters=letters,
            stopped=stopped,
            posted_url=activity_url("letters_posted", self.activity),
            sent_url=activity_url("sent_invitations", self.activity),
        )
        return context


class LettersPostedView(ActivityPageMixin, TemplateView):
    """POST: the ticked letters are in the post."""

    model = Invitation
    permission_required = "change"
    shows_targeting = True
    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        ids = ticked_ids(request.POST, "letter")
        found = [
            message
            for message in waiting(self.activity, Channel.POST, State.TO_PRINT)
            if message.pk in ids
        ]
        with transaction.atomic():
            for message in found:
                record_outcome_once(message, State.TO_PRINT, State.POSTED, request.user)
        if found:
            messages.success(
                request,
                ngettext(
                    "%(count)s letter marked as posted.",
                    "%(count)s letters marked as posted.",
                    len(found),
                )
                % {"count": len(found)},
            )
        else:
            messages.info(request, _("No letter was ticked, so nothing was marked as posted."))
        return redirect(activity_url("sent_invitations", self.activity))


def ticked_ids(data, name):
    """The ids posted under `name`: plain ASCII digits only (int() would read "٣" as 3)."""
    return {
        int(value)
        for value in data.getlist(name)
        if value.isascii() and value.isdigit() and len(value) < 19
    }


def record_outcome_once(message, waiting_state, state, user):
    """Record the outcome of a message still waiting for it; not when a colleague (or a
    second click) already did."""
    locked = MemberMessage.objects.select_for_update().filter(pk=message.pk).first()
    if locked is None or locked.state != waiting_state:
        return False
    record_outcome(message, state, by=user)
    return True


# --- the call list ----------------------------------------------------------------------


class CallAnswerForm(forms.Form):
    ACCEPTED = Invitation.State.ACCEPTED
    DECLINED = Invitation.State.DECLINED
    UNDECIDED = "undecided"

    answer = forms.ChoiceField(
        label=gettext_lazy("Their answer"),
        widget=forms.RadioSelect,
        choices=[
            (ACCEPTED, gettext_lazy("Yes: they would like to take part")),
            (DECLINED, gettext_lazy("No, thank you")),
            (UNDECIDED, gettext_lazy("Not decided yet")),
        ],
        error_messages={"required": gettext_lazy("Choose their answer.")},
    )


def call_entry(message, invitations):
    member = message.member
    return {
        "message": message,
        "member": member,
        "name": member.preferred_name or member.name,
        "languages": message_languages(message),
        "invitation": invitations.get(message.target_id),
        "has_notes": bool(member.safe_contact_notes.strip()),
        "form": CallAnswerForm(prefix=f"call-{message.pk}"),
    }


@method_decorator(never_cache, name="dispatch")
class CallListView(ActivityPageMixin, TemplateView):
    """For each member to call: first how to call them safely, then what to say."""

    model = Invitation
    permission_required = "change"
    shows_targeting = True
    template_name = "impact/admin/invitations/call_list.html"
    page_title = gettext_lazy("Call list")
    header_icon = "mobile-alt"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        found = waiting(self.activity, Channel.PHONE, State.TO_CALL)
        callable_ = [message for message in found if still_safe(message, Channel.PHONE)]
        invitations = Invitation.objects.in_bulk([message.target_id for message in callable_])
        calls = [call_entry(message, invitations) for message in callable_]
        if calls:
            audit_each(
                [message.member for message in callable_],
                "impact.on_call_list",
                user=self.request.user,
                data={"activity": self.activity.pk},
            )
            audit(
                self.activity,
                "impact.call_list",
                user=self.request.user,
                data={"count": len(calls)},
            )
        context.update(
            calls=calls,
            stopped=[message for message in found if message not in callable_],
            sent_url=activity_url("sent_invitations", self.activity),
        )
        return context


class RecordCallView(ActivityPageMixin, TemplateView):
    """POST: the member was called; their answer sets the invitation's state."""

    model = Invitation
    permission_required = "change"
    shows_targeting = True
    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        message = get_object_or_404(
            invitation_messages(self.activity).select_related("member"),
            pk=kwargs["message_pk"],
            channel=Channel.PHONE,
        )
        reference = message.member.reference
        form = CallAnswerForm(request.POST, prefix=f"call-{message.pk}")
        if not form.is_valid():
            messages.error(
                request,
                _("Nothing was recorded for %(reference)s: choose their answer.")
                % {"reference": reference},
            )
            return redirect(activity_url("call_list", self.activity))
        answer = form.cleaned_data["answer"]
        with transaction.atomic():
            if not record_outcome_once(message, State.TO_CALL, State.CALLED, request.user):
                messages.info(
                    request,
                    _("The call to %(reference)s was already recorded.") % {"reference": reference},
                )
                return redirect(activity_url("call_list", self.activity))
            audit(
                message.member,
                "impact.called",
                user=request.user,
                data={"activity": self.activity.pk, "answer": answer},
            )
            invitation = Invitation.objects.filter(
                pk=message.target_id, activity=self.activity
            ).first()
            if invitation is not None and answer in (form.ACCEPTED, form.DECLINED):
                invitation.state = answer
                invitation.state_changed_at = timezone.now()
                invitation.save(update_fields=["state", "state_changed_at"])
                audit(
                    message.member,
                    "impact.invitation_state",
                    user=request.user,
                    data={"activity": self.activity.pk, "state": answer},
                )
        messages.success(
            request, _("The call to %(reference)s is recorded.") % {"reference": reference}
        )
        return redirect(activity_url("call_list", self.activity))


urlpatterns = [
    path("<int:pk>/invitations/preview/", PreviewView.as_view(), name="preview_invitation"),
    path("<int:pk>/invitations/send/", SendInvitationView.as_view(), name="send_invitation"),
    path("<int:pk>/invitations/sent/", SentView.as_view(), name="sent_invitations"),
    path("<int:pk>/invitations/letters/", LettersView.as_view(), name="invitation_letters"),
    path(
        "<int:pk>/invitations/letters/posted/", LettersPostedView.as_view(), name="letters_posted"
    ),
    path("<int:pk>/invitations/calls/", CallListView.as_view(), name="call_list"),
    path(
        "<int:pk>/invitations/calls/<int:message_pk>/",
        RecordCallView.as_view(),
        name="record_call",
    ),
]


def waiting_elsewhere(found):
    """For enrolment's letters and calls: an invitation is printed and called from its
    activity's own pages, which carry the activity's details. {message id: address}."""
    invitation_ids = {message.target_id for message in found if message.kind == KIND}
    activities = dict(
        Invitation.objects.filter(pk__in=invitation_ids).values_list("pk", "activity_id")
    )
    pages = {}
    for message in found:
        activity_id = activities.get(message.target_id) if message.kind == KIND else None
        if activity_id is not None:
            name = "invitation_letters" if message.channel == Channel.POST else "call_list"
            pages[message.pk] = reverse(f"impact_activities:{name}", args=[activity_id])
    return pages


# --- the activity page ------------------------------------------------------------------


def page_context(request, activity):
    counts = {}
    for channel, state in invitation_messages(activity).values_list("channel", "state"):
        counts[(channel, state)] = counts.get((channel, state), 0) + 1

    def count(channel, *states):
        return sum(counts.get((channel, state), 0) for state in states)

    may_see = may_see_targeting(request.user, activity)
    return {
        "sending": {
            "any": bool(counts),
            "preview_url": activity_url("preview_invitation", activity),
            "send_url": send_url(request, activity),
            "missing": missing_messages(activity),
            "sent_url": activity_url("sent_invitations", activity) if may_see else None,
            "letters_url": activity_url("invitation_letters", activity),
            "call_list_url": activity_url("call_list", activity),
            "email": {
                "queued": count(Channel.EMAIL, State.QUEUED),
                "sent": count(Channel.EMAIL, State.SENT),
                "failed": count(Channel.EMAIL, State.FAILED),
                "cancelled": count(Channel.EMAIL, State.CANCELLED),
            },
            "letters": {
                "to_print": count(Channel.POST, State.TO_PRINT),
                "posted": count(Channel.POST, State.POSTED),
            },
            "calls": {
                "to_call": count(Channel.PHONE, State.TO_CALL),
                "called": count(Channel.PHONE, State.CALLED),
            },
            "no_channel": count(Channel.NONE, State.NOT_SENT),
        }
    }
