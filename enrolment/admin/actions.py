"""Actions on one member record. Each one is a POST behind a confirmation screen, is
audited, and reports success naming the member by reference only."""

from django import forms
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import FormView
from wagtail.admin import messages
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from core.dates import day

from ..audit import audit
from ..messaging import Channel, Kind, record_outcome, send
from ..models import ConsentRecord, Member, MemberMessage, PrivacyNotice, Purpose
from ..permissions import ERASE, can
from ..withdrawal import withdrawal_url
from .forms import ChannelForm, ConfirmPhoneForm, ConsentForm, EraseForm, MergeForm
from .views import member_url, members_breadcrumbs

S = Member.Status


class MemberActionView(WagtailAdminTemplateMixin, FormView):
    permission_required = "change"
    template_name = "enrolment/admin/action.html"
    form_class = forms.Form
    # The statuses the action makes sense for.
    statuses = (S.PENDING, S.ACTIVE, S.LAPSED, S.WITHDRAWN)
    explanation = ()
    warning = ""
    submit_label = gettext_lazy("Confirm")
    serious = False

    def dispatch(self, request, *args, **kwargs):
        if not can(request.user, self.permission_required):
            raise PermissionDenied
        self.member = get_object_or_404(Member, pk=kwargs["pk"])
        if self.member.status not in self.statuses:
            messages.error(
                request,
                _("This cannot be done while %(reference)s is %(status)s.")
                % {
                    "reference": self.member.reference,
                    "status": self.member.get_status_display().lower(),
                },
            )
            return redirect(self.record_url)
        return super().dispatch(request, *args, **kwargs)

    @property
    def record_url(self):
        return member_url("inspect", self.member)

    def get_page_subtitle(self):
        return self.member.reference

    def get_breadcrumbs_items(self):
        return members_breadcrumbs(
            {"url": self.record_url, "label": self.member.reference},
            {"url": "", "label": self.get_page_title()},
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            {
                "member": self.member,
                "explanation": self.get_explanation(),
                "warning": self.warning,
                "submit_label": self.submit_label,
                "serious": self.serious,
                "cancel_url": self.record_url,
            }
        )
        return context

    def get_explanation(self):
        return self.explanation

    def form_valid(self, form):
        with transaction.atomic():
            message = self.perform(form)
        messages.success(self.request, message)
        return redirect(self.get_success_url())

    def get_success_url(self):
        return self.record_url

    def perform(self, form):
        """Change the record, write the audit entry and return the success message."""
        raise NotImplementedError


class ConfirmView(MemberActionView):
    page_title = gettext_lazy("Confirm membership")
    statuses = (S.PENDING,)
    explanation = (
        gettext_lazy(
            "Confirm only once you have checked the referral. Their three-year term starts today."
        ),
    )
    submit_label = gettext_lazy("Confirm membership")

    def perform(self, form):
        self.member.confirm()
        audit(self.member, "enrolment.confirm", user=self.request.user)
        return _("%(reference)s is now an active member.") % {"reference": self.member.reference}


class RenewView(MemberActionView):
    page_title = gettext_lazy("Record a renewal")
    statuses = (S.ACTIVE, S.LAPSED)
    explanation = (
        gettext_lazy(
            "Record a renewal only when the member has said they want another term. "
            "The new three-year term runs from the end of the current one, or from "
            "today if it has ended."
        ),
    )
    submit_label = gettext_lazy("Record the renewal")

    def perform(self, form):
        self.member.renew()
        audit(
            self.member,
            "enrolment.renew",
            user=self.request.user,
            data={"term_ends_on": self.member.term_ends_on.isoformat()},
        )
        return _("%(reference)s renewed until %(date)s.") % {
            "reference": self.member.reference,
            "date": day(self.member.term_ends_on),
        }


class WithdrawView(MemberActionView):
    page_title = gettext_lazy("Withdraw: stop all contact")
    statuses = (S.PENDING, S.ACTIVE, S.LAPSED)
    form_class = ChannelForm
    explanation = (
        gettext_lazy(
            "The record is kept, but the member leaves every list and export and is not "
            "contacted again. Their consent to contact is recorded as withdrawn."
        ),
    )
    submit_label = gettext_lazy("Withdraw")
    serious = True

    def perform(self, form):
        channel = form.cleaned_data["channel"]
        notice = PrivacyNotice.current_in_language(self.member.language)
        self.member.record_consent(
            Purpose.CONTACT, False, notice=notice, channel=channel, user=self.request.user
        )
        if self.member.status != S.WITHDRAWN:
            self.member.set_status(S.WITHDRAWN)
        audit(self.member, "enrolment.withdraw", user=self.request.user, data={"channel": channel})
        return _("%(reference)s has been withdrawn and will not be contacted.") % {
            "reference": self.member.reference
        }


