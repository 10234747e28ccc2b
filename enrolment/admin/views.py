"""The member list, the record, editing, adding, the exact look-up and the exports."""

from django.contrib.admin.utils import quote
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView
from wagtail import hooks
from wagtail.actions.create import CreateAction
from wagtail.actions.edit import EditAction
from wagtail.admin import messages
from wagtail.admin.ui.tables import Column, TitleColumn
from wagtail.admin.views import generic
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.widgets.button import HeaderButton
from wagtail.log_actions import log

from core.dates import day

from ..audit import audit, audit_each
from ..exports import (
    audit_history,
    consent_history,
    members_csv,
    record_sections,
    sensitive_section,
)
from ..filters import MemberFilterSet, default_members
from ..models import Area, Member, MembershipSettings, Purpose
from ..permissions import ANY_MEMBER_ACCESS, ERASE, EXPORT, VIEW_SENSITIVE, can
from .forms import ExportForm, LookupForm

NAMESPACE = "enrolment_members"


def member_url(name, member=None):
    args = (quote(member.pk),) if member is not None else ()
    return reverse(f"{NAMESPACE}:{name}", args=args)


def members_breadcrumbs(*items):
    return [
        {"url": reverse("wagtailadmin_home"), "label": gettext_lazy("Home")},
        {"url": member_url("index"), "label": gettext_lazy("Members")},
        *items,
    ]


class StaffOnlyMixin:
    """Access through the member permission policy, checked before anything is loaded."""

    permission_required = "view"

    def dispatch(self, request, *args, **kwargs):
        if not can(request.user, self.permission_required):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


# --- the list -------------------------------------------------------------------------


class MemberIndexView(generic.IndexView):
    template_name = "enrolment/admin/index.html"
    any_permission_required = list(ANY_MEMBER_ACCESS)
    filterset_class = MemberFilterSet
    page_title = gettext_lazy("Members")

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        # Wagtail's spreadsheet export (?export=csv) would bypass the audited export.
        self.is_export = False

    def filter_queryset(self, queryset):
        if self.filters and self.filters.is_valid():
            return self.filters.filter_queryset(queryset)
        return default_members(queryset)

    @cached_property
    def columns(self):
        title_column = self._get_title_column_class(TitleColumn)
        return [
            title_column(
                "reference",
                label=gettext_lazy("Reference"),
                sort_key="reference",
                get_url=self.get_inspect_url,
            ),
            Column(
                "status",
                label=gettext_lazy("Status"),
                accessor="get_status_display",
                sort_key="status",
            ),
            Column(
                "area",
                label=gettext_lazy("Area"),
                accessor=lambda member: self.area_names.get(member.area_id, ""),
            ),
            Column(
                "language",
                label=gettext_lazy("Language"),
                accessor="get_language_display",
                sort_key="language",
            ),
            Column(
                "joined_on",
                label=gettext_lazy("Joined"),
                accessor=lambda member: day(member.joined_on),
                sort_key="joined_on",
            ),
            Column(
                "term_ends_on",
                label=gettext_lazy("Term ends"),
                accessor=lambda member: day(member.term_ends_on),
                sort_key="term_ends_on",
            ),
        ]

    def get_table(self, object_list):
        self.area_names = Area.names_in_language([member.area_id for member in object_list])
        return super().get_table(object_list)

    def filter_query_string(self):
        """The chosen filters only (never anything else from the URL), for the export link."""
        if not self.filters:
            return ""
        params = self.request.GET.copy()
        for key in list(params):
            if key not in self.filters.form.fields:
                del params[key]
        return params.urlencode()

    @cached_property
    def header_buttons(self):
        buttons = list(super().header_buttons)
        if can(self.request.user, EXPORT):
            url = member_url("export")
            if query := self.filter_query_string():
                url = f"{url}?{query}"
            buttons.append(HeaderButton(_("Export"), url=url, icon_name="download"))
        return buttons

    def get_context_data(self, *args, **kwargs):
        context = super().get_context_data(*args, **kwargs)
        context["lookup_form"] = LookupForm()
        context["lookup_url"] = member_url("lookup")
        return context


class MemberLookupView(StaffOnlyMixin, WagtailAdminTemplateMixin, TemplateView):
    """Exact look-up by reference, email or phone.

    A POST form, not the list's search box: a GET search would put the email address or
    phone number in the URL, and from there in browser history and server logs.
    """

    template_name = "enrolment/admin/lookup.html"
    page_title = gettext_lazy("Find a member")
    header_icon = "search"

    def get_breadcrumbs_items(self):
        return members_breadcrumbs({"url": "", "label": self.get_page_title()})

    def get(self, request, *args, **kwargs):
        return self.render_to_response(self.get_context_data(form=LookupForm()))

    def post(self, request, *args, **kwargs):
        form = LookupForm(request.POST)
        matches = None
        if form.is_valid():
            matches = form.matches()
            # Whether a person is in the network is itself personal data: every look-up is
            # on the record, with its kind and how many it found, never what was searched.
            audit(
                MembershipSettings.load(),
                "enrolment.lookup",
                user=request.user,
                data={"kind": form.kind, "matches": len(matches)},
            )
            if len(matches) == 1:
                return redirect(member_url("inspect", matches[0]))
        return self.render_to_response(self.get_context_data(form=form, matches=matches))

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["lookup_url"] = member_url("lookup")
        return context


