"""Encryption at rest: what the database holds, look-ups, key rotation and wrong keys."""

import pytest
from cryptography.fernet import Fernet
from django.core.exceptions import FieldError
from django.db import connection
from django.test import override_settings

from core import crypto
from enrolment.models import Member
from tests.factories import MemberFactory

pytestmark = pytest.mark.django_db

SECRETS = {
    "name": "Siân Ŵyn Prŷs",
    "preferred_name": "Sâm",
    "email": "sian.secret@example.org",
    "phone": "07700 900123",
    "address": "1 Heol y Môr, Aberystwyth",
    "safe_times": "Weekdays after 10am",
    "safe_contact_notes": "Never ring on Saturdays",
    "staff_notes": "Prefers short calls",
}


def raw_row(member):
    columns = ", ".join(Member.ENCRYPTED_FIELDS)
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {columns} FROM enrolment_member WHERE id = %s", [member.pk])
        return dict(zip(Member.ENCRYPTED_FIELDS, cursor.fetchone(), strict=True))


def test_raw_sql_holds_no_plaintext():
    member = MemberFactory(**SECRETS)
    row = raw_row(member)
    for field, secret in SECRETS.items():
        assert row[field], field
        assert secret not in row[field]
        assert all(word not in row[field] for word in secret.split() if len(word) > 3)
        assert row[field].startswith("gAAAA"), "a Fernet token"
    # ...and the model reads it back.
    fresh = Member.objects.get(pk=member.pk)
    for field, secret in SECRETS.items():
        assert getattr(fresh, field) == secret


def test_empty_values_stay_empty():
    member = MemberFactory(phone="", address="")
    assert raw_row(member)["phone"] == ""
    assert Member.objects.get(pk=member.pk).address == ""


def test_filtering_on_an_encrypted_field_raises():
    MemberFactory(email="someone@example.org")
    for lookup in ("email", "email__iexact", "name__icontains", "address__startswith"):
        with pytest.raises(FieldError):
            Member.objects.filter(**{lookup: "someone@example.org"}).count()
    assert Member.objects.filter(email__isnull=False).exists()


def test_blind_index_finds_exact_email_and_phone():
    member = MemberFactory(email="Mixed.Case@Example.org", phone="07700 900123")
    assert list(Member.objects.with_email("  mixed.case@example.ORG ")) == [member]
    assert list(Member.objects.with_phone("+44 7700 900123")) == [member]
    assert not Member.objects.with_email("mixed.case@example.com").exists()
    assert not Member.objects.with_email("").exists()
    assert member.email_index and "example" not in member.email_index


def test_possible_duplicates_use_the_blind_index():
    first = MemberFactory(email="same@example.org")
    second = MemberFactory(email="SAME@example.org", status=Member.Status.PENDING)
    other = MemberFactory(email="other@example.org")
    assert list(second.possible_duplicates()) == [first]
    assert not other.possible_duplicates().exists()


def test_a_wrong_key_fails_loudly():
    member = MemberFactory(name="Real Name")
    other_key = Fernet.generate_key().decode()
    with (
        override_settings(FIELD_ENCRYPTION_KEYS=[other_key]),
        pytest.raises(crypto.DecryptionError),
    ):
        Member.objects.get(pk=member.pk)


def test_str_is_the_reference_only():
    member = MemberFactory(name="Real Name")
    assert str(member) == member.reference
    assert member.reference.startswith("VSN-")
