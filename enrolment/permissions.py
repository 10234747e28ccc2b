"""Who may see and change member records: the engagement team, and administrators.

Django's model permissions alone are not enough here. Someone editing a group in the
admin could tick "Can view member" for the communications team by mistake, and every
member record would be open to them. This policy also requires membership of the
engagement team, so such a slip shows that group nothing.
"""

from functools import wraps

from django.core.exceptions import PermissionDenied
from django.db.models import Q
from wagtail.permission_policies import ModelPermissionPolicy

ENGAGEMENT_TEAM = "Engagement team"

# Actions beyond add/change/delete/view, each a Permission named "<action>_member".
VIEW_SENSITIVE = "view_sensitive"  # crime types and demographic details
EXPORT = "export"  # exported lists and subject access files
ERASE = "erase"  # erasing a member's personal data

# Any of these lets someone into the staff area at all.
ANY_MEMBER_ACCESS = ("view", "change")


def in_engagement_team(user):
    """Whether an active, signed-in user belongs to the engagement team (cached on the user)."""
    if not (user.is_authenticated and user.is_active):
        return False
    cached = getattr(user, "_in_engagement_team", None)
    if cached is None:
        cached = user.groups.filter(name=ENGAGEMENT_TEAM).exists()
        user._in_engagement_team = cached
    return cached


class EngagementTeamPermissionPolicy(ModelPermissionPolicy):
    """A model permission counts only for active superusers and the engagement team."""

    def user_has_permission(self, user, action):
        if not (user.is_authenticated and user.is_active):
            return False
        if user.is_superuser:
            return True
        return in_engagement_team(user) and super().user_has_permission(user, action)

    def user_has_any_permission(self, user, actions):
        return any(self.user_has_permission(user, action) for action in actions)

    def users_with_any_permission(self, actions):
        return (
            super()
            .users_with_any_permission(actions)
            .filter(Q(is_superuser=True) | Q(groups__name=ENGAGEMENT_TEAM))
            .distinct()
        )

    def instances_user_has_any_permission_for(self, user, actions):
        if self.user_has_any_permission(user, actions):
            return self.model._default_manager.all()
        return self.model._default_manager.none()


def member_policy():
    from wagtail.permissions import policy_registry

    from .models import Member

    return policy_registry.get_by_type(Member)


def can(user, action):
    """Whether the user may perform an action on member records ("view", "export"...)."""
    return member_policy().user_has_permission(user, action)


def access_required(get_policy, actions):
    """A view decorator refusing anyone the policy does not allow any of `actions`, before
    the view loads anything.

    Wagtail's generic views check permissions too, but some load the object first (a missing
    one would answer 404, a present one 403). Checking first gives everyone outside the team
    the same answer on every URL of an area, and covers any view added later.
    """

    def decorator(view):
        @wraps(view)
        def guarded(request, *args, **kwargs):
            if not get_policy().user_has_any_permission(request.user, actions):
                raise PermissionDenied
            return view(request, *args, **kwargs)

        return guarded

    return decorator


# The models whose Django permissions count only inside the engagement team, by app label
# and model name (a permission's codename ends in its model's name).
TEAM_MODELS = {
    "enrolment": {"member", "consentrecord"},
    "impact": {
        "engagementactivity",
        "invitation",
        "participantnotice",
        "anonymouscontribution",
        "recommendation",
        "partnerupdate",
        "memberupdate",
    },
}


def is_team_permission(perm):
    app_label, _, codename = perm.partition(".")
    return codename.rpartition("_")[2] in TEAM_MODELS.get(app_label, ())


class EngagementTeamBackend:
    """Refuses the team's model permissions to anyone outside the team, for all of Django
    and Wagtail.

    The policy above covers the team's own admin areas, but Wagtail lists audit entries in
    other places (the site history report and its exports, its filters, history views) and
    decides there with `user.has_perm()` on the entry's model alone. A backend listed
    before ModelBackend that raises PermissionDenied ends Django's permission check with a
    refusal (a documented behaviour), so every one of those places, and any added later,
    follows the same policy. Registering separate log entry models instead would have left
    the entries already written in Wagtail's table, still shown by permission alone.
    Active superusers never reach backends.
    """

    def authenticate(self, request, **credentials):
        return None

    def has_perm(self, user, perm, obj=None):
        if is_team_permission(perm) and not in_engagement_team(user):
            raise PermissionDenied
        return False