# --- the record -----------------------------------------------------------------------


def hooked_sections(member, user=None):
    """Sections other apps hold about the member (the "member_record_sections" hook: each
    function takes the member and the staff user reading, and returns sections shaped like
    those of ``record_sections``). Both the record and the subject access file show them; the
    file is made without a user, so it still holds everything."""
    sections = []
    for fn in hooks.get_hooks("member_record_sections"):
        sections.extend(fn(member, user=user))
    return sections


def available_actions(member, user, has_duplicates):
    """The actions staff can take on this record now: (label, URL name, serious)."""
    status = member.status
    S = Member.Status
    actions = []
    if status == S.PENDING:
        actions.append((_("Confirm membership"), "confirm", False))
    if status in (S.ACTIVE, S.LAPSED):
        actions.append((_("Record a renewal"), "renew", False))
    if member.pending_phone and status in (S.PENDING, S.ACTIVE, S.LAPSED):
        actions.append((_("Confirm the new phone number"), "confirm_phone", False))
    if member.changed_by_member_at and status != S.ERASED:
        actions.append((_("Mark the member's changes as checked"), "changes_checked", False))
    if status != S.ERASED:
        actions.append((_("Record consent given or withdrawn"), "consent", False))
        if has_duplicates:
            actions.append((_("Merge a duplicate"), "merge", False))
        actions.append((_("Send or read out a withdrawal link"), "withdrawal_link", False))
    if status in (S.PENDING, S.ACTIVE, S.LAPSED):
        actions.append((_("Withdraw: stop all contact"), "withdraw", True))
    if status != S.ERASED and can(user, ERASE):
        actions.append((_("Erase personal data"), "erase", True))
    if can(user, EXPORT):
        actions.append((_("Subject access file"), "subject_access", False))
    return [
        {"label": label, "url": member_url(name, member), "serious": serious}
        for label, name, serious in actions
    ]


class MemberRecordView(generic.InspectView):
    """Everything held about one member. Every view is written to the audit log."""

    template_name = "enrolment/admin/record.html"
    any_permission_required = list(ANY_MEMBER_ACCESS)
    page_title = gettext_lazy("Member record")
    fields = ["reference"]

    def get(self, request, *args, **kwargs):
        self.can_see_sensitive = can(request.user, VIEW_SENSITIVE)
        # The sensitive section opens only on request, so nobody meets crime types by
        # chance, and each opening is logged on its own.
        self.show_sensitive = self.can_see_sensitive and request.GET.get("show") == "sensitive"
        audit(self.object, "enrolment.view", user=request.user)
        if self.show_sensitive:
            audit(self.object, "enrolment.view_sensitive", user=request.user)
        return super().get(request, *args, **kwargs)

    def get_fields_context(self):
        return []

    @cached_property
    def header_more_buttons(self):
        return []

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        member = self.object
        duplicates = list(member.possible_duplicates().order_by("submitted_at"))
        context.update(
            {
                "member": member,
                "sections": record_sections(member) + hooked_sections(member, self.request.user),
                "can_see_sensitive": self.can_see_sensitive,
                "sensitive": sensitive_section(member) if self.show_sensitive else None,
                "sensitive_url": member_url("inspect", member) + "?show=sensitive",
                "consents": consent_history(member),
                "duplicates": duplicates,
                "merged_from": list(member.merged_from.order_by("reference")),
                "actions": available_actions(member, self.request.user, bool(duplicates)),
                "edit_url": (
                    member_url("edit", member)
                    if member.status != Member.Status.ERASED and can(self.request.user, "change")
                    else None
                ),
                "history_url": member_url("history", member),
            }
        )
        return context


# --- editing and adding ---------------------------------------------------------------


class MemberEditView(generic.EditView):
    template_name = "enrolment/admin/edit.html"

    def refuse_erased(self):
        messages.error(
            self.request,
            _("%(reference)s has been erased: there is nothing to edit.")
            % {"reference": self.object.reference},
        )
        return redirect(member_url("inspect", self.object))

    def get(self, request, *args, **kwargs):
        self.object = self.get_object()
        if self.object.status == Member.Status.ERASED:
            return self.refuse_erased()
        response = super().get(request, *args, **kwargs)
        # The form shows everything held, so opening it counts as viewing the record.
        audit(self.object, "enrolment.view", user=request.user, data={"screen": "edit"})
        if self.form.sensitive:
            audit(
                self.object, "enrolment.view_sensitive", user=request.user, data={"screen": "edit"}
            )
        return response

    def post(self, request, *args, **kwargs):
        self.object = self.get_object()
        if self.object.status == Member.Status.ERASED:
            return self.refuse_erased()
        return super().post(request, *args, **kwargs)

    def save_instance(self):
        EditAction(
            self.form.instance, user=self.request.user, form=self.form, log_action=False
        ).execute(skip_permission_checks=True)
        changed = sorted(self.form.changed_data)
        # Field names only: the values are personal data and stay out of the log.
        log(
            self.form.instance,
            "wagtail.edit",
            user=self.request.user,
            data={"fields": changed},
            content_changed=bool(changed),
        )
        return self.form.instance

    def get_success_url(self):
        return member_url("inspect", self.object)

    def get_success_buttons(self):
        return []


