"""Leaving the network without logging in: signed, expiring withdrawal links.

A link carries a token made with ``django.core.signing``: the member's id and a short
fingerprint of the member's state, signed with its own salt and timestamped. Nothing else:
never a name or an address, since URLs end up in browser histories and server logs.

The fingerprint changes whenever the member's status changes, or their consent to be
contacted does, so a link dies once it has been used (and when staff withdraw or erase the
member another way). Links also expire after ``WITHDRAWAL_LINK_MAX_AGE_DAYS``.

Whoever opens the link may not be the member, or may be reading over their shoulder, so the
pages show no personal data: only the reference code, which the team can use on the phone.
"""

import datetime

from django.conf import settings
from django.core import signing
from django.db import transaction
from django.http import HttpResponseNotAllowed
from django.shortcuts import render
from django.urls import reverse
from django.utils import translation
from django.utils.crypto import salted_hmac
from django.views.decorators.cache import never_cache

from .audit import audit
from .models import ConsentRecord, Member, MembershipSettings, PrivacyNotice, Purpose

SALT = "enrolment.withdrawal.link"
# A real token is under 100 characters; anything much longer is not worth unsigning.
MAX_TOKEN_LENGTH = 300

STOP_CONTACT = "stop_contact"
ERASE = "erase"
CHOICES = (STOP_CONTACT, ERASE)

# Statuses a link can still act on. Erased members have nothing left to withdraw.
OPEN_STATUSES = (
    Member.Status.PENDING,
    Member.Status.ACTIVE,
    Member.Status.LAPSED,
    Member.Status.WITHDRAWN,
)


def max_age_days():
    return settings.WITHDRAWAL_LINK_MAX_AGE_DAYS


def _fingerprint(member):
    """A short keyed hash of the member's state: any status or contact change kills old links."""
    contact = member.has_consent(Purpose.CONTACT)
    state = f"{member.pk}|{member.status}|{member.status_changed_at.timestamp():.6f}|{contact}"
    return salted_hmac(SALT, state).hexdigest()[:16]


def make_token(member):
    return signing.dumps([member.pk, _fingerprint(member)], salt=SALT, compress=False)


class LinkError(Exception):
    """The link cannot be used. ``status`` is the HTTP status to answer with."""

    def __init__(self, status):
        super().__init__(status)
        self.status = status


def member_for_token(token):
    """The member a token was made for, if the link is still good; else LinkError."""
    if not token or len(token) > MAX_TOKEN_LENGTH:
        raise LinkError(400)
    try:
        payload = signing.loads(token, salt=SALT, max_age=datetime.timedelta(days=max_age_days()))
    except signing.SignatureExpired:
        raise LinkError(410) from None
    except signing.BadSignature:
        raise LinkError(400) from None
    try:
        member_id, fingerprint = payload
        member = Member.objects.get(pk=int(member_id))
    except (TypeError, ValueError, Member.DoesNotExist):
        raise LinkError(410) from None
    if member.status not in OPEN_STATUSES or fingerprint != _fingerprint(member):
        raise LinkError(410)
    return member


def withdrawal_url(member, request=None):
    """The absolute address of a member's withdrawal page, in the member's language."""
    with translation.override(member.language):
        path = reverse("enrolment_public:withdraw", kwargs={"token": make_token(member)})
    if request is not None:
        return request.build_absolute_uri(path)
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path


# --- the public pages --------------------------------------------------------------------


def _can_stop_contact(member):
    return member.status != Member.Status.WITHDRAWN and member.has_consent(Purpose.CONTACT)


def _render(request, template, context=None, status=200):
    context = {"membership": MembershipSettings.load(), **(context or {})}
    response = render(request, f"enrolment/withdrawal/{template}", context, status=status)
    # Nobody should find these pages through a search engine, whatever the link's state.
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response


def stop_contact(member, channel=ConsentRecord.Channel.WITHDRAWAL_LINK):
    """The first level of leaving: the record stays, and nobody contacts the member again."""
    member.record_consent(
        Purpose.CONTACT,
        False,
        notice=PrivacyNotice.current_in_language(member.language),
        channel=channel,
    )
    if member.status == Member.Status.LAPSED:
        # A lapsed member would otherwise be asked to renew; "stop contacting me" means
        # that too. (Active and pending members become withdrawn in record_consent.)
        member.set_status(Member.Status.WITHDRAWN)
    audit(member, "enrolment.withdraw", data={"channel": channel})


def erase(member, channel=ConsentRecord.Channel.WITHDRAWAL_LINK):
    """The second level of leaving: every piece of personal data goes."""
    member.erase()
    audit(member, "enrolment.erase", data={"channel": channel})


@never_cache
def withdraw(request, token):
    """GET: the two choices. POST: confirm a choice, then (confirmed) act on it."""
    if request.method not in ("GET", "HEAD", "POST"):
        return HttpResponseNotAllowed(["GET", "POST"])
    try:
        member = member_for_token(token)
    except LinkError as error:
        return _render(request, "invalid.html", status=error.status)

    context = {
        "reference": member.reference,
        "can_stop_contact": _can_stop_contact(member),
        "expiry_days": max_age_days(),
    }
    if request.method != "POST":
        return _render(request, "choose.html", context)

    choice = request.POST.get("choice")
    if choice not in CHOICES or (choice == STOP_CONTACT and not context["can_stop_contact"]):
        return _render(request, "choose.html", {**context, "bad_choice": True}, status=400)
    if request.POST.get("confirmed") != "yes":
        return _render(request, "confirm.html", {**context, "choice": choice})

    with transaction.atomic():
        # Lock the row and check the link again: a double click must not act twice.
        locked = Member.objects.select_for_update().filter(pk=member.pk).first()
        if locked is None:
            return _render(request, "invalid.html", status=410)
        try:
            member = member_for_token(token)
        except LinkError as error:
            return _render(request, "invalid.html", status=error.status)
        if choice == STOP_CONTACT:
            stop_contact(member)
        else:
            erase(member)
    return _render(request, "done.html", {"choice": choice, "reference": member.reference})
