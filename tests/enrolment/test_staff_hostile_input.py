"""Hostile input in the staff area: scripts, huge strings, NUL bytes, wrong choices, other
alphabets. Nothing crashes, nothing is lost without an error, nothing runs."""

import pytest
from django.urls import reverse

from enrolment.models import Area, CrimeType, Member, Purpose
from tests.enrolment.staff import url
from tests.factories import MemberFactory

pytestmark = pytest.mark.django_db

SCRIPT = "<script>alert('member')</script>"
HUGE = "ŵ" * 200_000
ALPHABETS = "Ελληνικά 日本語 العربية Siân Ŵyn Prŷs â"


@pytest.fixture
def hostile_member():
    crime_type = CrimeType.objects.canonical().first()
    crime_type.name = f"{SCRIPT} crime"
    crime_type.save()
    area = Area.objects.canonical().first()
    area.name = f"{SCRIPT} area"
    area.save()
    member = MemberFactory(
        name=SCRIPT,
        preferred_name=HUGE,
        preferred_term=Member.PreferredTerm.OWN,
        own_term='"><img src=x onerror=alert(1)>',
        phone=ALPHABETS,
        address=f"{SCRIPT}\n{ALPHABETS}",
        safe_times=SCRIPT,
        safe_contact_notes=HUGE,
        staff_notes=SCRIPT,
        area=area,
        consents=[Purpose.CRIME_TYPES],
    )
    member.crime_types.set([crime_type])
    MemberFactory(status=Member.Status.PENDING, email=member.email, name=SCRIPT)
    return member


def assert_escaped(response):
    assert response.status_code == 200
    text = response.content.decode()
    assert SCRIPT not in text
    assert "<img src=x" not in text
    return text


def test_every_staff_page_shows_hostile_values_escaped(client, engagement, hostile_member):
    member = hostile_member
    pages = [
        url("index"),
        url("index_results"),
        url("inspect", member),
        url("inspect", member) + "?show=sensitive",
        url("edit", member),
        url("history", member),
        url("export"),
        url("subject_access", member),
        url("consent", member),
        url("merge", member),
        url("withdraw", member),
        url("erase", member),
        url("renew", member),
        url("withdrawal_link", member),
        reverse("wagtailadmin_reports:site_history"),
    ]
    for page in pages:
        assert_escaped(client.get(page))
    record = assert_escaped(client.get(url("inspect", member) + "?show=sensitive"))
    assert "&lt;script&gt;alert(&#x27;member&#x27;)&lt;/script&gt;" in record
    assert ALPHABETS in record
    assert HUGE in record
    assert_escaped(client.post(url("lookup"), {"query": member.email}))
    assert_escaped(client.post(url("lookup"), {"query": SCRIPT}))
    document = client.post(url("subject_access", member)).content.decode()
    assert SCRIPT not in document and "<img src=x" not in document


def edit_data(member, **changes):
    data = {
        "name": "Plain Name",
        "email": member.email,
        "preferred_contact": "email",
        "language": "en",
        "how_affected": "asb",
        "email_safe": "on",
    }
    data.update(changes)
    return data


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("name", "Nul\x00byte", "Null characters are not allowed."),
        ("staff_notes", "\x00", "Null characters are not allowed."),
        ("email", "a\x00@example.org", "Null characters are not allowed."),
        ("name", "x" * 200_001, "Ensure this value has at most 200 characters"),
        ("address", HUGE, "Ensure this value has at most 500 characters"),
        ("preferred_term", "overlord", "Select a valid choice."),
        ("language", "\x00", "Select a valid choice."),
        ("area", "\x00", "Null characters are not allowed."),
        ("area", "999999", "Select a valid choice."),
        ("methods", ["<script>"], "is not a valid value."),
        ("email", "not-an-email", "Enter a valid email address."),
        ("phone", "call me maybe", "Enter a phone number"),
    ],
)
def test_the_edit_form_refuses_hostile_input_clearly(client, engagement, field, value, message):
    member = MemberFactory(name="Original Name")
    response = client.post(url("edit", member), edit_data(member, **{field: value}))
    assert response.status_code == 200
    assert message in response.content.decode()
    member.refresh_from_db()
    assert member.name == "Original Name"


def test_the_edit_form_keeps_what_was_typed_on_error(client, engagement):
    member = MemberFactory()
    response = client.post(url("edit", member), edit_data(member, name=ALPHABETS, email="broken@"))
    assert ALPHABETS in response.content.decode()


def test_other_alphabets_and_welsh_letters_are_stored_exactly(client, engagement):
    member = MemberFactory()
    response = client.post(
        url("edit", member),
        edit_data(member, name=ALPHABETS, safe_times="Dydd Llun â'r ŷd", staff_notes=SCRIPT),
    )
    assert response.status_code == 302
    member.refresh_from_db()
    assert member.name == ALPHABETS
    assert member.safe_times == "Dydd Llun â'r ŷd"
    assert member.staff_notes == SCRIPT  # stored as typed, shown escaped
    record = assert_escaped(client.get(url("inspect", member)))
    assert ALPHABETS in record


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("lookup", {"query": "\x00"}),
        ("lookup", {"query": HUGE}),
        ("lookup", {"query": ""}),
        ("export", {"status": "\x00", "columns": ["<script>"]}),
        ("export", {"area": "nonsense", "term_ending_soon": HUGE}),
    ],
)
def test_list_forms_refuse_hostile_input_without_crashing(client, engagement, name, data):
    MemberFactory()
    response = client.post(url(name), data)
    assert response.status_code == 200
    assert "Content-Disposition" not in response
    assert "<script>" not in response.content.decode().split("</header>")[-1]


@pytest.mark.parametrize(
    ("action", "data"),
    [
        ("consent", {"purpose": "everything", "granted": "maybe", "channel": "phone"}),
        ("consent", {"purpose": "contact", "granted": "no", "channel": "\x00"}),
        ("withdraw", {"channel": HUGE}),
        ("erase", {"channel": "phone", "understood": ""}),
        ("merge", {"other": "\x00", "keep": "both"}),
    ],
)
def test_actions_refuse_hostile_input_and_change_nothing(client, engagement, action, data):
    member = MemberFactory()
    MemberFactory(email=member.email)
    records = member.consent_records.count()
    response = client.post(url(action, member), data)
    assert response.status_code == 200
    member.refresh_from_db()
    assert member.status == Member.Status.ACTIVE
    assert member.consent_records.count() == records


def test_hostile_filter_values_in_the_url(client, engagement):
    MemberFactory()
    for query in ("?status=%00", f"?how_affected={'x' * 5000}", "?area=-1", "?ordering=name"):
        response = client.get(url("index") + query)
        assert response.status_code == 200, query[:30]
