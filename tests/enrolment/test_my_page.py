"""A member's own page, behind a MANAGE link: masked details, changes that wait for
confirmation, consents, leaving, and every change audited and flagged for staff."""

import re

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import translation
from wagtail import hooks
from wagtail.models import ModelLogEntry

from core.member_links import make_token
from enrolment.messaging import KINDS, deliver_message, issue_link, register_kind, send
from enrolment.models import (
    ConsentRecord,
    CrimeType,
    DemographicOption,
    Member,
    MemberLink,
    MemberMessage,
    Purpose,
)
from tests.enrolment.staff import url as staff_url
from tests.factories import MemberFactory

pytestmark = pytest.mark.django_db

MANAGE = MemberLink.Purpose.MANAGE


def page_url(name="my_page", language="en", **kwargs):
    with translation.override(language):
        return reverse(f"enrolment_public:{name}", kwargs=kwargs or None)


def open_session(client, member, purpose=MANAGE, target_id=None, language="en"):
    link = issue_link(member, purpose, target_id)
    with translation.override(language):
        path = reverse("enrolment_public:open_link", kwargs={"token": make_token(link.key)})
    response = client.post(path)
    assert response.status_code == 303
    return response


def audited(member, action="enrolment.changed_by_member"):
    return list(
        ModelLogEntry.objects.filter(object_id=str(member.pk), action=action).order_by("pk")
    )


def text(response):
    return response.content.decode()


@pytest.fixture
def member():
    return MemberFactory(
        email="someone.private@example.org",
        phone="07700 900456",
        phone_safe=True,
        address="1 Secret Lane, Llandeilo",
        letter_safe=True,
        safe_times="Tuesday mornings only",
        safe_contact_notes="Ask for Sam, never mention the group",
    )


@pytest.fixture
def signed_in(client, member):
    open_session(client, member)
    return client


# --- what the page shows -------------------------------------------------------------


@pytest.mark.parametrize("language", ["en", "cy"])
def test_the_page_shows_contact_details_masked_and_never_the_notes(client, member, language):
    opened = open_session(client, member, language=language)
    assert opened["Location"] == page_url(language=language)
    response = client.get(page_url(language=language))
    assert response.status_code == 200
    body = text(response)
    assert "…@example.org" in body
    assert "456" in body
    for secret in ("someone.private", "900456", "07700 900", "Secret Lane", "Sam", "Tuesday"):
        assert secret not in body
    assert "data-quick-exit" in body
    assert "no-cache" in response["Cache-Control"] or "no-store" in response["Cache-Control"]
    assert response["X-Robots-Tag"] == "noindex, nofollow"
    if language == "cy":
        assert page_url(language="cy") == "/cy/aelodaeth/fy-manylion/"
        assert "Eich manylion" in body
    else:
        assert page_url() == "/membership/my-details/"
        assert "Your details" in body


def test_sub_pages_never_show_stored_details_either(signed_in):
    for name in ("my_page_email", "my_page_phone", "my_page_address", "my_page_safe_contact"):
        body = text(signed_in.get(page_url(name)))
        for secret in ("someone.private", "900456", "Secret Lane", "Sam", "Tuesday"):
            assert secret not in body, name


def test_other_purposes_and_no_session_are_refused(client, member):
    assert client.get(page_url()).status_code == 403
    message = MemberMessage.objects.create(
        member=member, kind="update", channel="email", state="sent"
    )
    open_session(client, member, MemberLink.Purpose.MESSAGE, message.pk)
    for name in ("my_page", "my_page_email", "my_page_leave"):
        assert client.get(page_url(name)).status_code == 403, name
    response = client.post(page_url("my_page_phone"), {"phone": "07912 111222", "phone_safe": "on"})
    assert response.status_code == 403
    member.refresh_from_db()
    assert member.pending_phone == ""


def test_sections_from_other_apps_are_shown(signed_in):
    def invitations(request):
        return f"<h2>Your invitations</h2><p>for {request.member.reference}</p>"

    with hooks.register_temporarily("member_page_sections", invitations):
        body = text(signed_in.get(page_url()))
    assert "Your invitations" in body


# --- a new email: used only once the link sent to it is opened --------------------------


