"""The enrolment app in the Wagtail admin.

The permission policies are registered first, at import, so that nothing can create
Wagtail's default (permission-only) policy for member records before ours exists.
"""

from django.shortcuts import redirect
from django.urls import include, path, reverse
from django.utils.translation import gettext as _
from wagtail import hooks
from wagtail.admin import messages
from wagtail.contrib.settings.registry import register_setting
from wagtail.log_actions import LogFormatter
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet

from .audit import ACTIONS
from .exports import EXPORT_COLUMNS
from .models import ConsentRecord, Member, MembershipSettings, PrivacyNotice
from .permissions import EngagementTeamPermissionPolicy

register_permission_policy(Member, EngagementTeamPermissionPolicy(Member))
register_permission_policy(ConsentRecord, EngagementTeamPermissionPolicy(ConsentRecord))

from .admin import waiting  # noqa: E402
from .admin.renewals import add_renewal_panel  # noqa: E402
from .admin.viewsets import (  # noqa: E402  (needs the policies above)
    AreaViewSet,
    CrimeTypeViewSet,
    DemographicOptionViewSet,
    MemberViewSet,
    PrivacyNoticeViewSet,
)


@hooks.register("register_admin_viewset")
def register_member_viewset():
    return MemberViewSet()


hooks.register("construct_homepage_panels", add_renewal_panel)


@hooks.register("register_admin_urls")
def register_waiting_urls():
    return [path("letters-and-calls/", include((waiting.admin_urls(), waiting.NAMESPACE)))]


hooks.register("register_admin_menu_item", waiting.menu_item)

register_snippet(AreaViewSet)
register_snippet(CrimeTypeViewSet)
register_snippet(DemographicOptionViewSet)
register_snippet(PrivacyNoticeViewSet)
register_setting(MembershipSettings, icon="group")


class ExportFormatter(LogFormatter):
    label = ACTIONS["enrolment.export"]

    def format_message(self, log_entry):
        return _("Exported a member list (rows: %(rows)s)") % {
            "rows": log_entry.data.get("rows", "?")
        }


class ExportedFormatter(LogFormatter):
    label = ACTIONS["enrolment.exported"]

    def format_message(self, log_entry):
        columns = log_entry.data.get("columns") or []
        headings = [str(EXPORT_COLUMNS[key][0]) for key in columns if key in EXPORT_COLUMNS]
        return _("Included in an exported member list (columns: %(columns)s)") % {
            "columns": ", ".join(headings) or "?"
        }


class MergeFormatter(LogFormatter):
    label = ACTIONS["enrolment.merge"]

    def format_message(self, log_entry):
        return _("Merged %(merged)s into %(kept)s") % {
            "merged": log_entry.data.get("merged", "?"),
            "kept": log_entry.data.get("kept", "?"),
        }


class LookupFormatter(LogFormatter):
    label = ACTIONS["enrolment.lookup"]
    KINDS = {
        "reference": _("Looked up a member by reference (matches: %(matches)s)"),
        "email": _("Looked up a member by email address (matches: %(matches)s)"),
        "phone": _("Looked up a member by phone number (matches: %(matches)s)"),
    }

    def format_message(self, log_entry):
        message = self.KINDS.get(log_entry.data.get("kind"), self.KINDS["reference"])
        return message % {"matches": log_entry.data.get("matches", "?")}


class RenewalAnswerFormatter(LogFormatter):
    label = ACTIONS["enrolment.renewal_answer"]

    def format_message(self, log_entry):
        answer = log_entry.data.get("answer")
        if answer not in Member.RenewalAnswer.values:
            return str(self.label)
        return _("The member answered about renewing: %(answer)s") % {
            "answer": Member.RenewalAnswer(answer).label
        }


FORMATTERS = {
    "enrolment.export": ExportFormatter,
    "enrolment.exported": ExportedFormatter,
    "enrolment.merge": MergeFormatter,
    "enrolment.lookup": LookupFormatter,
    "enrolment.renewal_answer": RenewalAnswerFormatter,
}


@hooks.register("register_log_actions")
def register_member_audit_actions(actions):
    for action, label in ACTIONS.items():
        if action in FORMATTERS:
            actions.register_action(action)(FORMATTERS[action])
        else:
            actions.register_action(action, label, label)


@hooks.register("before_delete_snippet")
def keep_privacy_notices_with_consent(request, instances):
    """A notice version anyone consented under is evidence of that consent: it stays."""
    notices = [instance for instance in instances if isinstance(instance, PrivacyNotice)]
    if notices and ConsentRecord.objects.filter(notice__in=notices).exists():
        messages.error(
            request,
            _(
                "A privacy notice version that consent was recorded under cannot be deleted. "
                "Publish a new version instead."
            ),
        )
        return redirect(reverse(PrivacyNotice.snippet_viewset.get_url_name("list")))
    return None
