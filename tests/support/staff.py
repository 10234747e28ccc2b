"""Staff users in each role, and signing them in."""

import itertools

from django.contrib.auth.models import Group, Permission

PASSWORD = "a-long-test-password-for-staff"

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

SIGN_IN = "/admin/login/"
VERIFY = "/admin/two-factor/verify/"

_names = itertools.count(1)


def permission(codename, app_label="enrolment"):
    return Permission.objects.get(content_type__app_label=app_label, codename=codename)


def make_user(django_user_model, role, username=None):
    """A user in the given role (password PASSWORD), or None for anonymous."""
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


def new_username(role):
    return f"staff-{role}-{next(_names)}"


def sign_in(client, user):
    """Sign `user` in on `client` (None does nothing).

    For now this is the test client's own sign-in, which tests/conftest.py marks as past
    the second factor; it is the one place to change for a real password-and-code sign-in.
    """
    if user is not None:
        client.force_login(user)
    return client