@pytest.mark.parametrize("language", ["en", "cy"])
def test_a_new_email_is_confirmed_by_a_link_sent_to_it_only(
    client, member, mailoutbox, django_capture_on_commit_callbacks, language
):
    Member.objects.filter(pk=member.pk).update(language=language)
    member.refresh_from_db()
    open_session(client, member, language=language)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            page_url("my_page_email", language),
            {"email": "new.address@example.net", "email_safe": "on"},
        )
    assert response.status_code == 303
    member.refresh_from_db()
    assert member.email == "someone.private@example.org"
    assert member.pending_email == "new.address@example.net"
    (email,) = mailoutbox
    assert email.to == ["new.address@example.net"]
    assert "new.address" not in email.subject
    assert ("Lleisiau Cymunedol" if language == "cy" else "Community Voices") in email.subject
    message = MemberMessage.objects.get(member=member, kind="confirm_contact")
    assert message.channel == "email" and message.state == "sent"

    # The old address is still the one in use until the link is opened.
    body = text(client.get(page_url(language=language)))
    assert "…@example.org" in body and "example.net" not in body

    link = re.search(r"https?://\S+", email.body).group(0)
    other = Client()
    opened = other.post("/" + link.split("/", 3)[3])
    assert opened["Location"] == page_url("confirm_email", language)
    confirmed = other.get(opened["Location"])
    assert confirmed.status_code == 200
    member.refresh_from_db()
    assert member.email == "new.address@example.net"
    assert member.pending_email == "" and member.email_safe
    assert Member.objects.with_email("new.address@example.net").get() == member
    assert audited(member, "enrolment.contact_confirmed")[0].data == {"channel": "email"}
    # Used once: the same address does not open it again.
    assert other.get(page_url("confirm_email", language)).status_code == 403


def test_a_new_email_needs_the_safe_box_and_a_real_change(signed_in, member, mailoutbox):
    response = signed_in.post(page_url("my_page_email"), {"email": "new@example.net"})
    assert response.status_code == 400
    assert "safe for us to email" in text(response)
    assert 'value="new@example.net"' in text(response)
    same = signed_in.post(
        page_url("my_page_email"), {"email": "Someone.Private@example.org", "email_safe": "on"}
    )
    assert same.status_code == 400
    assert "already have" in text(same)
    member.refresh_from_db()
    assert member.pending_email == "" and mailoutbox == []


# --- a new phone: used only once staff have called it -----------------------------------


def test_a_new_phone_waits_for_a_staff_call(signed_in, member, staff_client):
    response = signed_in.post(
        page_url("my_page_phone"), {"phone": "07912 111222", "phone_safe": "on"}
    )
    assert response.status_code == 303
    member.refresh_from_db()
    assert member.phone == "07700 900456" and member.pending_phone == "07912 111222"
    call = MemberMessage.objects.get(member=member, kind="confirm_contact")
    assert call.channel == "phone" and call.state == "to_call"

    staff = staff_client("engagement")
    record = text(staff.get(staff_url("inspect", member)))
    assert "New phone waiting to be confirmed by a call" in record
    assert "Changed by the member" in record
    assert staff.post(staff_url("confirm_phone", member), {}).status_code == 200
    member.refresh_from_db()
    assert member.phone == "07700 900456"
    done = staff.post(staff_url("confirm_phone", member), {"called": "on", "voicemail_safe": "on"})
    assert done.status_code == 302
    member.refresh_from_db()
    assert member.phone == "07912 111222" and member.pending_phone == ""
    assert member.phone_safe and member.voicemail_safe and not member.text_safe
    call.refresh_from_db()
    assert call.state == "called"
    # Nothing waiting any more: the action sends staff back to the record.
    assert staff.get(staff_url("confirm_phone", member)).status_code == 302


# --- removing a channel: at once, and nothing is sent to it -----------------------------


@pytest.fixture
def update_kind():
    saved = dict(KINDS)
    register_kind(MemberMessage.Kind.UPDATE)(
        lambda message: ("enrolment/membership/message.html", {"heading": "An update"})
    )
    yield
    KINDS.clear()
    KINDS.update(saved)


def test_nothing_is_sent_to_an_email_just_removed(signed_in, member, mailoutbox, update_kind):
    queued = send(member, MemberMessage.Kind.UPDATE)  # waiting in the queue
    assert queued.state == "queued"
    response = signed_in.post(page_url("my_page_email"), {"remove": "yes"})
    assert response.status_code == 303
    member.refresh_from_db()
    assert member.email == "" and not member.email_safe
    queued.refresh_from_db()
    assert queued.state == "cancelled"
    deliver_message.call(queued.pk)
    assert mailoutbox == []
    assert send(member, MemberMessage.Kind.UPDATE).channel != "email"


