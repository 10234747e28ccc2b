"""Letters and calls: every message waiting to be posted or called, printed as the envelope
on paper or called with the safe-contact plan first, then marked done once."""

import datetime
import re

import pytest
import time_machine
from django.urls import reverse
from wagtail.models import ModelLogEntry

# Every kind registers itself where it is built; these imports make sure they all have.
import enrolment.member_messages  # noqa: F401
import enrolment.renewal  # noqa: F401
import impact.notify  # noqa: F401
import impact.reminders  # noqa: F401
import impact.sending  # noqa: F401
import impact.updates  # noqa: F401
from enrolment.messaging import issue_link, list_call_to_confirm_phone, send
from enrolment.models import ConsentRecord, Member, MemberLink, MemberMessage, MembershipSettings
from tests.factories import InvitationFactory
from tests.html import parse
from tests.support.invitations import ADDRESS, by_letter, by_phone

pytestmark = pytest.mark.django_db

Kind = MemberMessage.Kind
State = MemberMessage.State
NOW = "2041-03-10 10:00"
TODAY = datetime.date(2041, 3, 10)
FORBIDDEN = (
    "victim",
    "survivor",
    "crime",
    "abuse",
    "dioddefwr",
    "goroeswr",
    "trosedd",
    "cam-drin",
)
# Kinds printed here (an invitation is printed with its activity's letters).
KINDS_HERE = [kind for kind in Kind.values if kind != Kind.INVITATION]


@pytest.fixture(autouse=True)
def frozen():
    with time_machine.travel(NOW, tick=False):
        yield


def url(name, *args, **query):
    address = reverse(f"enrolment_waiting:{name}", args=args)
    if query:
        address += "?" + "&".join(f"message={pk}" for pk in query["messages"])
    return address


def unknown_language(member):
    Member.objects.filter(pk=member.pk).update(language="")
    return Member.objects.get(pk=member.pk)


def message_to(member, kind, **options):
    if kind == Kind.CONFIRMATION:
        Member.objects.filter(pk=member.pk).update(status=Member.Status.PENDING)
        member.refresh_from_db()
    message = send(member, kind, **options)
    assert message is not None, kind
    return message


def letters(client, *messages):
    response = client.get(url("letters", messages=[m.pk for m in messages]))
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"] or "no-cache" in response["Cache-Control"]
    return parse(response)


def letter_of(page, member):
    return page.select_one(f'article.letter[data-letter="{member.reference}"]')


def history(member, action):
    return ModelLogEntry.objects.filter(
        object_id=str(member.pk), action=action, content_type__model="member"
    )


# --- the list -----------------------------------------------------------------------------


def test_the_list_shows_each_waiting_message_by_reference_with_counts(client, engagement):
    letter = message_to(by_letter(name="Unseen Name"), Kind.RENEWAL)
    call = message_to(by_phone(), Kind.UPDATE, target_id=1)
    emailed = message_to(
        by_letter(email="a@example.org", email_safe=True, preferred_contact="email"), Kind.RENEWAL
    )
    response = client.get(url("index"))
    assert response.status_code == 200
    page = parse(response)
    text = page.get_text()
    assert page.select_one(f'[data-letters] tr[data-message="{letter.pk}"]')
    assert page.select_one(f'[data-calls] tr[data-message="{call.pk}"]')
    assert not page.select(f'tr[data-message="{emailed.pk}"]')
    assert letter.member.reference in text
    assert "Unseen Name" not in text and ADDRESS.splitlines()[0] not in text
    record = reverse("enrolment_members:inspect", args=[letter.member.pk])
    assert page.select_one(f'[data-letters] a[href="{record}"]')
    counts = {
        row.th.get_text(strip=True): [td.get_text(strip=True) for td in row.select("td")]
        for row in page.select("[data-counts] tbody tr")
    }
    assert int(counts["Renewal"][0]) >= 1 and int(counts["Update"][1]) >= 1


def test_an_invitation_links_to_its_activitys_letters_instead(client, engagement):
    member = by_letter()
    invitation = InvitationFactory(member=member)
    message = message_to(member, Kind.INVITATION, target_id=invitation.pk)
    page = parse(client.get(url("index")))
    row = page.select_one(f'[data-elsewhere] tr[data-message="{message.pk}"]')
    letters_url = reverse("impact_activities:invitation_letters", args=[invitation.activity_id])
    assert row.select_one(f'a[href="{letters_url}"]')
    assert not page.select_one(f'[data-letters] tr[data-message="{message.pk}"]')
    printed = letters(client, message)
    assert letter_of(printed, member) is None
    message.refresh_from_db()
    assert message.state == State.TO_PRINT


