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
    "MemberUpdate",
)


def register_policies():
    from wagtail.permissions import register_permission_policy

    from . import models

    for name in STAFF_MODELS:
        model = getattr(models, name)
        register_permission_policy(model, EngagementTeamPermissionPolicy(model))


# --- targeting by sensitive details ------------------------------------------------------
#
# Which members an activity's crime type or demographic criteria pick out tells the reader
# those members' answers, as surely as their record would. So setting those criteria, and
# seeing whom an activity that has them picks out, needs the right that shows them on the
# member record.

SENSITIVE_CRITERIA = ("target_crime_types", "target_demographics")


def may_target_sensitive(user):
    from enrolment.permissions import VIEW_SENSITIVE
    from enrolment.permissions import can as can_for_members

    return user is not None and can_for_members(user, VIEW_SENSITIVE)


def has_sensitive_criteria(activity):
    if activity.pk is None:
        return False
    return any(getattr(activity, name).exists() for name in SENSITIVE_CRITERIA)


def may_see_targeting(user, activity):
    """Whether the user may see whom the activity's criteria pick out."""
    return may_target_sensitive(user) or not has_sensitive_criteria(activity)
