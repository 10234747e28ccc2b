"""Exports: a filtered CSV with chosen columns only, and the subject access file."""

import csv
import io
import json

import pytest
from django.contrib.auth.models import Group
from wagtail.log_actions import registry as log_registry

from core.downloads import csv_safe
from enrolment.models import Area, CrimeType, Member, MembershipSettings, Purpose
from tests.enrolment.staff import make_user, permission, sign_in, url
from tests.factories import MemberFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def engagement(engagement):
    engagement.first_name, engagement.last_name = "Olwen", "Staffperson"
    engagement.save()
    return engagement


def rows(response):
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"].startswith('attachment; filename="members-')
    assert response.content.startswith(b"\xef\xbb\xbf")  # so Excel reads UTF-8
    return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))


def export_entries():
    return list(log_registry.get_logs_for_instance(MembershipSettings.load()))


def test_only_the_chosen_columns_are_exported(client, engagement):
    member = MemberFactory(name="Siân Ŵyn Prŷs", phone="07700 900123")
    response = client.post(url("export"), {"columns": ["name", "email"]})
    table = rows(response)
    assert table[0] == ["Reference", "Name", "Email"]
    assert [member.reference, "Siân Ŵyn Prŷs", member.email] in table
    assert all(len(row) == 3 for row in table)
    assert "07700 900123" not in response.content.decode("utf-8-sig")


def test_with_no_column_ticked_only_references_leave(client, engagement):
    member = MemberFactory(name="Nobody Needs This")
    table = rows(client.post(url("export"), {}))
    assert table[0] == ["Reference"]
    assert [member.reference] in table


def test_the_export_follows_the_filters_and_leaves_out_erased_members(client, engagement):
    area, other_area = Area.objects.canonical()[:2]
    active = MemberFactory(area=area)
    MemberFactory(area=other_area)
    pending = MemberFactory(area=area, status=Member.Status.PENDING)
    withdrawn = MemberFactory(area=area, status=Member.Status.WITHDRAWN)
    erased = MemberFactory(area=area)
    erased.erase()
    exported = {row[0] for row in rows(client.post(url("export"), {"area": area.pk}))[1:]}
    assert active.reference in exported
    assert exported.isdisjoint({pending.reference, withdrawn.reference, erased.reference})
    chosen = {
        row[0]
        for row in rows(
            client.post(url("export"), {"area": area.pk, "status": ["withdrawn", "erased"]})
        )[1:]
    }
    assert chosen == {withdrawn.reference}


@pytest.mark.parametrize(
    "hostile",
    ['=HYPERLINK("http://evil.example")', "+SUM(1)", "-2+3", "@cmd", "\tTab", "\rReturn"],
)
def test_cells_cannot_run_as_formulas(client, engagement, hostile):
    MemberFactory(name=hostile, consents=[])
    table = rows(client.post(url("export"), {"columns": ["name"]}))
    names = [row[1] for row in table[1:]]
    assert "'" + hostile in names
    assert hostile not in names


def test_csv_safe_leaves_ordinary_text_alone():
    assert csv_safe("Siân") == "Siân"
    assert csv_safe("07700 900123") == "07700 900123"
    assert csv_safe(None) == ""
    assert csv_safe("=1+1") == "'=1+1"


def test_sensitive_columns_need_the_sensitive_permission(client, django_user_model):
    sign_in(client, make_user(django_user_model, "engagement_without_sensitive"))
    member = MemberFactory(consents=[Purpose.CRIME_TYPES])
    member.crime_types.set([CrimeType.objects.canonical().first()])
    page = client.get(url("export")).content.decode()
    assert 'value="crime_types"' not in page
    response = client.post(url("export"), {"columns": ["crime_types", "name"]})
    assert response.status_code == 200
    assert "Content-Disposition" not in response
    assert export_entries() == []


def test_sensitive_columns_with_the_permission(client, engagement):
    crime_type = CrimeType.objects.canonical().first()
    member = MemberFactory(consents=[Purpose.CRIME_TYPES])
    member.crime_types.set([crime_type])
    table = rows(client.post(url("export"), {"columns": ["crime_types"]}))
    assert table[0] == ["Reference", "Crime types"]
    assert [member.reference, crime_type.name] in table


def test_each_export_is_audited_with_filters_columns_and_count_never_data(client, engagement):
    area = Area.objects.canonical().first()
    members = MemberFactory.create_batch(3, area=area, name="Secret Person")
    client.post(url("export"), {"area": area.pk, "language": "en", "columns": ["name", "email"]})
    [entry] = export_entries()
    assert entry.action == "enrolment.export"
    assert entry.user == engagement
    assert entry.data["columns"] == ["reference", "name", "email"]
    assert entry.data["filters"] == {"area": area.name, "language": "en"}
    assert entry.data["rows"] >= 3
    logged = json.dumps(entry.data)
    for member in members:
        assert member.email not in logged
        assert member.reference not in logged
    assert "Secret Person" not in logged
    assert f"(rows: {entry.data['rows']})" in entry.message


def test_the_export_page_itself_exports_nothing(client, engagement):
    MemberFactory()
    response = client.get(url("export") + "?columns=name&language=en")
    assert response.status_code == 200
    assert "Content-Disposition" not in response
    assert export_entries() == []
    assert "no-cache" in response["Cache-Control"] or "no-store" in response["Cache-Control"]


def test_the_export_is_never_cached(client, engagement):
    response = client.post(url("export"), {"columns": ["name"]})
    assert "no-store" in response["Cache-Control"] or "private" in response["Cache-Control"]


