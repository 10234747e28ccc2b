"""Encryption at rest for personal identifiers, and blind indexes for exact look-up.

Values are encrypted with Fernet (AES-128-CBC with an HMAC) under keys from
``settings.FIELD_ENCRYPTION_KEYS``, newest first: new values use the first key, and any
key in the list can still read old values until ``rotate_encryption_keys`` has run.
The keys never live in the database and are separate from ``SECRET_KEY``.

Because each encryption is randomised, an encrypted column cannot be searched. Email
addresses and phone numbers also get a blind index: a keyed HMAC of the normalised value,
under ``settings.FIELD_BLIND_INDEX_KEY``, that finds exact matches and duplicates without
revealing the value.
"""

import functools
import hashlib
import hmac

import phonenumbers
from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from django.conf import settings
from django.core.exceptions import FieldError, ImproperlyConfigured
from django.db import models


class DecryptionError(RuntimeError):
    """A stored value could not be read with any configured key. Never swallowed."""


@functools.lru_cache(maxsize=4)
def _fernet(keys):
    if not keys:
        raise ImproperlyConfigured("FIELD_ENCRYPTION_KEYS is empty: member data cannot be read.")
    try:
        return MultiFernet([Fernet(key) for key in keys])
    except (ValueError, TypeError) as error:
        raise ImproperlyConfigured(
            "Every FIELD_ENCRYPTION_KEYS entry must be a Fernet key "
            "(32 url-safe base64-encoded bytes)."
        ) from error


def fernet():
    return _fernet(tuple(settings.FIELD_ENCRYPTION_KEYS))


def encrypt(text):
    return fernet().encrypt(text.encode("utf-8")).decode("ascii")


def decrypt(token):
    try:
        return fernet().decrypt(token.encode("ascii")).decode("utf-8")
    except (InvalidToken, UnicodeEncodeError) as error:
        # Loud on purpose: returning the ciphertext, or "", would hide a key mix-up
        # until someone edited and saved the record, destroying the data.
        raise DecryptionError(
            "A stored value could not be decrypted with FIELD_ENCRYPTION_KEYS. "
            "Check that the key that wrote it is still in the list."
        ) from error


def rotate(token):
    """Re-encrypt a stored token under the newest key."""
    try:
        return fernet().rotate(token.encode("ascii")).decode("ascii")
    except InvalidToken as error:
        raise DecryptionError("A stored value could not be decrypted for rotation.") from error


def normalise_email(value):
    return value.strip().casefold()


def normalise_phone(value):
    try:
        number = phonenumbers.parse(value, "GB")
    except phonenumbers.NumberParseException:
        return "".join(ch for ch in value if ch.isdigit())
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def blind_index(value, normalise):
    """A keyed hash of the normalised value, or "" when there is no value."""
    value = normalise(value or "")
    if not value:
        return ""
    key = settings.FIELD_BLIND_INDEX_KEY
    if not key:
        raise ImproperlyConfigured("FIELD_BLIND_INDEX_KEY is not set.")
    return hmac.new(key.encode("utf-8"), value.encode("utf-8"), hashlib.sha256).hexdigest()


def email_index(value):
    return blind_index(value, normalise_email)


def phone_index(value):
    return blind_index(value, normalise_phone)


class EncryptedTextField(models.TextField):
    """Text stored as a Fernet token. An empty value is stored as "" (nothing to hide).

    Lookups other than ``isnull`` raise FieldError: the column holds randomised tokens,
    so ``filter(email="a@b.c")`` would silently match nothing. Use the blind index.
    """

    description = "Text encrypted at rest"

    def from_db_value(self, value, expression, connection):
        if not value:
            return value
        return decrypt(value)

    def get_prep_value(self, value):
        value = super().get_prep_value(value)
        if not value:
            return value
        return encrypt(value)

    def get_lookup(self, lookup_name):
        if lookup_name == "isnull":
            return super().get_lookup(lookup_name)
        raise FieldError(
            f"{self.model.__name__}.{self.name} is encrypted and cannot be filtered with "
            f"'{lookup_name}'. Look members up through the blind index instead."
        )

    def get_transform(self, lookup_name):
        raise FieldError(f"{self.model.__name__}.{self.name} is encrypted and has no transforms.")
