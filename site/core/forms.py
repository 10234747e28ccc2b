"""The protected public form: what the join form and the anonymous contribution form share.

Every message is in the reader's language, and everything typed is shown again when
something needs fixing. Templates render each field by hand (templates/core/includes) so
that hints, warnings and errors are tied to their inputs for screen readers. Robots are
refused the same way on both forms (core.spam).
"""

import re

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.forms.boundfield import BoundField
from django.forms.utils import ErrorDict
from django.utils.translation import gettext_lazy as _

from . import spam

# C0 controls other than tab, line feed and carriage return, DEL, and C1 controls. They
# cannot be typed, only pasted, and would end up invisible in staff screens and exports.
CONTROL_CHARACTERS = re.compile(r"[\x01-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")

LENGTH_MESSAGE = _("Use %(limit_value)d characters or fewer. This answer has %(show_value)d.")
CHOICE_MESSAGE = _("Choose one of the options shown.")


def reject_control_characters(value):
    if CONTROL_CHARACTERS.search(value):
        raise ValidationError(
            _(
                "This answer contains hidden characters that we cannot keep. They can come "
                "from copying and pasting: please type the answer again."
            ),
            code="control_characters",
        )


class CleanTextMixin:
    """NUL bytes are dropped (no keyboard types them); other control characters are refused."""

    default_error_messages = {"max_length": LENGTH_MESSAGE}
    default_validators = [reject_control_characters]

    def to_python(self, value):
        if isinstance(value, str):
            value = value.replace("\x00", "")
        return super().to_python(value)


class TextField(CleanTextMixin, forms.CharField):
    pass


class HoneypotField(TextField):
    """Anything left in it marks a robot: no limit or character check may answer first,
    or a robot filling it with a long or odd string would escape being counted."""

    default_validators = []


class EmailAddressField(CleanTextMixin, forms.EmailField):
    # The mixin's validators replace EmailField's own, so name both.
    default_validators = [reject_control_characters, validate_email]
    default_error_messages = {
        "invalid": _("Enter an email address in the right format, like name@example.com."),
    }


class ChoiceField(forms.ChoiceField):
    default_error_messages = {"invalid_choice": CHOICE_MESSAGE}


class MultipleChoiceField(forms.MultipleChoiceField):
    default_error_messages = {"invalid_choice": CHOICE_MESSAGE, "invalid_list": CHOICE_MESSAGE}


class PublicFormBoundField(BoundField):
    """What the hand-written field templates need: ids, kept values and options."""

    @property
    def hint_id(self):
        return f"{self.auto_id}-hint"

    @property
    def warning_id(self):
        return f"{self.auto_id}-warning"

    @property
    def error_id(self):
        return f"{self.auto_id}-error"

    @property
    def has_warning(self):
        return self.name in self.form.CRIME_WARNING_FIELDS

    @property
    def described_by(self):
        ids = []
        if self.help_text:
            ids.append(self.hint_id)
        if self.has_warning:
            ids.append(self.warning_id)
        if self.errors:
            ids.append(self.error_id)
        return " ".join(ids)

    @property
    def text_value(self):
        value = self.value()
        return "" if value is None else str(value).replace("\x00", "")

    @property
    def textarea_value(self):
        # HTML drops one newline straight after <textarea>: give it one to drop, so the
        # answer comes back exactly as typed.
        return "\n" + self.text_value

    @property
    def is_multiline(self):
        return isinstance(self.field.widget, forms.Textarea)

    @property
    def is_checked(self):
        return bool(self.value())

    @property
    def selected_values(self):
        value = self.value()
        if value is None:
            return set()
        if isinstance(value, (list, tuple)):
            return {str(item) for item in value}
        return {str(value)}

    @property
    def option_groups(self):
        """[{"label": group or None, "options": [{value, label, checked, id, lang}]}]."""
        selected = self.selected_values
        languages = getattr(self.field, "option_languages", {})
        groups = []
        index = 0

        def option(value, label):
            nonlocal index
            item = {
                "value": str(value),
                "label": label,
                "checked": str(value) in selected,
                "id": f"{self.auto_id}_{index}",
                "lang": languages.get(str(value), ""),
            }
            index += 1
            return item

        loose = []
        for value, label in self.field.choices:
            if isinstance(label, (list, tuple)):
                if loose:
                    groups.append({"label": None, "options": loose})
                    loose = []
                groups.append({"label": value, "options": [option(v, text) for v, text in label]})
            else:
                loose.append(option(value, label))
        if loose:
            groups.append({"label": None, "options": loose})
        return groups

    @property
    def first_id(self):
        """Where an error summary link for this field should land."""
        widget = self.field.widget
        if isinstance(widget, (forms.RadioSelect, forms.CheckboxSelectMultiple)):
            return f"{self.auto_id}_0"
        return self.auto_id


