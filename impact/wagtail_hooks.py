"""The impact app in the Wagtail admin.

The permission policies are registered first, at import, as in enrolment, so nothing can
create Wagtail's default (permission-only) policy for these models before ours exists.
"""

from wagtail import hooks
from wagtail.contrib.settings.registry import register_setting
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .audit import ACTIONS
from .models import ImpactSettings, Partner, Topic
from .permissions import register_policies

register_policies()

from .admin.dashboard import add_engagement_panel  # noqa: E402
from .admin.member_updates import MemberUpdateViewSet  # noqa: E402
from .admin.viewsets import ActivityViewSet  # noqa: E402  (needs the policies above)

hooks.register("construct_homepage_panels", add_engagement_panel)

from .admin.invitations import LOG_FORMATTERS as INVITATION_LOG_FORMATTERS  # noqa: E402
from .members import record_sections as invitation_record_sections  # noqa: E402

# The member record and subject access file (in enrolment) show the activities invited to.
hooks.register("member_record_sections", invitation_record_sections)

from .admin.sending import waiting_elsewhere  # noqa: E402

# Enrolment's letters and calls send invitations to their activity's own letters and list.
hooks.register("waiting_messages_elsewhere", waiting_elsewhere)

from .replies import member_page_section  # noqa: E402

# The member's own page (in enrolment) lists the invitations they may still reply to.
hooks.register("member_page_sections", member_page_section)


@hooks.register("register_admin_viewset")
def register_activity_viewset():
    return ActivityViewSet()


@hooks.register("register_admin_viewset")
def register_member_update_viewset():
    return MemberUpdateViewSet()


class PartnerViewSet(SnippetViewSet):
    model = Partner
    icon = "group"
    list_display = ["name", "locale", "sort_order"]
    search_fields = ["name"]
    ordering = ["sort_order", "name"]


class TopicViewSet(SnippetViewSet):
    model = Topic
    icon = "tag"
    list_display = ["name", "locale", "sort_order"]
    search_fields = ["name"]
    ordering = ["sort_order", "name"]


register_snippet(PartnerViewSet)
register_snippet(TopicViewSet)
register_setting(ImpactSettings, icon="tasks")


@hooks.register("register_log_actions")
def register_impact_audit_actions(actions):
    formatters = {**INVITATION_LOG_FORMATTERS}
    for action, label in ACTIONS.items():
        if action in formatters:
            actions.register_action(action)(formatters[action])
        else:
            actions.register_action(action, label, label)
