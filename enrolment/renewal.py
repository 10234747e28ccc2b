"""Asking members whether they want another term, and their answer through the link.

Sixty days before a term ends, the daily command ``ask_for_renewals`` sends each member one
``renewal`` message (through a safe channel, in the neutral envelope) whose link opens the
renewal page. The member answers there:

- yes: the term runs three more years from the end of the current one, and consent to be
  contacted is recorded again against the privacy notice shown on the page;
- no: the term simply ends, and the two levels of leaving now are offered;
- please call me: staff see the request on the dashboard and the member's record.

Those who do not answer lapse at the end of the term (``lapse_memberships``), which also
ends the link. Every answer is on the member's history; nothing typed is personal.
"""

import datetime

from django import forms
from django.db import transaction
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_http_methods

from core.forms import ChoiceField, PublicFormBoundField
from core.member_links import end_session

from .audit import audit
from .membership import member_session, register_destination
from .messaging import LinkPurpose, register_kind
from .models import ConsentRecord, Member, MemberMessage, MembershipSettings, PrivacyNotice
from .models import Purpose as ConsentPurpose
from .models.members import TERM_ENDING_SOON_DAYS
from .withdrawal import CHOICES as LEAVING
from .withdrawal import STOP_CONTACT, erase, stop_contact

Answer = Member.RenewalAnswer
CHANNEL = ConsentRecord.Channel.MEMBER_LINK

register_kind(
    MemberMessage.Kind.RENEWAL,
    link_purpose=LinkPurpose.RENEWAL,
    statuses=(Member.Status.ACTIVE,),
)()


@register_destination(LinkPurpose.RENEWAL)
def _renewal_page(link):
    return reverse("enrolment_public:renew")


def may_answer(member, today=None):
    """Whether the member can answer now: active, with a term that ends soon or that they
    were asked about. Earlier, renewing would only pile term on term."""
    today = today or timezone.localdate()
    if member.status != Member.Status.ACTIVE or member.term_ends_on is None:
        return False
    if member.renewal_asked_for == member.term_ends_on:
        return True
    return member.term_ends_on <= today + datetime.timedelta(days=TERM_ENDING_SOON_DAYS)


def may_ask_for_a_call(member):
    return Member.ContactMethod.PHONE in member.safe_channels


def record_answer(member, answer, channel=CHANNEL, user=None):
    """The answer, about the term the member is in (a "yes" is recorded before renewing).
    `channel` and `user` say how it came: through the link, or to staff on a call."""
    member.renewal_answer = answer
    member.renewal_answered_at = timezone.now()
    member.renewal_asked_for = member.term_ends_on
    member.save(update_fields=["renewal_answer", "renewal_answered_at", "renewal_asked_for"])
    audit(
        member, "enrolment.renewal_answer", user=user, data={"answer": answer, "channel": channel}
    )


def notice_for(member):
    """The privacy notice the page shows: the current one in the page's language."""
    return PrivacyNotice.current_in_language(get_language()) or (
        PrivacyNotice.current_in_language(member.language)
    )


def renew_through_link(member, notice):
    """Yes: another term, and consent to be contacted given again under today's notice."""
    renew_with_consent(member, notice, channel=CHANNEL, language=get_language())


def renew_with_consent(member, notice, *, channel, language, user=None):
    """Yes, through the link or to staff on a call: the same effects either way."""
    record_answer(member, Answer.YES, channel, user)
    member.renew()
    member.record_consent(
        ConsentPurpose.CONTACT, True, notice=notice, channel=channel, language=language, user=user
    )
    audit(
        member,
        "enrolment.renew",
        user=user,
        data={"term_ends_on": member.term_ends_on.isoformat(), "channel": channel},
    )
    audit(
        member,
        "enrolment.consent",
        user=user,
        data={"purposes": [ConsentPurpose.CONTACT], "granted": True, "channel": channel},
    )