def test_removing_a_phone_or_address_takes_them_off_the_lists(signed_in, member, update_kind):
    Member.objects.filter(pk=member.pk).update(email_safe=False, preferred_contact="post")
    member.refresh_from_db()
    letter = send(member, MemberMessage.Kind.UPDATE)
    assert letter.state == "to_print"
    assert signed_in.post(page_url("my_page_address"), {"remove": "yes"}).status_code == 303
    letter.refresh_from_db()
    assert letter.state == "cancelled"
    member.refresh_from_db()
    call = send(member, MemberMessage.Kind.UPDATE)
    assert call.state == "to_call"
    assert signed_in.post(page_url("my_page_phone"), {"remove": "yes"}).status_code == 303
    call.refresh_from_db()
    assert call.state == "cancelled"
    member.refresh_from_db()
    assert (member.phone, member.address) == ("", "")
    assert not (member.phone_safe or member.letter_safe or member.voicemail_safe)


def test_the_last_way_to_reach_a_member_cannot_be_removed(client):
    only = MemberFactory(email="only@example.org")
    open_session(client, only)
    response = client.post(page_url("my_page_email"), {"remove": "yes"})
    assert response.status_code == 400
    assert "only way we have to reach you" in text(response)
    only.refresh_from_db()
    assert only.email == "only@example.org"


# --- consents: withdrawing as easy as giving, and the data goes at once ------------------


def test_withdrawing_consent_removes_its_data_at_once(client):
    crime_type = CrimeType.objects.canonical().first()
    age = DemographicOption.objects.filter(kind="age_band").first()
    member = MemberFactory(consents=[Purpose.CRIME_TYPES, Purpose.DEMOGRAPHICS], age_band=age)
    member.crime_types.set([crime_type])
    open_session(client, member)
    assert "Withdraw and delete these answers" in text(client.get(page_url()))

    response = client.post(page_url("my_page_consent", purpose="crime_types"), {"granted": "no"})
    assert response.status_code == 303
    assert not member.crime_types.exists()
    client.post(page_url("my_page_consent", purpose="demographics"), {"granted": "no"})
    member.refresh_from_db()
    assert member.age_band is None
    records = member.consent_records.filter(granted=False)
    assert {r.purpose for r in records} == {"crime_types", "demographics"}
    assert {r.channel for r in records} == {ConsentRecord.Channel.MEMBER_LINK}
    assert all(r.notice_version for r in records)

    # Without consent, the answers cannot be changed: the page offers the consent first.
    page = client.get(page_url("my_page_crime_types"))
    assert "I agree that you can keep them" in text(page)
    client.post(page_url("my_page_crime_types"), {"crime_types": [str(crime_type.pk)]})
    assert not member.crime_types.exists()

    # Giving it again is one button too; then the answers can be replaced.
    client.post(page_url("my_page_consent", purpose="crime_types"), {"granted": "yes"})
    assert member.has_consent(Purpose.CRIME_TYPES)
    saved = client.post(page_url("my_page_crime_types"), {"crime_types": [str(crime_type.pk)]})
    assert saved.status_code == 303
    assert list(member.crime_types.all()) == [crime_type]


def test_withdrawing_consent_to_contact_is_leaving(client, member):
    open_session(client, member, language="cy")
    confirm = client.post(page_url("my_page_consent", "cy", purpose="contact"), {"granted": "no"})
    assert confirm.status_code == 200
    assert member.status == "active"
    left = client.post(
        page_url("my_page_leave", "cy"), {"choice": "stop_contact", "confirmed": "yes"}
    )
    assert left.status_code == 200
    member.refresh_from_db()
    assert member.status == "withdrawn" and not member.has_consent(Purpose.CONTACT)
    assert member.consent_records.first().channel == ConsentRecord.Channel.MEMBER_LINK
    assert client.get(page_url(language="cy")).status_code == 403


