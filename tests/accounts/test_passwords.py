"""Staff passwords are at least 15 characters long."""

import pytest
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError

from tests.html import parse

from .conftest import PASSWORD, sign_in

FOURTEEN = "tidy-otter-lam"
FIFTEEN = "tidy-otter-lamp"


def test_fourteen_characters_are_too_few():
    assert len(FOURTEEN) == 14
    with pytest.raises(ValidationError) as raised:
        validate_password(FOURTEEN)
    assert [error.code for error in raised.value.error_list] == ["password_too_short"]


def test_fifteen_characters_are_enough():
    assert len(FIFTEEN) == 15
    validate_password(FIFTEEN)


def account_form(client):
    """What the account page's form would send as it stands."""
    form = parse(client.get("/admin/account/")).select_one("form[method=post i]")
    data = {}
    for field in form.select("input[name], select[name], textarea[name]"):
        name = field["name"]
        if field.name == "select":
            chosen = field.select_one("option[selected]") or field.select_one("option")
            data[name] = chosen.get("value", "") if chosen else ""
        elif field.get("type") in ("checkbox", "radio"):
            if field.has_attr("checked"):
                data[name] = field.get("value", "on")
        elif field.get("type") != "file":
            data[name] = field.get("value", field.get_text())
    return data


def change_password(client, new):
    data = account_form(client)
    data.update(
        {
            "password-old_password": PASSWORD,
            "password-new_password1": new,
            "password-new_password2": new,
        }
    )
    return client.post("/admin/account/", data)


def test_the_admin_refuses_a_short_new_password(client, staff):
    sign_in(client, staff)
    response = change_password(client, FOURTEEN)
    assert response.status_code == 200
    assert "at least 15 characters" in parse(response).get_text()
    staff.refresh_from_db()
    assert staff.check_password(PASSWORD)


def test_the_admin_says_so_in_welsh(client, welsh_staff):
    sign_in(client, welsh_staff)
    response = change_password(client, FOURTEEN)
    assert "15 nod" in parse(response).get_text()
    welsh_staff.refresh_from_db()
    assert welsh_staff.check_password(PASSWORD)


def test_the_admin_accepts_a_fifteen_character_password(client, staff):
    sign_in(client, staff)
    response = change_password(client, FIFTEEN)
    assert response.status_code == 302
    staff.refresh_from_db()
    assert staff.check_password(FIFTEEN)