class RenewalForm(forms.Form):
    bound_field_class = PublicFormBoundField
    CRIME_WARNING_FIELDS = frozenset()

    answer = ChoiceField(
        label=_("Do you want to stay a member for another three years?"),
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose one answer.")},
    )

    def __init__(self, *args, can_call=False, **kwargs):
        super().__init__(*args, **kwargs)
        choices = [
            (Answer.YES, _("Yes, stay for another three years")),
            (Answer.NO, _("No, I do not want another term")),
        ]
        if can_call:
            choices.append((Answer.CALL, _("Please call me to talk about it")))
        self.fields["answer"].choices = choices

    def error_summary(self):
        return [(self["answer"].first_id, message) for message in self.errors.get("answer", ())]


def _page(request, template, context=None, status=200):
    context = {"membership": MembershipSettings.load(), "member": request.member, **(context or {})}
    if "/" not in template:
        template = f"enrolment/renewal/{template}"
    return render(request, template, context, status=status)


def _question(request, form, status=200):
    member = request.member
    return _page(
        request,
        "renew.html",
        {
            "form": form,
            "errors": form.error_summary() if form.is_bound else [],
            "notice": notice_for(member),
            # An earlier answer to this term's question, shown so the member knows it counted.
            "earlier_answer": member.renewal_answer
            if member.renewal_answered_at and member.renewal_asked_for == member.term_ends_on
            else "",
        },
        status=status,
    )


def _leave(request, choice):
    """The second step of leaving from here: confirm, then act and close the page."""
    member = request.member
    can_stop_contact = member.has_consent(ConsentPurpose.CONTACT)
    if choice == STOP_CONTACT and not can_stop_contact:
        return _page(request, "answered.html", {"answer": Answer.NO, "bad_choice": True}, 400)
    if request.POST.get("confirmed") != "yes":
        return _page(request, "leave_confirm.html", {"choice": choice})
    with transaction.atomic():
        # Locked, so a double click cannot act twice.
        locked = Member.objects.select_for_update().filter(pk=member.pk).first()
        if locked is None or locked.status not in (Member.Status.ACTIVE, Member.Status.LAPSED):
            end_session(request)
            return _page(request, "enrolment/membership/ended.html", status=410)
        if choice == STOP_CONTACT:
            stop_contact(locked, CHANNEL)
        else:
            erase(locked, CHANNEL)
    # Either way the member's status changed, so the link is over: so is its session.
    end_session(request)
    return _page(
        request, "enrolment/withdrawal/done.html", {"choice": choice, "reference": member.reference}
    )


@member_session(LinkPurpose.RENEWAL, LinkPurpose.MANAGE)
@require_http_methods(["GET", "HEAD", "POST"])
def renew(request):
    """The question, with the term's end date; the answer; leaving, when the answer is no."""
    member = request.member
    if not may_answer(member):
        return _page(request, "not_open.html")
    can_call = may_ask_for_a_call(member)
    if request.method != "POST":
        return _question(request, RenewalForm(can_call=can_call))

    choice = request.POST.get("choice")
    if choice in LEAVING:
        return _leave(request, choice)

    form = RenewalForm(request.POST, can_call=can_call)
    if not form.is_valid():
        return _question(request, form, status=400)
    answer = form.cleaned_data["answer"]
    if answer == Answer.YES:
        with transaction.atomic():
            locked = Member.objects.select_for_update().get(pk=member.pk)
            if not may_answer(locked):
                # Renewed a moment ago (a double click): never two terms for one answer.
                request.member = locked
                return _page(request, "not_open.html")
            renew_through_link(locked, notice_for(locked))
            # The member changed their own status through this link: it stays open.
            request.member_link.member = locked
            request.member_link.follow_member()
        request.member = locked
    else:
        record_answer(member, answer)
    return _page(
        request,
        "answered.html",
        {"answer": answer, "can_stop_contact": member.has_consent(ConsentPurpose.CONTACT)},
    )
