from django import forms
from django.utils.translation import gettext_lazy as _

from . import two_factor

WRONG_APP_CODE = _(
    "That code is not right. Enter the 6-digit code your authenticator app shows now."
)
WRONG_CODE = _(
    "That code is not right. Enter the 6-digit code your authenticator app shows now, "
    "or one of your unused recovery codes."
)
SET_UP_AGAIN = _(
    "This set-up was started again, or has expired. "
    "Add the account to your app again: scan the new QR code, then enter its code."
)
TOO_MANY = _("Too many wrong codes. Wait a minute, then try again.")


class CodeForm(forms.Form):
    """One code: from the authenticator app, or (where allowed) a recovery code.

    A valid form has checked the code against the person's devices; ``device`` is the
    one that accepted it.
    """

    allow_recovery = True
    wrong_code = WRONG_CODE

    code = forms.CharField(
        label=_("Code"),
        max_length=32,
        error_messages={
            "required": _("Enter a code."),
            "max_length": WRONG_CODE,
            "null_characters_not_allowed": WRONG_CODE,
        },
        widget=forms.TextInput(
            attrs={
                "autocomplete": "one-time-code",
                "autocapitalize": "none",
                "spellcheck": "false",
                "autofocus": True,
            }
        ),
    )

    def __init__(self, user, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.device = None

    def clean_code(self):
        code = self.cleaned_data["code"]
        try:
            self.device = self.verify(code)
        except two_factor.CodeRejected as rejected:
            raise forms.ValidationError(
                TOO_MANY if rejected.throttled else self.wrong_code
            ) from None
        return code

    def verify(self, code):
        return two_factor.check_code(self.user, code, allow_recovery=self.allow_recovery)


class SetUpForm(CodeForm):
    """The first code from a newly added authenticator; a valid form has confirmed it."""

    allow_recovery = False
    wrong_code = WRONG_APP_CODE

    def __init__(self, user, device, *args, keep_session=None, **kwargs):
        super().__init__(user, *args, **kwargs)
        self.pending = device
        self.keep_session = keep_session
        self.recovery_codes = None
        self.fields["code"].widget.attrs["inputmode"] = "numeric"
        self.fields["code"].error_messages["max_length"] = WRONG_APP_CODE
        self.fields["code"].error_messages["null_characters_not_allowed"] = WRONG_APP_CODE

    def verify(self, code):
        if self.pending is None:
            raise forms.ValidationError(SET_UP_AGAIN)
        self.recovery_codes = two_factor.confirm_authenticator(
            self.user, self.pending, code, keep_session=self.keep_session
        )
        return self.pending
