"""The public self-referral form (/join/, /cy/ymuno/).

A plain form rather than a ModelForm: what is stored depends on the consents given, and
a submission always becomes a new pending member (never an update of an existing one).
It stands on the protected public form (core.forms), which gives it the spam defence,
the error summary and the hand-written field templates (templates/core/includes).
"""

from django import forms
from django.core import signing
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from wagtail.models import Locale

from core.forms import (
    ChoiceField,
    EmailAddressField,
    MultipleChoiceField,
    ProtectedForm,
    TextField,
)
from pages.page_cache import kept_until_content_changes
from pages.phone import is_short_code, validate_phone_number
from pages.phone import parse as parse_phone_number

from .audit import audit
from .messaging import Channel, Kind, send

# The modules themselves, not enrolment.models: the join page (enrolment.models.pages)
# serves this form.
from .models.lists import Area, CrimeType, DemographicOption, EngagementMethod
from .models.members import ConsentRecord, Member, Purpose
from .models.notices import PrivacyNotice
from .tasks import notify_staff_of_referral

NOTICE_SALT = "enrolment.form.notice"

# Which contact detail each way of contacting someone needs.
CHANNEL_FIELDS = {
    Member.ContactMethod.EMAIL: "email",
    Member.ContactMethod.PHONE: "phone",
    Member.ContactMethod.TEXT: "phone",
    Member.ContactMethod.POST: "address",
}


def notice_token(notice):
    """Signs which privacy notice version the form showed, so consent records that one."""
    return signing.dumps(notice.pk if notice else 0, salt=NOTICE_SALT)


def read_notice_token(token):
    """The notice pk (0 when none was shown), or None if the token is not ours."""
    try:
        value = signing.loads(str(token or ""), salt=NOTICE_SALT)
    except signing.BadSignature:
        return None
    return value if isinstance(value, int) else None


def validate_member_phone_number(value):
    """A number the member can be rung or texted on. Short codes such as 101 or 999 reach a
    service, never a person (and the staff form would refuse them on the record)."""
    validate_phone_number(value)
    if is_short_code(parse_phone_number(value)):
        raise ValidationError(
            _("Enter a valid UK phone number, including the area code, for example 01267 226440."),
            code="invalid_phone_number",
        )


def _locale(language):
    return Locale.objects.filter(language_code=language).first() or Locale.get_default()


