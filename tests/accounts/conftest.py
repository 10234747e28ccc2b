import pytest
from django.contrib.auth.models import Group
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice
from wagtail.users.models import UserProfile

from tests.support import staff as support
from tests.support.staff import app_code  # noqa: F401 (the accounts tests import it here)

PASSWORD = "a-long-staff-passphrase-2026"


def sign_in(client, user):
    """Password and app code, as the person signs in."""
    return support.sign_in(client, user, PASSWORD)


def sign_in_with_password(client, user):
    """The password only: the admin still asks for the second factor."""
    return support.sign_in_with_password(client, user, PASSWORD)


def make_staff(django_user_model, username, language="en", superuser=False):
    if superuser:
        user = django_user_model.objects.create_superuser(
            username=username, email=f"{username}@example.org", password=PASSWORD
        )
    else:
        user = django_user_model.objects.create_user(
            username=username, email=f"{username}@example.org", password=PASSWORD
        )
        user.groups.add(Group.objects.get(name="Engagement team"))
    user.first_name, user.last_name = username.title(), "Staff"
    user.save()
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = language
    profile.save()
    return user


@pytest.fixture
def staff(db, django_user_model):
    return make_staff(django_user_model, "morgan")


@pytest.fixture
def welsh_staff(db, django_user_model):
    return make_staff(django_user_model, "dafydd", language="cy")


@pytest.fixture
def administrator(db, django_user_model):
    return make_staff(django_user_model, "rhiannon", superuser=True)


def give_two_factor(user, recovery_codes=("abcdefgh", "ijklmnop")):
    """A confirmed authenticator and recovery codes, as after set-up."""
    device = TOTPDevice.objects.create(user=user, name="authenticator app", confirmed=True)
    static = StaticDevice.objects.create(user=user, name="recovery codes", confirmed=True)
    for code in recovery_codes:
        StaticToken.objects.create(device=static, token=code)
    return device


@pytest.fixture
def password_only(client):
    """A client to sign in with a password only, as a person does before their code."""
    return client
