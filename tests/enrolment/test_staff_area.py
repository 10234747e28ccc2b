"""The engagement team's work in the staff area: finding, filtering, opening, editing,
adding members, and each action on a record."""

import datetime
import re

import pytest
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from wagtail.log_actions import registry as log_registry
from wagtail.models import Locale

from enrolment.models import (
    Area,
    ConsentRecord,
    CrimeType,
    DemographicOption,
    Member,
    PrivacyNotice,
    Purpose,
)
from tests.enrolment.staff import make_user, prefer_welsh, sign_in, url
from tests.factories import MemberFactory

pytestmark = pytest.mark.django_db

REFERENCE = re.compile(r"VSN-\d{4,}")


def listed(client, query=""):
    response = client.get(url("index_results") + query)
    assert response.status_code == 200
    return set(REFERENCE.findall(response.content.decode()))


def actions_logged(member, action=None):
    entries = log_registry.get_logs_for_instance(member)
    if action:
        entries = entries.filter(action=action)
    return list(entries)


def page_text(response):
    return response.content.decode()


# --- the list -------------------------------------------------------------------------


def test_the_list_shows_references_not_names(client, engagement):
    member = MemberFactory(name="Gwenllian Unique-Name", email="gwenllian@example.org")
    response = client.get(url("index"))
    text = page_text(response)
    assert member.reference in text
    assert "Gwenllian" not in text
    assert "gwenllian@example.org" not in text
    for heading in ("Reference", "Status", "Area", "Language", "Joined", "Term ends"):
        assert heading in text


def test_withdrawn_and_erased_members_leave_the_list_unless_chosen(client, engagement):
    S = Member.Status
    members = {status: MemberFactory(status=status) for status in S.values}
    shown = listed(client)
    assert {members[s].reference for s in (S.PENDING, S.ACTIVE, S.LAPSED)} <= shown
    assert members[S.WITHDRAWN].reference not in shown
    assert members[S.ERASED].reference not in shown
    assert listed(client, "?status=withdrawn") & {m.reference for m in members.values()} == {
        members[S.WITHDRAWN].reference
    }


@pytest.fixture
def varied_members():
    areas = list(Area.objects.canonical()[:2])
    crime_types = list(CrimeType.objects.canonical()[:2])
    today = timezone.localdate()
    plain = MemberFactory(area=areas[0])
    other_area = MemberFactory(area=areas[1])
    welsh = MemberFactory(language=Member.Language.WELSH, area=areas[0])
    by_phone = MemberFactory(
        preferred_contact=Member.ContactMethod.PHONE, phone="07700 900001", area=areas[0]
    )
    asb = MemberFactory(how_affected=Member.HowAffected.ASB, area=areas[0])
    with_crime = MemberFactory(consents=[Purpose.CRIME_TYPES], area=areas[0])
    with_crime.crime_types.set([crime_types[1]])
    ending = MemberFactory(area=areas[0])
    Member.objects.filter(pk=ending.pk).update(term_ends_on=today + datetime.timedelta(days=30))
    pending = MemberFactory(status=Member.Status.PENDING, area=areas[0])
    return {
        "plain": plain,
        "other_area": other_area,
        "welsh": welsh,
        "by_phone": by_phone,
        "asb": asb,
        "with_crime": with_crime,
        "ending": ending,
        "pending": pending,
        "areas": areas,
        "crime_types": crime_types,
    }


def references(*members):
    return {member.reference for member in members}


def test_each_filter_narrows_the_list(client, engagement, varied_members):
    v = varied_members
    everyone = references(*(m for k, m in v.items() if isinstance(m, Member)))
    assert everyone <= listed(client)
    assert listed(client, f"?area={v['areas'][1].pk}") & everyone == references(v["other_area"])
    assert listed(client, "?language=cy") & everyone == references(v["welsh"])
    assert listed(client, "?preferred_contact=phone") & everyone == references(v["by_phone"])
    assert listed(client, "?how_affected=asb") & everyone == references(v["asb"])
    assert listed(client, f"?crime_type={v['crime_types'][1].pk}") & everyone == references(
        v["with_crime"]
    )
    assert listed(client, "?term_ending_soon=yes") & everyone == references(v["ending"])
    assert v["ending"].reference not in listed(client, "?term_ending_soon=no")
    assert listed(client, "?status=pending") & everyone == references(v["pending"])
    assert listed(client, "?status=pending&status=active&language=cy") & everyone == references(
        v["welsh"]
    )


