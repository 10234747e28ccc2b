"""Staff forms for member records and the actions on them."""

import re

import phonenumbers
from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms.models import WagtailAdminModelForm

from ..exports import export_columns
from ..models import (
    Area,
    ConsentRecord,
    CrimeType,
    DemographicOption,
    EngagementMethod,
    Member,
    PrivacyNotice,
    Purpose,
)
from ..permissions import VIEW_SENSITIVE, can

SENSITIVE_FIELDS = ("crime_types", *Member.DEMOGRAPHIC_FIELDS)

# Channels staff can record an answer through; the web form and the withdrawal link
# record their own.
STAFF_CHANNELS = [
    (ConsentRecord.Channel.PHONE, ConsentRecord.Channel.PHONE.label),
    (ConsentRecord.Channel.POST, ConsentRecord.Channel.POST.label),
    (ConsentRecord.Channel.STAFF, _("In person or another way")),
]


def validate_phone(value):
    try:
        number = phonenumbers.parse(value, "GB")
    except phonenumbers.NumberParseException:
        number = None
    if number is None or not phonenumbers.is_possible_number(number):
        raise ValidationError(
            _("Enter a phone number, for example 01267 226440 or +353 1 234 5678."),
            code="invalid_phone",
        )


def channel_field():
    return forms.ChoiceField(
        label=_("How did they tell you?"),
        choices=STAFF_CHANNELS,
        widget=forms.RadioSelect,
    )


def text(label, max_length, textarea=False, **kwargs):
    widget = forms.Textarea(attrs={"rows": 3}) if textarea else forms.TextInput
    return forms.CharField(
        label=label, max_length=max_length, required=False, widget=widget, **kwargs
    )


def show_localized_names(field):
    """Label list entries in the staff member's language, with one query per field."""
    names = field.queryset.model.names_in_language(field.queryset.values_list("pk", flat=True))
    field.label_from_instance = lambda entry: names.get(entry.pk, entry.name)


# The record's fields, in the order and sections the edit form shows them.
MEMBER_FIELD_GROUPS = [
    (
        _("Name and contact details"),
        [
            "name",
            "preferred_name",
            "preferred_term",
            "own_term",
            "email",
            "phone",
            "address",
            "preferred_contact",
            "language",
        ],
    ),
    (
        _("Safe-contact plan"),
        [
            "email_safe",
            "phone_safe",
            "text_safe",
            "letter_safe",
            "voicemail_safe",
            "may_say_opcc",
            "safe_times",
            "safe_contact_notes",
        ],
    ),
    (_("Taking part"), ["area", "how_affected", "methods", "staff_notes"]),
    (_("Crime types and demographic details"), list(SENSITIVE_FIELDS)),
]


