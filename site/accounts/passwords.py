"""Django's password validators, with messages that have a Welsh translation.

Django's own Welsh catalogue leaves these messages untranslated, and staff set
passwords in either language. The rules themselves are Django's.
"""

from django.contrib.auth import password_validation
from django.utils.translation import gettext as _


class MinimumLengthValidator(password_validation.MinimumLengthValidator):
    # The minimum here is never 1, so one plural form serves.
    def get_error_message(self):
        return _(
            "This password is too short. It must contain at least %(min_length)s characters."
        ) % {"min_length": self.min_length}

    def get_help_text(self):
        return _("Your password must contain at least %(min_length)s characters.") % {
            "min_length": self.min_length
        }


class UserAttributeSimilarityValidator(password_validation.UserAttributeSimilarityValidator):
    def get_error_message(self):
        return _("The password is too similar to the %(verbose_name)s.")

    def get_help_text(self):
        return _("Your password cannot be too similar to your other personal information.")


class CommonPasswordValidator(password_validation.CommonPasswordValidator):
    def get_error_message(self):
        return _("This password is too common.")

    def get_help_text(self):
        return _("Your password cannot be a commonly used password.")


class NumericPasswordValidator(password_validation.NumericPasswordValidator):
    def get_error_message(self):
        return _("This password is entirely numeric.")

    def get_help_text(self):
        return _("Your password cannot be entirely numeric.")