class EraseView(MemberActionView):
    permission_required = ERASE
    page_title = gettext_lazy("Erase personal data")
    form_class = EraseForm
    explanation = (
        gettext_lazy(
            "Erasing removes the member's name, contact details, safe-contact plan, "
            "notes, crime types and demographic details. Only the reference, the dates "
            "and the consent history stay, so the audit log still makes sense."
        ),
    )
    warning = gettext_lazy("This cannot be undone.")
    submit_label = gettext_lazy("Erase personal data")
    serious = True

    def perform(self, form):
        channel = form.cleaned_data["channel"]
        if self.member.has_consent(Purpose.CONTACT):
            self.member.record_consent(
                Purpose.CONTACT,
                False,
                notice=PrivacyNotice.current_in_language(self.member.language),
                channel=channel,
                user=self.request.user,
            )
        self.member.erase()
        audit(self.member, "enrolment.erase", user=self.request.user, data={"channel": channel})
        return _("The personal data of %(reference)s has been erased.") % {
            "reference": self.member.reference
        }


class ConsentView(MemberActionView):
    page_title = gettext_lazy("Record consent")
    form_class = ConsentForm
    explanation = (
        gettext_lazy(
            "Record an answer the member gave by phone, by post or in person. It is "
            "recorded with the privacy notice now in use in their language."
        ),
        gettext_lazy(
            "Withdrawing consent removes what it covered: crime types or demographic "
            "details are deleted, and withdrawing consent to contact withdraws the member."
        ),
    )
    submit_label = gettext_lazy("Record consent")

    def form_valid(self, form):
        if PrivacyNotice.current_in_language(self.member.language) is None:
            form.add_error(
                None,
                _("No privacy notice is in use in the member's language. Publish one first."),
            )
            return self.form_invalid(form)
        return super().form_valid(form)

    def perform(self, form):
        purpose = form.cleaned_data["purpose"]
        granted = form.cleaned_data["granted"]
        channel = form.cleaned_data["channel"]
        self.member.record_consent(
            purpose,
            granted,
            notice=PrivacyNotice.current_in_language(self.member.language),
            channel=channel,
            user=self.request.user,
        )
        audit(
            self.member,
            "enrolment.consent",
            user=self.request.user,
            data={"purposes": [purpose], "granted": granted, "channel": channel},
        )
        return _("Consent recorded for %(reference)s.") % {"reference": self.member.reference}


class ConfirmPhoneView(MemberActionView):
    """A new phone number the member gave on their own page is used only from here: the
    product sends no texts, so staff check it with a call at a time the member said is
    safe."""

    page_title = gettext_lazy("Confirm the new phone number")
    statuses = (S.PENDING, S.ACTIVE, S.LAPSED)
    form_class = ConfirmPhoneForm
    explanation = (
        gettext_lazy(
            "The member gave a new phone number on their own page. Call it at a time they "
            "said is safe, check you are talking to them before saying where you are from, "
            "and ask whether texts and voicemail on it are safe."
        ),
        gettext_lazy(
            "Once confirmed, the new number replaces the old one and calls to it are safe."
        ),
    )
    submit_label = gettext_lazy("Use the new number")

    def dispatch(self, request, *args, **kwargs):
        member = Member.objects.filter(pk=kwargs["pk"]).first()
        if member is not None and not member.pending_phone and can(request.user, "change"):
            messages.error(request, _("No new phone number is waiting to be confirmed."))
            return redirect(member_url("inspect", member))
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["pending_phone"] = self.member.pending_phone
        return context

    def perform(self, form):
        member = self.member
        member.phone, member.pending_phone = member.pending_phone, ""
        member.phone_safe = True
        member.text_safe = form.cleaned_data["text_safe"]
        member.voicemail_safe = form.cleaned_data["voicemail_safe"]
        member.save()
        for message in MemberMessage.objects.filter(
            member=member,
            kind=MemberMessage.Kind.CONFIRM_CONTACT,
            channel=MemberMessage.Channel.PHONE,
            state=MemberMessage.State.TO_CALL,
        ):
            record_outcome(message, MemberMessage.State.CALLED, self.request.user)
        audit(
            member, "enrolment.contact_confirmed", user=self.request.user, data={"channel": "phone"}
        )
        return _("The new phone number of %(reference)s is confirmed and in use.") % {
            "reference": member.reference
        }


class ChangesCheckedView(MemberActionView):
    """The member changed their record themselves: staff look at the safe-contact plan
    again before contacting them, then clear the note here."""

    page_title = gettext_lazy("Mark the member's changes as checked")
    explanation = (
        gettext_lazy(
            "The member changed their own record through their page. The history shows "
            "which details. Check the safe-contact plan before the next contact."
        ),
    )
    submit_label = gettext_lazy("Mark as checked")

    def perform(self, form):
        member = self.member
        member.changed_by_member_at = None
        member.save(update_fields=["changed_by_member_at"])
        audit(member, "enrolment.member_changes_checked", user=self.request.user)
        return _("The changes made by %(reference)s are marked as checked.") % {
            "reference": member.reference
        }


