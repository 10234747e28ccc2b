"""The small forms of a member's own page (enrolment.my_page), one per part of the record.

They stand on the join form's fields and field templates (core.forms, the lists of
EnrolmentForm), so a member meets the same questions, the same messages and the same
warning not to describe a crime. Each form's `save()` changes the record and returns the
names of the fields it changed; the view audits them. Stored contact details and notes
are never put back into a form: the member types new ones.
"""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from core.crypto import email_index, phone_index
from core.forms import (
    ChoiceField,
    EmailAddressField,
    MultipleChoiceField,
    PublicFormBoundField,
    TextField,
)
from pages.phone import validate_phone_number

from .forms import CHANNEL_FIELDS, EnrolmentForm
from .messaging import Channel, cancel_waiting, list_call_to_confirm_phone, send_to_new_email
from .models import Member

C = Member.ContactMethod


class MemberPageForm(forms.Form):
    """Hints, warnings and errors tied to their inputs, and the join form's error summary."""

    bound_field_class = PublicFormBoundField
    CRIME_WARNING_FIELDS = frozenset()
    SUBMIT_ID = "my-page-submit"

    def __init__(self, data=None, *, member, language, **kwargs):
        super().__init__(data, **kwargs)
        self.member = member
        self.language = language

    def error_summary(self):
        items = []
        for name in self.fields:
            for message in self.errors.get(name, ()):
                items.append((self[name].first_id, message))
        for message in self.non_field_errors():
            items.append((self.SUBMIT_ID, message))
        return items

    def join_lists(self):
        """The join form, for its lists in the page's language (kept until content changes)."""
        return EnrolmentForm(language=self.language)

    def save(self):
        raise NotImplementedError


def remaining_routes(member, removing):
    return [
        name for name in ("email", "phone", "address") if name != removing and getattr(member, name)
    ]


class ContactForm(MemberPageForm):
    """One contact detail: a new value replaces it (after confirmation for email and
    phone), or the member removes it at once."""

    field_name = ""
    channel = ""

    def remove(self):
        """Clear the detail and its safety answers now; what waited for it is cancelled.
        Returns the changed field names, or None when it is the last way to reach them."""
        member = self.member
        if not remaining_routes(member, self.field_name):
            return None
        changed = self.clear()
        member.save()
        cancel_waiting(member, self.channel)
        return changed


class EmailForm(ContactForm):
    field_name = "email"
    channel = Channel.EMAIL

    email = EmailAddressField(
        label=_("New email address"),
        max_length=254,
        help_text=_(
            "We will send a link to this address. Your new address is used only once you open it."
        ),
        error_messages={"required": _("Enter your new email address.")},
    )
    email_safe = forms.BooleanField(
        label=_("It is safe for us to email this address"),
        error_messages={
            "required": _(
                "We can only use an address that is safe for us to email. Tick the box if it is, "
                "or keep the address we have."
            )
        },
    )

    def clean_email(self):
        email = self.cleaned_data["email"]
        if email_index(email) == self.member.email_index:
            raise ValidationError(_("This is the email address we already have."), code="unchanged")
        return email

    def save(self):
        self.member.pending_email = self.cleaned_data["email"]
        self.member.save(update_fields=["pending_email"])
        send_to_new_email(self.member)
        return ["pending_email"]

    def clear(self):
        member = self.member
        member.email = member.pending_email = ""
        member.email_safe = False
        for link in member.links.live().filter(purpose="confirm_contact"):
            link.end(link.Ending.SUPERSEDED)
        return ["email", "email_safe", "pending_email"]


class PhoneForm(ContactForm):
    field_name = "phone"
    channel = Channel.PHONE

    phone = TextField(
        label=_("New phone number"),
        max_length=32,
        help_text=_("A UK number, for example 07912 345678."),
        validators=[validate_phone_number],
        error_messages={"required": _("Enter your new phone number.")},
    )
    phone_safe = forms.BooleanField(
        label=_("It is safe for us to call this number"),
        help_text=_(
            "We do not send text messages to check a number. A member of the team will call "
            "you at a time you told us is safe, to check it is yours. Until then we keep "
            "using the details we have."
        ),
        error_messages={
            "required": _(
                "We check a new number by calling it. Tick the box if it is safe for us to "
                "call, or keep the number we have."
            )
        },
    )

    def clean_phone(self):
        phone = self.cleaned_data["phone"]
        if phone and phone_index(phone) == self.member.phone_index:
            raise ValidationError(_("This is the phone number we already have."), code="unchanged")
        return phone

    def save(self):
        self.member.pending_phone = self.cleaned_data["phone"]
        self.member.save(update_fields=["pending_phone"])
        list_call_to_confirm_phone(self.member)
        return ["pending_phone"]

    def clear(self):
        member = self.member
        member.phone = member.pending_phone = ""
        member.phone_safe = member.text_safe = member.voicemail_safe = False
        # The call that would have checked a new number is not wanted either.
        list_call_to_confirm_phone(member)
        return ["phone", "phone_safe", "text_safe", "voicemail_safe", "pending_phone"]


