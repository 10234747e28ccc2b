"""A member's reply to an invitation, through their link: /membership/invitation/<id>/
(Welsh: /cy/aelodaeth/gwahoddiad/<id>/).

The page opens from the invitation's own link (or a reminder's, which opens the same
thing) and from the member's own page (a MANAGE link), never for anyone else's invitation.
It shows the activity in the page's language, then the reply: yes or no, the way of taking
part, what would help them take part (encrypted, like everything members write), and
"this topic affects me", which shows where to get support and flags the invitation for
staff. A reply can be changed until the activity closes. Each change is audited on the
member's history, and the team is told that a reply came in, with nothing about who.
"""

from functools import partial

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.template.loader import render_to_string
from django.template.response import TemplateResponse
from django.urls import NoReverseMatch, reverse
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_http_methods
from django_tasks import task
from wagtail.models import Locale

from core.forms import ChoiceField, PublicFormBoundField, TextField
from core.http import SeeOther
from core.mail import MailNotSent, deliver, try_again_later
from enrolment.membership import member_session, register_destination
from enrolment.messaging import LinkPurpose
from enrolment.models import MembershipSettings
from pages.models import SupportService

from .audit import audit
from .models import EngagementActivity, Invitation

State = Invitation.State

ACCESS_NEEDS_MAX_LENGTH = 2000
# Ids beyond a database integer are nobody's invitation; asking would be an error.
LARGEST_ID = 2**63 - 1
# The invitation id whose reply was just saved, to say so once on the next page.
SAVED_KEY = "impact_reply_saved"
ACCEPT, DECLINE = "yes", "no"
ENDED_STATUSES = (EngagementActivity.Status.CLOSED, EngagementActivity.Status.REPORTED)


@register_destination(LinkPurpose.INVITATION)
def _reply_page(link):
    return reverse("impact_public:invitation_reply", kwargs={"invitation_id": link.target_id})


def page_language():
    language = translation.get_language() or "en"
    return "cy" if language.startswith("cy") else "en"


def activity_title(activity, language):
    """(title, language it is in): the public title in `language`, else in the other one.
    Never the staff's own title, which may say more than a member would want shown."""
    other = "en" if language == "cy" else "cy"
    for code in (language, other):
        title = activity.public_title_cy if code == "cy" else activity.public_title
        if title:
            return title, code
    with translation.override(language):
        return str(_("An invitation to take part")), language


def is_open(invitation, today=None):
    """Whether the member may still reply (or change their reply)."""
    activity = invitation.activity
    today = today or timezone.localdate()
    if activity.status in ENDED_STATUSES or invitation.state == State.TOOK_PART:
        return False
    return activity.closes_on is None or today <= activity.closes_on


def open_invitations(member, today=None):
    """The member's invitations they may still reply to, soonest closing first."""
    today = today or timezone.localdate()
    invitations = (
        Invitation.objects.filter(member=member)
        .exclude(activity__status__in=ENDED_STATUSES)
        .exclude(state=State.TOOK_PART)
        .exclude(activity__closes_on__lt=today)
        .select_related("activity")
        .order_by("activity__closes_on", "pk")
    )
    return list(invitations)


def suitable_methods(invitation):
    """The activity's ways of taking part that the member said suit them; all of the
    activity's when none does (or the member named none), so a choice is always there."""
    offered = list(invitation.activity.methods.all())
    suiting = set(invitation.member.methods.values_list("pk", flat=True))
    chosen = [method for method in offered if method.pk in suiting]
    return chosen or offered


