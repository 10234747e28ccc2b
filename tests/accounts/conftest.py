import pytest
from django.contrib.auth.models import Group
from django_otp.oath import totp
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice
from wagtail.users.models import UserProfile

PASSWORD = "a-long-staff-passphrase-2026"


def app_code(device, steps_ahead=0):
    """The code the person's authenticator app shows now (or ``steps_ahead`` later)."""
    return f"{totp(device.bin_key, device.step, device.t0, device.digits, steps_ahead):06d}"


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
def password_only(client, two_factor_not_yet_passed):
    """A client to sign in with a password only, as a person does before their code."""
    return client