# --- letters ------------------------------------------------------------------------------


def test_letters_in_english_in_welsh_and_in_both_when_unknown(client, engagement):
    english = by_letter(name="Siân Prŷs", language="en")
    welsh = by_letter(name="Ŵyn ap Dafydd", language="cy", address="2 Stryd Fawr\nAberhonddu")
    unknown = unknown_language(by_letter(name="Âli Jones"))
    found = [message_to(member, Kind.RENEWAL) for member in (english, welsh, unknown)]
    page = letters(client, *found)

    english_letter = letter_of(page, english)
    assert english_letter["lang"] == "en"
    assert english_letter.select_one("[data-outside]").get_text(" ", strip=True) == (
        "Community Voices Siân Prŷs 1 Heol y Bont Caerfyrddin SA31 1AA"
    )
    text = english_letter.get_text(" ", strip=True)
    assert "There is a message for you from Community Voices" in text
    assert "/membership/open/" in text or "/membership/" in text
    assert "24 March 2041" in text  # the link's expiry, fourteen days on

    welsh_letter = letter_of(page, welsh)
    assert welsh_letter["lang"] == "cy"
    assert [part["data-letter-part"] for part in welsh_letter.select("[data-letter-part]")] == [
        "cy"
    ]
    welsh_text = welsh_letter.get_text(" ", strip=True)
    assert "Lleisiau Cymunedol" in welsh_text and "/cy/" in welsh_text
    assert "There is a message" not in welsh_text
    assert "Mawrth 2041" in welsh_text

    both = letter_of(page, unknown)
    assert [part["data-letter-part"] for part in both.select("[data-letter-part]")] == [
        "cy",
        "en",
    ]
    for member in (english, welsh, unknown):
        assert history(member, "enrolment.in_letters").count() == 1


def test_the_teams_phone_only_where_the_office_may_be_named(client, engagement):
    neutral = by_letter(may_say_opcc=False)
    named = by_letter(may_say_opcc=True)
    found = [message_to(member, Kind.RENEWAL) for member in (neutral, named)]
    page = letters(client, *found)
    phone = MembershipSettings.load().contact_phone
    assert phone not in letter_of(page, neutral).get_text()
    assert phone in letter_of(page, named).get_text()


@pytest.mark.parametrize("kind", KINDS_HERE)
@pytest.mark.parametrize("language", ["en", "cy", ""])
def test_no_forbidden_word_on_a_letter_of_any_kind(client, engagement, kind, language):
    member = by_letter(language=language or "en", may_say_opcc=False, name="Rhian Morgan")
    if not language:
        member = unknown_language(member)
    if kind == Kind.CONFIRM_CONTACT:
        # Confirming a new email address never goes by post: a letter cannot hold one.
        message = MemberMessage.objects.create(
            member=member,
            kind=kind,
            channel=MemberMessage.Channel.POST,
            state=State.TO_PRINT,
            language=language,
            link=issue_link(member, MemberLink.Purpose.CONFIRM_CONTACT),
        )
    else:
        message = message_to(member, kind, target_id=987654)
    article = letter_of(letters(client, message), member)
    assert article is not None, kind
    text = re.sub(r"https?://\S+", "", article.get_text(" ", strip=True)).lower()
    for word in FORBIDDEN:
        assert word not in text, (kind, word)


def test_hostile_names_are_printed_as_text(client, engagement):
    member = by_letter(name="<script>alert(1)</script> Ŵŷâ", address="<b>1</b> Ffordd ŵ\nالقاهرة")
    message = message_to(member, Kind.RENEWAL)
    response = client.get(url("letters", messages=[message.pk]))
    assert b"<script>alert(1)" not in response.content
    assert "&lt;script&gt;alert(1)&lt;/script&gt; Ŵŷâ" in response.content.decode()
    assert "القاهرة" in response.content.decode()


def withdrawn(member):
    member.set_status(Member.Status.WITHDRAWN)


def erased(member):
    member.erase()


def letters_unsafe(member):
    member.letter_safe = False
    member.save()


def link_ended(member):
    for link in MemberLink.objects.filter(member=member):
        link.end(MemberLink.Ending.SUPERSEDED)


