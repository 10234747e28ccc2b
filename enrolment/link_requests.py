"""Asking for a link to manage one's membership: /membership/ (Welsh: /cy/aelodaeth/).

A person types an email address or a phone number. Whoever they are, the page answers in
the same words, with the same status, and goes on to the same "check your messages" page:
the answer must never tell anyone whether an address belongs to a member. A link is sent
only when all of these hold:

- an active or lapsed member (lapsed, so that they can renew) who agrees to be contacted
  has that address, found through the blind index;
- the address is one the member marked safe. An email address: the link goes to it. A
  phone number (safe for calls or texts): the product cannot send texts, so the link goes
  by the member's safe written channel, email or a letter; with neither, nothing goes;
- that address has not been asked about too often lately, whoever asked.

Pending, withdrawn and erased members are sent nothing. The form has the public forms'
spam defence (core.views.ProtectedFormView) and, on top of the per-client rate limit, a
limit per address typed, so many clients together cannot fill one member's inbox.
"""

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.shortcuts import render
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_safe

from config.cache import CacheUnavailable
from core import spam
from core.crypto import normalise_email, normalise_phone
from core.forms import ProtectedForm, TextField
from core.views import ProtectedFormView
from pages.phone import parse as parse_phone

from .messaging import Channel, Kind, send
from .models import Member, MembershipSettings

RATE_LIMIT_SCOPE = "membership_links"
ADDRESS_SCOPE = "membership_links_address"
# Links sent for one address in one rate limit window, however many clients ask.
ADDRESS_LIMIT = 3

EMAIL = "email"
PHONE = "phone"
WRITTEN = {Channel.EMAIL, Channel.POST}
# Pending members too: someone who has just joined can correct their details, or leave,
# before the team has checked the referral. Lapsed members, so that they can renew.
MATCHED_STATUSES = (Member.Status.PENDING, Member.Status.ACTIVE, Member.Status.LAPSED)


class LinkRequestForm(ProtectedForm):
    SUBMIT_ID = "link-request-submit"

    address = TextField(
        label=_("Your email address or phone number"),
        max_length=254,
        help_text=_("Use one you gave us, by the form or since."),
        error_messages={"required": _("Enter your email address or phone number.")},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Whether the address's own allowance was granted (LinkRequestView).
        self.address_allowed = True

    def clean_address(self):
        value = self.cleaned_data["address"].strip()
        wrong = ValidationError(
            _(
                "Enter an email address, like name@example.com, or a UK phone number, "
                "like 01267 226440."
            ),
            code="invalid",
        )
        if "@" in value:
            try:
                validate_email(value)
            except ValidationError:
                raise wrong from None
            self.address_kind = EMAIL
        elif parse_phone(value) is not None:
            self.address_kind = PHONE
        else:
            raise wrong
        return value

    @property
    def normalised_address(self):
        value = self.cleaned_data["address"]
        return normalise_email(value) if self.address_kind == EMAIL else normalise_phone(value)

    def save(self):
        if self.address_allowed:
            send_membership_links(self.address_kind, self.cleaned_data["address"])


def send_membership_links(address_kind, value):
    """Send a membership link to each member this address safely reaches; nothing else.

    Returns the messages made (for tests; the page never says)."""
    if address_kind == EMAIL:
        members = Member.objects.with_email(value)
    else:
        members = Member.objects.with_phone(value)
    sent = []
    for member in members.filter(status__in=MATCHED_STATUSES).order_by("pk"):
        safe = set(member.safe_channels)
        if address_kind == EMAIL:
            if Channel.EMAIL not in safe:
                continue
            allowed = {Channel.EMAIL}
        else:
            if not safe & {Member.ContactMethod.PHONE, Member.ContactMethod.TEXT}:
                continue
            if not safe & WRITTEN:
                continue
            allowed = WRITTEN
        message = send(member, Kind.MEMBERSHIP_LINK, allowed=allowed)
        if message is not None:
            sent.append(message)
    return sent


def _language():
    return "cy" if (translation.get_language() or "en").startswith("cy") else "en"


class LinkRequestView(ProtectedFormView):
    rate_limit_scope = RATE_LIMIT_SCOPE

    def get_form(self, data=None):
        return LinkRequestForm(data)

    def get_template(self, rate_limited):
        return f"enrolment/membership/{'request_rate_limited' if rate_limited else 'request'}.html"

    def get_context(self, form):
        membership = MembershipSettings.load(request_or_site=self.request)
        return {"contact": membership, "membership": membership}

    def get_success_url(self):
        return reverse("enrolment_public:link_requested")

    def respond_within_allowance(self, form, allowance):
        if form.is_valid():
            try:
                taken = spam.take_allowance_for(
                    form.normalised_address, scope=ADDRESS_SCOPE, limit=ADDRESS_LIMIT
                )
            except CacheUnavailable:
                allowance.give_back()
                self.request.rate_limit_unavailable = True
                return self.refuse(form)
            # Over the address's limit, the answer is the same and nothing is sent: a
            # different answer would tell whoever asks that the address is being used.
            form.address_allowed = taken.granted
        return super().respond_within_allowance(form, allowance)


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def request_link(request):
    """GET: the form. POST: maybe send a link; always the same answer."""
    return LinkRequestView(request, language=_language()).respond()


@never_cache
@require_safe
def link_requested(request):
    """The same page for everyone, whether or not anything was sent."""
    membership = MembershipSettings.load(request_or_site=request)
    return render(request, "enrolment/membership/requested.html", {"membership": membership})
