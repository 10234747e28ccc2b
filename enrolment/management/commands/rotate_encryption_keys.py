"""Re-encrypt every encrypted value under the newest key in FIELD_ENCRYPTION_KEYS.

The procedure (README, "Keys"):
1. Generate a key and put it at the FRONT of FIELD_ENCRYPTION_KEYS, keeping the old ones.
2. Deploy: new values are written under the new key; old ones are still readable.
3. Run this command.
4. Remove the old key from FIELD_ENCRYPTION_KEYS and deploy again.

The command works on the raw column values with SQL, never through the model: saving a
model would re-run its logic (blind indexes, references) and could overwrite a staff
member's edit made in between. Each batch is its own transaction, with its rows locked
where the database can. Before writing anything it checks that every stored value can be
decrypted, so a key missing from the list stops it with nothing changed.
"""

from django.apps import apps
from django.core.exceptions import ImproperlyConfigured
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction

from core import crypto
from enrolment.audit import audit
from enrolment.models import MembershipSettings

DEFAULT_BATCH_SIZE = 200


def encrypted_tables():
    """[(model, [column, ...])] for every model with encrypted fields, in a stable order."""
    tables = []
    for model in apps.get_models():
        columns = [
            field.column
            for field in model._meta.concrete_fields
            if isinstance(field, crypto.EncryptedTextField)
        ]
        if columns:
            tables.append((model, columns))
    return sorted(tables, key=lambda entry: entry[0]._meta.label)


def batches(model, size):
    """The primary keys of a model's rows, in lists of at most ``size``."""
    keys = list(model._default_manager.order_by("pk").values_list("pk", flat=True))
    for start in range(0, len(keys), size):
        yield keys[start : start + size]


def select_rows(cursor, model, columns, keys, lock=False):
    """The raw rows. SQL here is built from quoted model metadata; values are parameters."""
    quote = connection.ops.quote_name
    pk, table = quote(model._meta.pk.column), quote(model._meta.db_table)
    selected = ", ".join([pk, *(quote(column) for column in columns)])
    placeholders = ", ".join(["%s"] * len(keys))
    sql = f"SELECT {selected} FROM {table} WHERE {pk} IN ({placeholders})"  # noqa: S608
    if lock and connection.features.has_select_for_update:
        sql += " FOR UPDATE"
    cursor.execute(sql, keys)
    return cursor.fetchall()


class Command(BaseCommand):
    help = (
        "Re-encrypt every encrypted member field under the newest key in "
        "FIELD_ENCRYPTION_KEYS (the first one). Run after adding a new key at the front; "
        "then remove the old key."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--batch-size",
            type=int,
            default=DEFAULT_BATCH_SIZE,
            help=f"Rows per transaction (default {DEFAULT_BATCH_SIZE}).",
        )

    def handle(self, *args, batch_size=DEFAULT_BATCH_SIZE, **options):
        if batch_size < 1:
            raise CommandError("--batch-size must be at least 1.")
        try:
            crypto.fernet()
        except ImproperlyConfigured as error:
            raise CommandError(str(error)) from error

        tables = encrypted_tables()
        self.check_every_value_decrypts(tables, batch_size)

        records = values = 0
        try:
            for model, columns in tables:
                for keys in batches(model, batch_size):
                    batch_records, batch_values = self.rotate_batch(model, columns, keys)
                    records += batch_records
                    values += batch_values
        except crypto.DecryptionError:
            # Only if a value was written under an unknown key while this ran. The failed
            # batch was rolled back; finished ones are under the newest key and readable.
            raise CommandError(
                f"Stopped after re-encrypting {records} record(s): a value written during "
                "the run cannot be decrypted with FIELD_ENCRYPTION_KEYS. Check that every "
                "server uses the same keys, then run this again."
            ) from None

        audit(MembershipSettings.load(), "enrolment.rotate_keys", data={"records": records})
        self.stdout.write(
            f"Re-encrypted {values} value(s) in {records} record(s) under the newest key. "
            "Older keys can now be removed from FIELD_ENCRYPTION_KEYS."
        )

    def check_every_value_decrypts(self, tables, batch_size):
        """Read everything once, writing nothing: a wrong key set must change no data."""
        with connection.cursor() as cursor:
            for model, columns in tables:
                for keys in batches(model, batch_size):
                    for pk, *tokens in select_rows(cursor, model, columns, keys):
                        for column, token in zip(columns, tokens, strict=True):
                            if not token:
                                continue
                            try:
                                crypto.decrypt(token)
                            except crypto.DecryptionError:
                                raise CommandError(
                                    f"{model._meta.label} {pk} ({column}) cannot be decrypted "
                                    "with any key in FIELD_ENCRYPTION_KEYS. Nothing was "
                                    "changed. Put the key that wrote it back in the list, "
                                    "after the new key, and run this again."
                                ) from None

    def rotate_batch(self, model, columns, keys):
        quote = connection.ops.quote_name
        records = values = 0
        with transaction.atomic(), connection.cursor() as cursor:
            for pk, *tokens in select_rows(cursor, model, columns, keys, lock=True):
                changes = {
                    column: crypto.rotate(token)
                    for column, token in zip(columns, tokens, strict=True)
                    if token
                }
                if not changes:
                    continue
                assignments = ", ".join(f"{quote(column)} = %s" for column in changes)
                cursor.execute(
                    f"UPDATE {quote(model._meta.db_table)} SET {assignments} "  # noqa: S608
                    f"WHERE {quote(model._meta.pk.column)} = %s",
                    [*changes.values(), pk],
                )
                records += 1
                values += len(changes)
        return records, values
