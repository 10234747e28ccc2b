"""Staff users for the staff-area tests, one per role, and the member area's URLs.

The users and the sign-in are shared by every area's tests (tests/support/staff.py);
these names stay here for the tests that import them from this module.
"""

from django.urls import reverse
from wagtail.users.models import UserProfile

from tests.support.staff import (  # noqa: F401 (re-exported)
    PASSWORD,
    ROLES,
    TEAM_ROLES,
    make_user,
    permission,
    sign_in,
)


def prefer_welsh(user):
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = "cy"
    profile.save()


def url(name, member=None):
    return reverse(f"enrolment_members:{name}", args=[member.pk] if member else [])
