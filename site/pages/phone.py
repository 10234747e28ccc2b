"""UK phone numbers: validation and tel: links, with `phonenumbers`.

Numbers are shown as the editor typed them, since services publish their own
grouping (0808 80 10 800), and linked in a form every phone understands.
"""

import phonenumbers
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

REGION = "GB"


def parse(value):
    """The parsed number if `value` is a valid UK number or short code, else None."""
    try:
        number = phonenumbers.parse(str(value), REGION)
    except phonenumbers.NumberParseException:
        return None
    if phonenumbers.is_valid_number(number) or phonenumbers.is_valid_short_number(number):
        return number
    return None


def is_short_code(number):
    return not phonenumbers.is_valid_number(number)


def validate_phone_number(value):
    if parse(value) is None:
        raise ValidationError(
            _("Enter a valid UK phone number, including the area code, for example 01267 226440."),
            code="invalid_phone_number",
        )


def dialable(value):
    """E.164 for full numbers, the bare digits for short codes such as 999 or 101."""
    number = parse(value)
    if number is None:
        return ""
    if is_short_code(number):
        return str(number.national_number)
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def tel_href(value):
    digits = dialable(value)
    return f"tel:{digits}" if digits else ""


def sms_href(value):
    digits = dialable(value)
    return f"sms:{digits}" if digits else ""


class PhoneNumberField(models.CharField):
    """A UK phone number or short code, stored as typed and validated on save."""

    default_validators = [validate_phone_number]

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("max_length", 32)
        super().__init__(*args, **kwargs)
