"""Who took part compared with the whole active membership, on the activity page.

Area and language are shown to the whole team. Age band, gender and ethnic group are
demographic details: even in counts, a group where everyone gave the same answer tells
the reader each participant's answer, so they are shown only to staff who may see
members' demographic details (as on the member record).
"""

from enrolment.permissions import VIEW_SENSITIVE
from enrolment.permissions import can as can_for_members

from ..charts import representativeness_chart
from ..reporting import DEMOGRAPHIC_DIMENSIONS, DIMENSIONS, representativeness

urlpatterns = []


def dimensions_for(user):
    if can_for_members(user, VIEW_SENSITIVE):
        return tuple(DIMENSIONS)
    return tuple(name for name in DIMENSIONS if name not in DEMOGRAPHIC_DIMENSIONS)


def page_context(request, activity):
    dimensions = dimensions_for(request.user)
    report = representativeness(activity, dimensions)
    for breakdown in report.breakdowns:
        breakdown.chart = representativeness_chart(breakdown)
    return {
        "representativeness": report,
        "representativeness_demographics_hidden": len(dimensions) < len(DIMENSIONS),
    }