class AddressForm(ContactForm):
    field_name = "address"
    channel = Channel.POST
    CRIME_WARNING_FIELDS = frozenset({"address"})

    address = TextField(
        label=_("New postal address"),
        max_length=500,
        widget=forms.Textarea,
        error_messages={"required": _("Enter your new postal address.")},
    )
    letter_safe = forms.BooleanField(
        label=_("Letters to this address are safe"),
        required=False,
        help_text=_("Leave this unticked if someone else might open your post."),
    )

    def save(self):
        member = self.member
        member.address = self.cleaned_data["address"]
        was_safe, member.letter_safe = member.letter_safe, self.cleaned_data["letter_safe"]
        member.save(update_fields=["address", "letter_safe"])
        if was_safe and not member.letter_safe:
            cancel_waiting(member, Channel.POST)
        return ["address", "letter_safe"]

    def clear(self):
        member = self.member
        member.address = ""
        member.letter_safe = False
        return ["address", "letter_safe"]


class SafeContactForm(MemberPageForm):
    """The safe-contact plan. Safe times and notes are never shown: new text replaces them."""

    CRIME_WARNING_FIELDS = frozenset({"safe_times", "safe_contact_notes"})
    SAFE_FLAGS = {
        C.EMAIL: "email_safe",
        C.PHONE: "phone_safe",
        C.TEXT: "text_safe",
        C.POST: "letter_safe",
    }

    safe_channels = EnrolmentForm.base_fields["safe_channels"]
    preferred_contact = EnrolmentForm.base_fields["preferred_contact"]
    voicemail_safe = EnrolmentForm.base_fields["voicemail_safe"]
    may_say_opcc = EnrolmentForm.base_fields["may_say_opcc"]
    safe_times = TextField(
        label=_("New safe times to contact you (optional)"),
        max_length=200,
        required=False,
        help_text=_("We do not show what you told us before. Leave this empty to keep it."),
    )
    clear_safe_times = forms.BooleanField(
        label=_("Remove the safe times you gave us before"), required=False
    )
    safe_contact_notes = TextField(
        label=_("New notes on contacting you safely (optional)"),
        max_length=2000,
        required=False,
        widget=forms.Textarea,
        help_text=_("We do not show what you told us before. Leave this empty to keep it."),
    )
    clear_safe_contact_notes = forms.BooleanField(
        label=_("Remove the notes you gave us before"), required=False
    )

    def __init__(self, data=None, **kwargs):
        super().__init__(data, **kwargs)
        member = self.member
        self.initial = {
            "safe_channels": [c for c, flag in self.SAFE_FLAGS.items() if getattr(member, flag)],
            "preferred_contact": member.preferred_contact,
            "voicemail_safe": member.voicemail_safe,
            "may_say_opcc": member.may_say_opcc,
        }

    def clean(self):
        data = super().clean()
        safe = data.get("safe_channels") or []
        for channel in safe:
            if not getattr(self.member, CHANNEL_FIELDS[channel]):
                self.add_error(
                    "safe_channels",
                    ValidationError(
                        _(
                            "You ticked %(way)s, but we have no details for it. Add them under "
                            "'Your contact details' first, or untick it."
                        )
                        % {"way": C(channel).label.lower()},
                        code="missing",
                    ),
                )
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
        return data

    def save(self):
        member, data = self.member, self.cleaned_data
        changed = []
        removed = []
        for channel, flag in self.SAFE_FLAGS.items():
            value = channel in data["safe_channels"]
            if getattr(member, flag) != value:
                setattr(member, flag, value)
                changed.append(flag)
                if not value:
                    removed.append(channel)
        for name in ("preferred_contact", "voicemail_safe", "may_say_opcc"):
            if getattr(member, name) != data[name]:
                setattr(member, name, data[name])
                changed.append(name)
        for name in ("safe_times", "safe_contact_notes"):
            if data[name]:
                setattr(member, name, data[name])
                changed.append(name)
            elif data[f"clear_{name}"] and getattr(member, name):
                setattr(member, name, "")
                changed.append(name)
        if changed:
            member.save()
        for channel in removed:
            if channel in (C.EMAIL, C.POST, C.PHONE):
                cancel_waiting(member, channel)
        return changed


