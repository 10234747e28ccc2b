"""Staff users for the staff-area tests, one per role, and the member area's URLs."""

from django.contrib.auth.models import Group, Permission
from django.urls import reverse
from wagtail.users.models import UserProfile

PASSWORD = "a-long-test-password-for-staff"  # noqa: S105

ROLES = [
    "anonymous",
    "communications",
    "translator",
    "admin_only",
    "engagement",
    "engagement_without_sensitive",
    "superuser",
    "reviewer",
]
TEAM_ROLES = {"engagement", "engagement_without_sensitive", "superuser"}


def permission(codename, app_label="enrolment"):
    return Permission.objects.get(content_type__app_label=app_label, codename=codename)


def make_user(django_user_model, role, username=None):
    """A user in the given role, or None for anonymous."""
    if role == "anonymous":
        return None
    username = username or f"staff-{role}"
    if role == "superuser":
        return django_user_model.objects.create_superuser(
            username, f"{username}@example.org", PASSWORD
        )
    user = django_user_model.objects.create_user(username, f"{username}@example.org", PASSWORD)
    if role == "communications":
        user.groups.add(Group.objects.get(name="Communications team"))
    elif role == "reviewer":
        user.groups.add(Group.objects.get(name="Reviewers"))
    elif role == "translator":
        user.groups.add(Group.objects.get(name="Translators"))
    elif role == "admin_only":
        user.user_permissions.add(permission("access_admin", "wagtailadmin"))
    elif role in ("engagement", "engagement_without_sensitive"):
        team = Group.objects.get(name="Engagement team")
        user.groups.add(team)
        if role == "engagement_without_sensitive":
            # Django permissions only add up, so this role is the team without the right.
            team.permissions.remove(permission("view_sensitive_member"))
    return user


def sign_in(client, user):
    if user is not None:
        client.force_login(user)
    return client


def prefer_welsh(user):
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = "cy"
    profile.save()


def url(name, member=None):
    return reverse(f"enrolment_members:{name}", args=[member.pk] if member else [])