def test_the_crime_type_filter_needs_the_sensitive_permission(
    client, django_user_model, varied_members
):
    sign_in(client, make_user(django_user_model, "engagement_without_sensitive"))
    crime_type = varied_members["crime_types"][1]
    response = client.get(url("index"))
    assert "crime_type" not in page_text(response)
    # A hand-made URL cannot use it to single out who has a crime type.
    assert len(listed(client, f"?crime_type={crime_type.pk}")) > 1


def test_wrong_filter_values_are_an_error_not_a_crash(client, engagement, varied_members):
    for query in ("?status=nonsense", "?area=%00", "?area=999999", "?language=<script>x"):
        response = client.get(url("index") + query)
        assert response.status_code == 200, query
        assert "<script>x" not in page_text(response)
    shown = listed(client, "?status=nonsense")
    assert varied_members["plain"].reference in shown


def test_the_list_takes_the_same_queries_for_5_or_60_members(
    client, engagement, django_assert_max_num_queries
):
    MemberFactory.create_batch(5)
    client.get(url("index"))  # warm up the session and the content types
    with CaptureQueriesContext(connection) as five:
        assert client.get(url("index")).status_code == 200
    MemberFactory.create_batch(55)
    with django_assert_max_num_queries(len(five.captured_queries)):
        response = client.get(url("index"))
    assert len(REFERENCE.findall(page_text(response))) >= 50


def test_the_list_pages_by_50(client, engagement):
    MemberFactory.create_batch(53)
    first = listed(client)
    second = listed(client, "?p=2")
    assert len(first) == 50
    assert len(second) >= 3
    assert not first & second


# --- the exact look-up ----------------------------------------------------------------


def test_look_up_by_reference_email_or_phone_finds_exactly_the_member(client, engagement):
    member = MemberFactory(email="Rhiannon.Jones@example.org", phone="07700 900123")
    MemberFactory(email="someone.else@example.org", phone="07700 900999")
    record = url("inspect", member)
    for query in (
        member.reference,
        member.reference.lower().replace("-", " "),
        "rhiannon.jones@example.org",
        "  RHIANNON.JONES@EXAMPLE.ORG ",
        "07700 900123",
        "+44 7700 900123",
    ):
        response = client.post(url("lookup"), {"query": query})
        assert response.status_code == 302, query
        assert response["Location"] == record


def test_look_up_never_matches_part_of_an_address(client, engagement):
    member = MemberFactory(email="rhiannon.jones@example.org", phone="07700 900123")
    for query in ("rhiannon", "rhiannon.jones@", "@example.org", "900123", "07700 900", "VSN"):
        response = client.post(url("lookup"), {"query": query})
        assert response.status_code == 200, query
        assert member.reference not in page_text(response), query


def test_look_up_lists_every_record_sharing_an_address(client, engagement):
    first = MemberFactory(email="shared@example.org")
    second = MemberFactory(status=Member.Status.PENDING, email="shared@example.org")
    response = client.post(url("lookup"), {"query": "shared@example.org"})
    assert response.status_code == 200
    assert references(first, second) <= set(REFERENCE.findall(page_text(response)))


def test_the_look_up_is_a_post_so_the_query_stays_out_of_urls(client, engagement):
    MemberFactory(email="private@example.org")
    page = page_text(client.get(url("index")))
    form = re.search(r'<form method="post" action="([^"]+)"', page)
    assert form and form.group(1) == url("lookup")
    # A GET with a query finds nothing and shows no match.
    response = client.get(url("lookup") + "?query=private@example.org")
    assert "VSN-" not in page_text(response).split("</form>")[-1]


# --- the record -----------------------------------------------------------------------


@pytest.fixture
def full_member():
    age_band = DemographicOption.objects.canonical().filter(kind="age_band").first()
    member = MemberFactory(
        name="Siân Prŷs",
        preferred_name="Siân",
        phone="07700 900555",
        address="1 Heol y Môr\nAberystwyth",
        safe_contact_notes="Ring after 10am",
        consents=[Purpose.CRIME_TYPES, Purpose.DEMOGRAPHICS],
        age_band=age_band,
    )
    member.crime_types.set([CrimeType.objects.canonical().first()])
    return member


