"""Anonymous contributions, read by the engagement team inside the activity.

The activity page shows only how many came in. The words are on a page of their own, so
nobody meets them by chance while doing something else, and every reading is audited
("impact.read_contributions", with the page and the number shown: never the words).
"""

from django.core.paginator import Paginator
from django.urls import path, reverse
from django.utils import translation
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView

from ..audit import audit
from ..models import AnonymousContribution
from ..permissions import can
from .base import ActivityPageMixin

PER_PAGE = 25


def can_read(user):
    return can(user, "view", AnonymousContribution)


def public_form_urls(activity):
    """{language: path} of the activity's public form, for staff to share."""
    urls = {}
    for language in ("en", "cy"):
        with translation.override(language):
            urls[language] = reverse(
                "impact_public:contribute", kwargs={"code": activity.public_code}
            )
    return urls


class ContributionsView(ActivityPageMixin, TemplateView):
    """The words people sent, newest first, a page at a time."""

    model = AnonymousContribution
    template_name = "impact/admin/contributions.html"
    page_title = gettext_lazy("Anonymous contributions")
    header_icon = "comment"
    http_method_names = ["get", "head", "options"]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        contributions = self.activity.contributions.order_by("-received_on", "-pk")
        page = Paginator(contributions, PER_PAGE).get_page(self.request.GET.get("p"))
        context.update(
            {
                "page_obj": page,
                "contributions": page.object_list,
                "activity_url": self.activity_page_url,
            }
        )
        return context

    def get(self, request, *args, **kwargs):
        context = self.get_context_data(**kwargs)
        page = context["page_obj"]
        audit(
            self.activity,
            "impact.read_contributions",
            user=request.user,
            data={"page": page.number, "shown": len(page.object_list)},
        )
        return self.render_to_response(context)


urlpatterns = [
    path("<int:pk>/contributions/", ContributionsView.as_view(), name="contributions"),
]


def page_context(request, activity):
    """How many came in, and the way to read them: never the words themselves."""
    return {
        "contributions_count": activity.contributions.count(),
        "contributions_url": reverse("impact_activities:contributions", args=[activity.pk]),
        "can_read_contributions": can_read(request.user),
        "contributions_form_urls": (
            public_form_urls(activity) if activity.takes_contributions else {}
        ),
    }
