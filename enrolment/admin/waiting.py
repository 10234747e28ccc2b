"""Letters and calls: every message waiting for staff to post or to make as a call.

`enrolment.messaging.send()` leaves a message for a member reached by post as "to print"
and by phone as "to call". This area lists them all, by kind and age, the member named by
reference only; prints the letters; and gives the call list.

- A letter is the envelope on paper: who it is from (the name the member agreed to), the
  member's link and when it ends, and the team's phone only where the member allows the
  office to be named. Nothing else: whoever opens the post may be the person who hurt them.
- A call starts with the member's safe-contact plan, then what to say for its kind; a
  renewal answer given on the call has the same effects as on the member's own page.
- Invitations are printed and called from their activity's own pages (with the activity's
  details), which impact points to through the ``waiting_messages_elsewhere`` hook: each
  function gets the waiting messages and returns {message id: address of that page}.
- A message whose member can no longer receive it (they left, were erased, the channel is
  no longer safe, the link ended) is never printed or called: it is marked cancelled.

Showing the letters (names, addresses) and the call list (phone numbers) is written to
each member's history, as an export is.
"""

from django import forms
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Q
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils import timezone
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views import View
from django.views.decorators.cache import never_cache
from django.views.generic import TemplateView
from wagtail import hooks
from wagtail.admin import messages
from wagtail.admin.menu import MenuItem
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.utils.urlpatterns import decorate_urlpatterns

from core.dates import day

from ..audit import audit_each
from ..messaging import Channel, Kind, State, letter, may_receive, record_outcome
from ..messaging import send as send_message
from ..models import ConsentRecord, Member, MemberMessage, PrivacyNotice
from ..permissions import ANY_MEMBER_ACCESS, access_required, can, member_policy
from ..renewal import Answer, may_answer, record_answer, renew_with_consent
from .views import member_url

NAMESPACE = "enrolment_waiting"
# The state a message waits in for each channel staff act on.
WAITING = {Channel.POST: State.TO_PRINT, Channel.PHONE: State.TO_CALL}
DONE = {Channel.POST: State.POSTED, Channel.PHONE: State.CALLED}


def waiting_url(name, *args):
    return reverse(f"{NAMESPACE}:{name}", args=args)


def waiting_messages(channel=None):
    """Every message waiting for staff, oldest first."""
    channels = [channel] if channel else list(WAITING)
    match = Q()
    for each in channels:
        match |= Q(channel=each, state=WAITING[each])
    return (
        MemberMessage.objects.filter(match)
        .select_related("member", "link")
        .order_by("created_at", "pk")
    )


def pages_elsewhere(found):
    """{message id: address} of the messages printed or called from another page."""
    pages = {}
    for pages_for in hooks.get_hooks("waiting_messages_elsewhere"):
        pages.update(pages_for(found))
    return pages


def can_still_receive(message):
    """Whether the member may still be sent this message by its channel."""
    member = message.member
    if not may_receive(member, message.kind):
        return False
    if message.channel == Channel.POST:
        return (
            Channel.POST in member.safe_channels
            and message.link is not None
            and message.link.is_live()
        )
    if message.kind == Kind.CONFIRM_CONTACT:
        # The call goes to the new number the member gave, not yet on the record.
        return bool(member.pending_phone)
    return Channel.PHONE in member.safe_channels


def record_outcome_once(message, state, user):
    """Record the outcome of a message still waiting; not when a colleague (or a second
    click) already did. Call inside a transaction."""
    locked = MemberMessage.objects.select_for_update().filter(pk=message.pk).first()
    if locked is None or locked.state != WAITING.get(locked.channel):
        return False
    record_outcome(message, state, by=user)
    return True


def sort_out(found, user):
    """(to act on here, {message id: page elsewhere}, cancelled now) of `found`.

    A message its member can no longer receive is cancelled here and now, so that no
    colleague prints or calls it later from an older list."""
    elsewhere = pages_elsewhere(found)
    here, cancelled = [], []
    for message in found:
        if message.pk in elsewhere:
            continue
        if can_still_receive(message):
            here.append(message)
            continue
        with transaction.atomic():
            if record_outcome_once(message, State.CANCELLED, user):
                cancelled.append(message)
    return here, elsewhere, cancelled


def ticked_ids(data, name):
    """The ids posted under `name`: plain ASCII digits only (int() would read "٣" as 3)."""
    return {
        int(value)
        for value in data.getlist(name)
        if value.isascii() and value.isdigit() and len(value) < 19
    }


def require(user, action):
    if not can(user, action):
        raise PermissionDenied


# --- the list -----------------------------------------------------------------------------


def counts_by_kind(found):
    """[{kind label, letters, calls}] for each kind with anything waiting."""
    counts = {}
    for message in found:
        row = counts.setdefault(
            message.kind, {"label": message.get_kind_display(), "letters": 0, "calls": 0}
        )
        row["letters" if message.channel == Channel.POST else "calls"] += 1
    return [counts[kind] for kind in Kind.values if kind in counts]


