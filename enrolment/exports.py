"""What the staff area shows and exports about members: the record's sections, the CSV
export of a filtered list, and the subject access file.

The record page and the subject access file are built from the same sections, so a
member's file holds exactly what staff can see, no more and no less.
"""

from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from wagtail.log_actions import registry as log_registry

from core.dates import day, moment, yes_no
from core.downloads import csv_download

from .models import CrimeType, Member


def localized_name(entry):
    """A list entry's name in the active language."""
    return type(entry).names_in_language([entry.pk]).get(entry.pk, "") if entry else ""


def preferred_term(member):
    if member.preferred_term == Member.PreferredTerm.OWN:
        return member.own_term
    return member.get_preferred_term_display()


def safe_channels(member):
    return ", ".join(str(Member.ContactMethod(channel).label) for channel in member.safe_channels)


# --- the record -----------------------------------------------------------------------


def renewal_line(member):
    """Whether the member was asked about renewing, when, and what they said."""
    parts = []
    if member.renewal_asked_at:
        parts.append(_("Asked %(date)s") % {"date": moment(member.renewal_asked_at)})
    if member.renewal_answer and member.renewal_answered_at:
        parts.append(
            _("answered %(date)s: %(answer)s")
            % {
                "date": moment(member.renewal_answered_at),
                "answer": member.get_renewal_answer_display(),
            }
        )
    elif parts:
        parts.append(_("no answer yet"))
    return "; ".join(str(part) for part in parts)


def record_sections(member):
    """Everything held about a member except the sensitive section, as titled rows."""
    return [
        {
            "title": _("Membership"),
            "rows": [
                (_("Reference"), member.reference),
                (_("Status"), member.get_status_display()),
                (_("Referral received"), moment(member.submitted_at)),
                (_("Joined"), day(member.joined_on)),
                (_("Term ends"), day(member.term_ends_on)),
                (_("Asked about renewing"), renewal_line(member)),
                (_("Status changed"), moment(member.status_changed_at)),
            ],
        },
        {
            "title": _("Name and contact details"),
            "rows": [
                (_("Name"), member.name),
                (_("Preferred name"), member.preferred_name),
                (_("Preferred term"), preferred_term(member)),
                (_("Email"), member.email),
                (_("Phone"), member.phone),
                (_("Postal address"), member.address),
                (_("New email waiting for the member to confirm it"), member.pending_email),
                (_("New phone waiting to be confirmed by a call"), member.pending_phone),
                (_("Preferred contact method"), member.get_preferred_contact_display()),
                (_("Language"), member.get_language_display()),
            ],
        },
        {
            "title": _("Safe-contact plan"),
            "rows": [
                (_("Email is safe"), yes_no(member.email_safe)),
                (_("Phone calls are safe"), yes_no(member.phone_safe)),
                (_("Text messages are safe"), yes_no(member.text_safe)),
                (_("Letters are safe"), yes_no(member.letter_safe)),
                (_("Voicemail is safe"), yes_no(member.voicemail_safe)),
                (
                    _("Staff may say they are from the Commissioner's office"),
                    yes_no(member.may_say_opcc),
                ),
                (_("Safe times to contact"), member.safe_times),
                (_("Safe-contact notes"), member.safe_contact_notes),
            ],
        },
        {
            "title": _("Taking part"),
            "rows": [
                (_("Area"), localized_name(member.area)),
                (_("How affected"), member.get_how_affected_display()),
                (
                    _("Suitable ways to take part"),
                    ", ".join(str(method) for method in member.methods.all()),
                ),
                (_("Staff notes"), member.staff_notes),
            ],
        },
    ]


def sensitive_section(member):
    crime_types = CrimeType.names_in_language(member.crime_types.values_list("pk", flat=True))
    rows = [(_("Crime types"), ", ".join(sorted(crime_types.values())))]
    for field in Member.DEMOGRAPHIC_FIELDS:
        rows.append(
            (
                capfirst(Member._meta.get_field(field).verbose_name),
                localized_name(getattr(member, field)),
            )
        )
    return {"title": _("Crime types and demographic details"), "rows": rows}


def consent_history(member):
    return member.consent_records.select_related("recorded_by").order_by("-recorded_at", "-pk")


# --- the CSV export -------------------------------------------------------------------

# key -> (heading, needs the sensitive permission)
EXPORT_COLUMNS = {
    "reference": (_("Reference"), False),
    "name": (_("Name"), False),
    "preferred_name": (_("Preferred name"), False),
    "preferred_term": (_("Preferred term"), False),
    "email": (_("Email"), False),
    "phone": (_("Phone"), False),
    "address": (_("Postal address"), False),
    "preferred_contact": (_("Preferred contact method"), False),
    "safe_channels": (_("Safe ways to contact"), False),
    "safe_times": (_("Safe times to contact"), False),
    "language": (_("Language"), False),
    "area": (_("Area"), False),
    "status": (_("Status"), False),
    "joined": (_("Joined"), False),
    "term_ends": (_("Term ends"), False),
    "crime_types": (_("Crime types"), True),
    "age_band": (_("Age band"), True),
    "gender": (_("Gender"), True),
    "ethnicity": (_("Ethnic group"), True),
    "disability": (_("Disability"), True),
}
ALWAYS_EXPORTED = ("reference",)


def export_columns(sensitive):
    """The columns a user may choose: [(key, heading)]."""
    return [
        (key, heading)
        for key, (heading, needs_sensitive) in EXPORT_COLUMNS.items()
        if sensitive or not needs_sensitive
    ]


def members_csv(members, columns):
    """(the download, the members it holds): the chosen columns of the given members.

    List entries (area, crime types, demographics) are named in the staff member's
    language with one query per list, however many rows there are.
    """
    if "crime_types" in columns:
        members = members.prefetch_related("crime_types")
    members = list(members)
    list_entries = {}
    for field in ("area", *Member.DEMOGRAPHIC_FIELDS):
        if field in columns:
            model = Member._meta.get_field(field).related_model
            list_entries[field] = model.names_in_language(
                [getattr(member, f"{field}_id") for member in members]
            )
    crime_type_names = {}
    if "crime_types" in columns:
        crime_type_names = CrimeType.names_in_language(
            [entry.pk for member in members for entry in member.crime_types.all()]
        )

    def cell(member, key):
        if key in list_entries:
            return list_entries[key].get(getattr(member, f"{key}_id"), "")
        match key:
            case "preferred_term":
                return preferred_term(member)
            case "preferred_contact":
                return member.get_preferred_contact_display()
            case "safe_channels":
                return safe_channels(member)
            case "language":
                return member.get_language_display()
            case "status":
                return member.get_status_display()
            case "joined":
                return member.joined_on.isoformat() if member.joined_on else ""
            case "term_ends":
                return member.term_ends_on.isoformat() if member.term_ends_on else ""
            case "crime_types":
                return "; ".join(
                    sorted(crime_type_names.get(entry.pk, "") for entry in member.crime_types.all())
                )
        return getattr(member, key)

    response, _rows = csv_download(
        "members",
        [EXPORT_COLUMNS[key][0] for key in columns],
        ([cell(member, key) for key in columns] for member in members),
    )
    return response, members


# --- the subject access file ----------------------------------------------------------


def audit_history(member):
    """The member's audit trail as (time, what happened): no staff names."""
    entries = log_registry.get_logs_for_instance(member).order_by("timestamp", "pk")
    return [(moment(entry.timestamp), entry.message) for entry in entries]
