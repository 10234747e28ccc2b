"""manage.py rotate_encryption_keys: re-encrypt everything under the newest key."""

import io

import pytest
from cryptography.fernet import Fernet
from django.conf import settings
from django.core.management import CommandError, call_command
from django.db import connection
from django.test import override_settings
from wagtail.models import ModelLogEntry

from core import crypto
from enrolment.models import Member, MembershipSettings
from tests.factories import MemberFactory

pytestmark = pytest.mark.django_db

# Key A is the one the test settings write with, so any member already in the test
# database (demo data, now or later) is covered by the same round trip.
KEY_A = settings.FIELD_ENCRYPTION_KEYS[0]
KEY_B = Fernet.generate_key().decode()
KEY_C = Fernet.generate_key().decode()

SECRETS = [
    {
        "name": "Heledd Ŵyn Rotaquill",
        "email": "heledd.rotaquill@example.org",
        "phone": "07700 900111",
        "address": "5 Stryd y Castell, Aberteifi",
        "safe_contact_notes": "Ελληνικά 日本語 العربية",
        "staff_notes": "",
    },
    {
        "name": "Idris Rotaquill",
        "email": "",
        "phone": "07700 900222",
        "address": "",
        "safe_times": "After 6pm",
        "staff_notes": "x" * 5000,
    },
    {"name": "Non Rotaquill", "email": "non.rotaquill@example.org"},
]


def raw_rows():
    columns = ", ".join(Member.ENCRYPTED_FIELDS)
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT id, {columns} FROM enrolment_member ORDER BY id")
        return {
            row[0]: dict(zip(Member.ENCRYPTED_FIELDS, row[1:], strict=True))
            for row in cursor.fetchall()
        }


def readable():
    """Every member's decrypted values, read through the model."""
    return {
        member.pk: {field: getattr(member, field) for field in Member.ENCRYPTED_FIELDS}
        for member in Member.objects.order_by("pk")
    }


def rotate(*args):
    out = io.StringIO()
    call_command("rotate_encryption_keys", *args, stdout=out)
    return out.getvalue()


@pytest.fixture
def members():
    with override_settings(FIELD_ENCRYPTION_KEYS=[KEY_A]):
        created = [MemberFactory(**values) for values in SECRETS]
        values = readable()
    return created, values


def test_rotation_round_trips_under_the_new_key(members):
    created, values = members
    before = raw_rows()

    with override_settings(FIELD_ENCRYPTION_KEYS=[KEY_B, KEY_A]):
        output = rotate()

    after = raw_rows()
    for pk, row in before.items():
        for field, token in row.items():
            if token:
                assert after[pk][field] != token, (pk, field)
                assert after[pk][field].startswith("gAAAA")
            else:
                assert after[pk][field] == token == "", "empty values stay empty"

    with override_settings(FIELD_ENCRYPTION_KEYS=[KEY_B]):
        assert readable() == values
        for member, secrets in zip(created, SECRETS, strict=True):
            fresh = Member.objects.get(pk=member.pk)
            for field, secret in secrets.items():
                assert getattr(fresh, field) == secret

    # The old key alone can no longer read anything: it really is all under B.
    with (
        override_settings(FIELD_ENCRYPTION_KEYS=[KEY_A]),
        pytest.raises(crypto.DecryptionError),
    ):
        Member.objects.get(pk=created[0].pk)

    records = sum(1 for row in before.values() if any(row.values()))
    assert f"in {records} record(s)" in output
    values_count = sum(1 for row in before.values() for token in row.values() if token)
    assert f"Re-encrypted {values_count} value(s)" in output


def test_rotation_is_audited_once_with_a_count(members):
    with override_settings(FIELD_ENCRYPTION_KEYS=[KEY_B, KEY_A]):
        rotate()
    (entry,) = ModelLogEntry.objects.filter(action="enrolment.rotate_keys")
    assert entry.object_id == str(MembershipSettings.load().pk)
    assert entry.data == {"records": Member.objects.count()}


def test_rotation_leaves_blind_indexes_and_other_columns_alone(members):
    created, _values = members
    indexes = list(Member.objects.order_by("pk").values_list("email_index", "phone_index"))
    with override_settings(FIELD_ENCRYPTION_KEYS=[KEY_B, KEY_A]):
        rotate("--batch-size", "1")
        assert list(Member.objects.with_email(SECRETS[0]["email"])) == [created[0]]
    assert list(Member.objects.order_by("pk").values_list("email_index", "phone_index")) == indexes


def test_small_batches_cover_every_row(members):
    with override_settings(FIELD_ENCRYPTION_KEYS=[KEY_B, KEY_A]):
        rotate("--batch-size", "2")
    with override_settings(FIELD_ENCRYPTION_KEYS=[KEY_B]):
        assert readable() == members[1]


def test_rotating_again_is_harmless(members):
    with override_settings(FIELD_ENCRYPTION_KEYS=[KEY_B, KEY_A]):
        rotate()
        rotate()
    with override_settings(FIELD_ENCRYPTION_KEYS=[KEY_B]):
        assert readable() == members[1]


@pytest.mark.parametrize("keys", [[KEY_C], [KEY_B], [KEY_C, KEY_B]])
def test_a_wrong_key_set_fails_loudly_and_changes_nothing(members, keys):
    before = raw_rows()
    with override_settings(FIELD_ENCRYPTION_KEYS=keys), pytest.raises(CommandError) as error:
        rotate()
    message = str(error.value)
    assert "cannot be decrypted" in message
    assert "Nothing was changed" in message
    assert raw_rows() == before
    assert not ModelLogEntry.objects.filter(action="enrolment.rotate_keys").exists()
    for secrets in SECRETS:
        for secret in secrets.values():
            if len(secret) > 3:
                assert secret not in message


def test_a_value_under_an_unknown_key_stops_the_rotation_before_anything_changes(members):
    created, _values = members
    # One value written under a key that has since been dropped from the list.
    stray = Fernet(KEY_C.encode()).encrypt(b"Written under a lost key").decode()
    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE enrolment_member SET staff_notes = %s WHERE id = %s", [stray, created[-1].pk]
        )
    before = raw_rows()
    with (
        override_settings(FIELD_ENCRYPTION_KEYS=[KEY_B, KEY_A]),
        pytest.raises(CommandError, match="staff_notes"),
    ):
        rotate("--batch-size", "1")
    assert raw_rows() == before, "not even the earlier batches were rewritten"


@pytest.mark.parametrize("keys", [[], ["not a fernet key"]])
def test_a_missing_or_malformed_key_is_a_clear_error(members, keys):
    before = raw_rows()
    with override_settings(FIELD_ENCRYPTION_KEYS=keys), pytest.raises(CommandError):
        rotate()
    assert raw_rows() == before


def test_a_bad_batch_size_is_refused():
    with pytest.raises(CommandError, match="batch-size"):
        rotate("--batch-size", "0")