# Blank fields of the kept record are filled from the duplicate. A contact detail
# brings its safety answers with it: they describe that address or number.
MERGE_FIELDS = {
    "name": (),
    "preferred_name": (),
    "preferred_term": (),
    "own_term": (),
    "email": ("email_safe",),
    "phone": ("phone_safe", "text_safe", "voicemail_safe"),
    "address": ("letter_safe",),
    "preferred_contact": (),
    "area": (),
    "how_affected": (),
    "safe_times": (),
    "safe_contact_notes": (),
    "staff_notes": (),
}


def merge_members(kept, duplicate, user=None):
    """Fold a duplicate into the kept record, then erase the duplicate.

    Consent records are append-only, so the duplicate's answers are copied to the kept
    record with their original time, notice, language and channel; the member's current
    consent then follows the newest answer across both histories.
    """
    with transaction.atomic():
        filled = []
        for field, safety_fields in MERGE_FIELDS.items():
            if not getattr(kept, field) and getattr(duplicate, field):
                setattr(kept, field, getattr(duplicate, field))
                for safety_field in safety_fields:
                    setattr(kept, safety_field, getattr(duplicate, safety_field))
                filled.append(field)
        for record in duplicate.consent_records.order_by("recorded_at", "pk"):
            ConsentRecord.objects.create(
                member=kept,
                purpose=record.purpose,
                granted=record.granted,
                notice=record.notice,
                notice_version=record.notice_version,
                language=record.language,
                recorded_at=record.recorded_at,
                channel=record.channel,
                recorded_by=record.recorded_by,
            )
        consents = kept.current_consents()
        if consents.get(Purpose.DEMOGRAPHICS):
            for field in Member.DEMOGRAPHIC_FIELDS:
                if getattr(kept, field) is None and getattr(duplicate, field) is not None:
                    setattr(kept, field, getattr(duplicate, field))
                    filled.append(field)
        kept.save()
        if not kept.methods.exists() and duplicate.methods.exists():
            kept.methods.set(duplicate.methods.all())
            filled.append("methods")
        if (
            consents.get(Purpose.CRIME_TYPES)
            and not kept.crime_types.exists()
            and duplicate.crime_types.exists()
        ):
            kept.crime_types.set(duplicate.crime_types.all())
            filled.append("crime_types")
        for purpose, granted in consents.items():
            if not granted:
                kept.remove_data_for(purpose)

        duplicate.erase()
        duplicate.merged_into = kept
        duplicate.save(update_fields=["merged_into"])

        data = {"kept": kept.reference, "merged": duplicate.reference, "filled": filled}
        audit(kept, "enrolment.merge", user=user, data=data)
        audit(duplicate, "enrolment.merge", user=user, data=data)
    return filled


class MergeView(MemberActionView):
    page_title = gettext_lazy("Merge a duplicate")
    form_class = MergeForm
    explanation = (
        gettext_lazy(
            "These records share an email address or a phone number. Merging keeps one "
            "record, fills its empty details from the other, and adds the other's consent "
            "history to it. The other record is then erased."
        ),
        gettext_lazy(
            "Where both records hold a detail, the kept record's value stays. Check the "
            "two records first."
        ),
    )
    submit_label = gettext_lazy("Merge")
    serious = True

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "member": self.member}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["duplicates"] = [
            {"member": other, "url": member_url("inspect", other)}
            for other in context["form"].fields["other"].queryset
        ]
        return context

    def perform(self, form):
        other = form.cleaned_data["other"]
        keep = form.cleaned_data["keep"]
        if keep == "older":
            first = min((self.member, other), key=lambda member: (member.submitted_at, member.pk))
            keep = "this" if first == self.member else "other"
        kept, duplicate = (self.member, other) if keep == "this" else (other, self.member)
        merge_members(kept, duplicate, user=self.request.user)
        self.kept = kept
        return _("%(merged)s has been merged into %(kept)s.") % {
            "merged": duplicate.reference,
            "kept": kept.reference,
        }

    def get_success_url(self):
        return member_url("inspect", self.kept)


class WithdrawalLinkView(MemberActionView):
    page_title = gettext_lazy("Withdrawal link")
    explanation = (
        gettext_lazy(
            "A withdrawal link lets the member stop contact or erase their data without "
            "signing in. If they said email is safe, it is emailed to them. The link is "
            "also shown to you, so you can read it out or post it."
        ),
    )
    submit_label = gettext_lazy("Create the link")

    def form_valid(self, form):
        member = self.member
        link = withdrawal_url(member, request=self.request)
        # By email through the envelope, which opens a page with the way to leave; the
        # link shown here is for staff to read out or post.
        emailed = Channel.EMAIL in member.safe_channels
        if emailed:
            send(member, Kind.WITHDRAWAL_LINK, by=self.request.user, allowed={Channel.EMAIL})
        audit(
            member, "enrolment.withdrawal_link", user=self.request.user, data={"emailed": emailed}
        )
        # Shown in this response only: never in a redirect, a message or a URL of ours.
        return TemplateResponse(
            self.request,
            "enrolment/admin/withdrawal_link.html",
            {
                **self.get_context_data(form=form),
                "link": link,
                "emailed": emailed,
            },
        )
