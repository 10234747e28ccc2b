"""The engagement panel on the admin dashboard, for the engagement team only.

Members by status, terms ending soon, this quarter's activities and recommendations still
waiting for a partner's update, each linking to where the work is done. Counts only, never
a name; a fixed number of queries however many members or activities there are.
"""

from django.db.models import Count
from django.urls import reverse
from django.utils import timezone
from wagtail.admin.ui.components import Component

from enrolment.models import Member
from enrolment.permissions import ANY_MEMBER_ACCESS, member_policy

from ..models import EngagementActivity
from ..models.activities import financial_year_label, financial_year_of, quarter_of
from ..permissions import ANY_ACTIVITY_ACCESS, activity_policy
from ..reporting import recommendations_awaiting_update

MEMBERS = "enrolment_members"
ACTIVITIES = "impact_activities"
AWAITING_SHOWN = 10


def member_access(user):
    return member_policy().user_has_any_permission(user, ANY_MEMBER_ACCESS)


def activity_access(user):
    return activity_policy().user_has_any_permission(user, ANY_ACTIVITY_ACCESS)


class EngagementPanel(Component):
    name = "engagement"
    template_name = "impact/admin/dashboard.html"
    order = 50  # above Wagtail's own panels: this is the team's day-to-day work

    def __init__(self, show_members, show_activities):
        self.show_members = show_members
        self.show_activities = show_activities

    def get_context_data(self, parent_context):
        context = super().get_context_data(parent_context)
        if self.show_members:
            context["members"] = self.member_figures()
        if self.show_activities:
            context["activities"] = self.activity_figures()
        return context

    def member_figures(self):
        members_url = reverse(f"{MEMBERS}:index")
        counts = dict(Member.objects.order_by().values_list("status").annotate(number=Count("pk")))
        return {
            "by_status": [
                {
                    "status": status,
                    "label": label,
                    "count": counts.get(status, 0),
                    "url": f"{members_url}?status={status}",
                }
                for status, label in Member.Status.choices
            ],
            "total": sum(counts.values()),
            "ending_soon": Member.objects.term_ending_soon().count(),
            "ending_soon_url": f"{members_url}?term_ending_soon=yes",
            "lookup_url": reverse(f"{MEMBERS}:lookup"),
        }

    def activity_figures(self):
        today = timezone.localdate()
        this_quarter = (
            EngagementActivity.objects.this_quarter(today)
            .select_related("partner")
            .order_by("title", "pk")
        )
        awaiting = recommendations_awaiting_update()
        return {
            "quarter": f"{financial_year_label(financial_year_of(today))} "
            f"{EngagementActivity.Quarter(quarter_of(today)).label}",
            "this_quarter": [
                {
                    "activity": activity,
                    "url": reverse(f"{ACTIVITIES}:inspect", args=[activity.pk]),
                }
                for activity in this_quarter
            ],
            "awaiting_count": awaiting.count(),
            "awaiting": [
                {
                    "recommendation": recommendation,
                    "activity": recommendation.activity,
                    "url": reverse(f"{ACTIVITIES}:inspect", args=[recommendation.activity_id])
                    + "#outcomes",
                }
                for recommendation in awaiting[:AWAITING_SHOWN]
            ],
            "index_url": reverse(f"{ACTIVITIES}:index"),
        }


def add_engagement_panel(request, panels):
    """construct_homepage_panels: only someone with access to members or activities sees it."""
    show_members = member_access(request.user)
    show_activities = activity_access(request.user)
    if show_members or show_activities:
        panels.append(EngagementPanel(show_members, show_activities))
