"""What every page of the activities area shares: its URL names and the frame of a page
about one activity (permission first, then the activity, breadcrumbs back to it)."""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext, gettext_lazy
from wagtail.admin import messages
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from ..models import EngagementActivity
from ..permissions import can, may_see_targeting

NAMESPACE = "impact_activities"


def activity_url(name, activity, anchor=""):
    url = reverse(f"{NAMESPACE}:{name}", args=[activity.pk])
    return f"{url}#{anchor}" if anchor else url


def targeting_refusal():
    return gettext(
        "Only a colleague who may see members' crime types and demographic details can see "
        "whom this activity's criteria pick out."
    )


def refuse_targeting(request, activity):
    """Back to the activity's page, saying why: its criteria include crime types or
    demographic details, which this user may not see."""
    messages.error(request, targeting_refusal())
    return redirect(activity_url("inspect", activity))


class ActivityPageMixin(WagtailAdminTemplateMixin):
    """A page about one activity. Needs `permission_required` on `model` (checked before
    anything is loaded, after the viewset's team-only guard). A page that shows whom the
    activity's criteria pick out sets `shows_targeting`, and is refused to staff who may not
    see the sensitive criteria the activity has."""

    permission_required = "view"
    model = EngagementActivity
    shows_targeting = False

    def dispatch(self, request, *args, **kwargs):
        if not can(request.user, self.permission_required, self.model):
            raise PermissionDenied
        self.activity = get_object_or_404(
            EngagementActivity.objects.select_related("partner", "topic"), pk=kwargs["pk"]
        )
        if self.shows_targeting and not may_see_targeting(request.user, self.activity):
            return refuse_targeting(request, self.activity)
        return super().dispatch(request, *args, **kwargs)

    @property
    def activity_page_url(self):
        return activity_url("inspect", self.activity)

    def get_page_subtitle(self):
        return self.activity.title

    def get_breadcrumbs_items(self):
        return [
            {"url": reverse("wagtailadmin_home"), "label": gettext_lazy("Home")},
            {"url": reverse(f"{NAMESPACE}:index"), "label": gettext_lazy("Engagement activities")},
            {"url": self.activity_page_url, "label": self.activity.title},
            {"url": "", "label": self.get_page_title()},
        ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["activity"] = self.activity
        context["activity_page_url"] = self.activity_page_url
        return context
