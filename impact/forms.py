"""The public form for anonymous contributions (/have-your-say/<code>/).

One text box and nothing else a person types: no name, no contact details. It stands on
the protected public form (core.forms), as the join form does: the same spam defence,
text checks, messages, and fields tied to their hints, warnings and errors.
"""

from django import forms
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.forms import ProtectedForm, TextField

from .models import AnonymousContribution

# Long enough for several thoughtful paragraphs; far short of anything that would burden
# the database or the people reading it.
MAX_LENGTH = 5000


class ContributionForm(ProtectedForm):
    SUBMIT_ID = "contribution-submit"
    # The one box: it warns not to describe any crime, as every free-text box does.
    CRIME_WARNING_FIELDS = frozenset({"text"})

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

    def __init__(self, data=None, *, activity, language, **kwargs):
        super().__init__(data, **kwargs)
        self.activity = activity
        self.language = language

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
