"""Updates to members in the admin: write in both languages, preview, send once, then see
how each member was reached and mark the letters posted and the calls made.

Whom an update's criteria (or its activity's) pick out can tell the reader members' crime
types or demographic answers, so the audience and the results are shown, and the update
sent, only to staff who may see those (impact.permissions), as on the activity's page.
"""

import datetime

from django import forms
from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect
from django.template.loader import render_to_string
from django.urls import path, reverse
from django.utils import timezone, translation
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.generic import TemplateView
from wagtail.admin import messages
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel, ObjectList
from wagtail.admin.ui.tables import TitleColumn
from wagtail.admin.views import generic
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.utils.urlpatterns import decorate_urlpatterns

from enrolment.messaging import may_receive, record_outcome
from enrolment.models import Member, MemberMessage, MembershipSettings, PrivacyNotice
from enrolment.permissions import access_required

from .. import updates
from ..models import EngagementActivity, MemberUpdate, PartnerUpdate
from ..permissions import SENSITIVE_CRITERIA, can, may_see_targeting, may_target_sensitive

NAMESPACE = "impact_updates"
State = MemberMessage.State
Channel = MemberMessage.Channel
Purpose = MemberUpdate.Purpose

# What staff can mark, and what it becomes: a letter posted, a call made.
STAFF_OUTCOMES = {State.TO_PRINT: State.POSTED, State.TO_CALL: State.CALLED}


def update_policy():
    from wagtail.permissions import policy_registry

    return policy_registry.get_by_type(MemberUpdate)


update_access_required = access_required(update_policy, ("view", "change"))


def update_url(name, update):
    return reverse(f"{NAMESPACE}:{name}", args=[update.pk])


def may_see_audience(user, update):
    """Whether the user may see whom the update goes to (its own criteria, its activity's)."""
    activity = update.activity
    return may_see_targeting(user, update) and (
        activity is None or may_see_targeting(user, activity)
    )


def audience_refusal():
    return _(
        "Only a colleague who may see members' crime types and demographic details can see "
        "whom this update goes to, or send it."
    )


# --- writing ------------------------------------------------------------------------------


class MemberUpdateForm(WagtailAdminModelForm):
    purpose = forms.ChoiceField(
        label=gettext_lazy("What it is about"),
        choices=Purpose.choices,
        widget=forms.RadioSelect,
    )
    target_how_affected = forms.TypedMultipleChoiceField(
        label=gettext_lazy("How affected"),
        choices=Member.HowAffected.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )

    class Meta:
        widgets = {
            "title": forms.TextInput,
            "title_cy": forms.TextInput,
            "body": forms.Textarea(attrs={"rows": 10}),
            "body_cy": forms.Textarea(attrs={"rows": 10}),
            "target_areas": forms.CheckboxSelectMultiple,
            "target_crime_types": forms.CheckboxSelectMultiple,
            "target_demographics": forms.CheckboxSelectMultiple,
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # As on the activity form: without the right to see crime types and demographic
        # details, those criteria are not on the form, and what the update has is kept.
        if not may_target_sensitive(self.for_user):
            for name in SENSITIVE_CRITERIA:
                self.fields.pop(name, None)
        if "activity" in self.fields:
            self.fields["activity"].queryset = EngagementActivity.objects.order_by(
                "-financial_year", "-quarter", "title"
            )

    def clean(self):
        data = super().clean()
        purpose = data.get("purpose")
        if purpose == Purpose.FEEDBACK_USED and not data.get("activity"):
            self.add_error("activity", _("Choose the activity whose participants to tell."))
        elif purpose != Purpose.FEEDBACK_USED:
            # Only "how your feedback was used" is about an activity.
            data["activity"] = None
        return data


edit_handler = ObjectList(
    [
        FieldPanel("purpose"),
        FieldPanel("activity"),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("title"), FieldPanel("title_cy")]),
                FieldRowPanel([FieldPanel("body"), FieldPanel("body_cy")]),
            ],
            heading=gettext_lazy("The update, in both languages"),
            help_text=gettext_lazy(
                "Members read it on a private page after opening their link. It can be saved "
                "without the Welsh, but it is sent only when both languages are written, so "
                "everyone is told at the same time. Never write anything that could identify "
                "a member."
            ),
        ),
        MultiFieldPanel(
            [
                FieldPanel("target_areas"),
                FieldPanel("target_language"),
                FieldPanel("target_how_affected"),
                FieldPanel("target_crime_types"),
                FieldPanel("target_demographics"),
            ],
            heading=gettext_lazy("Who to tell (general updates only)"),
            help_text=gettext_lazy(
                "Leave a question empty to include everyone. Only active members who agree "
                "to be contacted are ever told, each through a channel they marked safe."
            ),
        ),
    ],
    base_form_class=MemberUpdateForm,
)


