"""Recording invitations made outside the product, what came of each invitation, and the
export of contact details for staff who need it.

Every invitation and every change to one is written to the member's history (the audit
entry's object is the member, named there by reference only), with ids and choices in its
data, never anything personal. Recording an invitation here sends nothing: the product
sends invitations itself through impact.admin.sending; this is for an invitation staff
made another way (in person, say), and for keeping each invitation's outcome.

Over 500 lines because the invite screen's formset, the outcome forms and the export
belong together: each reads the same targeting and writes the same audit entries.
"""

from django import forms
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.forms.formsets import (
    INITIAL_FORM_COUNT,
    MAX_NUM_FORM_COUNT,
    MIN_NUM_FORM_COUNT,
    TOTAL_FORM_COUNT,
    ManagementForm,
)
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.generic import TemplateView
from wagtail.admin import messages
from wagtail.log_actions import LogFormatter

from core.dates import yes_no
from core.downloads import csv_download
from enrolment import permissions as member_permissions
from enrolment.models import Area, Member

from .. import targeting
from ..audit import ACTIONS, audit, audit_each
from ..models import EngagementActivity, ImpactSettings, Invitation
from ..models.activities import Channel
from ..permissions import can
from .base import ActivityPageMixin, activity_url

FEEDBACK_MAX_LENGTH = 2000
# Inviting makes no sense once the activity is over.
CLOSED_STATUSES = (EngagementActivity.Status.CLOSED, EngagementActivity.Status.REPORTED)


def member_record_url(member):
    return reverse("enrolment_members:inspect", args=[member.pk])


def can_export(user):
    return member_permissions.can(user, member_permissions.EXPORT)


def left_out_labels(days):
    return {
        targeting.NOT_ACTIVE: _("Not active (pending, withdrawn, lapsed or erased)"),
        targeting.TERM_ENDED: _("Membership term has ended"),
        targeting.NO_CONSENT: _("No current consent to be contacted"),
        targeting.NOT_MATCHING: _("Do not match who to invite"),
        targeting.ALREADY_INVITED: _("Already invited to this activity"),
        targeting.RECENTLY_INVITED: ngettext(
            "Invited to an activity in the last %(days)s day",
            "Invited to an activity in the last %(days)s days",
            days,
        )
        % {"days": days},
        targeting.NO_SAFE_CHANNEL: _("No safe way to reach them by this activity's channels"),
    }


# --- proposing and recording invitations ----------------------------------------------


def posted_ids(data):
    """The member ids posted as "member". Only plain ASCII digits are ids: int() would
    also read "٣" or " 3 " as 3."""
    # An empty POST reaches a formset as a plain dict.
    values = data.getlist("member") if hasattr(data, "getlist") else []
    return {
        int(value) for value in values if value.isascii() and value.isdigit() and len(value) < 19
    }


class MemberTick(forms.CheckboxInput):
    """The row's box: every row's box is named "member", with the member's id as its value."""

    def __init__(self, member_pk):
        super().__init__()
        self.member_pk = member_pk

    def value_from_datadict(self, data, files, name):
        return self.member_pk in posted_ids(data)


class InviteForm(forms.Form):
    """One proposed member: ticked or not, and the channel to record."""

    invite = forms.BooleanField(required=False, initial=True)
    channel = forms.CharField(required=False, strip=False)

    def __init__(self, *args, proposal, **kwargs):
        self.proposal = proposal
        super().__init__(*args, **kwargs)
        self.fields["invite"].widget = MemberTick(proposal.member.pk)
        # Whatever was sent is checked against the member's channels in clean(), for one
        # message that names the member.
        self.fields["channel"].validators = []

    def add_prefix(self, field_name):
        # The page's names ("member" and "channel-<id>") rather than numbered ones: a row
        # is its member, whichever place it has in the list this time.
        if field_name == "invite":
            return "member"
        return f"channel-{self.proposal.member.pk}"

    @property
    def chosen_channel(self):
        """The channel posted (kept as sent, to show again), else the suggested one."""
        name = self.add_prefix("channel")
        if self.is_bound and name in self.data:
            return self.data[name]
        return self.proposal.suggested

    def clean(self):
        data = super().clean()
        if data.get("invite"):
            if self.chosen_channel not in self.proposal.channels:
                raise ValidationError(
                    _("Choose a channel that is safe for %(reference)s.")
                    % {"reference": self.proposal.member.reference},
                    code="unsafe_channel",
                )
            data["channel"] = self.chosen_channel
        return data