class EnrolmentForm(ProtectedForm):
    SUBMIT_ID = "enrolment-submit"
    # Free-text boxes: each warns not to describe any crime.
    CRIME_WARNING_FIELDS = frozenset({"own_term", "address", "safe_times", "safe_contact_notes"})
    DEMOGRAPHIC_FIELDS = ("age_band", "gender", "ethnicity", "disability")
    # Hidden checks: their messages point at the submit button.
    HIDDEN_CHECKS = ("rendered", "shown_notice")
    # Optional questions folded away (in <details>) until wanted, so the form looks short.
    OPTIONAL_GROUPS = {
        "names": ("preferred_name", "preferred_term", "own_term"),
        "contact_details": ("voicemail_safe", "may_say_opcc", "safe_times", "safe_contact_notes"),
        "experience": ("crime_types",),
        "fairness": DEMOGRAPHIC_FIELDS,
        "methods": ("methods",),
    }

    # About you
    name = TextField(
        label=_("Your name"),
        max_length=200,
        help_text=_("Your full name, or the name you use day to day."),
        error_messages={"required": _("Enter your name.")},
    )
    preferred_name = TextField(
        label=_("What should we call you? (optional)"),
        max_length=200,
        required=False,
        help_text=_("For example, a first name or a nickname."),
    )
    preferred_term = ChoiceField(
        label=_("Which word do you prefer for someone affected by crime? (optional)"),
        required=False,
        widget=forms.RadioSelect,
        help_text=_("We will use your word when we talk with you about the network."),
        choices=[
            (Member.PreferredTerm.VICTIM, Member.PreferredTerm.VICTIM.label),
            (Member.PreferredTerm.SURVIVOR, Member.PreferredTerm.SURVIVOR.label),
            (Member.PreferredTerm.INJURED_PARTY, Member.PreferredTerm.INJURED_PARTY.label),
            (Member.PreferredTerm.OWN, _("My own word (type it below)")),
        ],
    )
    own_term = TextField(
        label=_("Your own word (optional)"),
        max_length=100,
        required=False,
        help_text=_("Only if you chose 'My own word'."),
    )
    how_affected = ChoiceField(
        label=_("How has crime or anti-social behaviour affected you?"),
        widget=forms.RadioSelect,
        help_text=_("Choose the one that fits best. You do not need to tell us what happened."),
        choices=Member.HowAffected.choices,
        error_messages={"required": _("Choose how you have been affected.")},
    )
    area = ChoiceField(
        label=_("Where do you live?"),
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose where you live.")},
    )
    language = ChoiceField(
        label=_("Which language should we use with you?"),
        widget=forms.RadioSelect,
        # Each language named in itself, as language choosers in Wales do.
        choices=[(Member.Language.WELSH, "Cymraeg"), (Member.Language.ENGLISH, "English")],
        error_messages={"required": _("Choose Welsh or English.")},
    )
    language.option_languages = {"cy": "cy", "en": "en"}

    # How to reach you safely
    email = EmailAddressField(label=_("Email address"), max_length=254, required=False)
    phone = TextField(
        label=_("Phone number"),
        max_length=32,
        required=False,
        help_text=_("A UK number, for example 07912 345678."),
        validators=[validate_member_phone_number],
    )
    address = TextField(
        label=_("Postal address"),
        max_length=500,
        required=False,
        widget=forms.Textarea,
    )
    preferred_contact = ChoiceField(
        label=_("What is the best way to contact you?"),
        widget=forms.RadioSelect,
        choices=Member.ContactMethod.choices,
        error_messages={"required": _("Choose the best way to contact you.")},
    )
    safe_channels = MultipleChoiceField(
        label=_("Which ways are safe for us to use?"),
        widget=forms.CheckboxSelectMultiple,
        help_text=_(
            "Tick every way that is safe. Think about who else might open your post, "
            "see your phone or read your email."
        ),
        choices=Member.ContactMethod.choices,
        error_messages={"required": _("Tick at least one way that is safe for us to use.")},
    )
    voicemail_safe = forms.BooleanField(
        label=_("It is safe to leave a voicemail message"), required=False
    )
    may_say_opcc = forms.BooleanField(
        label=_("Our staff may say they are from the Police and Crime Commissioner's office"),
        required=False,
        help_text=_(
            "If you leave this unticked, we will not say where we are from until we know "
            "we are talking to you."
        ),
    )
    safe_times = TextField(
        label=_("When is it safe to contact you? (optional)"),
        max_length=200,
        required=False,
        help_text=_("For example, weekday mornings."),
    )
    safe_contact_notes = TextField(
        label=_("Anything else we should know to contact you safely? (optional)"),
        max_length=2000,
        required=False,
        widget=forms.Textarea,
        help_text=_("For example, a name to ask for, or times to avoid."),
    )

    # Your experience (optional, kept only with its consent)
    crime_types = MultipleChoiceField(
        label=_("Which types of crime have affected you? (optional)"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_(
            "Tick any that apply. This helps us invite you to activities about services "
            "you may have used."
        ),
    )

    # About you, for fairness checks (optional, kept only with its consent)
    age_band = ChoiceField(label=_("Age"), required=False)
    gender = ChoiceField(label=_("Gender"), required=False)
    ethnicity = ChoiceField(label=_("Ethnic group"), required=False)
    disability = ChoiceField(label=_("Do you consider yourself to be disabled?"), required=False)

    # How you'd like to take part
    methods = MultipleChoiceField(
        label=_("How would you like to take part? (optional)"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Tick all that suit you. You can change your mind at any time."),
    )

    # Your consent: three separate answers, none ticked for you.
    consent_contact = forms.BooleanField(
        label=_(
            "I agree that the engagement team can keep my details and contact me about "
            "engagement activities, in the ways I said are safe."
        ),
        error_messages={
            "required": _(
                "To join the network, tick this box to agree that we can contact you. If you "
                "do not want to join, you do not need to send this form."
            )
        },
    )
    consent_crime_types = forms.BooleanField(
        label=_("I agree that you can keep the types of crime I ticked."), required=False
    )
    consent_demographics = forms.BooleanField(
        label=_(
            "I agree that you can keep my answers about age, gender, ethnic group and disability."
        ),
        required=False,
    )

    # Which privacy notice version was shown, signed: consent is recorded against it.
    shown_notice = TextField(required=False, widget=forms.HiddenInput)

    def __init__(self, data=None, *, language, **kwargs):
        super().__init__(data, **kwargs)
        self.language = language
        self.notice = None
        # The lists change only when an editor changes them, so they are kept until then.
        with translation.override(language):
            lists = kept_until_content_changes(None, "join form lists", self._lists)
        self.locale = lists["locale"]
        self.areas = lists["area"]
        self.crime_type_rows = lists["crime_types"]
        self.demographic_rows = lists["demographics"]
        self.method_rows = lists["methods"]
        for field_name, choices in lists["choices"].items():
            self.fields[field_name].choices = choices

    def open_groups(self):
        """{group: shown open}: a group holding an answer or an error is never folded away,
        so nothing typed is out of sight and every error summary link has a visible target."""
        if not self.is_bound:
            return dict.fromkeys(self.OPTIONAL_GROUPS, False)
        return {
            group: any(name in self.errors or self._answered(name) for name in names)
            for group, names in self.OPTIONAL_GROUPS.items()
        }

    def _answered(self, name):
        value = self[name].value()
        if isinstance(value, str):
            return bool(value.strip())
        return bool(value)

    # --- lists, labelled in the reader's language ---------------------------------------

    def _lists(self):
        """{pk: entry} of each list (to save) and each field's choices, in the language."""
        locale = _locale(self.language)
        lists = {"locale": locale, "choices": {}}
        for field_name, model in (("area", Area), ("crime_types", CrimeType)):
            rows = list(model.objects.canonical())
            names = model.in_language([row.translation_key for row in rows], locale)
            lists["choices"][field_name] = [
                (str(row.pk), names.get(row.translation_key, row).name) for row in rows
            ]
            lists[field_name] = {str(row.pk): row for row in rows}

        options = list(DemographicOption.objects.canonical())
        texts = DemographicOption.in_language(
            [option.translation_key for option in options], locale
        )
        lists["demographics"] = {str(option.pk): option for option in options}
        for field_name in self.DEMOGRAPHIC_FIELDS:
            kind = getattr(DemographicOption.Kind, field_name.upper())
            rows = [option for option in options if option.kind == kind]
            lists["choices"][field_name] = self._demographic_choices(rows, texts)

        methods = list(EngagementMethod.objects.all())
        lists["methods"] = {str(method.pk): method for method in methods}
        lists["choices"]["methods"] = [
            (str(method.pk), str(method.get_code_display())) for method in methods
        ]
        return lists

    def _demographic_choices(self, rows, texts):
        """A blank answer first, then the answers, grouped under their headings if any
        (the ethnic groups), with "prefer not to say" last and on its own."""
        choices = [("", str(_("Not answered")))]
        groups = {}
        last = []
        for row in rows:
            text = texts.get(row.translation_key, row)
            choice = (str(row.pk), text.name or row.name)
            if row.group and not row.prefer_not_to_say:
                label = text.group or row.group
                if row.group not in groups:
                    groups[row.group] = (label, [])
                    choices.append(groups[row.group])
                groups[row.group][1].append(choice)
            elif row.prefer_not_to_say:
                last.append(choice)
            else:
                choices.append(choice)
        return choices + last

    # --- checks ---------------------------------------------------------------------------

    def clean_shown_notice(self):
        pk = read_notice_token(self.cleaned_data["shown_notice"])
        if pk is None and "rendered" in self._errors:
            return ""  # one message is enough: the form is shown again with today's notice
        notice = PrivacyNotice.objects.filter(pk=pk).first() if pk else None
        current = PrivacyNotice.current(self.locale)
        if pk is None or (pk and notice is None) or (not pk and current is not None):
            raise ValidationError(
                _(
                    "The privacy notice was updated while you were filling in the form. "
                    "Please read it again under 'Your consent', then send the form again."
                ),
                code="notice_changed",
            )
        self.notice = notice
        return ""

    def clean(self):
        data = super().clean()
        self._check_contact_routes(data)
        self._check_own_term(data)
        self._check_consents(data)
        return data

    def _check_contact_routes(self, data):
        # Anything typed counts here, even if it failed its own check: that check's
        # message is the one to fix, not "give at least one".
        typed = [str(self.data.get(name) or "").strip() for name in ("email", "phone", "address")]
        if not any(typed):
            self.add_error(
                "email",
                ValidationError(
                    _(
                        "Give at least one way to reach you: an email address, a phone "
                        "number or a postal address."
                    ),
                    code="no_contact_route",
                ),
            )
            return
        missing = {
            Member.ContactMethod.EMAIL: _(
                "You ticked email as safe. Give your email address, or untick it."
            ),
            Member.ContactMethod.PHONE: _(
                "You ticked phone calls as safe. Give your phone number, or untick them."
            ),
            Member.ContactMethod.TEXT: _(
                "You ticked text messages as safe. Give your phone number, or untick them."
            ),
            Member.ContactMethod.POST: _(
                "You ticked letters as safe. Give your postal address, or untick them."
            ),
        }
        safe = data.get("safe_channels") or []
        for channel in safe:
            field = CHANNEL_FIELDS[channel]
            # A detail that failed its own check already has a message of its own.
            if not data.get(field) and field not in self.errors:
                self.add_error("safe_channels", ValidationError(missing[channel], code="missing"))
        preferred = data.get("preferred_contact")
        if preferred and "safe_channels" in data and preferred not in safe:
            self.add_error(
                "preferred_contact",
                ValidationError(
                    _(
                        "The best way to contact you must also be ticked as safe. Tick it "
                        "under 'Which ways are safe for us to use?', or choose another way."
                    ),
                    code="not_safe",
                ),
            )

    def _check_own_term(self, data):
        term = data.get("preferred_term")
        own = data.get("own_term")
        if own and not term and "preferred_term" not in self.errors:
            # They typed a word without choosing "my own word": that is their choice.
            data["preferred_term"] = term = Member.PreferredTerm.OWN
        if term == Member.PreferredTerm.OWN and not own and "own_term" not in self.errors:
            self.add_error(
                "own_term",
                ValidationError(
                    _("Type your own word, or choose one of the other words."), code="required"
                ),
            )
        elif own and term and term != Member.PreferredTerm.OWN:
            self.add_error(
                "own_term",
                ValidationError(
                    _(
                        "You chose a word and also typed your own. Choose 'My own word', "
                        "or clear this box."
                    ),
                    code="both",
                ),
            )

    def _check_consents(self, data):
        """Optional answers without their consent are never kept silently, nor dropped
        silently: the person is asked to tick the box or clear the answers."""
        if data.get("crime_types") and not data.get("consent_crime_types"):
            self.add_error(
                "consent_crime_types",
                ValidationError(
                    _(
                        "You ticked types of crime but not this box. Tick it to let us keep "
                        "them, or untick them under 'Types of crime'."
                    ),
                    code="consent_needed",
                ),
            )
        answered = [name for name in self.DEMOGRAPHIC_FIELDS if data.get(name)]
        if answered and not data.get("consent_demographics"):
            self.add_error(
                "consent_demographics",
                ValidationError(
                    _(
                        "You answered questions for fairness checks but did not tick this "
                        "box. Tick it to let us keep your answers, or set them back to "
                        "'Not answered'."
                    ),
                    code="consent_needed",
                ),
            )

    # --- saving --------------------------------------------------------------------------

    def save(self):
        """A new pending member, with the consents given, in one transaction."""
        data = self.cleaned_data
        safe = set(data["safe_channels"])
        member = Member(
            status=Member.Status.PENDING,
            name=data["name"],
            preferred_name=data["preferred_name"],
            preferred_term=data["preferred_term"] or "",
            own_term=data["own_term"] if data["preferred_term"] == Member.PreferredTerm.OWN else "",
            email=data["email"],
            phone=data["phone"],
            address=data["address"],
            preferred_contact=data["preferred_contact"],
            language=data["language"],
            area=self.areas[data["area"]],
            how_affected=data["how_affected"],
            email_safe=Member.ContactMethod.EMAIL in safe,
            phone_safe=Member.ContactMethod.PHONE in safe,
            text_safe=Member.ContactMethod.TEXT in safe,
            letter_safe=Member.ContactMethod.POST in safe,
            voicemail_safe=data["voicemail_safe"],
            may_say_opcc=data["may_say_opcc"],
            safe_times=data["safe_times"],
            safe_contact_notes=data["safe_contact_notes"],
        )
        granted = [Purpose.CONTACT]
        if data["consent_demographics"]:
            granted.append(Purpose.DEMOGRAPHICS)
            for name in self.DEMOGRAPHIC_FIELDS:
                setattr(member, name, self.demographic_rows.get(data[name]))
        with transaction.atomic():
            member.save()
            member.methods.set([self.method_rows[pk] for pk in data["methods"]])
            if data["consent_crime_types"]:
                granted.append(Purpose.CRIME_TYPES)
                member.crime_types.set([self.crime_type_rows[pk] for pk in data["crime_types"]])
            for purpose in granted:
                member.record_consent(
                    purpose,
                    True,
                    notice=self.notice,
                    channel=ConsentRecord.Channel.WEB_FORM,
                    # The language of the notice they read, which may differ from the
                    # language they want us to write in.
                    language=self.language,
                )
            audit(member, "enrolment.self_referral", data={"channel": "web_form"})
            # Thanks by email only: a letter or a call would be the first contact before
            # anyone has checked the referral. Emailed after the commit, and robustly: a
            # mail failure never undoes or fails a referral.
            if Channel.EMAIL in member.safe_channels:
                send(member, Kind.CONFIRMATION, allowed={Channel.EMAIL})
            transaction.on_commit(notify_staff_of_referral.enqueue, robust=True)
        return member