def prefill_from_partner_update(activity, partner_update):
    """The start of "how your feedback was used", from the partner's news."""
    recommendation = partner_update.recommendation
    with translation.override("en"):
        title = str(Purpose.FEEDBACK_USED.label)
    with translation.override("cy"):
        title_cy = str(Purpose.FEEDBACK_USED.label)
    lines = [recommendation.text, "", partner_update.get_status_display()]
    if partner_update.note:
        lines += ["", partner_update.note]
    return {"title": title, "title_cy": title_cy, "body": "\n".join(lines)}


class UpdateCreateView(generic.CreateView):
    def get_initial(self):
        initial = super().get_initial()
        activity_id = self.request.GET.get("activity", "")
        if not (activity_id.isascii() and activity_id.isdigit()):
            return initial
        activity = EngagementActivity.objects.filter(pk=activity_id).first()
        if activity is None:
            return initial
        initial.update({"purpose": Purpose.FEEDBACK_USED, "activity": activity.pk})
        news_id = self.request.GET.get("partner_update", "")
        if news_id.isascii() and news_id.isdigit():
            news = (
                PartnerUpdate.objects.select_related("recommendation")
                .filter(pk=news_id, recommendation__activity=activity)
                .first()
            )
            if news is not None:
                initial.update(prefill_from_partner_update(activity, news))
        return initial

    def save_instance(self):
        self.form.instance.created_by = self.request.user
        return super().save_instance()

    def get_success_url(self):
        return update_url("inspect", self.object)


class UpdateEditView(generic.EditView):
    def dispatch(self, request, *args, **kwargs):
        update = MemberUpdate.objects.filter(pk=kwargs.get("pk")).first()
        if update is not None and update.is_sent:
            messages.error(request, _("This update has been sent, so it can no longer change."))
            return redirect(update_url("inspect", update))
        return super().dispatch(request, *args, **kwargs)

    def get_success_url(self):
        return update_url("inspect", self.object)


class UpdateIndexView(generic.IndexView):
    any_permission_required = ["view", "change"]
    page_title = gettext_lazy("Member updates")

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        self.is_export = False

    def get_base_queryset(self):
        return super().get_base_queryset().select_related("activity")

    def _get_title_column(self, field_name, column_class=TitleColumn, **kwargs):
        return self._get_custom_column(
            field_name,
            self._get_title_column_class(column_class),
            get_url=self.get_inspect_url,
            **kwargs,
        )


# --- the update's page: audience, sending, results ----------------------------------------


def results(update):
    """The update's messages by what staff do with them, members named by reference only."""
    found = list(
        updates.messages_of(update)
        .select_related("member")
        .only(
            "state",
            "channel",
            "language",
            "completed_at",
            "member__reference",
            "member__status",
        )
        .order_by("member__reference", "pk")
    )
    return {
        "emailed": [m for m in found if m.channel == Channel.EMAIL],
        "letters": [m for m in found if m.channel == Channel.POST],
        "calls": [m for m in found if m.channel == Channel.PHONE],
        "no_channel": [m for m in found if m.channel == Channel.NONE],
    }


