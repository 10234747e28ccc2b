"""Activities, invitations and everything under them: the engagement team's, like members.

The same policy as member records (enrolment.permissions) is registered for every staff
model here, so a permission given to another group by mistake shows that group nothing.
"""

from wagtail.permissions import policy_registry

from enrolment.permissions import EngagementTeamPermissionPolicy

# Any of these lets someone into the activities area at all.
ANY_ACTIVITY_ACCESS = ("view", "change")


def activity_policy():
    from .models import EngagementActivity

    return policy_registry.get_by_type(EngagementActivity)


def can(user, action, model=None):
    """Whether the user may perform an action on activities (or on `model`)."""
    if model is None:
        return activity_policy().user_has_permission(user, action)
    return policy_registry.get_by_type(model).user_has_permission(user, action)


STAFF_MODELS = (
    "EngagementActivity",
    "Invitation",
    "ParticipantNotice",
    "AnonymousContribution",
    "Recommendation",
    "PartnerUpdate",
)


def register_policies():
    from wagtail.permissions import register_permission_policy

    from . import models

    for name in STAFF_MODELS:
        model = getattr(models, name)
        register_permission_policy(model, EngagementTeamPermissionPolicy(model))