class ReplyForm(forms.Form):
    """Yes or no, the way of taking part, what would help, and whether the topic affects
    them. No spam defence: only the holder of a live link reaches it."""

    bound_field_class = PublicFormBoundField
    CRIME_WARNING_FIELDS = frozenset({"access_needs"})
    SUBMIT_ID = "reply-submit"

    answer = ChoiceField(
        label=_("Would you like to take part?"),
        choices=[
            (ACCEPT, _("Yes, I would like to take part")),
            (DECLINE, _("No, not this time")),
        ],
        widget=forms.RadioSelect,
        required=False,
    )
    method = ChoiceField(
        label=_("How would you like to take part?"),
        help_text=_("Only needed if you said yes."),
        widget=forms.RadioSelect,
        required=False,
    )
    access_needs = TextField(
        label=_("What would help you take part? (optional)"),
        help_text=_(
            "For example: a quiet room, step-free access, a large-print copy, breaks, or "
            "someone with you. Only the engagement team sees this."
        ),
        max_length=ACCESS_NEEDS_MAX_LENGTH,
        widget=forms.Textarea,
        required=False,
    )
    topic_affects_me = forms.BooleanField(
        label=_("This topic affects me"),
        help_text=_(
            "We will show you where to get support, and the engagement team will take "
            "extra care when they contact you. You can still say yes or no."
        ),
        required=False,
    )

    def __init__(self, data=None, *, methods, **kwargs):
        super().__init__(data, **kwargs)
        self.methods = {method.code: method for method in methods}
        self.fields["method"].choices = [
            (method.code, method.get_code_display()) for method in methods
        ]
        if not methods:
            del self.fields["method"]

    @classmethod
    def initial_for(cls, invitation):
        answer = {State.ACCEPTED: ACCEPT, State.DECLINED: DECLINE}.get(invitation.state, "")
        return {
            "answer": answer,
            "method": invitation.method.code if invitation.method_id else "",
            "access_needs": invitation.access_needs,
            "topic_affects_me": invitation.topic_affects_me,
        }

    def clean(self):
        data = super().clean()
        answer = data.get("answer")
        if "answer" in data and not answer and not data.get("topic_affects_me"):
            self.add_error(
                "answer",
                ValidationError(_("Say whether you would like to take part."), code="required"),
            )
        method_missing = "method" in self.fields and data.get("method") == ""
        if answer == ACCEPT and method_missing:
            self.add_error(
                "method",
                ValidationError(_("Choose how you would like to take part."), code="required"),
            )
        if answer == DECLINE:
            # A way of taking part means nothing after a no.
            data["method"] = ""
        return data

    def error_summary(self):
        """[(target id, message)] in the order the fields appear on the page."""
        items = [
            (self[name].first_id, message)
            for name in self.fields
            for message in self.errors.get(name, ())
        ]
        return items + [(self.SUBMIT_ID, message) for message in self.non_field_errors()]


def save_reply(invitation, data, now=None):
    """Store the reply; True when something changed (then audited, and the team told)."""
    now = now or timezone.now()
    answer = data["answer"]
    if answer == ACCEPT:
        state = State.ACCEPTED
        chosen = data.get("method") or ""
        methods = invitation.activity.methods.filter(code=chosen)
        method_id = methods.values_list("pk", flat=True).first() if chosen else None
    elif answer == DECLINE:
        state, method_id = State.DECLINED, None
    else:
        # Only "this topic affects me": the answer given before, if any, stands.
        state, method_id = invitation.state, invitation.method_id
    new = {
        "state": state,
        "method_id": method_id,
        "access_needs": data["access_needs"],
        "topic_affects_me": data["topic_affects_me"],
    }
    changed = [name for name, value in new.items() if getattr(invitation, name) != value]
    if not changed:
        return False
    with transaction.atomic():
        for name in changed:
            setattr(invitation, name, new[name])
        fields = [*changed, "replied_at"]
        if "state" in changed:
            invitation.state_changed_at = now
            fields.append("state_changed_at")
        invitation.replied_at = now
        invitation.save(update_fields=fields)
        audit(
            invitation.member,
            "impact.reply",
            data={
                "activity": invitation.activity_id,
                "state": invitation.state,
                "method": invitation.method.code if invitation.method_id else "",
                "access_needs": bool(invitation.access_needs),
                "topic_affects_me": invitation.topic_affects_me,
            },
        )
        transaction.on_commit(
            partial(notify_staff_of_reply.enqueue, invitation.activity_id), robust=True
        )
    return True


def _find(request, invitation_id):
    """The session's member's invitation; for an invitation's own link, only that one."""
    if invitation_id > LARGEST_ID:
        return None
    link = request.member_link
    if link.purpose == LinkPurpose.INVITATION and link.target_id != invitation_id:
        return None
    return (
        Invitation.objects.select_related("activity", "method", "member")
        .filter(pk=invitation_id, member=request.member)
        .first()
    )


