"""Prove that values are gone from the whole database, not just from the member's row.

``assert_nowhere_in_database(*values, member=None)`` reads every text, varchar and JSON
column of every table (found by introspection, so new apps' tables are covered without
changes here) and fails if any value appears in any of them. It looks through the things
that would otherwise hide a value from a plain ``LIKE``:

- encrypted columns are decrypted first (a copy of an erased name, re-encrypted in another
  table, is still a copy);
- JSON is matched both as stored and with its ``\\uXXXX`` escapes (Wagtail revisions, audit
  data, task arguments), and HTML-escaped text is matched too;
- database sessions are decoded;
- the email and phone blind indexes of each value are searched for, so a stale index,
  which would still find the person, counts as a leak.

With ``member=...`` it also checks that member's encrypted and index columns are empty.
Works on SQLite and PostgreSQL.
"""

import contextlib
import html
import json

from django.apps import apps
from django.contrib.sessions.backends.db import SessionStore
from django.db import connection

from core import crypto

TEXT_FIELD_TYPES = {"CharField", "TextField", "JSONField", "EmailField", "SlugField", "URLField"}
# Shorter needles would match unrelated text and make the check meaningless.
MIN_LENGTH = 4


def _encrypted_columns():
    found = {}
    for model in apps.get_models():
        for field in model._meta.concrete_fields:
            if isinstance(field, crypto.EncryptedTextField):
                found.setdefault(model._meta.db_table, set()).add(field.column)
    return found


def _text_columns(cursor, table):
    introspection = connection.introspection
    columns = []
    for description in introspection.get_table_description(cursor, table):
        try:
            field_type = introspection.get_field_type(description.type_code, description)
        except KeyError:
            field_type = str(description.type_code)
        if field_type in TEXT_FIELD_TYPES or any(
            word in str(field_type).lower() for word in ("char", "text", "json", "clob")
        ):
            columns.append(description.name)
    return columns


def _as_text(table, column, value, encrypted):
    if value is None:
        return ""
    if not isinstance(value, str):
        # psycopg hands JSON columns back as Python objects.
        value = json.dumps(value, ensure_ascii=False, default=str)
    if column in encrypted.get(table, ()) and value:
        # A token no configured key opens is not ours to read: the raw token is scanned.
        with contextlib.suppress(crypto.DecryptionError):
            value = crypto.decrypt(value)
    if table == "django_session" and column == "session_data":
        # decode() gives {} for a damaged session, which is then scanned raw.
        value += json.dumps(SessionStore().decode(value), ensure_ascii=False, default=str)
    return value.casefold()


def _needles(values):
    needles = {}
    for value in values:
        if not isinstance(value, str) or len(value.strip()) < MIN_LENGTH:
            raise ValueError(f"Scan for values of at least {MIN_LENGTH} characters: {value!r}")
        forms = {
            value,
            json.dumps(value)[1:-1],  # as JSON with \uXXXX escapes
            html.escape(value),
            crypto.email_index(value),
            crypto.phone_index(value),
        }
        for form in forms:
            if form and len(form) >= MIN_LENGTH:
                needles[form.casefold()] = value
    return needles


def find_in_database(*values):
    """[(table, column, value)] for every place any of the values appears."""
    needles = _needles(values)
    encrypted = _encrypted_columns()
    quote = connection.ops.quote_name
    found = set()
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names(cursor):
            columns = _text_columns(cursor, table)
            if not columns:
                continue
            cursor.execute(
                f"SELECT {', '.join(quote(column) for column in columns)} FROM {quote(table)}"
            )
            for row in cursor.fetchall():
                for column, cell in zip(columns, row, strict=True):
                    text = _as_text(table, column, cell, encrypted)
                    if not text:
                        continue
                    for needle, value in needles.items():
                        if needle in text:
                            found.add((table, column, value))
    return sorted(found)


def assert_nowhere_in_database(*values, member=None):
    found = find_in_database(*values)
    assert not found, "still in the database: " + "; ".join(
        f"{table}.{column} holds {value!r}" for table, column, value in found
    )
    if member is not None:
        model = type(member)
        columns = sorted(_encrypted_columns().get(model._meta.db_table, ()))
        columns += [
            field.column
            for field in model._meta.concrete_fields
            if field.name.endswith("_index") and not isinstance(field, crypto.EncryptedTextField)
        ]
        quote = connection.ops.quote_name
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT {', '.join(quote(column) for column in columns)} "
                f"FROM {quote(model._meta.db_table)} WHERE {quote(model._meta.pk.column)} = %s",
                [member.pk],
            )
            row = cursor.fetchone()
        assert row is not None, "the member's row is gone"
        left = [column for column, value in zip(columns, row, strict=True) if value]
        assert not left, f"the member's columns still hold data: {left}"