def test_the_record_shows_everything_held_with_consent_history(client, engagement, full_member):
    response = client.get(url("inspect", full_member))
    text = page_text(response)
    for value in ("Siân Prŷs", full_member.email, "07700 900555", "Heol y Môr", "Ring after 10am"):
        assert value in text
    assert "Consent history" in text
    assert text.count("2026-11") == 3  # one row per purpose, with the notice version
    assert "Web form" in text


def test_every_view_of_a_record_is_audited(client, engagement, full_member):
    client.get(url("inspect", full_member))
    client.get(url("inspect", full_member))
    views = actions_logged(full_member, "enrolment.view")
    assert len(views) == 2
    assert {entry.user for entry in views} == {engagement}
    assert not actions_logged(full_member, "enrolment.view_sensitive")


def test_the_sensitive_section_opens_on_request_and_is_audited(client, engagement, full_member):
    crime_type = full_member.crime_types.get().name
    closed = page_text(client.get(url("inspect", full_member)))
    assert crime_type not in closed
    assert "Show crime types and demographic details" in closed
    opened = page_text(client.get(url("inspect", full_member) + "?show=sensitive"))
    assert crime_type in opened
    assert full_member.age_band.name in opened
    assert len(actions_logged(full_member, "enrolment.view_sensitive")) == 1


def test_without_the_sensitive_permission_the_section_stays_closed(
    client, django_user_model, full_member
):
    sign_in(client, make_user(django_user_model, "engagement_without_sensitive"))
    crime_type = full_member.crime_types.get().name
    response = client.get(url("inspect", full_member) + "?show=sensitive")
    text = page_text(response)
    assert crime_type not in text
    assert full_member.age_band.name not in text
    assert "You do not have permission to see crime types" in text
    assert not actions_logged(full_member, "enrolment.view_sensitive")
    edit = page_text(client.get(url("edit", full_member)))
    assert 'name="crime_types"' not in edit
    assert 'name="age_band"' not in edit


def test_a_possible_duplicate_is_flagged_with_a_link(client, engagement):
    older = MemberFactory(email="twice@example.org")
    newer = MemberFactory(status=Member.Status.PENDING, email="TWICE@example.org")
    text = page_text(client.get(url("inspect", newer)))
    assert "Possible duplicate" in text
    assert url("inspect", older) in text
    assert url("merge", newer) in text
    alone = MemberFactory(email="alone@example.org")
    assert "Possible duplicate" not in page_text(client.get(url("inspect", alone)))


# --- editing and adding ---------------------------------------------------------------


def edit_data(member, **changes):
    data = {
        "name": member.name,
        "preferred_name": member.preferred_name,
        "preferred_term": member.preferred_term,
        "own_term": member.own_term,
        "email": member.email,
        "phone": member.phone,
        "address": member.address,
        "preferred_contact": member.preferred_contact,
        "language": member.language,
        "safe_times": member.safe_times,
        "safe_contact_notes": member.safe_contact_notes,
        "staff_notes": member.staff_notes,
        "area": member.area_id or "",
        "how_affected": member.how_affected,
        "methods": [m.pk for m in member.methods.all()],
        "crime_types": [c.pk for c in member.crime_types.all()],
    }
    for field in Member.DEMOGRAPHIC_FIELDS:
        data[field] = getattr(member, f"{field}_id") or ""
    for flag in ("email_safe", "phone_safe", "text_safe", "letter_safe", "voicemail_safe"):
        if getattr(member, flag):
            data[flag] = "on"
    data.update(changes)
    return data


def test_staff_edit_a_record_and_only_field_names_are_logged(client, engagement, full_member):
    new_area = Area.objects.canonical().exclude(pk=full_member.area_id).first()
    response = client.post(
        url("edit", full_member),
        edit_data(full_member, name="Siân Prŷs-Evans", area=new_area.pk),
    )
    assert response.status_code == 302
    assert response["Location"] == url("inspect", full_member)
    full_member.refresh_from_db()
    assert full_member.name == "Siân Prŷs-Evans"
    assert full_member.area == new_area
    edit = actions_logged(full_member, "wagtail.edit")[0]
    assert edit.data == {"fields": ["area", "name"]}
    assert "Siân" not in str(edit.data) and "Siân" not in edit.label