class BaseInviteFormSet(forms.BaseFormSet):
    """A row for each member proposed now. How many rows there are is the server's to say,
    never the browser's, so the page carries no count of its own."""

    def __init__(self, *args, proposals, **kwargs):
        self.proposals = list(proposals)
        super().__init__(*args, **kwargs)

    @property
    def management_form(self):
        count = len(self.proposals)
        form = ManagementForm(
            {
                f"{self.prefix}-{TOTAL_FORM_COUNT}": count,
                f"{self.prefix}-{INITIAL_FORM_COUNT}": count,
                f"{self.prefix}-{MIN_NUM_FORM_COUNT}": 0,
                f"{self.prefix}-{MAX_NUM_FORM_COUNT}": count,
            },
            auto_id=self.auto_id,
            prefix=self.prefix,
            renderer=self.renderer,
        )
        form.full_clean()
        return form

    def total_form_count(self):
        return len(self.proposals)

    def initial_form_count(self):
        return len(self.proposals)

    def get_form_kwargs(self, index):
        return {**super().get_form_kwargs(index), "proposal": self.proposals[index]}

    def clean(self):
        if not any(form.cleaned_data.get("invite") for form in self.forms):
            raise ValidationError(_("Tick at least one member to invite."), code="none_ticked")

    def ticked(self):
        """The forms of the members ticked, by member id."""
        return sorted(
            (form for form in self.forms if form.cleaned_data.get("invite")),
            key=lambda form: form.proposal.member.pk,
        )

    def error_list(self):
        """Every message, the formset's first, then each ticked member's by id."""
        rows = sorted(self.forms, key=lambda form: form.proposal.member.pk)
        return [*self.non_form_errors(), *(e for form in rows for e in form.non_field_errors())]

    def not_proposed(self):
        """Ids ticked of members not proposed now (no longer eligible, or never were)."""
        proposed = {proposal.member.pk for proposal in self.proposals}
        return posted_ids(self.data) - proposed


InviteFormSet = forms.formset_factory(InviteForm, formset=BaseInviteFormSet, extra=0)