@method_decorator(never_cache, name="dispatch")
class WaitingView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "enrolment/admin/waiting/index.html"
    page_title = gettext_lazy("Letters and calls")
    header_icon = "mail"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        found = list(waiting_messages())
        here, elsewhere, cancelled = sort_out(found, self.request.user)
        rows_elsewhere = [
            {"message": message, "url": elsewhere[message.pk]}
            for message in found
            if message.pk in elsewhere
        ]
        context.update(
            counts=counts_by_kind([m for m in found if m not in cancelled]),
            letters=[message for message in here if message.channel == Channel.POST],
            calls=[message for message in here if message.channel == Channel.PHONE],
            elsewhere=rows_elsewhere,
            cancelled=cancelled,
            letters_url=waiting_url("letters"),
            calls_url=waiting_url("calls"),
            may_act=can(self.request.user, "change"),
        )
        return context


# --- letters ------------------------------------------------------------------------------


class LettersView(TemplateView):
    """The letters to print, one page each: those ticked on the list, or all waiting.
    Printing is the browser's; marking them posted is a separate step."""

    template_name = "enrolment/admin/waiting/letters.html"

    def dispatch(self, request, *args, **kwargs):
        require(request.user, "change")
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        found = list(waiting_messages(Channel.POST))
        chosen = ticked_ids(self.request.GET, "message")
        if chosen:
            found = [message for message in found if message.pk in chosen]
        here, _elsewhere, cancelled = sort_out(found, self.request.user)
        letters = [letter(message, timezone.localdate()) for message in here]
        if here:
            audit_each(
                [message.member for message in here],
                "enrolment.in_letters",
                user=self.request.user,
                data={"kinds": sorted({message.kind for message in here})},
            )
        context.update(
            page_title=_("Letters to print"),
            letters=letters,
            cancelled=cancelled,
            posted_url=waiting_url("letters_posted"),
            back_url=waiting_url("index"),
        )
        return context


class LettersPostedView(View):
    """POST: the ticked letters are in the post."""

    def post(self, request):
        require(request.user, "change")
        ids = ticked_ids(request.POST, "letter")
        found = [message for message in waiting_messages(Channel.POST) if message.pk in ids]
        posted = 0
        with transaction.atomic():
            for message in found:
                posted += record_outcome_once(message, State.POSTED, request.user)
        if posted:
            messages.success(
                request,
                ngettext(
                    "%(count)s letter marked as posted.",
                    "%(count)s letters marked as posted.",
                    posted,
                )
                % {"count": posted},
            )
        else:
            messages.info(request, _("No letter was ticked, so nothing was marked as posted."))
        return redirect(waiting_url("index"))


# --- calls --------------------------------------------------------------------------------


class RenewalCallForm(forms.Form):
    UNDECIDED = "undecided"

    answer = forms.ChoiceField(
        label=gettext_lazy("Their answer"),
        widget=forms.RadioSelect,
        choices=[
            (Answer.YES, gettext_lazy("Yes: another three years")),
            (Answer.NO, gettext_lazy("No: they do not want another term")),
            (UNDECIDED, gettext_lazy("Not decided yet")),
        ],
        error_messages={"required": gettext_lazy("Choose their answer.")},
    )


class UpdateCallForm(forms.Form):
    NEITHER = "neither"

    send_by = forms.ChoiceField(
        label=gettext_lazy("How they would like the update"),
        widget=forms.RadioSelect,
        error_messages={"required": gettext_lazy("Choose how they would like it.")},
    )

    def __init__(self, *args, member, **kwargs):
        super().__init__(*args, **kwargs)
        safe = member.safe_channels
        choices = []
        if Channel.EMAIL in safe:
            choices.append((Channel.EMAIL, _("Email it to them")))
        if Channel.POST in safe:
            choices.append((Channel.POST, _("Post it to them")))
        choices.append((self.NEITHER, _("Neither: the call was enough")))
        self.fields["send_by"].choices = choices


class CalledForm(forms.Form):
    """A call with nothing to record but that it was made."""


def call_form(message, data=None):
    prefix = f"call-{message.pk}"
    if message.kind == Kind.RENEWAL:
        return RenewalCallForm(data, prefix=prefix)
    if message.kind == Kind.UPDATE:
        return UpdateCallForm(data, prefix=prefix, member=message.member)
    return CalledForm(data, prefix=prefix)


def call_entry(message):
    member = message.member
    confirming = message.kind == Kind.CONFIRM_CONTACT
    return {
        "message": message,
        "member": member,
        "name": member.preferred_name or member.name,
        "phone": member.pending_phone if confirming else member.phone,
        "has_notes": bool(member.safe_contact_notes.strip()),
        "form": call_form(message),
        "confirm_phone_url": member_url("confirm_phone", member) if confirming else "",
        "record_url": member_url("inspect", member),
        "action_url": waiting_url("record_call", message.pk),
    }