@pytest.mark.parametrize("change", [withdrawn, erased, letters_unsafe, link_ended])
def test_nothing_printed_for_a_member_who_can_no_longer_receive_it(client, engagement, change):
    member = by_letter(name="Gone Away")
    message = message_to(member, Kind.UPDATE, target_id=1)
    change(Member.objects.get(pk=member.pk))
    response = client.get(url("letters", messages=[message.pk]))
    page = parse(response)
    assert letter_of(page, member) is None
    assert "Gone Away" not in response.content.decode()
    assert page.select_one(f'[data-cancelled="{message.pk}"]')
    message.refresh_from_db()
    assert message.state == State.CANCELLED
    assert history(member, "enrolment.in_letters").count() == 0


def test_a_letter_expired_is_cancelled_on_the_list_too(client, engagement):
    message = message_to(by_letter(), Kind.RENEWAL)
    MemberLink.objects.filter(pk=message.link_id).update(
        expires_at=message.link.created_at + datetime.timedelta(minutes=1)
    )
    with time_machine.travel("2041-03-10 10:05", tick=False):
        page = parse(client.get(url("index")))
    assert page.select_one(f'[data-cancelled="{message.pk}"]')
    message.refresh_from_db()
    assert message.state == State.CANCELLED


def test_staff_choose_which_to_print_and_mark_those_posted_once(client, engagement):
    first, second = by_letter(), by_letter()
    one = message_to(first, Kind.RENEWAL)
    two = message_to(second, Kind.RENEWAL)
    page = letters(client, one)
    assert letter_of(page, first) is not None and letter_of(page, second) is None

    for _attempt in range(2):
        response = client.post(url("letters_posted"), {"letter": [str(one.pk)]})
        assert response.status_code == 302
    one.refresh_from_db()
    two.refresh_from_db()
    assert one.state == State.POSTED and two.state == State.TO_PRINT
    assert history(first, "enrolment.message_outcome").count() == 1


@pytest.mark.parametrize("value", ["", "٣", "9" * 40, "<script>", "-1", "ŵ"])
def test_hostile_ticks_change_nothing(client, engagement, value):
    message = message_to(by_letter(), Kind.RENEWAL)
    response = client.post(url("letters_posted"), {"letter": [value]})
    assert response.status_code == 302
    assert client.get(url("letters") + f"?message={value}").status_code == 200
    message.refresh_from_db()
    assert message.state == State.TO_PRINT


# --- calls --------------------------------------------------------------------------------


def calls(client):
    response = client.get(url("calls"))
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"] or "no-cache" in response["Cache-Control"]
    return response


def section_of(response, message):
    return parse(response).select_one(f'[data-call="{message.pk}"]')


def test_the_safety_plan_and_prompt_come_before_the_number_and_what_to_say(client, engagement):
    member = by_phone(voicemail_safe=False, may_say_opcc=False, safe_times="Weekday mornings")
    message = message_to(member, Kind.STORY_PUBLISHED, target_id=1)
    section = section_of(calls(client), message)
    html = str(section)
    plan = html.index("data-safety-plan")
    prompt = html.index("data-safety-prompt")
    assert plan < prompt < html.index("data-phone") < html.index("data-what-to-say")
    assert "Ask: is now a safe time to talk?" in section.get_text()
    assert "Weekday mornings" in section.get_text()
    assert "Not safe: leave no message" in section.get_text()
    assert "07700 900123" in section.select_one("[data-phone]").get_text()
    assert history(member, "enrolment.on_call_list").count() == 1


def test_the_phone_number_is_shown_only_on_the_call_list(client, engagement):
    message = message_to(by_phone(), Kind.UPDATE, target_id=1)
    assert "07700 900123" not in client.get(url("index")).content.decode()
    assert "07700 900123" in str(section_of(calls(client), message))


def test_a_member_no_longer_safe_by_phone_is_not_called(client, engagement):
    member = by_phone()
    message = message_to(member, Kind.UPDATE, target_id=1)
    Member.objects.filter(pk=member.pk).update(phone_safe=False)
    response = calls(client)
    assert section_of(response, message) is None
    assert "07700 900123" not in response.content.decode()
    message.refresh_from_db()
    assert message.state == State.CANCELLED


