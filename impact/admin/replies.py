"""Members' own replies to an activity's invitation, for the engagement team.

The activity page shows counts: replies, the ways of taking part chosen, and which
members said the topic affects them (by reference only, to take care when contacting
them). What members said would help them take part is on a page of its own, so nobody
meets it by chance; each reading is audited on the activity and on each member whose
words were shown.
"""

from collections import Counter

from django.urls import path, reverse
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView

from ..audit import audit, audit_each
from ..models import Invitation
from ..permissions import can
from .base import ActivityPageMixin


def replies_of(activity):
    return (
        Invitation.objects.filter(activity=activity, replied_at__isnull=False)
        .select_related("member", "method")
        .order_by("member__reference")
    )


class RepliesView(ActivityPageMixin, TemplateView):
    """Each reply: the state, the way chosen, the topic flag and what would help."""

    model = Invitation
    shows_targeting = True
    template_name = "impact/admin/replies.html"
    page_title = gettext_lazy("Replies from members")
    header_icon = "mail"
    http_method_names = ["get", "head", "options"]

    def get(self, request, *args, **kwargs):
        replies = list(replies_of(self.activity))
        context = self.get_context_data(replies=replies, activity_url=self.activity_page_url)
        shown = [reply.member for reply in replies if reply.access_needs]
        audit(
            self.activity,
            "impact.read_replies",
            user=request.user,
            data={"shown": len(replies), "access_needs": len(shown)},
        )
        audit_each(
            shown, "impact.replies_read", user=request.user, data={"activity": self.activity.pk}
        )
        return self.render_to_response(context)


urlpatterns = [
    path("<int:pk>/replies/", RepliesView.as_view(), name="replies"),
]


def page_context(request, activity):
    """Counts and flags only: never what a member wrote."""
    replies = list(replies_of(activity))
    methods = Counter(str(reply.method) for reply in replies if reply.method_id)
    return {
        "reply_count": len(replies),
        "reply_methods": sorted(methods.items()),
        "replies_flagged": [reply for reply in replies if reply.topic_affects_me],
        "replies_with_access_needs": sum(1 for reply in replies if reply.access_needs),
        "replies_url": reverse("impact_activities:replies", args=[activity.pk]),
        "can_read_replies": can(request.user, "view", Invitation),
    }
