"""The activity list and the activity page, which gathers every part of the loop."""

from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy
from wagtail.admin.ui.tables import TitleColumn
from wagtail.admin.views import generic

from ..permissions import ANY_ACTIVITY_ACCESS, may_see_targeting
from . import contributions, invitations, notices, outcomes, replies, representativeness, sending
from .base import activity_url, targeting_refusal


class ActivityIndexView(generic.IndexView):
    any_permission_required = list(ANY_ACTIVITY_ACCESS)
    page_title = gettext_lazy("Engagement activities")

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        self.is_export = False

    def get_base_queryset(self):
        return super().get_base_queryset().select_related("partner", "topic")

    def _get_title_column(self, field_name, column_class=TitleColumn, **kwargs):
        # The title opens the activity's own page, where the whole loop is gathered; its
        # Edit button is one click on. (Wagtail's default would open the edit form.)
        return self._get_custom_column(
            field_name,
            self._get_title_column_class(column_class),
            get_url=self.get_inspect_url,
            **kwargs,
        )


class ActivityView(generic.InspectView):
    """One activity: details, invitations, contributions, who took part, outcomes."""

    template_name = "impact/admin/activity.html"
    any_permission_required = list(ANY_ACTIVITY_ACCESS)
    page_title = gettext_lazy("Engagement activity")
    fields = ["title"]

    def get_fields_context(self):
        return []

    @cached_property
    def header_more_buttons(self):
        return []

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        activity = self.object
        context["activity"] = activity
        context["edit_url"] = activity_url("edit", activity)
        # Each part of the page comes from the module that owns it. The parts showing whom
        # the criteria picked out (invitations, telling participants, who took part) are
        # left out for staff who may not see the sensitive criteria the activity has.
        parts = [contributions, outcomes]
        if may_see_targeting(self.request.user, activity):
            parts += [invitations, sending, replies, notices, representativeness]
        else:
            context["targeting_refusal"] = targeting_refusal()
        for part in parts:
            context.update(part.page_context(self.request, activity))
        return context