class UpdateView(generic.InspectView):
    template_name = "impact/admin/updates/update.html"
    any_permission_required = ["view", "change"]
    page_title = gettext_lazy("Member update")
    fields = ["title"]

    def get_fields_context(self):
        return []

    @cached_property
    def header_more_buttons(self):
        return []

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        update = self.object
        user = self.request.user
        may_see = may_see_audience(user, update)
        may_change = can(user, "change", MemberUpdate)
        context.update(
            {
                "update": update,
                "may_see_audience": may_see,
                "audience_refusal": "" if may_see else audience_refusal(),
                "missing": [
                    MemberUpdate._meta.get_field(name).verbose_name
                    for name in update.missing_for_sending()
                ],
                "may_change": may_change,
                "edit_url": update_url("edit", update),
                "preview_url": update_url("preview", update),
                "send_url": update_url("send", update),
            }
        )
        if may_see and update.is_sent:
            context["results"] = results(update)
            context["states"] = updates.states_of(update)
            context["may_mark"] = may_change
        elif may_see:
            context["audience_count"] = updates.audience(update).count()
        return context


class PreviewView(WagtailAdminTemplateMixin, TemplateView):
    """What members will see, in both languages: the envelope, then the page."""

    template_name = "impact/admin/updates/preview.html"
    page_title = gettext_lazy("Preview")

    def dispatch(self, request, pk):
        if not can(request.user, "view", MemberUpdate):
            raise PermissionDenied
        self.update = get_object_or_404(MemberUpdate, pk=pk)
        return super().dispatch(request, pk)

    def envelope(self, language):
        membership = MembershipSettings.load()
        with translation.override(language):
            path = reverse("enrolment_public:open_link", kwargs={"token": "…"})
            context = {
                "sender": membership.sender_name(Member(may_say_opcc=False), language),
                "url": settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path,
                "expires_on": timezone.localdate() + datetime.timedelta(days=membership.link_days),
            }
            subject = render_to_string("enrolment/emails/envelope_subject.txt", context)
            body = render_to_string("enrolment/emails/envelope_body.txt", context)
        return " ".join(subject.split()), body.strip()

    def get_page_subtitle(self):
        return str(self.update)

    def get_breadcrumbs_items(self):
        return [
            {"url": reverse("wagtailadmin_home"), "label": gettext_lazy("Home")},
            {"url": reverse(f"{NAMESPACE}:index"), "label": gettext_lazy("Member updates")},
            {"url": update_url("inspect", self.update), "label": str(self.update)},
            {"url": "", "label": self.get_page_title()},
        ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        versions = []
        for code, label in (("en", _("English")), ("cy", _("Welsh"))):
            subject, body = self.envelope(code)
            title, text = self.update.text_in(code)
            versions.append(
                {
                    "code": code,
                    "label": label,
                    "subject": subject,
                    "envelope": body,
                    "title": title,
                    "body": text,
                    "notice": PrivacyNotice.current_in_language(code)
                    if self.update.purpose == Purpose.PRIVACY_NOTICE
                    else None,
                }
            )
        context.update(
            {
                "update": self.update,
                "versions": versions,
                "update_page_url": update_url("inspect", self.update),
            }
        )
        return context


class SendView(View):
    """POST only: send the update to its audience, once."""

    http_method_names = ["post"]

    def post(self, request, pk):
        if not can(request.user, "change", MemberUpdate):
            raise PermissionDenied
        update = get_object_or_404(MemberUpdate.objects.select_related("activity"), pk=pk)
        back = redirect(update_url("inspect", update))
        if not may_see_audience(request.user, update):
            messages.error(request, audience_refusal())
            return back
        try:
            counts = updates.send_update(update, by=request.user)
        except updates.AlreadySent:
            messages.error(request, _("This update was sent already. Nothing more was sent."))
            return back
        except updates.NotReady:
            messages.error(
                request,
                _("Write the title and text in both languages before sending. Nothing was sent."),
            )
            return back
        total = sum(counts.values())
        messages.success(
            request,
            _(
                "Sent: %(email)s by email, %(post)s letters to print, %(phone)s calls to make, "
                "%(none)s with no safe channel (%(total)s in all)."
            )
            % {**counts, "total": total},
        )
        return back


class MarkOutcomeView(View):
    """POST only: staff posted this member's letter, or made the call."""

    http_method_names = ["post"]

    def post(self, request, pk, message_pk):
        if not can(request.user, "change", MemberUpdate):
            raise PermissionDenied
        update = get_object_or_404(MemberUpdate.objects.select_related("activity"), pk=pk)
        back = redirect(update_url("inspect", update) + "#results")
        if not may_see_audience(request.user, update):
            messages.error(request, audience_refusal())
            return back
        with transaction.atomic():
            message = get_object_or_404(
                updates.messages_of(update).select_for_update().select_related("member"),
                pk=message_pk,
            )
            member = message.member
            done = STAFF_OUTCOMES.get(message.state)
            if done is None:
                messages.error(
                    request,
                    _("The message to %(reference)s is not waiting for staff.")
                    % {"reference": member.reference},
                )
            elif not may_receive(member, message.kind) or message.channel not in (
                member.safe_channels
            ):
                messages.error(
                    request,
                    _(
                        "%(reference)s may no longer be contacted this way. Do not send or "
                        "call; check their record."
                    )
                    % {"reference": member.reference},
                )
            else:
                record_outcome(message, done, by=request.user)
                if done == State.POSTED:
                    said = _("The letter to %(reference)s is recorded as posted.")
                else:
                    said = _("The call to %(reference)s is recorded as made.")
                messages.success(request, said % {"reference": member.reference})
        return back


class MemberUpdateViewSet(ModelViewSet):
    model = MemberUpdate
    name = "member-updates"
    url_namespace = NAMESPACE
    icon = "mail"
    menu_label = gettext_lazy("Member updates")
    add_to_admin_menu = True
    menu_order = 165
    list_per_page = 50
    add_to_reference_index = False
    copy_view_enabled = False
    inspect_view_enabled = True
    index_view_class = UpdateIndexView
    add_view_class = UpdateCreateView
    edit_view_class = UpdateEditView
    inspect_view_class = UpdateView
    edit_handler = edit_handler
    list_display = ["title", "purpose", "activity", "sent_at"]
    list_filter = ["purpose"]
    search_fields = ["title", "title_cy"]

    # Sent updates are the record of what members were told: they are never deleted.
    REMOVED_VIEWS = {"delete", "usage"}

    def get_common_view_kwargs(self, **kwargs):
        view_kwargs = super().get_common_view_kwargs(**kwargs)
        view_kwargs["delete_url_name"] = None
        view_kwargs["usage_url_name"] = None
        return view_kwargs

    def get_urlpatterns(self):
        patterns = [
            pattern
            for pattern in super().get_urlpatterns()
            if pattern.name not in self.REMOVED_VIEWS
        ]
        patterns += [
            path("<int:pk>/preview/", PreviewView.as_view(), name="preview"),
            path("<int:pk>/send/", SendView.as_view(), name="send"),
            path(
                "<int:pk>/messages/<int:message_pk>/done/",
                MarkOutcomeView.as_view(),
                name="mark_outcome",
            ),
        ]
        return decorate_urlpatterns(patterns, update_access_required)


def tell_participants_url(activity, partner_update):
    """Where "Tell the participants" on a partner update goes."""
    return (
        reverse(f"{NAMESPACE}:add") + f"?activity={activity.pk}&partner_update={partner_update.pk}"
    )