def test_opening_the_edit_form_counts_as_viewing(client, engagement, full_member):
    client.get(url("edit", full_member))
    assert len(actions_logged(full_member, "enrolment.view")) == 1
    assert len(actions_logged(full_member, "enrolment.view_sensitive")) == 1


def test_crime_types_cannot_be_stored_without_consent(client, engagement):
    member = MemberFactory()
    crime_type = CrimeType.objects.canonical().first()
    response = client.post(url("edit", member), edit_data(member, crime_types=[crime_type.pk]))
    assert response.status_code == 200
    assert "have not agreed to us storing crime types" in page_text(response)
    assert not member.crime_types.exists()


def test_an_erased_record_cannot_be_edited(client, engagement):
    member = MemberFactory()
    member.erase()
    response = client.post(url("edit", member), edit_data(member, name="Back again"))
    assert response.status_code == 302
    member.refresh_from_db()
    assert member.name == ""


def new_member_data(**changes):
    data = {
        "consent_channel": "phone",
        "contact_consent": "on",
        "name": "Dafydd ap Gwilym",
        "phone": "01970 123456",
        "phone_safe": "on",
        "preferred_contact": "phone",
        "language": "cy",
        "how_affected": "asb",
        "area": Area.objects.canonical().first().pk,
    }
    data.update(changes)
    return data


def test_staff_add_a_phone_referral_with_its_consent(client, engagement, welsh):
    response = client.post(url("add"), new_member_data())
    member = Member.objects.with_phone("01970 123456").get()
    assert response.status_code == 302
    assert response["Location"] == url("inspect", member)
    assert member.status == Member.Status.PENDING
    assert member.name == "Dafydd ap Gwilym"
    record = member.consent_records.get()
    assert record.purpose == Purpose.CONTACT and record.granted
    assert record.channel == ConsentRecord.Channel.PHONE
    assert record.recorded_by == engagement
    assert record.notice == PrivacyNotice.current(welsh)
    assert record.language == "cy"


def test_adding_needs_contact_consent_and_keeps_what_was_typed(client, engagement):
    data = new_member_data()
    del data["contact_consent"]
    response = client.post(url("add"), data)
    assert response.status_code == 200
    assert "Dafydd ap Gwilym" in page_text(response)
    assert not Member.objects.with_phone("01970 123456").exists()


def test_adding_crime_types_needs_their_consent(client, engagement):
    crime_type = CrimeType.objects.canonical().first()
    response = client.post(url("add"), new_member_data(crime_types=[crime_type.pk]))
    assert response.status_code == 200
    assert not Member.objects.with_phone("01970 123456").exists()
    response = client.post(
        url("add"), new_member_data(crime_types=[crime_type.pk], crime_types_consent="on")
    )
    member = Member.objects.with_phone("01970 123456").get()
    assert list(member.crime_types.all()) == [crime_type]
    assert member.has_consent(Purpose.CRIME_TYPES)


# --- actions --------------------------------------------------------------------------


def test_confirm_makes_a_pending_member_active(client, engagement):
    member = MemberFactory(status=Member.Status.PENDING, name="Hidden Name")
    confirm_page = client.get(url("confirm", member))
    assert "Confirm membership" in page_text(confirm_page)
    member.refresh_from_db()
    assert member.status == Member.Status.PENDING  # a GET changes nothing
    response = client.post(url("confirm", member), follow=True)
    member.refresh_from_db()
    assert member.status == Member.Status.ACTIVE
    assert member.joined_on == timezone.localdate()
    assert member.term_ends_on == timezone.localdate().replace(year=member.joined_on.year + 3)
    assert f"{member.reference} is now an active member." in page_text(response)
    assert "Hidden Name" not in page_text(response).split("</header>")[0]
    assert len(actions_logged(member, "enrolment.confirm")) == 1


def test_actions_refuse_a_member_in_the_wrong_status(client, engagement):
    member = MemberFactory()  # already active
    response = client.post(url("confirm", member))
    assert response.status_code == 302
    assert not actions_logged(member, "enrolment.confirm")


