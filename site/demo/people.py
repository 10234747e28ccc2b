"""Development only: demo staff accounts and fictional members (content/people.yaml).

Nothing happens unless settings.DEMO_ACCOUNTS_ENABLED is true, which it is only in the
dev settings. The members' names are plainly fake and their addresses use example.org.
Safe to run again: an account or a member already there is not made twice.
"""

import datetime

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import transaction
from django.utils import timezone

from enrolment.models import (
    Area,
    ConsentRecord,
    CrimeType,
    DemographicOption,
    EngagementMethod,
    Member,
    PrivacyNotice,
    Purpose,
)
from enrolment.models.members import TERM_YEARS, add_years

from .content import read


def member_email(number):
    return f"demo.member{number}@example.org"


def member_phone(number):
    return f"07700 900{number:03d}"


def load_staff_accounts(write):
    """One account per role; `write` is told each one (with the shared password)."""
    if not settings.DEMO_ACCOUNTS_ENABLED:
        return
    User = get_user_model()
    password = settings.DEMO_ACCOUNT_PASSWORD
    write("\nDemo staff accounts (development only), password: " + password)
    for spec in read("people")["staff"]:
        first_name, last_name = spec["name"].split(" ", 1)
        group_name = spec.get("group")
        user, created = User.objects.get_or_create(
            username=spec["username"],
            defaults={
                "email": f"{spec['username']}@example.org",
                "first_name": first_name,
                "last_name": last_name,
                "is_superuser": group_name is None,
                "is_staff": group_name is None,
            },
        )
        if created:
            user.set_password(password)
            user.save()
        if group_name:
            user.groups.add(Group.objects.get(name=group_name))
        write(f"  {spec['username']:<15} {group_name or 'Administrator'}")


@transaction.atomic
def load_members(today=None):
    """The demo members that are missing. Returns how many were made."""
    if not settings.DEMO_ACCOUNTS_ENABLED:
        return 0
    today = today or timezone.localdate()
    areas = list(Area.objects.canonical())
    crime_types = list(CrimeType.objects.canonical()[:3])
    methods = list(EngagementMethod.objects.all()[:3])
    made = 0
    for spec in [*read("people")["members"], *crowd()]:
        if not Member.objects.with_email(member_email(spec["number"])).exists():
            make_member(spec, areas, crime_types, methods, today)
            made += 1
    return made


def crowd_numbers():
    crowd = read("people").get("crowd")
    return range(crowd["first"], crowd["last"] + 1) if crowd else range(0)


def crowd():
    """The generated members' specs: the same form as the listed ones, from the number."""
    return [
        {
            "number": number,
            "status": "active",
            "language": "cy" if number % 4 == 0 else "en",
            "area": bunched(number, 5, salt=1),
            "joined_days_ago": 20 + (number * 37) % 900,
            "consents": ["crime_types", "demographics"] if number % 7 else ["crime_types"],
            "bunched": True,
        }
        for number in crowd_numbers()
    ]


def bunched(number, choices, salt):
    """A choice for a generated member: half the first, a quarter the second, the rest
    spread thinly, so some groups are large and some too small to show."""
    share = (number * 53 + salt * 17) % 100
    if choices < 3 or share < 50:
        return 0 if share < 50 else min(1, choices - 1)
    if share < 75:
        return 1
    return 2 + share % (choices - 2)


def make_member(spec, areas, crime_types, methods, today):
    number, language = spec["number"], spec["language"]
    status = Member.Status(spec["status"])
    contact = spec.get("contact", "email")
    days = spec.get("joined_days_ago")
    if "term_ends_in_days" in spec:
        days = 365 * TERM_YEARS - spec["term_ends_in_days"]
    member = Member.objects.create(
        name=f"Demo Member {number}",
        preferred_name=f"Demo {number}",
        preferred_term=Member.PreferredTerm.SURVIVOR if number % 2 else "",
        email=member_email(number),
        phone=member_phone(spec.get("phone_of", number)),
        address=f"{number} Demo Street\nExampletown\nAA1 1AA" if contact == "post" else "",
        preferred_contact=Member.ContactMethod(contact),
        language=language,
        area=areas[spec["area"] % len(areas)] if areas else None,
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
    purposes = [Purpose.CONTACT, *(Purpose(purpose) for purpose in spec.get("consents", []))]
    recorded = {
        "member": member,
        "notice": notice,
        "notice_version": notice.version if notice else "",
        "language": language,
    }
    for purpose in purposes:
        ConsentRecord.objects.create(
            purpose=purpose,
            granted=True,
            recorded_at=consented_at,
            channel=ConsentRecord.Channel.WEB_FORM,
            **recorded,
        )
    if status == Member.Status.WITHDRAWN:
        ConsentRecord.objects.create(
            purpose=Purpose.CONTACT, granted=False, channel=ConsentRecord.Channel.PHONE, **recorded
        )
    if Purpose.CRIME_TYPES in purposes and crime_types:
        member.crime_types.set(crime_types[number % len(crime_types) :][:1])
    if Purpose.DEMOGRAPHICS in purposes:
        for field in Member.DEMOGRAPHIC_FIELDS:
            kind = Member._meta.get_field(field).remote_field.limit_choices_to["kind"]
            answers = list(DemographicOption.objects.canonical().filter(kind=kind))
            if spec.get("bunched") and answers:
                salt = Member.DEMOGRAPHIC_FIELDS.index(field) + 2
                answer = answers[bunched(number, len(answers), salt)]
            else:
                answer = answers[number % len(answers)] if answers else None
            setattr(member, field, answer)
        member.save(update_fields=list(Member.DEMOGRAPHIC_FIELDS))