class MemberForm(WagtailAdminModelForm):
    """Everything staff may change on a record. Status and dates change only by action."""

    # Never shorter than the join form's limits: a record as the member sent it must
    # always save again, whatever else staff change on it.
    name = text(_("Name"), 200)
    preferred_name = text(_("Preferred name"), 200)
    own_term = text(
        _("Their own word"), 100, help_text=_("Only if the preferred term is their own word.")
    )
    email = forms.EmailField(label=_("Email"), max_length=254, required=False)
    phone = text(_("Phone"), 40, validators=[validate_phone])
    address = text(_("Postal address"), 500, textarea=True)
    safe_times = text(_("Safe times to contact"), 300)
    safe_contact_notes = text(
        _("Safe-contact notes"),
        2000,
        textarea=True,
        help_text=_("How to contact them safely. Never write what happened to them."),
    )
    staff_notes = text(
        _("Staff notes"),
        4000,
        textarea=True,
        help_text=_("Never write what happened to them: only what staff need to know."),
    )
    area = forms.ModelChoiceField(
        label=_("Area"), queryset=Area.objects.none(), required=False, empty_label=_("Not given")
    )
    methods = forms.ModelMultipleChoiceField(
        label=_("Suitable ways to take part"),
        queryset=EngagementMethod.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    crime_types = forms.ModelMultipleChoiceField(
        label=_("Crime types"),
        queryset=CrimeType.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    age_band = forms.ModelChoiceField(
        label=_("Age band"), queryset=DemographicOption.objects.none(), required=False
    )
    gender = forms.ModelChoiceField(
        label=_("Gender"), queryset=DemographicOption.objects.none(), required=False
    )
    ethnicity = forms.ModelChoiceField(
        label=_("Ethnic group"), queryset=DemographicOption.objects.none(), required=False
    )
    disability = forms.ModelChoiceField(
        label=_("Disability"), queryset=DemographicOption.objects.none(), required=False
    )

    GROUPS = MEMBER_FIELD_GROUPS

    class Meta:
        model = Member
        fields = [name for _title, names in MEMBER_FIELD_GROUPS for name in names]
        widgets = {
            "preferred_term": forms.RadioSelect,
            "preferred_contact": forms.RadioSelect,
            "language": forms.RadioSelect,
            "how_affected": forms.RadioSelect,
        }

    def __init__(self, *args, for_user=None, **kwargs):
        super().__init__(*args, for_user=for_user, **kwargs)
        self.fields["area"].queryset = Area.objects.canonical()
        self.fields["crime_types"].queryset = CrimeType.objects.canonical()
        for field in Member.DEMOGRAPHIC_FIELDS:
            kind = Member._meta.get_field(field).remote_field.limit_choices_to["kind"]
            self.fields[field].queryset = DemographicOption.objects.canonical().filter(kind=kind)
            self.fields[field].empty_label = _("Not given")
        self.sensitive = for_user is not None and can(for_user, VIEW_SENSITIVE)
        if not self.sensitive:
            # Not merely hidden: without the field, a crafted POST cannot change the data.
            for field in SENSITIVE_FIELDS:
                del self.fields[field]
        for name in ("area", "crime_types", *Member.DEMOGRAPHIC_FIELDS):
            if name in self.fields:
                show_localized_names(self.fields[name])
        for name in ("preferred_term", "preferred_contact", "how_affected"):
            field = self.fields[name]
            field.choices = [("", _("Not given")), *(c for c in field.choices if c[0])]

    def grouped_fields(self):
        return [
            (title, [self[name] for name in names if name in self.fields])
            for title, names in self.GROUPS
            if any(name in self.fields for name in names)
        ]

    def consents(self):
        """The member's current consents, including any this form records."""
        return self.instance.current_consents() if self.instance.pk else {}

    def clean(self):
        cleaned = super().clean()
        consents = self.consents()
        if cleaned.get("crime_types") and not consents.get(Purpose.CRIME_TYPES):
            self.add_error(
                "crime_types",
                _("They have not agreed to us storing crime types. Record their consent first."),
            )
        if any(cleaned.get(field) for field in Member.DEMOGRAPHIC_FIELDS) and not consents.get(
            Purpose.DEMOGRAPHICS
        ):
            self.add_error(
                None,
                _(
                    "They have not agreed to us storing demographic details. "
                    "Record their consent first."
                ),
            )
        if cleaned.get("preferred_term") != Member.PreferredTerm.OWN:
            cleaned["own_term"] = ""
        return cleaned


class NewMemberForm(MemberForm):
    """A referral taken by phone, by post or in person: consent is recorded with it."""

    consent_channel = channel_field()
    contact_consent = forms.BooleanField(
        label=_("They agree to be contacted about engagement"),
        help_text=_("Required to join. Read them the privacy notice first."),
    )
    crime_types_consent = forms.BooleanField(
        label=_("They agree to us storing the crime types they tell us"), required=False
    )
    demographics_consent = forms.BooleanField(
        label=_("They agree to us storing their demographic details"), required=False
    )

    GROUPS = [
        (
            _("Consent"),
            ["consent_channel", "contact_consent", "crime_types_consent", "demographics_consent"],
        ),
        *MemberForm.GROUPS,
    ]

    def notice(self, language):
        return PrivacyNotice.current_in_language(language)

    def clean(self):
        cleaned = super().clean()
        language = cleaned.get("language")
        if language and self.notice(language) is None:
            self.add_error(
                "language",
                _("No privacy notice is in use in this language yet. Publish one first."),
            )
        return cleaned

    def consents(self):
        return {
            Purpose.CONTACT: bool(self.cleaned_data.get("contact_consent")),
            Purpose.CRIME_TYPES: bool(self.cleaned_data.get("crime_types_consent")),
            Purpose.DEMOGRAPHICS: bool(self.cleaned_data.get("demographics_consent")),
        }


class ChannelForm(forms.Form):
    channel = channel_field()


class EraseForm(ChannelForm):
    understood = forms.BooleanField(
        label=_("I understand that erasing cannot be undone"),
        error_messages={"required": _("Tick the box to confirm that you understand.")},
    )


class ConfirmPhoneForm(forms.Form):
    """The call that checks a member's new phone number, and what they said about it."""

    called = forms.BooleanField(
        label=_("I called the new number at a safe time and the member confirmed it is theirs"),
        error_messages={"required": _("Tick the box once the member has confirmed the number.")},
    )
    text_safe = forms.BooleanField(label=_("Text messages to it are safe"), required=False)
    voicemail_safe = forms.BooleanField(label=_("Voicemail on it is safe"), required=False)


class ConsentForm(forms.Form):
    purpose = forms.ChoiceField(
        label=_("What for"), choices=Purpose.choices, widget=forms.RadioSelect
    )
    granted = forms.TypedChoiceField(
        label=_("Their answer"),
        choices=[("yes", _("They give consent")), ("no", _("They withdraw consent"))],
        coerce=lambda value: value == "yes",
        widget=forms.RadioSelect,
    )
    channel = channel_field()


class MergeForm(forms.Form):
    other = forms.ModelChoiceField(
        label=_("The other record"), queryset=Member.objects.none(), widget=forms.RadioSelect
    )
    keep = forms.ChoiceField(
        label=_("Which record to keep"),
        choices=[
            ("older", _("Keep the older record")),
            ("this", _("Keep this record")),
            ("other", _("Keep the other record")),
        ],
        initial="older",
        widget=forms.RadioSelect,
    )

    def __init__(self, *args, member, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["other"].queryset = member.possible_duplicates().order_by("submitted_at")
        self.fields["other"].label_from_instance = lambda other: (
            f"{other.reference} ({other.get_status_display()})"
        )


class ExportForm(forms.Form):
    columns = forms.MultipleChoiceField(
        label=_("Columns"),
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=_("Choose only what the task needs. The reference is always included."),
    )

    def __init__(self, *args, sensitive=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["columns"].choices = [
            (key, heading) for key, heading in export_columns(sensitive) if key != "reference"
        ]


REFERENCE = re.compile(r"^VSN[\s-]*(\d{1,9})$", re.IGNORECASE)
PHONE_LIKE = re.compile(r"^\+?[\d\s().-]+$")


class LookupForm(forms.Form):
    """One box for a reference, a whole email address or a phone number: exact matches only."""

    query = forms.CharField(
        label=_("Reference, email address or phone number"),
        max_length=254,
        help_text=_("For example VSN-0042. Only exact matches are found."),
    )

    def clean_query(self):
        query = self.cleaned_data["query"].strip()
        if reference := REFERENCE.match(query):
            self.kind, self.value = "reference", f"VSN-{int(reference.group(1)):04d}"
        elif "@" in query:
            self.kind, self.value = "email", query
        elif PHONE_LIKE.match(query) and sum(ch.isdigit() for ch in query) >= 6:
            self.kind, self.value = "phone", query
        else:
            raise ValidationError(
                _("Enter a reference such as VSN-0042, a whole email address or a phone number."),
                code="unrecognised",
            )
        return query

    def matches(self):
        members = Member.objects.order_by("submitted_at", "pk")
        if self.kind == "reference":
            members = members.filter(reference=self.value)
        elif self.kind == "email":
            members = members.with_email(self.value)
        else:
            members = members.with_phone(self.value)
        return list(members)
