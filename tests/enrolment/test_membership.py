"""Consent is derived from an append-only history; the term runs three years."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from enrolment.models import ConsentRecord, Member, PrivacyNotice, Purpose
from tests.factories import MemberFactory

pytestmark = pytest.mark.django_db


def test_current_consent_is_the_newest_record_per_purpose(english):
    member = MemberFactory(consents=[Purpose.CRIME_TYPES])
    notice = PrivacyNotice.current(english)
    assert member.current_consents() == {Purpose.CONTACT: True, Purpose.CRIME_TYPES: True}
    member.record_consent(
        Purpose.CRIME_TYPES, False, notice=notice, channel=ConsentRecord.Channel.PHONE
    )
    assert member.current_consents()[Purpose.CRIME_TYPES] is False
    assert not member.has_consent(Purpose.DEMOGRAPHICS)
    annotated = Member.objects.with_consent().get(pk=member.pk)
    assert annotated.consent_contact is True
    assert annotated.consent_crime_types is False
    assert annotated.consent_demographics is None


def test_consent_records_are_append_only(english):
    member = MemberFactory()
    record = member.consent_records.get()
    record.granted = False
    with pytest.raises(ValidationError):
        record.save()
    with pytest.raises(ValidationError):
        record.delete()
    assert member.consent_records.get().granted is True


def test_a_record_keeps_the_notice_version_and_language_shown(welsh):
    member = MemberFactory(language=Member.Language.WELSH)
    record = member.consent_records.get()
    assert record.notice.locale == welsh
    assert record.notice_version == record.notice.version == "2026-11"
    assert record.language == "cy"


def test_only_active_members_who_agreed_are_contactable(english):
    agreed = MemberFactory()
    MemberFactory(status=Member.Status.PENDING)
    MemberFactory(status=Member.Status.WITHDRAWN)
    changed_mind = MemberFactory()
    changed_mind.record_consent(
        Purpose.CONTACT,
        False,
        notice=PrivacyNotice.current(english),
        channel=ConsentRecord.Channel.POST,
    )
    assert list(Member.objects.contactable()) == [agreed]
    changed_mind.refresh_from_db()
    assert changed_mind.status == Member.Status.WITHDRAWN


def test_confirming_starts_a_three_year_term():
    member = MemberFactory(status=Member.Status.PENDING)
    member.confirm(today=datetime.date(2026, 11, 21))
    assert member.status == Member.Status.ACTIVE
    assert member.joined_on == datetime.date(2026, 11, 21)
    assert member.term_ends_on == datetime.date(2029, 11, 21)


def test_renewal_adds_a_term_to_the_current_one_or_starts_today():
    member = MemberFactory(status=Member.Status.PENDING)
    member.confirm(today=datetime.date(2024, 2, 29))
    assert member.term_ends_on == datetime.date(2027, 2, 28)
    member.renew(today=datetime.date(2027, 1, 10))
    assert member.term_ends_on == datetime.date(2030, 2, 28)
    member.status = Member.Status.LAPSED
    member.renew(today=datetime.date(2031, 5, 1))
    assert member.status == Member.Status.ACTIVE
    assert member.term_ends_on == datetime.date(2034, 5, 1)


def test_terms_ending_within_sixty_days():
    soon = MemberFactory()
    soon.term_ends_on = datetime.date(2027, 1, 15)
    soon.save()
    later = MemberFactory()
    later.term_ends_on = datetime.date(2027, 6, 1)
    later.save()
    found = Member.objects.term_ending_soon(today=datetime.date(2026, 12, 1))
    assert soon in found and later not in found


def test_a_member_needs_one_way_to_be_reached():
    member = Member(name="No Contact")
    with pytest.raises(ValidationError, match="at least one way"):
        member.clean()
    member.address = "1 Stryd Fawr"
    member.clean()