class ProtectedForm(forms.Form):
    """A public form's spam defence and GOV.UK-style error summary. The join form and the
    anonymous contribution form both stand on it, so they refuse robots the same way.

    Subclasses set SUBMIT_ID (where messages that belong to no one field point) and may
    add hidden checks of their own to HIDDEN_CHECKS.
    """

    bound_field_class = PublicFormBoundField
    CRIME_WARNING_FIELDS = frozenset()
    HIDDEN_CHECKS = ("rendered",)

    # Spam defence. The honeypot is hidden by CSS and labelled for screen readers.
    website = HoneypotField(label=_("Leave this empty"), required=False)
    rendered = TextField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.caught_robot = False
        # The id of this showing's render token, once it has been checked.
        self.render_token_id = None
        # After the questions (Django puts a base class's fields first).
        for name in ("website", "rendered"):
            self.fields[name] = self.fields.pop(name)
        if spam.captcha_enabled():
            self.fields["captcha"] = spam.CaptchaField(label=_("Show you are not a robot"))

    def clean_website(self):
        if self.cleaned_data["website"]:
            self.caught_robot = True
            raise ValidationError(
                _("This box must be empty. Please clear it, then send the form again."),
                code="honeypot",
            )
        return ""

    def clean_rendered(self):
        reason = spam.check_render_token(self.cleaned_data["rendered"])
        if reason == spam.TOO_FAST:
            raise ValidationError(
                _("Please check your answers, then send the form again."), code="too_fast"
            )
        if reason is not None:
            raise ValidationError(
                _(
                    "This form timed out. Your answers are still here: please check them, "
                    "then send the form again."
                ),
                code="expired",
            )
        self.render_token_id = spam.render_token_id(self.cleaned_data["rendered"])
        return ""

    def refuse_as_already_sent(self):
        """This showing of the form was accepted before: the same form sent twice (a
        double click, the browser's back button, or a replay). Shown again like a form
        that timed out, with a fresh token, so someone who means it can send it again."""
        self.add_error(
            "rendered",
            ValidationError(
                _(
                    "We have already received this form. If you meant to send it again, "
                    "check your answers, then send the form again."
                ),
                code="already_sent",
            ),
        )

    def add_error(self, field, error):
        # A failed reCAPTCHA counts against the client's allowance, as a filled honeypot does.
        if field == "captcha" and getattr(error, "code", None) == "captcha_invalid":
            self.caught_robot = True
        super().add_error(field, error)

    def error_summary(self):
        """[(target id, message)] in the order the fields appear on the page."""
        items = []
        for name in self.fields:
            if name in self.HIDDEN_CHECKS:
                continue
            for message in self.errors.get(name, ()):
                items.append((self[name].first_id, message))
        for name in self.HIDDEN_CHECKS:
            for message in self.errors.get(name, ()):
                items.append((self.SUBMIT_ID, message))
        for message in self.non_field_errors():
            items.append((self.SUBMIT_ID, message))
        return items

    def keep_answers_unchecked(self):
        """Show what was typed without checking it (and without asking Google), for
        the rate limit page: Django validates when a template first asks for errors."""
        self._errors = ErrorDict()
        self.cleaned_data = {}