@method_decorator(never_cache, name="dispatch")
class CallsView(WagtailAdminTemplateMixin, TemplateView):
    """For each member to call: first how to call them safely, then what to say."""

    template_name = "enrolment/admin/waiting/calls.html"
    page_title = gettext_lazy("Calls to make")
    header_icon = "mobile-alt"

    def dispatch(self, request, *args, **kwargs):
        require(request.user, "change")
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        here, _elsewhere, cancelled = sort_out(
            list(waiting_messages(Channel.PHONE)), self.request.user
        )
        if here:
            audit_each(
                [message.member for message in here],
                "enrolment.on_call_list",
                user=self.request.user,
                data={"kinds": sorted({message.kind for message in here})},
            )
        context.update(
            calls=[call_entry(message) for message in here],
            cancelled=cancelled,
            back_url=waiting_url("index"),
        )
        return context


def answer_renewal(message, answer, user):
    """The member's answer, given on the call: the same effects as on their renewal page."""
    member = Member.objects.select_for_update().get(pk=message.member_id)
    if answer == RenewalCallForm.UNDECIDED:
        return _("Nothing about renewing was recorded.")
    if not may_answer(member):
        return _("Their membership cannot be renewed now, so the answer was not recorded.")
    if answer == Answer.NO:
        record_answer(member, Answer.NO, ConsentRecord.Channel.PHONE, user)
        return _("Recorded: they do not want another term.")
    notice = PrivacyNotice.current_in_language(member.language or "en")
    renew_with_consent(
        member, notice, channel=ConsentRecord.Channel.PHONE, language=member.language, user=user
    )
    return _("Renewed until %(date)s.") % {"date": day(member.term_ends_on)}


def send_update_again(message, channel, user):
    """The update they were told about on the call, sent by the channel they chose."""
    if channel == UpdateCallForm.NEITHER:
        return ""
    sent = send_message(
        message.member, Kind.UPDATE, target_id=message.target_id, by=user, allowed=(channel,)
    )
    if sent is None or sent.channel == Channel.NONE:
        return _("The update could not be sent that way: check their record.")
    if sent.channel == Channel.POST:
        return _("The update is waiting with the letters to print.")
    return _("The update is being emailed.")


class RecordCallView(View):
    """POST: the member was called, and what they said."""

    def post(self, request, message_pk):
        require(request.user, "change")
        message = get_object_or_404(
            MemberMessage.objects.select_related("member"), pk=message_pk, channel=Channel.PHONE
        )
        reference = message.member.reference
        if message.pk in pages_elsewhere([message]):
            # An invitation: its answer is recorded on the activity's own call list.
            messages.error(request, _("Record this call on the activity's own call list."))
            return redirect(waiting_url("calls"))
        form = call_form(message, request.POST)
        if not form.is_valid():
            problem = next(iter(form.errors.values()))[0]
            messages.error(
                request,
                _("Nothing was recorded for %(reference)s: %(problem)s")
                % {"reference": reference, "problem": problem},
            )
            return redirect(waiting_url("calls"))
        with transaction.atomic():
            if not record_outcome_once(message, State.CALLED, request.user):
                messages.info(
                    request,
                    _("The call to %(reference)s was already recorded.") % {"reference": reference},
                )
                return redirect(waiting_url("calls"))
            more = ""
            if isinstance(form, RenewalCallForm):
                more = answer_renewal(message, form.cleaned_data["answer"], request.user)
            elif isinstance(form, UpdateCallForm):
                more = send_update_again(message, form.cleaned_data["send_by"], request.user)
        done = _("The call to %(reference)s is recorded.") % {"reference": reference}
        messages.success(request, f"{done} {more}".strip())
        return redirect(waiting_url("calls"))


urlpatterns = [
    path("", WaitingView.as_view(), name="index"),
    path("letters/", LettersView.as_view(), name="letters"),
    path("letters/posted/", LettersPostedView.as_view(), name="letters_posted"),
    path("calls/", CallsView.as_view(), name="calls"),
    path("calls/<int:message_pk>/", RecordCallView.as_view(), name="record_call"),
]


def admin_urls():
    return decorate_urlpatterns(urlpatterns, access_required(member_policy, ANY_MEMBER_ACCESS))


class WaitingMenuItem(MenuItem):
    def is_shown(self, request):
        return member_policy().user_has_any_permission(request.user, ANY_MEMBER_ACCESS)


def menu_item():
    return WaitingMenuItem(
        gettext_lazy("Letters and calls"),
        waiting_url("index"),
        name="letters-and-calls",
        icon_name="mail",
        order=151,
    )