class AboutYouForm(MemberPageForm):
    """Language, what to call them, and the ways of taking part that suit them."""

    CRIME_WARNING_FIELDS = frozenset({"own_term"})
    FIELDS = ("language", "preferred_name", "preferred_term", "own_term")

    language = EnrolmentForm.base_fields["language"]
    preferred_name = EnrolmentForm.base_fields["preferred_name"]
    preferred_term = EnrolmentForm.base_fields["preferred_term"]
    own_term = EnrolmentForm.base_fields["own_term"]
    methods = MultipleChoiceField(
        label=_("How would you like to take part? (optional)"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Tick all that suit you. You can change your mind at any time."),
    )

    def __init__(self, data=None, **kwargs):
        super().__init__(data, **kwargs)
        join = self.join_lists()
        self.fields["methods"].choices = join.fields["methods"].choices
        self.method_rows = join.method_rows
        member = self.member
        self.initial = {name: getattr(member, name) for name in self.FIELDS}
        self.initial["methods"] = [str(pk) for pk in member.methods.values_list("pk", flat=True)]

    def clean(self):
        data = super().clean()
        term, own = data.get("preferred_term"), data.get("own_term")
        if own and not term and "preferred_term" not in self.errors:
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
        return data

    def save(self):
        member, data = self.member, self.cleaned_data
        changed = []
        for name in self.FIELDS:
            value = data[name] or ""
            if getattr(member, name) != value:
                setattr(member, name, value)
                changed.append(name)
        if changed:
            member.save()
        methods = {self.method_rows[pk] for pk in data["methods"]}
        if methods != set(member.methods.all()):
            member.methods.set(methods)
            changed.append("methods")
        return changed


class CrimeTypesForm(MemberPageForm):
    """Replace or clear the types of crime: shown only while that consent is given."""

    crime_types = EnrolmentForm.base_fields["crime_types"]

    def __init__(self, data=None, **kwargs):
        super().__init__(data, **kwargs)
        join = self.join_lists()
        self.fields["crime_types"].choices = join.fields["crime_types"].choices
        self.rows = join.crime_type_rows
        self.initial = {
            "crime_types": [str(pk) for pk in self.member.crime_types.values_list("pk", flat=True)]
        }

    def save(self):
        chosen = {self.rows[pk] for pk in self.cleaned_data["crime_types"]}
        if chosen == set(self.member.crime_types.all()):
            return []
        self.member.crime_types.set(chosen)
        return ["crime_types"]


class DemographicsForm(MemberPageForm):
    """Replace or clear the answers for fairness checks: only while that consent is given."""

    age_band = ChoiceField(label=_("Age"), required=False)
    gender = ChoiceField(label=_("Gender"), required=False)
    ethnicity = ChoiceField(label=_("Ethnic group"), required=False)
    disability = ChoiceField(label=_("Do you consider yourself to be disabled?"), required=False)

    def __init__(self, data=None, **kwargs):
        super().__init__(data, **kwargs)
        join = self.join_lists()
        self.rows = join.demographic_rows
        for name in Member.DEMOGRAPHIC_FIELDS:
            self.fields[name].choices = join.fields[name].choices
        self.initial = {
            name: str(getattr(self.member, f"{name}_id") or "")
            for name in Member.DEMOGRAPHIC_FIELDS
        }

    def save(self):
        changed = []
        for name in Member.DEMOGRAPHIC_FIELDS:
            value = self.rows.get(self.cleaned_data[name])
            if getattr(self.member, name) != value:
                setattr(self.member, name, value)
                changed.append(name)
        if changed:
            self.member.save(update_fields=changed)
        return changed


STOP_CONTACT = "stop_contact"
ERASE = "erase"


class LeaveForm(MemberPageForm):
    choice = ChoiceField(
        label=_("How would you like to leave?"),
        widget=forms.RadioSelect,
        choices=[
            (
                STOP_CONTACT,
                _("Stop contacting me. You keep my record, but never contact me again."),
            ),
            (ERASE, _("Delete my details. Everything that could identify me is erased.")),
        ],
        error_messages={"required": _("Choose how you would like to leave.")},
    )