class InviteView(ActivityPageMixin, TemplateView):
    """The members the criteria propose, each ticked, with a channel their plan allows."""

    model = Invitation
    permission_required = "add"
    shows_targeting = True
    template_name = "impact/admin/invitations/invite.html"
    page_title = gettext_lazy("Invite members")
    header_icon = "mail"

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        self.errors = []

    @property
    def is_closed(self):
        return self.activity.status in CLOSED_STATUSES

    def rows(self, formset):
        """The table rows; a posted formset keeps what was sent when it comes back."""
        areas = Area.names_in_language([proposal.member.area_id for proposal in formset.proposals])
        rows = []
        for form in formset:
            member = form.proposal.member
            rows.append(
                {
                    "member": member,
                    "record_url": member_record_url(member),
                    "area": areas.get(member.area_id, ""),
                    "language": member.get_language_display(),
                    "ticked": bool(form["invite"].value()),
                    "chosen": form.chosen_channel,
                    "channels": [(value, Channel(value).label) for value in form.proposal.channels],
                }
            )
        return rows

    def render_page(self, targeted, formset=None):
        days = ImpactSettings.load().recent_invitation_days
        labels = left_out_labels(days)
        left_out = [(labels[reason], count) for reason, count in targeted.left_out.items() if count]
        if formset is None:
            formset = InviteFormSet(proposals=targeted.proposals)
        context = self.get_context_data(
            rows=self.rows(formset),
            left_out=left_out,
            errors=self.errors,
            closed=self.is_closed,
            channels=[Channel(value).label for value in targeting.activity_channels(self.activity)],
        )
        return self.render_to_response(context)

    def get(self, request, *args, **kwargs):
        return self.render_page(targeting.propose(self.activity))

    def post(self, request, *args, **kwargs):
        if self.is_closed:
            messages.error(request, _("This activity is closed: nobody more can be invited."))
            return redirect(self.activity_page_url)
        targeted = targeting.propose(self.activity)
        formset = InviteFormSet(request.POST, proposals=targeted.proposals)
        # Anyone not proposed now (no longer eligible, or never was) is left out.
        gone = formset.not_proposed()
        if not formset.is_valid():
            self.errors = formset.error_list()
            return self.render_page(targeted, formset)

        recorded = 0
        with transaction.atomic():
            for form in formset.ticked():
                proposal = form.proposal
                channel = form.cleaned_data["channel"]
                try:
                    with transaction.atomic():
                        Invitation.objects.create(
                            activity=self.activity,
                            member=proposal.member,
                            channel=channel,
                            invited_by=request.user,
                        )
                except IntegrityError:
                    # Recorded meanwhile, by a second click or a colleague: once is enough.
                    gone.add(proposal.member.pk)
                    continue
                audit(
                    proposal.member,
                    "impact.invite",
                    user=request.user,
                    data={"activity": self.activity.pk, "channel": channel},
                )
                recorded += 1
            if recorded:
                audit(
                    self.activity,
                    "impact.invitations_recorded",
                    user=request.user,
                    data={"count": recorded},
                )
        messages.success(
            request,
            ngettext("%(count)s invitation recorded.", "%(count)s invitations recorded.", recorded)
            % {"count": recorded},
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
        return redirect(self.activity_page_url)


# --- states and what members told us --------------------------------------------------


class InvitationStatesForm(forms.Form):
    """A state and "what they told us" for each of one activity's invitations.

    A field missing from the data leaves that invitation as it was, so a partial POST
    changes only what it names.
    """

    def __init__(self, invitations, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.invitations = list(invitations)
        for invitation in self.invitations:
            reference = invitation.member.reference
            self.fields[f"state-{invitation.pk}"] = forms.ChoiceField(
                label=_("State for %(reference)s") % {"reference": reference},
                choices=Invitation.State.choices,
                initial=invitation.state,
                required=False,
            )
            self.fields[f"feedback-{invitation.pk}"] = forms.CharField(
                label=_("What %(reference)s told us") % {"reference": reference},
                initial=invitation.feedback,
                required=False,
                max_length=FEEDBACK_MAX_LENGTH,
                strip=True,
                widget=forms.Textarea(attrs={"rows": 2, "cols": 30}),
            )

    def rows(self):
        return [
            {
                "invitation": invitation,
                "record_url": member_record_url(invitation.member),
                "state": self[f"state-{invitation.pk}"],
                "feedback": self[f"feedback-{invitation.pk}"],
            }
            for invitation in self.invitations
        ]

    def changes(self):
        """[(invitation, new state or None, new feedback or None)] for what actually changed."""
        changed = []
        for invitation in self.invitations:
            state_key, feedback_key = f"state-{invitation.pk}", f"feedback-{invitation.pk}"
            state = self.cleaned_data.get(state_key) if state_key in self.data else ""
            feedback = self.cleaned_data.get(feedback_key) if feedback_key in self.data else None
            new_state = state if state and state != invitation.state else None
            new_feedback = (
                feedback if feedback is not None and feedback != invitation.feedback else None
            )
            if new_state or new_feedback is not None:
                changed.append((invitation, new_state, new_feedback))
        return changed


def activity_invitations(activity):
    return (
        Invitation.objects.filter(activity=activity)
        .select_related("member")
        .only(
            "pk",
            "activity_id",
            "channel",
            "state",
            "invited_at",
            "state_changed_at",
            "feedback",
            "member__id",
            "member__reference",
            "member__status",
        )
        .order_by("member__reference")
    )


class InvitationStatesView(ActivityPageMixin, TemplateView):
    """Record replies, who took part, and what they told us. Each change goes on the
    member's history."""

    model = Invitation
    permission_required = "change"
    shows_targeting = True
    template_name = "impact/admin/invitations/states.html"
    page_title = gettext_lazy("Invitations")
    header_icon = "list-ul"

    def form(self, data=None):
        return InvitationStatesForm(activity_invitations(self.activity), data=data)

    def get(self, request, *args, **kwargs):
        return self.render_to_response(self.get_context_data(states_form=self.form()))

    def post(self, request, *args, **kwargs):
        form = self.form(request.POST)
        if not form.is_valid():
            messages.error(request, _("Nothing was saved: correct the errors below."))
            return self.render_to_response(self.get_context_data(states_form=form))
        changes = form.changes()
        now = timezone.now()
        with transaction.atomic():
            for invitation, state, feedback in changes:
                fields = []
                if state:
                    invitation.state = state
                    invitation.state_changed_at = now
                    fields += ["state", "state_changed_at"]
                if feedback is not None:
                    invitation.feedback = feedback
                    fields.append("feedback")
                invitation.save(update_fields=fields)
                if state:
                    audit(
                        invitation.member,
                        "impact.invitation_state",
                        user=request.user,
                        data={"activity": self.activity.pk, "state": state},
                    )
                if feedback is not None:
                    audit(
                        invitation.member,
                        "impact.invitation_feedback",
                        user=request.user,
                        data={"activity": self.activity.pk},
                    )
        if changes:
            messages.success(
                request,
                ngettext(
                    "%(count)s invitation updated.", "%(count)s invitations updated.", len(changes)
                )
                % {"count": len(changes)},
            )
        else:
            messages.info(request, _("Nothing had changed."))
        return redirect(self.activity_page_url + "#activity-invitations")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["states_url"] = activity_url("invitation_states", self.activity)
        return context


# --- the export for contacting members ------------------------------------------------

EXPORT_HEADINGS = (
    gettext_lazy("Reference"),
    gettext_lazy("Name to use"),
    gettext_lazy("Language"),
    gettext_lazy("Channel"),
    gettext_lazy("Contact detail"),
    gettext_lazy("Safe times to contact"),
    gettext_lazy("Voicemail is safe"),
    gettext_lazy("May say they are from the Commissioner's office"),
    gettext_lazy("State"),
)


def contact_detail(member, channel):
    """The one detail the channel needs, and only if the channel is still safe."""
    if channel not in member.safe_channels:
        return _("No longer safe: check the record before contacting")
    if channel == Channel.EMAIL:
        return member.email
    if channel in (Channel.PHONE, Channel.TEXT):
        return member.phone
    return member.address


def exportable_invitations(activity):
    """Invitations of members who may still be contacted; nobody withdrawn or erased."""
    contactable = Member.objects.contactable().values("pk")
    return (
        Invitation.objects.filter(activity=activity, member__in=contactable)
        .select_related("member")
        .order_by("member__reference")
    )


def invitation_rows(invitations):
    for invitation in invitations:
        member = invitation.member
        yield [
            member.reference,
            member.preferred_name or member.name,
            member.get_language_display(),
            invitation.get_channel_display(),
            contact_detail(member, invitation.channel),
            member.safe_times,
            yes_no(member.voicemail_safe),
            yes_no(member.may_say_opcc),
            invitation.get_state_display(),
        ]


class InvitationExportView(ActivityPageMixin, TemplateView):
    """The invitation list as CSV, for contacting members. POST only: contact details never
    go in a URL. Needs the member export permission; every export is audited."""

    model = Invitation
    shows_targeting = True

    def dispatch(self, request, *args, **kwargs):
        if not can_export(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get(self, request, *args, **kwargs):
        return redirect(self.activity_page_url + "#activity-invitations")

    def post(self, request, *args, **kwargs):
        invitations = list(exportable_invitations(self.activity))
        response, rows = csv_download(
            f"invitations-{self.activity.pk}", EXPORT_HEADINGS, invitation_rows(invitations)
        )
        # On each member's own history too, so their subject access file shows it.
        audit_each(
            [invitation.member for invitation in invitations],
            "impact.exported_for_contact",
            user=request.user,
            data={"activity": self.activity.pk},
        )
        audit(
            self.activity,
            "impact.export_invitations",
            user=request.user,
            data={"rows": rows},
        )
        return response


urlpatterns = [
    path("<int:pk>/invite/", InviteView.as_view(), name="invite"),
    path("<int:pk>/invitations/", InvitationStatesView.as_view(), name="invitation_states"),
    path(
        "<int:pk>/invitations/export/",
        InvitationExportView.as_view(),
        name="export_invitations",
    ),
]


# --- the activity page ----------------------------------------------------------------


def page_context(request, activity):
    invitations = list(activity_invitations(activity))
    counts = dict.fromkeys(Invitation.State.values, 0)
    for invitation in invitations:
        counts[invitation.state] = counts.get(invitation.state, 0) + 1
    user = request.user
    may_change = can(user, "change", Invitation)
    return {
        "invitation_count": len(invitations),
        "invitation_state_counts": [
            (label, counts[value]) for value, label in Invitation.State.choices
        ],
        "invitations_form": InvitationStatesForm(invitations) if may_change else None,
        "invitations": invitations,
        "invite_url": (
            activity_url("invite", activity)
            if can(user, "add", Invitation) and activity.status not in CLOSED_STATUSES
            else None
        ),
        "invitation_states_url": activity_url("invitation_states", activity),
        "invitations_export_url": (
            activity_url("export_invitations", activity) if can_export(user) else None
        ),
    }


# --- how the entries read in a history ------------------------------------------------


def channel_label(value):
    return Channel(value).label if value in Channel.values else value


def state_label(value):
    return Invitation.State(value).label if value in Invitation.State.values else value


class InviteFormatter(LogFormatter):
    label = ACTIONS["impact.invite"]

    def format_message(self, log_entry):
        data = log_entry.data or {}
        return _("Invited to engagement activity %(activity)s (%(channel)s)") % {
            "activity": data.get("activity", "?"),
            "channel": channel_label(data.get("channel", "?")),
        }


class InvitationStateFormatter(LogFormatter):
    label = ACTIONS["impact.invitation_state"]

    def format_message(self, log_entry):
        data = log_entry.data or {}
        return _("Engagement activity %(activity)s: %(state)s") % {
            "activity": data.get("activity", "?"),
            "state": state_label(data.get("state", "?")),
        }


class ExportedForContactFormatter(LogFormatter):
    label = ACTIONS["impact.exported_for_contact"]

    def format_message(self, log_entry):
        return _(
            "Contact details exported to contact them about engagement activity %(activity)s"
        ) % {"activity": (log_entry.data or {}).get("activity", "?")}


class ExportInvitationsFormatter(LogFormatter):
    label = ACTIONS["impact.export_invitations"]

    def format_message(self, log_entry):
        return _("Exported an invitation list (rows: %(rows)s)") % {
            "rows": (log_entry.data or {}).get("rows", "?")
        }


LOG_FORMATTERS = {
    "impact.invite": InviteFormatter,
    "impact.invitation_state": InvitationStateFormatter,
    "impact.export_invitations": ExportInvitationsFormatter,
    "impact.exported_for_contact": ExportedForContactFormatter,
}