def test_renewal_gives_a_new_three_year_term(client, engagement):
    member = MemberFactory()
    ends = member.term_ends_on
    client.post(url("renew", member))
    member.refresh_from_db()
    assert member.term_ends_on == ends.replace(year=ends.year + 3)
    entry = actions_logged(member, "enrolment.renew")[0]
    assert entry.data == {"term_ends_on": member.term_ends_on.isoformat()}


def test_withdraw_stops_contact_and_keeps_the_record(client, engagement):
    member = MemberFactory(name="Kept Name")
    response = client.post(url("withdraw", member), {"channel": "post"})
    assert response.status_code == 302
    member.refresh_from_db()
    assert member.status == Member.Status.WITHDRAWN
    assert member.name == "Kept Name"
    assert member.has_consent(Purpose.CONTACT) is False
    latest = member.consent_records.first()
    assert (latest.channel, latest.granted, latest.recorded_by) == ("post", False, engagement)
    assert actions_logged(member, "enrolment.withdraw")[0].data == {"channel": "post"}
    assert member.reference not in listed(client)
    assert not Member.objects.contactable().filter(pk=member.pk).exists()


def test_withdraw_needs_a_channel(client, engagement):
    member = MemberFactory()
    response = client.post(url("withdraw", member), {"channel": "carrier pigeon"})
    assert response.status_code == 200
    member.refresh_from_db()
    assert member.status == Member.Status.ACTIVE


def test_record_consent_withdrawn_by_post_removes_its_data(client, engagement, full_member):
    response = client.post(
        url("consent", full_member),
        {"purpose": "crime_types", "granted": "no", "channel": "post"},
    )
    assert response.status_code == 302
    assert not full_member.crime_types.exists()
    assert full_member.has_consent(Purpose.CRIME_TYPES) is False
    record = full_member.consent_records.first()
    assert record.channel == "post"
    assert record.notice_version == "2026-11"
    entry = actions_logged(full_member, "enrolment.consent")[0]
    assert entry.data == {"purposes": ["crime_types"], "granted": False, "channel": "post"}


def test_consent_given_by_phone_uses_the_notice_in_the_members_language(client, engagement, welsh):
    member = MemberFactory(language=Member.Language.WELSH)
    client.post(
        url("consent", member), {"purpose": "demographics", "granted": "yes", "channel": "phone"}
    )
    record = member.consent_records.first()
    assert record.purpose == Purpose.DEMOGRAPHICS and record.granted
    assert record.notice == PrivacyNotice.current(welsh)
    assert member.has_consent(Purpose.DEMOGRAPHICS)


def test_merge_keeps_one_record_with_both_consent_histories(client, engagement):
    older = MemberFactory(email="merge.me@example.org", name="")
    Member.objects.filter(pk=older.pk).update(
        submitted_at=timezone.now() - datetime.timedelta(days=400)
    )
    newer = MemberFactory(
        status=Member.Status.PENDING,
        email="merge.me@example.org",
        name="Newer Name",
        phone="07700 900777",
        phone_safe=True,
        consents=[Purpose.DEMOGRAPHICS],
    )
    older_records = older.consent_records.count()
    newer_records = list(newer.consent_records.values_list("purpose", "granted", "recorded_at"))
    response = client.post(url("merge", newer), {"other": older.pk, "keep": "older"})
    assert response.status_code == 302
    assert response["Location"] == url("inspect", older)
    older.refresh_from_db()
    newer.refresh_from_db()
    assert older.name == "Newer Name"
    assert older.phone == "07700 900777" and older.phone_safe
    assert older.consent_records.count() == older_records + len(newer_records)
    copied = set(older.consent_records.values_list("purpose", "granted", "recorded_at"))
    assert set(newer_records) <= copied
    assert older.has_consent(Purpose.DEMOGRAPHICS)
    assert newer.status == Member.Status.ERASED
    assert newer.merged_into == older
    assert (newer.name, newer.email, newer.phone) == ("", "", "")
    for member in (older, newer):
        entry = actions_logged(member, "enrolment.merge")[0]
        assert entry.data["kept"] == older.reference
        assert entry.data["merged"] == newer.reference
        assert "Newer Name" not in str(entry.data)
    assert not older.possible_duplicates().exists()


