"""The public form for anonymous contributions (/have-your-say/<code>/).

One text box and nothing else a person types: no name, no contact details. The spam
defence is the self-referral form's (enrolment.spam), and so are the text checks, the
messages and the way fields are tied to their hints, warnings and errors.
"""

from django import forms
from django.core.exceptions import ValidationError
from django.db import transaction
from django.forms.utils import ErrorDict
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from enrolment import spam
from enrolment.forms import EnrolmentBoundField, TextField

from .models import AnonymousContribution

# The submit button: messages that belong to no one field point here.
SUBMIT_ID = "contribution-submit"

# Long enough for several thoughtful paragraphs; far short of anything that would burden
# the database or the people reading it.
MAX_LENGTH = 5000


class ContributionForm(forms.Form):
    bound_field_class = EnrolmentBoundField

    # The one box: it warns not to describe any crime, as every free-text box does.
    CRIME_WARNING_FIELDS = frozenset({"text"})
    # Hidden checks: their messages point at the submit button.
    HIDDEN_CHECKS = ("rendered",)

    text = TextField(
        label=_("Your answer"),
        max_length=MAX_LENGTH,
        widget=forms.Textarea,
        help_text=_(
            "Please do not include your name, or anything else that could identify you "
            "or anyone else."
        ),
        error_messages={"required": _("Write your answer in the box.")},
    )

    # Spam defence. The honeypot is hidden by CSS and labelled for screen readers.
    website = TextField(label=_("Leave this empty"), max_length=200, required=False)
    rendered = TextField(required=False, widget=forms.HiddenInput)

    def __init__(self, data=None, *, activity, language, **kwargs):
        super().__init__(data, **kwargs)
        self.activity = activity
        self.language = language
        self.caught_robot = False
        if spam.captcha_enabled():
            self.fields["captcha"] = spam.CaptchaField(label=_("Show you are not a robot"))

    # --- checks ---------------------------------------------------------------------------

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
        return ""

    def add_error(self, field, error):
        # A failed reCAPTCHA counts against the client's allowance, as a filled honeypot does.
        if field == "captcha" and getattr(error, "code", None) == "captcha_invalid":
            self.caught_robot = True
        super().add_error(field, error)

    # --- the error summary -------------------------------------------------------------

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
                items.append((SUBMIT_ID, message))
        for message in self.non_field_errors():
            items.append((SUBMIT_ID, message))
        return items

    def keep_answers_unchecked(self):
        """Show what was typed without checking it (and without asking Google), for
        the rate limit page: Django validates when a template first asks for errors."""
        self._errors = ErrorDict()
        self.cleaned_data = {}

    # --- saving --------------------------------------------------------------------------

    def save(self):
        """The words, the activity, the language and the day: nothing about who sent them."""
        with transaction.atomic():
            return AnonymousContribution.objects.create(
                activity=self.activity,
                text=self.cleaned_data["text"],
                language=self.language,
                received_on=timezone.localdate(),
            )
