"""`manage.py reset_two_factor <username>`: for someone who has lost their phone."""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.test import Client
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice
from wagtail.log_actions import registry
from wagtail.models import ModelLogEntry

from .conftest import app_code, give_two_factor, sign_in, sign_in_with_password


def test_reset_removes_the_devices_and_signs_the_person_out(staff, administrator):
    give_two_factor(staff)
    give_two_factor(administrator)
    signed_in = Client()
    sign_in(signed_in, staff)
    assert signed_in.get("/admin/").status_code == 200
    out = StringIO()

    call_command("reset_two_factor", "morgan", stdout=out)

    assert not TOTPDevice.objects.filter(user=staff).exists()
    assert not StaticDevice.objects.filter(user=staff).exists()
    assert not StaticToken.objects.filter(device__user=staff).exists()
    # Nobody else is touched.
    assert TOTPDevice.objects.filter(user=administrator, confirmed=True).exists()
    assert "Two-factor authentication reset for morgan" in out.getvalue()
    # The old session is over: back to the sign-in page.
    response = signed_in.get("/admin/")
    assert response.status_code == 302 and response["Location"].startswith("/admin/login/")


def test_reset_is_audited_against_the_user(staff):
    give_two_factor(staff)
    call_command("reset_two_factor", "morgan", stdout=StringIO())
    entry = ModelLogEntry.objects.get(action="accounts.reset_two_factor")
    assert entry.object_id == str(staff.pk)
    assert entry.content_type.model_class() is type(staff)
    assert entry.user is None  # run from the server, not by a signed-in person
    assert entry.data == {"by_self": False, "sessions_ended": 0}
    assert str(entry.message) == "Two-factor authentication reset"
    assert ("accounts.reset_two_factor", "Reset two-factor authentication") in [
        (action, str(label)) for action, label in registry.get_choices()
    ]


def test_after_a_reset_the_next_sign_in_sets_up_again(staff):
    give_two_factor(staff)
    call_command("reset_two_factor", "morgan", stdout=StringIO())
    client = Client()
    sign_in_with_password(client, staff)
    response = client.get("/admin/")
    assert response["Location"].startswith("/admin/two-factor/set-up/")
    client.get("/admin/two-factor/set-up/")
    device = TOTPDevice.objects.get(user=staff)
    client.post("/admin/two-factor/set-up/", {"code": app_code(device)})
    assert client.get("/admin/").status_code == 200


def test_an_unknown_username_is_a_clear_error(db):
    with pytest.raises(CommandError, match="No user has the username 'nobody'"):
        call_command("reset_two_factor", "nobody", stdout=StringIO())


def test_a_person_without_two_factor_is_reported_as_such(staff):
    out = StringIO()
    call_command("reset_two_factor", "morgan", stdout=out)
    assert "No authenticator was set up" in out.getvalue()
