"""Fictional members for the demo site, so the staff area has something to show.

Development only: nothing happens unless ``settings.DEMO_ACCOUNTS_ENABLED`` is true,
which it is only in the dev settings. The names are plainly fake and the addresses use
example.org, so nobody can mistake them for real people. Safe to run again: a member whose
email address is already on file is not created twice.
"""

import datetime

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from .models import (
    Area,
    ConsentRecord,
    CrimeType,
    DemographicOption,
    EngagementMethod,
    Member,
    PrivacyNotice,
    Purpose,
)
from .models.members import TERM_YEARS, add_years

S = Member.Status
# (number, status, language, area index, days since joining, extra)
DEMO_MEMBERS = [
    (1, S.ACTIVE, "en", 0, 200, {"crime_types": True, "demographics": True}),
    (2, S.ACTIVE, "cy", 1, 420, {"crime_types": True}),
    (3, S.ACTIVE, "en", 2, 30, {"demographics": True}),
    (4, S.ACTIVE, "cy", 3, 700, {}),
    # Term ends within 60 days: shows up under "Term ends within 60 days".
    (5, S.ACTIVE, "en", 0, 365 * TERM_YEARS - 40, {"crime_types": True}),
    (6, S.ACTIVE, "en", 4, 90, {"contact": "post"}),
    (7, S.PENDING, "en", 1, None, {}),
    (8, S.PENDING, "cy", 2, None, {"crime_types": True}),
    (9, S.LAPSED, "en", 3, 365 * TERM_YEARS + 20, {}),
    (10, S.WITHDRAWN, "cy", 0, 500, {}),
    (11, S.ACTIVE, "cy", 2, 150, {"contact": "phone"}),
    # A second referral from member 3, with the same phone number: a possible duplicate.
    (12, S.PENDING, "en", 2, None, {"duplicate_of": 3}),
]


def demo_email(number):
    return f"demo.member{number}@example.org"


def demo_phone(number):
    return f"07700 900{number:03d}"


@transaction.atomic
def load_demo_members(**kwargs):
    """Create the demo members that are missing. Returns how many were created.

    Listed in settings.DEMO_CONTENT_LOADERS; does nothing outside development.
    """
    if not settings.DEMO_ACCOUNTS_ENABLED:
        return 0
    areas = list(Area.objects.canonical())
    crime_types = list(CrimeType.objects.canonical()[:3])
    methods = list(EngagementMethod.objects.all()[:3])
    today = timezone.localdate()
    created = 0
    for number, status, language, area_index, days, extra in DEMO_MEMBERS:
        email = demo_email(number)
        if Member.objects.with_email(email).exists():
            continue
        phone_number = extra.get("duplicate_of", number)
        contact = extra.get("contact", "email")
        member = Member.objects.create(
            name=f"Demo Member {number}",
            preferred_name=f"Demo {number}",
            preferred_term=Member.PreferredTerm.SURVIVOR if number % 2 else "",
            email=email,
            phone=demo_phone(phone_number),
            address=f"{number} Demo Street\nExampletown\nAA1 1AA" if contact == "post" else "",
            preferred_contact=contact,
            language=language,
            area=areas[area_index % len(areas)] if areas else None,
            how_affected=Member.HowAffected.values[number % len(Member.HowAffected.values)],
            email_safe=contact == "email",
            phone_safe=contact == "phone" or number % 3 == 0,
            letter_safe=contact == "post",
            voicemail_safe=number % 4 == 0,
            may_say_opcc=number % 2 == 0,
            status=status,
            submitted_at=timezone.now() - datetime.timedelta(days=(days or 2) + 1),
        )
        member.methods.set(methods[: 1 + number % 3])
        if days is not None:
            member.joined_on = today - datetime.timedelta(days=days)
            member.term_ends_on = add_years(member.joined_on, TERM_YEARS)
            member.save(update_fields=["joined_on", "term_ends_on"])

        notice = PrivacyNotice.current_in_language(language)
        # Never before the notice came into use: the version shown is the version recorded.
        consented_at = member.submitted_at
        if notice:
            notice_start = timezone.make_aware(
                datetime.datetime.combine(notice.effective_from, datetime.time(9))
            )
            consented_at = max(consented_at, notice_start)
        purposes = [Purpose.CONTACT]
        if extra.get("crime_types"):
            purposes.append(Purpose.CRIME_TYPES)
        if extra.get("demographics"):
            purposes.append(Purpose.DEMOGRAPHICS)
        for purpose in purposes:
            ConsentRecord.objects.create(
                member=member,
                purpose=purpose,
                granted=True,
                notice=notice,
                notice_version=notice.version if notice else "",
                language=language,
                recorded_at=consented_at,
                channel=ConsentRecord.Channel.WEB_FORM,
            )
        if status == S.WITHDRAWN:
            ConsentRecord.objects.create(
                member=member,
                purpose=Purpose.CONTACT,
                granted=False,
                notice=notice,
                notice_version=notice.version if notice else "",
                language=language,
                channel=ConsentRecord.Channel.PHONE,
            )
        if Purpose.CRIME_TYPES in purposes and crime_types:
            member.crime_types.set(crime_types[number % len(crime_types) :][:1])
        if Purpose.DEMOGRAPHICS in purposes:
            for field in Member.DEMOGRAPHIC_FIELDS:
                kind = Member._meta.get_field(field).remote_field.limit_choices_to["kind"]
                answers = list(DemographicOption.objects.canonical().filter(kind=kind))
                setattr(member, field, answers[number % len(answers)] if answers else None)
            member.save(update_fields=list(Member.DEMOGRAPHIC_FIELDS))
        created += 1
    return created
