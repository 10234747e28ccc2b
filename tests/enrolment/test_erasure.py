"""What withdrawing consent and erasing do to a member's data, at the model level.

The withdrawal link and the staff actions both come down to these two methods, so this is
where "withdrawing a purpose removes its data" and "an erased member leaves no personal data
in any table" are pinned down. The scanner in tests/db_scan.py is checked here too: a scan
that could not find anything would make every "nothing left" assertion worthless.
"""

import pytest
from django.contrib.contenttypes.models import ContentType
from django.utils import timezone
from wagtail.models import Locale, ModelLogEntry

from enrolment.audit import audit
from enrolment.models import (
    ConsentRecord,
    CrimeType,
    DemographicOption,
    EngagementMethod,
    Member,
    PrivacyNotice,
    Purpose,
)
from tests.db_scan import assert_nowhere_in_database, find_in_database
from tests.factories import ContentPageFactory, MemberFactory

pytestmark = pytest.mark.django_db

PERSONAL = {
    "name": "Myfanwy Ŷr-Bryn Quillfeather",
    "preferred_name": "Myfi Quillfeather",
    "own_term": "goroeswr-ŵyth",
    "email": "myfanwy.quillfeather@example.org",
    "phone": "07700 900789",
    "address": "3 Lôn Ŵyn, Llanfair-ym-Muallt",
    "safe_times": "Only Thursday mornings",
    "safe_contact_notes": "Sister answers the landline",
    "staff_notes": "Prefers Welsh on the phone",
}
PHONE_E164 = "+447700900789"


def demographic(kind):
    return DemographicOption.objects.canonical().filter(kind=kind).first()


@pytest.fixture
def member():
    member = MemberFactory(
        **PERSONAL,
        preferred_term=Member.PreferredTerm.OWN,
        phone_safe=True,
        letter_safe=True,
        voicemail_safe=True,
        may_say_opcc=True,
        language=Member.Language.WELSH,
        consents=[Purpose.CRIME_TYPES, Purpose.DEMOGRAPHICS],
    )
    member.crime_types.set(CrimeType.objects.canonical()[:3])
    member.methods.set(EngagementMethod.objects.all()[:3])
    for field, kind in zip(
        Member.DEMOGRAPHIC_FIELDS, ("age_band", "gender", "ethnicity", "disability"), strict=True
    ):
        setattr(member, field, demographic(kind))
    member.save()
    return Member.objects.get(pk=member.pk)


def withdraw(member, purpose):
    notice = PrivacyNotice.current(Locale.objects.get(language_code=member.language))
    return member.record_consent(purpose, False, notice=notice, channel=ConsentRecord.Channel.STAFF)


def reload(member):
    return Member.objects.get(pk=member.pk)


# --- withdrawing one purpose --------------------------------------------------------------


def test_withdrawing_crime_types_removes_them_and_nothing_else(member):
    assert member.crime_types.count() == 3
    withdraw(member, Purpose.CRIME_TYPES)
    member = reload(member)
    assert not member.crime_types.exists()
    assert not member.has_consent(Purpose.CRIME_TYPES)
    assert member.age_band is not None, "demographics have their own consent"
    assert member.status == Member.Status.ACTIVE
    assert member.name == PERSONAL["name"]


def test_withdrawing_demographics_removes_all_four_and_nothing_else(member):
    withdraw(member, Purpose.DEMOGRAPHICS)
    member = reload(member)
    for field in Member.DEMOGRAPHIC_FIELDS:
        assert getattr(member, field) is None, field
    assert not member.has_consent(Purpose.DEMOGRAPHICS)
    assert member.crime_types.count() == 3
    assert member.status == Member.Status.ACTIVE


def test_withdrawing_contact_withdraws_the_member_but_keeps_the_record(member):
    before = member.status_changed_at
    record = withdraw(member, Purpose.CONTACT)
    member = reload(member)
    assert member.status == Member.Status.WITHDRAWN
    assert member.status_changed_at > before
    assert not Member.objects.contactable().filter(pk=member.pk).exists()
    assert member.name == PERSONAL["name"] and member.crime_types.count() == 3
    assert (record.granted, record.language, record.notice.locale.language_code) == (
        False,
        "cy",
        "cy",
    )


@pytest.mark.parametrize("status", [Member.Status.LAPSED, Member.Status.ERASED])
def test_withdrawing_contact_leaves_other_statuses_alone(member, status):
    member.set_status(status)
    withdraw(member, Purpose.CONTACT)
    assert reload(member).status == status


def test_consent_history_is_kept_in_order(member):
    withdraw(member, Purpose.CRIME_TYPES)
    answers = list(
        member.consent_records.filter(purpose=Purpose.CRIME_TYPES)
        .order_by("recorded_at", "pk")
        .values_list("granted", flat=True)
    )
    assert answers == [True, False]


# --- erasure ------------------------------------------------------------------------------


