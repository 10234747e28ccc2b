"""What every page of the activities area shares: its URL names and the frame of a page
about one activity (permission first, then the activity, breadcrumbs back to it)."""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.translation import gettext_lazy
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from ..models import EngagementActivity
from ..permissions import can

NAMESPACE = "impact_activities"


def activity_url(name, activity, anchor=""):
    url = reverse(f"{NAMESPACE}:{name}", args=[activity.pk])
    return f"{url}#{anchor}" if anchor else url


class ActivityPageMixin(WagtailAdminTemplateMixin):
    """A page about one activity. Needs `permission_required` on `model` (checked before
    anything is loaded, after the viewset's team-only guard)."""

    permission_required = "view"
    model = EngagementActivity

    def dispatch(self, request, *args, **kwargs):
        if not can(request.user, self.permission_required, self.model):
            raise PermissionDenied
        self.activity = get_object_or_404(
            EngagementActivity.objects.select_related("partner", "topic"), pk=kwargs["pk"]
        )
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