def test_merge_can_keep_this_record(client, engagement):
    first = MemberFactory(email="both@example.org")
    second = MemberFactory(email="both@example.org")
    client.post(url("merge", second), {"other": first.pk, "keep": "this"})
    first.refresh_from_db()
    second.refresh_from_db()
    assert first.status == Member.Status.ERASED and first.merged_into == second
    assert second.status == Member.Status.ACTIVE


def test_erase_needs_its_own_permission(client, django_user_model):
    user = make_user(django_user_model, "engagement")
    from django.contrib.auth.models import Group

    from tests.enrolment.staff import permission

    Group.objects.get(name="Engagement team").permissions.remove(permission("erase_member"))
    sign_in(client, user)
    member = MemberFactory()
    response = client.post(url("erase", member), {"channel": "phone", "understood": "on"})
    assert response.status_code == 302 and response["Location"] == "/admin/"
    member.refresh_from_db()
    assert member.status == Member.Status.ACTIVE
    assert url("erase", member) not in page_text(client.get(url("inspect", member)))


def test_erase_asks_to_confirm_it_cannot_be_undone(client, engagement):
    member = MemberFactory()
    page = page_text(client.get(url("erase", member)))
    assert "This cannot be undone." in page
    response = client.post(url("erase", member), {"channel": "phone"})
    assert response.status_code == 200
    member.refresh_from_db()
    assert member.status == Member.Status.ACTIVE


def raw_member_row(member):
    with connection.cursor() as cursor:
        cursor.execute("SELECT * FROM enrolment_member WHERE id = %s", [member.pk])
        columns = [column[0] for column in cursor.description]
        return dict(zip(columns, cursor.fetchone(), strict=True))


def test_erase_leaves_no_personal_data(client, engagement, full_member):
    secrets = ["Siân", full_member.email, "07700 900555", "Heol y Môr", "Ring after 10am"]
    client.get(url("inspect", full_member) + "?show=sensitive")
    response = client.post(
        url("erase", full_member), {"channel": "phone", "understood": "on"}, follow=True
    )
    assert f"The personal data of {full_member.reference} has been erased." in page_text(response)
    row = raw_member_row(full_member)
    for field in Member.ENCRYPTED_FIELDS:
        assert row[field] == "", field
    assert row["email_index"] == row["phone_index"] == ""
    assert row["status"] == "erased"
    for field in ("area_id", *(f"{f}_id" for f in Member.DEMOGRAPHIC_FIELDS)):
        assert row[field] is None
    full_member.refresh_from_db()
    assert not full_member.crime_types.exists()
    assert not full_member.methods.exists()
    assert full_member.has_consent(Purpose.CONTACT) is False
    for entry in actions_logged(full_member):
        assert entry.label == full_member.reference
        for secret in secrets:
            assert secret not in str(entry.data)
    record = page_text(client.get(url("inspect", full_member)))
    for secret in secrets:
        assert secret not in record


def test_the_withdrawal_link_is_emailed_when_safe_and_always_shown(
    client, engagement, django_capture_on_commit_callbacks
):
    member = MemberFactory(email_safe=True)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url("withdrawal_link", member))
    assert response.status_code == 200
    link = re.search(r"http://testserver/\S+?(?=<)", page_text(response)).group(0)
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == [member.email]
    # The email is the members' envelope: the way to leave is behind the member's own link.
    assert link not in mail.outbox[0].body
    assert link.split("/")[-2] and member.name not in link and member.email not in link
    assert client.get(link.replace("http://testserver", "")).status_code == 200
    assert actions_logged(member, "enrolment.withdrawal_link")[0].data == {"emailed": True}


def test_the_withdrawal_link_is_not_emailed_when_email_is_not_safe(client, engagement):
    member = MemberFactory(email_safe=False, letter_safe=True, address="2 Stryd Fawr")
    response = client.post(url("withdrawal_link", member))
    assert "http://testserver/" in page_text(response)
    assert mail.outbox == []
    assert actions_logged(member, "enrolment.withdrawal_link")[0].data == {"emailed": False}


# --- languages ------------------------------------------------------------------------


def test_the_staff_area_follows_the_users_language(client, engagement):
    prefer_welsh(engagement)
    member = MemberFactory(status=Member.Status.PENDING)
    dashboard = page_text(client.get("/admin/"))
    assert "Aelodau" in dashboard
    response = client.post(url("confirm", member), follow=True)
    assert f"Mae {member.reference} bellach yn aelod gweithredol." in page_text(response)
    history = page_text(client.get(url("history", member)))
    assert "Wedi cadarnhau aelodaeth" in history


