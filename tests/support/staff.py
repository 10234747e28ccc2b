"""Staff users in each role, signed in as a person signs in: password, then app code.

The password goes to the admin sign-in form, so django-axes and the sign-in signals see
it; the second factor is a real code from a confirmed authenticator, posted to the
two-factor page, which records it through django-otp's own login.
"""

import itertools

from django.conf import settings
from django.contrib.auth.models import Group, Permission
from django.http import HttpRequest
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp import login as otp_login
from django_otp.oath import TOTP, totp
from django_otp.plugins.otp_totp.models import TOTPDevice

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


def app_code(device, steps_ahead=0):
    """The code the person's authenticator app shows now (or ``steps_ahead`` later)."""
    return f"{totp(device.bin_key, device.step, device.t0, device.digits, steps_ahead):06d}"


def authenticator(user):
    """The person's confirmed authenticator, added as set-up would if they have none."""
    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name="authenticator app", confirmed=True)
    return device


def unused_code(device):
    """A code the authenticator has not accepted yet.

    django-otp accepts each time step once, so a second sign-in within one step types
    the code the app shows next (django-otp allows a step of drift either way).
    """
    device.refresh_from_db()
    now = TOTP(device.bin_key, device.step, device.t0, device.digits).t()
    steps_ahead = max(0, device.last_t + 1 - now)
    assert steps_ahead <= device.tolerance + device.drift, (
        f"{device.user} signed in too often within one code's lifetime for the test's clock"
    )
    return app_code(device, steps_ahead)


def signed_in_as(client):
    return client.session.get("_auth_user_id")


def post_form(client, url, data):
    """Post to a form as a browser does: after showing it, with its CSRF token (so this works
    for clients that enforce CSRF checks too)."""
    client.get(url)
    token = client.cookies.get(settings.CSRF_COOKIE_NAME)
    return client.post(url, {**data, "csrfmiddlewaretoken": token.value if token else ""})


def sign_in_with_password(client, user, password=PASSWORD):
    """The first step only, on the admin sign-in form: the second factor is still to come."""
    if signed_in_as(client) is not None:
        client.logout()
    response = post_form(client, SIGN_IN, {"username": user.get_username(), "password": password})
    assert response.status_code == 302, f"{user} could not sign in with that password"
    assert signed_in_as(client) == str(user.pk)
    return client


def pass_second_factor(client, user, device=None):
    """The second step: the current app code, typed on the two-factor page."""
    device = device or authenticator(user)
    if user.has_perm("wagtailadmin.access_admin"):
        response = post_form(client, VERIFY, {"code": unused_code(device), "next": "/admin/"})
        assert response.status_code == 302, f"the two-factor page refused the code for {user}"
        assert response["Location"] == "/admin/", response["Location"]
    else:
        # Wagtail keeps people without admin access off every admin page, the code page
        # included; their session is marked as the page would mark it.
        request = HttpRequest()
        request.session = client.session
        request.user = user
        otp_login(request, device)
        request.session.save()
    assert client.session.get(DEVICE_ID_SESSION_KEY) == device.persistent_id
    return client


def sign_in(client, user, password=PASSWORD):
    """Sign `user` in on `client` with password and app code (None does nothing)."""
    if user is None:
        return client
    sign_in_with_password(client, user, password)
    return pass_second_factor(client, user)
