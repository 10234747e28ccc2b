"""A member's own page (/membership/my-details/), behind a MANAGE link.

Whoever holds the phone may not be the member: the page never shows a stored contact
detail in full (an email as its domain, a phone as its last three digits, an address as
"on record") nor the safe-contact notes, and each part is changed on a short page of its
own. A new email is used only once the member opens the link sent to it; a new phone
only once staff have called it. Removing a detail takes effect at once, and nothing
waiting for it is sent. Every change is audited with field names only and flags the
record for staff, who re-check the safe-contact plan before contacting the member again.
"""

from django.db import transaction
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone, translation
from django.views.decorators.http import require_http_methods, require_POST
from wagtail import hooks

from core.http import SeeOther
from core.member_links import end_session

from . import my_page_forms as forms
from .audit import audit
from .membership import _render, link_ended, member_session, register_destination
from .messaging import LinkPurpose
from .models import ConsentRecord, CrimeType, Member, MemberLink, PrivacyNotice, Purpose
from .withdrawal import erase, stop_contact

MANAGE = LinkPurpose.MANAGE
CHANNEL = ConsentRecord.Channel.MEMBER_LINK
SAVED_KEY = "my_page_saved"


@register_destination(MANAGE)
def _my_page(link):
    return reverse("enrolment_public:my_page")


@register_destination(LinkPurpose.CONFIRM_CONTACT)
def _confirm_email_page(link):
    return reverse("enrolment_public:confirm_email")


# --- what the page shows ---------------------------------------------------------------


def masked_email(address):
    domain = address.rpartition("@")[2] if address else ""
    return f"…@{domain}" if domain else ""


def masked_phone(number):
    digits = [c for c in number or "" if c.isdigit()]
    return "".join(digits[-3:])


def note_change(member, fields):
    """Audit a change the member made (field names only) and flag it for staff."""
    member.changed_by_member_at = timezone.now()
    member.save(update_fields=["changed_by_member_at"])
    audit(member, "enrolment.changed_by_member", data={"fields": sorted(set(fields))})


def _language():
    return translation.get_language() or "en"


def _page(request, template, context=None, status=200):
    return _render(request, f"enrolment/my_page/{template}", context, status=status)


def _saved(request, section):
    request.session[SAVED_KEY] = section
    return SeeOther(reverse("enrolment_public:my_page") + f"#{section}")


def member_sections(request):
    """The sections other apps add (the "member_page_sections" hook), in order."""
    return [
        html for html in (fn(request) for fn in hooks.get_hooks("member_page_sections")) if html
    ]


@member_session(MANAGE)
@require_http_methods(["GET", "HEAD"])
def my_page(request):
    member = request.member
    consents = member.current_consents()
    notice = PrivacyNotice.current_in_language(_language())
    latest = {}
    for record in member.consent_records.order_by("recorded_at", "pk"):
        latest[record.purpose] = record
    crime_type_names = CrimeType.names_in_language(member.crime_types.values_list("pk", flat=True))
    context = {
        "member": member,
        "saved": request.session.pop(SAVED_KEY, None),
        "email": masked_email(member.email),
        "phone": masked_phone(member.phone),
        "has_address": bool(member.address),
        "pending_email": bool(member.pending_email),
        "pending_phone": bool(member.pending_phone),
        "safe_channels": [Member.ContactMethod(c).label for c in member.safe_channels],
        "consents": [
            {
                "purpose": purpose,
                "label": label,
                "given": consents.get(purpose, False),
                "version": latest[purpose].notice_version if purpose in latest else "",
            }
            for purpose, label in PURPOSE_LABELS.items()
        ],
        "notice": notice,
        "crime_types": sorted(crime_type_names.values()),
        "demographics_answered": any(getattr(member, f"{f}_id") for f in Member.DEMOGRAPHIC_FIELDS),
        "methods": [str(method) for method in member.methods.all()],
        "hooked_sections": member_sections(request),
    }
    return _page(request, "page.html", context)


# --- the small pages, one per part of the record ---------------------------------------


def _edit(request, form_class, template, section, context=None):
    """Show a part's form; on a valid POST change the record, audit it and go back."""
    member = request.member
    options = {"member": member, "language": _language()}
    form = form_class(**options)
    status = 200
    if request.method == "POST":
        if request.POST.get("remove") == "yes" and isinstance(form, forms.ContactForm):
            with transaction.atomic():
                changed = form.remove()
                if changed is None:
                    return _page(
                        request,
                        template,
                        {"form": form, "last_route": True, **(context or {})},
                        status=400,
                    )
                note_change(member, changed)
            return _saved(request, section)
        form = form_class(request.POST, **options)
        if form.is_valid():
            with transaction.atomic():
                changed = form.save()
                if changed:
                    note_change(member, changed)
            return _saved(request, section)
        status = 400
    return _page(
        request,
        template,
        {"form": form, "errors": form.error_summary() if form.is_bound else [], **(context or {})},
        status=status,
    )


@member_session(MANAGE)
@require_http_methods(["GET", "HEAD", "POST"])
def change_email(request):
    member = request.member
    return _edit(
        request,
        forms.EmailForm,
        "email.html",
        "contact",
        {"current": masked_email(member.email), "pending": bool(member.pending_email)},
    )