def renewal_due(**fields):
    member = by_phone(**fields)
    Member.objects.filter(pk=member.pk).update(
        term_ends_on=TODAY + datetime.timedelta(days=30),
        renewal_asked_for=TODAY + datetime.timedelta(days=30),
    )
    return Member.objects.get(pk=member.pk)


def test_a_yes_on_the_call_renews_as_the_members_own_page_does(client, engagement):
    member = renewal_due()
    message = message_to(member, Kind.RENEWAL)
    section = section_of(calls(client), message)
    assert "another three years" in section.get_text()
    data = {f"call-{message.pk}-answer": "yes"}
    for _attempt in range(2):
        client.post(url("record_call", message.pk), data)
    member.refresh_from_db()
    message.refresh_from_db()
    assert message.state == State.CALLED
    assert member.term_ends_on == datetime.date(2044, 4, 9)
    assert member.renewal_answer == Member.RenewalAnswer.YES
    consent = member.consent_records.first()
    assert consent.granted and consent.channel == ConsentRecord.Channel.PHONE
    assert consent.recorded_by == engagement
    assert history(member, "enrolment.renew").count() == 1


def test_a_no_on_the_call_is_recorded_and_the_term_runs_out(client, engagement):
    member = renewal_due()
    message = message_to(member, Kind.RENEWAL)
    client.post(url("record_call", message.pk), {f"call-{message.pk}-answer": "no"})
    member.refresh_from_db()
    assert member.renewal_answer == Member.RenewalAnswer.NO
    assert member.term_ends_on == datetime.date(2041, 4, 9)


def test_a_call_needs_an_answer_and_keeps_waiting_without_one(client, engagement):
    member = renewal_due()
    message = message_to(member, Kind.RENEWAL)
    response = client.post(url("record_call", message.pk), {f"call-{message.pk}-answer": "maybe"})
    assert response.status_code == 302
    message.refresh_from_db()
    assert message.state == State.TO_CALL


def test_a_new_number_to_confirm_is_called_and_confirmed_on_the_record(client, engagement):
    member = by_phone()
    Member.objects.filter(pk=member.pk).update(pending_phone="07700 900999")
    member.refresh_from_db()
    message = list_call_to_confirm_phone(member)
    section = section_of(calls(client), message)
    assert "07700 900999" in section.select_one("[data-phone]").get_text()
    confirm = reverse("enrolment_members:confirm_phone", args=[member.pk])
    assert section.select_one(f'a[href="{confirm}"]')


def test_a_new_number_to_confirm_is_not_called_an_email_address(client, engagement):
    member = by_phone()
    Member.objects.filter(pk=member.pk).update(pending_phone="07700 900999")
    member.refresh_from_db()
    message = list_call_to_confirm_phone(member)
    listed = parse(client.get(url("index"))).select_one(f'tr[data-message="{message.pk}"]')
    heading = section_of(calls(client), message).select_one("h2")
    for text in (listed.get_text(" ", strip=True), heading.get_text(" ", strip=True)):
        assert "Confirm new contact details" in text
        assert "email" not in text


def test_an_update_on_the_call_is_sent_the_way_they_choose(client, engagement):
    member = by_phone(email="safe@example.org", email_safe=True, preferred_contact="phone")
    message = message_to(member, Kind.UPDATE, target_id=5)
    form = section_of(calls(client), message).select_one("form")
    assert {field["value"] for field in form.select("input[type=radio]")} == {
        "email",
        "neither",
    }
    client.post(url("record_call", message.pk), {f"call-{message.pk}-send_by": "email"})
    message.refresh_from_db()
    assert message.state == State.CALLED
    again = MemberMessage.objects.filter(member=member, kind=Kind.UPDATE).exclude(pk=message.pk)
    assert [(m.channel, m.target_id) for m in again] == [("email", 5)]


def test_a_call_is_marked_once(client, engagement):
    member = by_phone()
    message = message_to(member, Kind.MEMBERSHIP_LINK)
    client.post(url("record_call", message.pk), {})
    client.post(url("record_call", message.pk), {})
    message.refresh_from_db()
    assert message.state == State.CALLED
    assert history(member, "enrolment.message_outcome").count() == 1


def test_the_pages_in_welsh_for_a_welsh_speaking_colleague(client, engagement):
    from tests.enrolment.staff import prefer_welsh

    prefer_welsh(engagement)
    message_to(by_letter(), Kind.RENEWAL)
    response = client.get(url("index"))
    assert response.status_code == 200
    assert "Llythyrau" in response.content.decode()