def test_lists_show_in_the_staff_members_language(client, engagement, welsh):
    area = Area.objects.canonical().first()
    welsh_name = area.get_translation(welsh).name
    member = MemberFactory(area=area)
    prefer_welsh(engagement)
    assert welsh_name in page_text(client.get(url("index")))
    assert welsh_name in page_text(client.get(url("inspect", member)))
    assert Locale.get_default().language_code == "en"


# --- the editable lists ---------------------------------------------------------------


def test_a_privacy_notice_with_consents_cannot_be_deleted(client, django_user_model, english):
    sign_in(client, make_user(django_user_model, "superuser"))
    MemberFactory()  # consents under the current notice
    notice = PrivacyNotice.current(english)
    delete = f"/admin/snippets/enrolment/privacynotice/delete/{notice.pk}/"
    for response in (client.get(delete, follow=True), client.post(delete, follow=True)):
        assert response.status_code == 200
        assert "cannot be deleted" in page_text(response)
    bulk = f"/admin/bulk/enrolment/privacynotice/delete/?id={notice.pk}"
    assert "cannot be deleted" in page_text(client.post(bulk, follow=True))
    assert PrivacyNotice.objects.filter(pk=notice.pk).exists()


def test_an_unused_privacy_notice_version_can_be_deleted(client, django_user_model, english):
    sign_in(client, make_user(django_user_model, "superuser"))
    draft = PrivacyNotice.objects.create(
        locale=english, version="2099-01", summary="<p>Draft</p>", body="<p>Draft</p>"
    )
    response = client.post(f"/admin/snippets/enrolment/privacynotice/delete/{draft.pk}/")
    assert response.status_code == 302
    assert not PrivacyNotice.objects.filter(pk=draft.pk).exists()


def test_the_team_edits_the_lists_in_both_languages(client, engagement, welsh):
    area = Area.objects.canonical().first()
    response = client.get("/admin/snippets/enrolment/area/?locale=cy")
    assert area.get_translation(welsh).name in page_text(response)
    edit = client.get(f"/admin/snippets/enrolment/area/edit/{area.pk}/")
    assert edit.status_code == 200


# --- demo members ---------------------------------------------------------------------


def test_demo_members_only_where_demo_accounts_are_enabled(settings):
    from demo.people import crowd_numbers
    from demo.people import load_members as load_demo_members

    # The fourteen described one by one, then the crowd made by rule.
    expected = 14 + len(crowd_numbers())
    settings.DEMO_ACCOUNTS_ENABLED = False
    assert load_demo_members() == 0
    settings.DEMO_ACCOUNTS_ENABLED = True
    before = Member.objects.count()
    assert load_demo_members() == expected
    assert load_demo_members() == 0  # idempotent
    assert Member.objects.count() == before + expected
    made = list(Member.objects.order_by("-pk")[:expected])
    assert all(member.name.startswith("Demo Member") for member in made)
    demo = made[-14:]  # the fourteen described one by one come first
    assert all(member.name.startswith("Demo Member") for member in demo)
    assert all(member.email.endswith("@example.org") for member in demo)
    # Members for ask_for_renewals to ask, in both languages.
    ending_soon = Member.objects.term_ending_soon().filter(pk__in=[m.pk for m in demo])
    assert set(ending_soon.values_list("language", flat=True)) == {"en", "cy"}
    assert {member.status for member in demo} >= {"active", "pending", "lapsed", "withdrawn"}
    assert any(member.possible_duplicates().exists() for member in demo)


def test_no_staff_page_with_member_data_may_be_cached(client, engagement):
    member = MemberFactory(name="Cache Test")
    responses = [
        client.get(url("index")),
        client.get(url("inspect", member)),
        client.get(url("edit", member)),
        client.post(url("export"), {"columns": ["reference", "name"]}),
    ]
    for response in responses:
        assert response.status_code == 200, response.request["PATH_INFO"]
        assert "no-store" in response["Cache-Control"], response.request["PATH_INFO"]
        assert "private" in response["Cache-Control"], response.request["PATH_INFO"]