@member_session(MANAGE)
@require_http_methods(["GET", "HEAD", "POST"])
def change_phone(request):
    member = request.member
    return _edit(
        request,
        forms.PhoneForm,
        "phone.html",
        "contact",
        {"current": masked_phone(member.phone), "pending": bool(member.pending_phone)},
    )


@member_session(MANAGE)
@require_http_methods(["GET", "HEAD", "POST"])
def change_address(request):
    return _edit(
        request,
        forms.AddressForm,
        "address.html",
        "contact",
        {"current": bool(request.member.address)},
    )


@member_session(MANAGE)
@require_http_methods(["GET", "HEAD", "POST"])
def safe_contact(request):
    return _edit(request, forms.SafeContactForm, "safe_contact.html", "safe-contact")


@member_session(MANAGE)
@require_http_methods(["GET", "HEAD", "POST"])
def about_you(request):
    return _edit(request, forms.AboutYouForm, "about_you.html", "about-you")


def _needs_consent(request, purpose, template):
    """A sensitive part is changed only while its consent is given; else offer it."""
    if request.member.has_consent(purpose):
        return None
    return _page(
        request,
        "consent_first.html",
        {"purpose": purpose, "label": PURPOSE_LABELS[purpose], "template": template},
        status=200 if request.method != "POST" else 409,
    )


@member_session(MANAGE)
@require_http_methods(["GET", "HEAD", "POST"])
def crime_types(request):
    refused = _needs_consent(request, Purpose.CRIME_TYPES, "crime_types.html")
    return refused or _edit(request, forms.CrimeTypesForm, "crime_types.html", "experience")


@member_session(MANAGE)
@require_http_methods(["GET", "HEAD", "POST"])
def fairness(request):
    refused = _needs_consent(request, Purpose.DEMOGRAPHICS, "fairness.html")
    return refused or _edit(request, forms.DemographicsForm, "fairness.html", "experience")


# --- consent ------------------------------------------------------------------------------

PURPOSE_LABELS = {
    Purpose.CONTACT: Purpose.CONTACT.label,
    Purpose.CRIME_TYPES: Purpose.CRIME_TYPES.label,
    Purpose.DEMOGRAPHICS: Purpose.DEMOGRAPHICS.label,
}


@member_session(MANAGE)
@require_POST
def consent(request, purpose):
    """Give or withdraw one consent with one button. Withdrawing consent to be contacted is
    leaving, so it goes to the leave page's confirmation."""
    member = request.member
    if purpose not in PURPOSE_LABELS or request.POST.get("granted") not in ("yes", "no"):
        return redirect("enrolment_public:my_page")
    granted = request.POST["granted"] == "yes"
    if purpose == Purpose.CONTACT:
        if granted:
            return redirect("enrolment_public:my_page")
        return _page(request, "leave_confirm.html", {"choice": forms.STOP_CONTACT})
    language = _language()
    notice = PrivacyNotice.current_in_language(language)
    if granted and notice is None:
        return _page(request, "no_notice.html", status=409)
    if member.has_consent(purpose) != granted:
        with transaction.atomic():
            member.record_consent(
                purpose, granted, notice=notice, channel=CHANNEL, language=language
            )
            audit(
                member,
                "enrolment.consent",
                data={"purposes": [purpose], "granted": granted, "channel": CHANNEL},
            )
            note_change(member, [f"consent_{purpose}"])
    return _saved(request, "consents")


# --- leaving --------------------------------------------------------------------------


@member_session(MANAGE)
@require_http_methods(["GET", "HEAD", "POST"])
def leave(request):
    """The two levels of leaving, then one confirmation, then done."""
    member = request.member
    options = {"member": member, "language": _language()}
    if request.method != "POST":
        return _page(request, "leave.html", {"form": forms.LeaveForm(**options)})
    form = forms.LeaveForm(request.POST, **options)
    if not form.is_valid():
        return _page(
            request, "leave.html", {"form": form, "errors": form.error_summary()}, status=400
        )
    choice = form.cleaned_data["choice"]
    if request.POST.get("confirmed") != "yes":
        return _page(request, "leave_confirm.html", {"choice": choice})
    with transaction.atomic():
        locked = Member.objects.select_for_update().get(pk=member.pk)
        if choice == forms.ERASE:
            erase(locked, CHANNEL)
        elif locked.has_consent(Purpose.CONTACT):
            stop_contact(locked, CHANNEL)
    # Either way the page closes: there is nothing left to manage through it.
    request.member_link.end(MemberLink.Ending.USED)
    end_session(request)
    return _page(request, "left.html", {"choice": choice})


# --- confirming a new email address ----------------------------------------------------


@member_session(LinkPurpose.CONFIRM_CONTACT)
@require_http_methods(["GET", "HEAD"])
def confirm_email(request):
    """Reached only by opening the link sent to the new address (after one click), so
    the member has shown they read that mailbox: the new address replaces the old."""
    member = request.member
    confirmed = bool(member.pending_email)
    if confirmed:
        with transaction.atomic():
            member.email, member.pending_email = member.pending_email, ""
            member.email_safe = True
            member.save()
            audit(member, "enrolment.contact_confirmed", data={"channel": "email"})
            note_change(member, ["email", "email_safe"])
    request.member_link.end(MemberLink.Ending.USED)
    end_session(request)
    if not confirmed:
        return link_ended(request)
    return _page(request, "email_confirmed.html")