def test_the_list_offers_an_export_of_what_is_filtered(client, engagement):
    page = client.get(url("index") + "?language=cy&p=2").content.decode()
    assert url("export") + "?language=cy" in page
    assert "p=2" not in page.split(url("export"))[1].split('"')[0]


# --- subject access -------------------------------------------------------------------


@pytest.fixture
def welsh_member():
    member = MemberFactory(
        name="Ffion Ŵyn",
        language=Member.Language.WELSH,
        phone="07700 900321",
        staff_notes="Prefers Welsh",
        consents=[Purpose.CRIME_TYPES],
    )
    member.crime_types.set([CrimeType.objects.canonical().first()])
    return member


def test_subject_access_gives_everything_held_in_one_file(client, engagement, welsh_member, welsh):
    client.get(url("inspect", welsh_member))
    response = client.post(url("subject_access", welsh_member))
    assert response.status_code == 200
    assert response["Content-Disposition"] == (
        f'attachment; filename="{welsh_member.reference}-subject-access.html"'
    )
    document = response.content.decode()
    assert '<html lang="cy">' in document
    for value in ("Ffion Ŵyn", welsh_member.email, "07700 900321", "Prefers Welsh", "2026-11"):
        assert value in document
    # In the member's language, down to the names from the lists.
    assert welsh_member.crime_types.get().get_translation(welsh).name in document
    # The record's history is there, without naming staff.
    assert "Olwen" not in document and "Staffperson" not in document
    assert "staff-engagement" not in document
    entries = log_registry.get_logs_for_instance(welsh_member).filter(
        action="enrolment.subject_access"
    )
    assert entries.count() == 1


def test_subject_access_escapes_what_it_holds(client, engagement):
    member = MemberFactory(name="<script>alert('x')</script>")
    document = client.post(url("subject_access", member)).content.decode()
    assert "<script>" not in document
    assert "&lt;script&gt;" in document


def test_subject_access_needs_the_export_permission(client, django_user_model, welsh_member):
    Group.objects.get(name="Engagement team").permissions.remove(permission("export_member"))
    sign_in(client, make_user(django_user_model, "engagement"))
    response = client.post(url("subject_access", welsh_member))
    assert response.status_code == 302
    assert "Content-Disposition" not in response
    export = client.post(url("export"), {"columns": ["name"]})
    assert export.status_code == 302
    assert (
        url("subject_access", welsh_member)
        not in client.get(url("inspect", welsh_member)).content.decode()
    )


# --- each export on each member's own record ----------------------------------------------


def subject_access_file(client, member):
    return client.post(url("subject_access", member)).content.decode()


def test_an_export_is_on_each_exported_members_history_and_subject_access_file(client, engagement):
    area = Area.objects.canonical().first()
    other_area = Area.objects.canonical().exclude(pk=area.pk).first()
    exported = MemberFactory.create_batch(2, area=area, name="Secret Person")
    left_out = MemberFactory(area=other_area)
    client.post(url("export"), {"area": area.pk, "columns": ["name", "email"]})

    message = "Included in an exported member list (columns: Reference, Name, Email)"
    assert len(export_entries()) == 1  # and one summary, with the filters
    for member in exported:
        [entry] = log_registry.get_logs_for_instance(member).filter(action="enrolment.exported")
        assert entry.user == engagement
        # Which columns left, never what they held.
        assert entry.data == {"columns": ["reference", "name", "email"]}
        assert member.email not in json.dumps(entry.data)
        assert message in client.get(url("history", member)).content.decode()
        assert message in subject_access_file(client, member)
    assert not log_registry.get_logs_for_instance(left_out).filter(action="enrolment.exported")
    assert message not in client.get(url("history", left_out)).content.decode()
    assert "exported member list" not in subject_access_file(client, left_out)


def test_the_subject_access_file_names_the_exported_columns_in_the_members_language(
    client, engagement, welsh_member
):
    client.post(url("export"), {"columns": ["phone"]})
    document = subject_access_file(client, welsh_member)
    assert "gynnwys mewn rhestr aelodau a allforiwyd (colofnau: Cyfeirnod, Ffôn)" in document


@pytest.mark.parametrize("sensitive", [False, True])
def test_recording_an_export_on_each_member_takes_the_same_queries_for_5_or_200(
    client, engagement, sensitive
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    columns = ["name", "area", "crime_types", "age_band"] if sensitive else ["name"]

    def queries_for(count):
        Member.objects.all().delete()
        MemberFactory.create_batch(count)
        with CaptureQueriesContext(connection) as queries:
            table = rows(client.post(url("export"), {"columns": columns}))
        assert len(table) == count + 1
        entries = [
            log_registry.get_logs_for_instance(member).filter(action="enrolment.exported").count()
            for member in Member.objects.all()
        ]
        assert entries == [1] * count
        sql = [query["sql"] for query in queries.captured_queries]
        inserts = [q for q in sql if q.startswith('INSERT INTO "wagtailcore_modellogentry"')]
        return len(sql) - len(inserts), len(inserts)

    queries_for(1)  # the settings row and the content types, once and for all
    other_5, inserts_5 = queries_for(5)
    other_200, inserts_200 = queries_for(200)
    assert other_5 == other_200
    # One insert for the lot (SQLite takes at most 999 values in one, so a few there).
    assert inserts_5 == 2  # the members', then the summary
    assert inserts_200 <= (1 if connection.vendor == "postgresql" else 4) + 1
