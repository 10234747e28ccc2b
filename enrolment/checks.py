"""System checks: the site must not run without working encryption keys."""

from cryptography.fernet import Fernet
from django.conf import settings
from django.core import checks


@checks.register(checks.Tags.security)
def check_encryption_keys(app_configs, **kwargs):
    errors = []
    keys = getattr(settings, "FIELD_ENCRYPTION_KEYS", None) or []
    if not keys:
        errors.append(
            checks.Error(
                "FIELD_ENCRYPTION_KEYS is empty.",
                hint="Generate one with: python -c 'from cryptography.fernet import Fernet; "
                "print(Fernet.generate_key().decode())'",
                id="enrolment.E001",
            )
        )
    for key in keys:
        try:
            Fernet(key)
        except (ValueError, TypeError):
            errors.append(
                checks.Error(
                    "A FIELD_ENCRYPTION_KEYS entry is not a Fernet key.", id="enrolment.E002"
                )
            )
    if len(getattr(settings, "FIELD_BLIND_INDEX_KEY", "") or "") < 32:
        errors.append(
            checks.Error(
                "FIELD_BLIND_INDEX_KEY must be set and at least 32 characters long.",
                id="enrolment.E003",
            )
        )
    return errors