def test_erase_removes_every_piece_of_personal_data(member):
    reference, joined, term_ends = member.reference, member.joined_on, member.term_ends_on
    member.erase()
    member = reload(member)

    assert member.status == Member.Status.ERASED
    for field in Member.ENCRYPTED_FIELDS:
        assert getattr(member, field) == "", field
    assert (member.email_index, member.phone_index) == ("", "")
    for field in Member.DEMOGRAPHIC_FIELDS:
        assert getattr(member, field) is None, field
    assert not member.crime_types.exists()
    assert not member.methods.exists()
    assert member.area is None
    assert (member.preferred_term, member.preferred_contact, member.how_affected) == ("", "", "")
    assert not any(
        (
            member.email_safe,
            member.phone_safe,
            member.text_safe,
            member.letter_safe,
            member.voicemail_safe,
            member.may_say_opcc,
        )
    )
    assert member.safe_channels == []
    # What is left cannot identify anyone, and keeps the audit trail readable.
    assert (member.reference, member.joined_on, member.term_ends_on) == (
        reference,
        joined,
        term_ends,
    )
    assert str(member) == reference
    member.full_clean()  # an erased record is valid without a way to reach anyone


def test_an_erased_member_leaves_nothing_in_any_table(member):
    audit(member, "enrolment.view")
    member.erase()
    assert_nowhere_in_database(*PERSONAL.values(), PHONE_E164, member=member)


def test_an_erased_member_cannot_be_found_or_matched(member):
    twin = MemberFactory(email=PERSONAL["email"], phone=PERSONAL["phone"])
    assert list(twin.possible_duplicates()) == [member]
    member.erase()
    assert not twin.possible_duplicates().exists()
    assert list(Member.objects.with_email(PERSONAL["email"])) == [twin]
    assert list(Member.objects.with_phone(PHONE_E164)) == [twin]


def test_erasing_twice_is_harmless(member):
    member.erase()
    first = reload(member).status_changed_at
    member.erase()
    member = reload(member)
    assert member.status == Member.Status.ERASED
    assert member.status_changed_at >= first


def test_consent_records_outlive_erasure_but_hold_nothing_personal(member):
    count = member.consent_records.count()
    member.erase()
    assert ConsentRecord.objects.filter(member=member).count() == count
    assert_nowhere_in_database(*PERSONAL.values(), member=member)


# --- the scanner finds what it should -------------------------------------------------------


def test_the_scan_finds_values_in_encrypted_columns(member):
    found = find_in_database(PERSONAL["name"], PERSONAL["staff_notes"])
    assert ("enrolment_member", "name", PERSONAL["name"]) in found
    assert ("enrolment_member", "staff_notes", PERSONAL["staff_notes"]) in found
    with pytest.raises(AssertionError, match="enrolment_member.name"):
        assert_nowhere_in_database(PERSONAL["name"])


def test_the_scan_finds_blind_indexes(member):
    found = find_in_database(PERSONAL["email"], PHONE_E164)
    assert ("enrolment_member", "email_index", PERSONAL["email"]) in found
    assert ("enrolment_member", "phone_index", PHONE_E164) in found


def test_the_scan_finds_values_in_plain_text_and_json(home):
    title = "Tudalen Ŵyl Quillfeather"
    ContentPageFactory(parent=home, title=title)
    assert any(table == "wagtailcore_page" for table, _column, _value in find_in_database(title))
    member = MemberFactory()
    ModelLogEntry.objects.create(
        content_type=ContentType.objects.get_for_model(Member),
        object_id=str(member.pk),
        label=member.reference,
        action="enrolment.view",
        data={"oops": "Rhodri Ŵynne-Quill"},
        timestamp=timezone.now(),
    )
    found = find_in_database("Rhodri Ŵynne-Quill")
    assert ("wagtailcore_modellogentry", "data", "Rhodri Ŵynne-Quill") in found


def test_the_scan_finds_values_in_sessions(client):
    session = client.session
    session["typed"] = "Cerys Quillfeather-Ŷs"
    session.save()
    found = find_in_database("Cerys Quillfeather-Ŷs")
    assert ("django_session", "session_data", "Cerys Quillfeather-Ŷs") in found


def test_the_scan_checks_the_members_own_columns(member):
    with pytest.raises(AssertionError, match="columns still hold data"):
        assert_nowhere_in_database("nothing like this anywhere", member=member)


def test_the_scan_refuses_needles_too_short_to_mean_anything():
    with pytest.raises(ValueError):
        find_in_database("ab")


def test_a_withdrawn_purpose_leaves_no_copy_behind(member):
    names = [crime_type.name for crime_type in member.crime_types.all()]
    withdraw(member, Purpose.CRIME_TYPES)
    # The list entries themselves stay (they are the shared list); only the link goes.
    assert not member.crime_types.through.objects.filter(member_id=member.pk).exists()
    assert CrimeType.objects.filter(name__in=names).count() >= len(names)
