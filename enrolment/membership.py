"""A member's pages, reached by a signed link instead of an account.

Opening a link (`open_link`) asks for one click first: mail scanners fetch every address in
an email, and must not use up or act on a link. The click starts a short session for the
link's member and purpose (core.member_links) and goes on to what the link is for. Pages
behind it use `member_session`: they are never cached, kept out of search engines, carry
the quick exit like every page, and end after a few idle minutes, when the link ends, or
on sign-out (which also ends the link, so the same address cannot open it again).
"""

from functools import wraps

from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from core.http import SeeOther
from core.member_links import (
    LinkRefused,
    end_session,
    read_token,
    session_link_id,
    start_session,
)

from .audit import audit
from .messaging import KINDS, LinkPurpose
from .models import MemberLink, MemberMessage, MembershipSettings

# What a link of each purpose opens, once its session has started: purpose -> function
# (link) returning a path. Other apps add theirs (impact: replying to an invitation).
DESTINATIONS = {}


def register_destination(purpose):
    def register(function):
        DESTINATIONS[purpose] = function
        return function

    return register


@register_destination(LinkPurpose.MESSAGE)
def _message_page(link):
    return reverse("enrolment_public:message")


def _render(request, template, context=None, status=200):
    context = {"membership": MembershipSettings.load(), **(context or {})}
    response = render(request, template, context, status=status)
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response


def link_ended(request, status=403):
    """Said when a link or its session is over, whatever the reason: the same words."""
    return _render(request, "enrolment/membership/ended.html", status=status)


def _link_for_token(token):
    """The live link a token opens; LinkRefused when there is none."""
    # The signature's own limit is the longest a link may ever live; the link's
    # expiry, set when it was made, is checked below.
    key = read_token(token, max_age_seconds=90 * 24 * 60 * 60)
    link = MemberLink.objects.select_related("member").filter(key=key).first()
    if link is None or not link.is_live() or link.purpose not in DESTINATIONS:
        raise LinkRefused(410)
    return link


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def open_link(request, token):
    """GET: one button to open the page. POST: start the link's session and go on."""
    try:
        link = _link_for_token(token)
    except LinkRefused as refused:
        end_session(request)
        return link_ended(request, status=refused.status)
    if request.method != "POST":
        return _render(request, "enrolment/membership/open.html")
    start_session(request, link.pk)
    audit(link.member, "enrolment.link_opened", data={"purpose": link.purpose})
    return SeeOther(DESTINATIONS[link.purpose](link))


def member_session(*purposes):
    """For views behind a link: sets request.member_link and request.member, or answers
    that the page has closed. With `purposes`, only links of those purposes may open it."""

    def decorate(view):
        @never_cache
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            idle = MembershipSettings.load().session_idle_minutes * 60
            link_id = session_link_id(request, idle)
            link = (
                MemberLink.objects.select_related("member").filter(pk=link_id).first()
                if link_id is not None
                else None
            )
            if link is None or not link.is_live():
                end_session(request)
                return link_ended(request)
            if purposes and link.purpose not in purposes:
                return link_ended(request)
            request.member_link, request.member = link, link.member
            response = view(request, *args, **kwargs)
            response["X-Robots-Tag"] = "noindex, nofollow"
            return response

        return wrapped

    return decorate


@require_POST
def sign_out(request):
    """End the session and its link: the same address will not open the page again."""
    idle = MembershipSettings.load().session_idle_minutes * 60
    link_id = session_link_id(request, idle)
    if link_id is not None:
        link = MemberLink.objects.filter(pk=link_id).first()
        if link is not None:
            link.end(MemberLink.Ending.SIGNED_OUT)
    end_session(request)
    return redirect("enrolment_public:signed_out")


@never_cache
def signed_out(request):
    return _render(request, "enrolment/membership/signed_out.html")


@member_session(LinkPurpose.MESSAGE)
@require_http_methods(["GET", "HEAD"])
def message(request):
    """The content of the message the link was sent with, built now, in the page's
    language, from what it is about."""
    found = MemberMessage.objects.filter(
        pk=request.member_link.target_id, member=request.member
    ).first()
    spec = KINDS.get(found.kind) if found else None
    if spec is None or spec.page is None:
        raise Http404
    template, context = spec.page(found)
    return _render(request, template, {"message": found, **context})
