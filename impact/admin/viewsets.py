"""Engagement activities in the admin, for the engagement team only."""

import copy

from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.utils.urlpatterns import decorate_urlpatterns

from enrolment.permissions import access_required

from ..models import EngagementActivity
from ..permissions import ANY_ACTIVITY_ACCESS, activity_policy
from . import contributions, invitations, notices, outcomes, replies, sending, views
from .base import NAMESPACE
from .forms import activity_edit_handler

# Everyone outside the team gets the same refusal on every URL, before anything loads.
activity_access_required = access_required(activity_policy, ANY_ACTIVITY_ACCESS)


class ActivityViewSet(ModelViewSet):
    model = EngagementActivity
    name = "activities"
    url_namespace = NAMESPACE
    icon = "tasks"
    add_to_admin_menu = True
    menu_order = 160
    list_per_page = 50
    add_to_reference_index = False
    copy_view_enabled = False
    inspect_view_enabled = True
    index_view_class = views.ActivityIndexView
    inspect_view_class = views.ActivityView
    edit_handler = activity_edit_handler
    list_display = ["title", "partner", "when", "status"]
    list_filter = ["status", "financial_year", "quarter", "partner"]
    search_fields = ["title"]

    # Removed: activities hold the history of who was invited; they are closed, not deleted.
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
        for part in (invitations, sending, outcomes, contributions, notices, replies):
            # Copies: decorate_urlpatterns changes patterns in place, and Wagtail asks for
            # them more than once, which would wrap a part's views again on every call.
            patterns += [copy.copy(pattern) for pattern in part.urlpatterns]
        return decorate_urlpatterns(patterns, activity_access_required)