def test_erasing_asks_once_then_ends_the_session(signed_in, member):
    asked = signed_in.post(page_url("my_page_leave"), {"choice": "erase"})
    assert asked.status_code == 200
    member.refresh_from_db()
    assert member.status == "active"
    signed_in.post(page_url("my_page_leave"), {"choice": "erase", "confirmed": "yes"})
    member.refresh_from_db()
    assert member.status == "erased" and member.email == "" and member.pending_email == ""
    assert signed_in.get(page_url()).status_code == 403


# --- every change audited with field names, and flagged for staff ------------------------


def test_every_change_is_audited_with_field_names_only(signed_in, member, staff_client):
    method = member.methods.model.objects.first()
    posts = [
        ("my_page_phone", {"phone": "07912 111222", "phone_safe": "on"}),
        ("my_page_address", {"address": "2 New Road", "letter_safe": "on"}),
        (
            "my_page_safe_contact",
            {
                "safe_channels": ["email", "phone"],
                "preferred_contact": "phone",
                "voicemail_safe": "on",
                "safe_times": "Evenings after seven",
            },
        ),
        (
            "my_page_about_you",
            {"language": "cy", "preferred_name": "Siân", "methods": [str(method.pk)]},
        ),
    ]
    for name, data in posts:
        assert signed_in.post(page_url(name), data).status_code == 303, name
    entries = audited(member)
    assert [sorted(entry.data["fields"]) for entry in entries] == [
        ["pending_phone"],
        ["address", "letter_safe"],
        ["letter_safe", "preferred_contact", "safe_times", "voicemail_safe"],
        ["language", "methods", "preferred_name"],
    ]
    for entry in entries:
        assert "Siân" not in str(entry.data) and "New Road" not in str(entry.data)
    member.refresh_from_db()
    assert member.safe_times == "Evenings after seven"
    assert member.safe_contact_notes == "Ask for Sam, never mention the group"
    assert member.changed_by_member_at is not None

    staff = staff_client("engagement")
    history = text(staff.get(staff_url("history", member)))
    assert "Changed by the member" in history
    staff.post(staff_url("changes_checked", member))
    member.refresh_from_db()
    assert member.changed_by_member_at is None
    assert audited(member, "enrolment.member_changes_checked")


def test_saving_without_a_change_writes_no_entry(signed_in, member):
    signed_in.post(page_url("my_page_crime_types"))  # no consent: nothing to change
    assert audited(member) == []


# --- hostile input: a clear message, nothing lost, never a 500 ----------------------------

HOSTILE = [
    "",
    "<script>alert('x')</script>",
    "ŵ ŷ â " * 400,
    "Ελληνικά и кириллица 中文",
    "bad\x07bell",
    "nul\x00byte",
]


@pytest.mark.parametrize("value", HOSTILE)
@pytest.mark.parametrize(
    ("name", "fields"),
    [
        ("my_page_email", ["email"]),
        ("my_page_phone", ["phone"]),
        ("my_page_address", ["address"]),
        (
            "my_page_safe_contact",
            ["safe_channels", "preferred_contact", "safe_times", "safe_contact_notes"],
        ),
        (
            "my_page_about_you",
            ["language", "preferred_name", "preferred_term", "own_term", "methods"],
        ),
        ("my_page_leave", ["choice"]),
    ],
)
def test_hostile_input_in_every_field(signed_in, member, name, fields, value):
    data = {field: value for field in fields}
    for language in ("en", "cy"):
        response = signed_in.post(page_url(name, language), data)
        assert response.status_code in (200, 303, 400), (name, language)
        if response.status_code == 400:
            body = text(response)
            assert 'class="error-summary"' in body
            assert "<script>alert" not in body
            if language == "cy":
                assert "Mae problem" in body
    member.refresh_from_db()
    assert member.email == "someone.private@example.org"


def test_what_was_typed_is_kept_in_other_alphabets(signed_in):
    typed = "Ŵyn ŷ â Ελληνικά"
    response = signed_in.post(
        page_url("my_page_about_you"),
        {"language": "xx", "preferred_name": typed, "own_term": typed},
    )
    assert response.status_code == 400
    assert typed in text(response)


def test_a_made_up_consent_purpose_or_answer_changes_nothing(signed_in, member):
    before = member.consent_records.count()
    for purpose, granted in (("everything", "no"), ("contact", "maybe"), ("demographics", "")):
        response = signed_in.post(
            page_url("my_page_consent", purpose=purpose), {"granted": granted}
        )
        assert response.status_code == 302
    assert member.consent_records.count() == before