def _render(request, template, context=None, status=200):
    context = {"membership": MembershipSettings.load(), **(context or {})}
    return TemplateResponse(request, f"impact/invitations/{template}", context, status=status)


def support_services(language):
    locale = Locale.objects.filter(language_code=language).first()
    return SupportService.by_category(locale) if locale else []


@member_session(LinkPurpose.INVITATION, LinkPurpose.MANAGE)
@require_http_methods(["GET", "HEAD", "POST"])
def invitation_reply(request, invitation_id):
    invitation = _find(request, invitation_id)
    if invitation is None:
        # Someone else's, a mistyped number, or one this link is not for: the same answer.
        return _render(request, "not_found.html", status=404)
    language = page_language()
    title, title_lang = activity_title(invitation.activity, language)
    methods = suitable_methods(invitation)
    context = {
        "invitation": invitation,
        "activity": invitation.activity,
        "language": language,
        "heading": title,
        "title_lang": title_lang,
        "reply_open": is_open(invitation),
    }
    if not context["reply_open"]:
        # Words written while it closed are shown back, not stored, so they are not lost.
        kept = request.POST.get("access_needs", "") if request.method == "POST" else ""
        context["kept_text"] = kept.replace("\x00", "").strip()
        return _render(request, "reply.html", context)
    if request.method == "POST":
        form = ReplyForm(request.POST, methods=methods)
        if form.is_valid():
            save_reply(invitation, form.cleaned_data)
            request.session[SAVED_KEY] = invitation.pk
            return SeeOther(request.path)
    else:
        initial = ReplyForm.initial_for(invitation)
        if len(methods) == 1 and not initial["method"]:
            initial["method"] = methods[0].code
        form = ReplyForm(initial=initial, methods=methods)
    context.update(
        {
            "form": form,
            "errors": form.error_summary() if form.is_bound else [],
            "saved": request.session.pop(SAVED_KEY, None) == invitation.pk,
            "services": support_services(language) if invitation.topic_affects_me else [],
        }
    )
    return _render(request, "reply.html", context)


# --- telling the team -------------------------------------------------------------------


def activity_admin_url(activity_id):
    base = settings.WAGTAILADMIN_BASE_URL.rstrip("/")
    try:
        return f"{base}{reverse('impact_activities:inspect', args=[activity_id])}"
    except NoReverseMatch:  # the staff area is not installed: the admin's home page
        return f"{base}{reverse('wagtailadmin_home')}"


@task()
def notify_staff_of_reply(activity_id, attempt=1):
    """Tell the team a member replied: no name, no reference, not what they said. Staff
    open the activity in the admin to see it. In Welsh and English, like the referral note."""
    address = MembershipSettings.load().notify_email
    if not address:
        return "no address"
    context = {"activity_url": activity_admin_url(activity_id)}
    subjects, bodies = [], []
    for language in ("cy", "en"):
        with translation.override(language):
            subject = render_to_string("impact/emails/reply_subject.txt")
            subjects.append(" ".join(subject.split()))
            bodies.append(render_to_string("impact/emails/reply_body.txt", context).strip())
    what = "the note of a reply to an invitation"
    try:
        deliver(" / ".join(subjects), "\n\n".join(bodies) + "\n", address, what)
    except MailNotSent:
        try_again_later(notify_staff_of_reply, (activity_id,), attempt, what)
        raise
    return "sent"


# --- the member's own page ----------------------------------------------------------------


def member_page_section(request):
    """ "Your invitations" on the member's own page: each open one, by its public title in
    the page's language, with the way to reply. Nothing when there is none."""
    language = page_language()
    rows = []
    for invitation in open_invitations(request.member):
        title, title_lang = activity_title(invitation.activity, language)
        rows.append(
            {
                "title": title,
                "lang": title_lang,
                "invitation": invitation,
                "url": reverse(
                    "impact_public:invitation_reply", kwargs={"invitation_id": invitation.pk}
                ),
            }
        )
    if not rows:
        return ""
    return render_to_string(
        "impact/invitations/member_section.html", {"rows": rows, "language": language}, request
    )