class MemberCreateView(generic.CreateView):
    """A referral taken by phone, by post or in person, with the consent it came with."""

    template_name = "enrolment/admin/create.html"

    def save_instance(self):
        form = self.form
        member = form.instance
        member.status = Member.Status.PENDING
        CreateAction(member, user=self.request.user, form=form).execute(skip_permission_checks=True)
        notice = form.notice(member.language)
        channel = form.cleaned_data["consent_channel"]
        given = [purpose for purpose, granted in form.consents().items() if granted]
        for purpose in given:
            member.record_consent(
                purpose, True, notice=notice, channel=channel, user=self.request.user
            )
        audit(
            member,
            "enrolment.consent",
            user=self.request.user,
            data={"purposes": given, "granted": True, "channel": channel},
        )
        return member

    def get_success_url(self):
        return member_url("inspect", self.object)

    def get_success_buttons(self):
        return []


# --- the exports ----------------------------------------------------------------------


class MemberExportView(StaffOnlyMixin, WagtailAdminTemplateMixin, TemplateView):
    """A CSV of the filtered list with the chosen columns only. Every export is audited."""

    permission_required = EXPORT
    template_name = "enrolment/admin/export.html"
    page_title = gettext_lazy("Export members")
    header_icon = "download"

    def get_breadcrumbs_items(self):
        return members_breadcrumbs({"url": "", "label": self.get_page_title()})

    @cached_property
    def sensitive(self):
        return can(self.request.user, VIEW_SENSITIVE)

    def filters(self, data):
        filters = MemberFilterSet(data, queryset=Member.objects.all(), request=self.request)
        filters.form.fields["status"].help_text = _("Without a choice: active members only.")
        return filters

    def members(self, filters):
        members = filters.qs.exclude(status=Member.Status.ERASED)
        if not filters.form.cleaned_data.get("status"):
            # A list for contacting people: active members unless staff choose otherwise.
            members = members.filter(status=Member.Status.ACTIVE)
        return members

    def get(self, request, *args, **kwargs):
        filters = self.filters(request.GET)
        count = self.members(filters).count() if filters.is_valid() else None
        form = ExportForm(sensitive=self.sensitive)
        return self.render_to_response(
            self.get_context_data(filters=filters, form=form, count=count)
        )

    def post(self, request, *args, **kwargs):
        filters = self.filters(request.POST)
        form = ExportForm(request.POST, sensitive=self.sensitive)
        if not (filters.is_valid() and form.is_valid()):
            return self.render_to_response(
                self.get_context_data(filters=filters, form=form, count=None)
            )
        chosen = set(form.cleaned_data["columns"])
        columns = ["reference"] + [
            key for key, _label in form.fields["columns"].choices if key in chosen
        ]
        response, members = members_csv(self.members(filters), columns)
        # On each member's own history too (and so in their subject access file), with the
        # columns that left the system about them; the summary keeps the filters used.
        audit_each(members, "enrolment.exported", user=request.user, data={"columns": columns})
        audit(
            MembershipSettings.load(),
            "enrolment.export",
            user=request.user,
            data={"filters": filters.describe(), "columns": columns, "rows": len(members)},
        )
        return response


class SubjectAccessView(StaffOnlyMixin, WagtailAdminTemplateMixin, TemplateView):
    """Everything held about one member as one HTML file, in the member's language."""

    permission_required = EXPORT
    template_name = "enrolment/admin/subject_access.html"
    page_title = gettext_lazy("Subject access file")
    header_icon = "doc-full"

    def get_member(self):
        return get_object_or_404(Member, pk=self.kwargs["pk"])

    def get_breadcrumbs_items(self):
        return members_breadcrumbs(
            {"url": member_url("inspect", self.member), "label": self.member.reference},
            {"url": "", "label": self.get_page_title()},
        )

    def get(self, request, *args, **kwargs):
        self.member = self.get_member()
        return self.render_to_response(self.get_context_data(member=self.member))

    def post(self, request, *args, **kwargs):
        self.member = member = self.get_member()
        with translation.override(member.language):
            document = render_to_string(
                "enrolment/admin/subject_access_file.html",
                {
                    "member": member,
                    "sections": (
                        record_sections(member)
                        + hooked_sections(member)
                        + [sensitive_section(member)]
                    ),
                    "consents": consent_history(member),
                    "history": audit_history(member),
                    "merged_from": list(member.merged_from.order_by("reference")),
                    "produced": timezone.now(),
                    "purposes": dict(Purpose.choices),
                },
            )
        audit(member, "enrolment.subject_access", user=request.user)
        response = HttpResponse(document, content_type="text/html; charset=utf-8")
        response["Content-Disposition"] = (
            f'attachment; filename="{member.reference}-subject-access.html"'
        )
        return response
