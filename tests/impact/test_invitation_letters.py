"""Invitation letters: one page per member, in their language, the address only on this
page, nothing but the sender and the address on the outside, then marked posted."""

import html

import pytest
from wagtail.models import ModelLogEntry

from core.member_links import read_token
from enrolment.models import Member, MemberMessage
from impact.models import ImpactSettings
from tests.factories import InvitingActivityFactory
from tests.html import parse
from tests.support.invitations import ADDRESS, by_email, by_letter, send_invitation, url

pytestmark = pytest.mark.django_db

# Words that must never show through an envelope's window.
FORBIDDEN_OUTSIDE = (
    "victim",
    "crime",
    "abuse",
    "police",
    "court",
    "llys",
    "trosedd",
    "dioddef",
    "heddlu",
    "commissioner",
    "comisiynydd",
    "network",
    "rhwydwaith",
)


@pytest.fixture
def activity():
    return InvitingActivityFactory(title="Court letters review")


def letters_page(client, activity):
    response = client.get(url("invitation_letters", activity))
    assert response.status_code == 200
    assert "no-cache" in response.get("Cache-Control", "") or "no-store" in response.get(
        "Cache-Control", ""
    )
    return parse(response)


def test_one_letter_per_member_each_in_their_language_with_the_address(
    client, engagement, activity
):
    english = by_letter(name="Siân Prŷs", language="en")
    welsh = by_letter(name="Ŵyn ap Dafydd", language="cy", address="2 Stryd Fawr\nAberhonddu")
    by_email()  # emailed, so no letter
    send_invitation(client, activity, [english, welsh])

    page = letters_page(client, activity)
    letters = page.select("article.letter")
    assert [letter["data-letter"] for letter in letters] == sorted(
        [english.reference, welsh.reference]
    )
    by_reference = {letter["data-letter"]: letter for letter in letters}

    first = by_reference[english.reference]
    assert first["lang"] == "en"
    window = first.select_one("[data-outside]").get_text("\n")
    assert "Siân Prŷs" in window and "Heol y Bont" in window and "SA31 1AA" in window
    assert "Community Voices" in window
    body = first.get_text(" ")
    assert activity.invitation_purpose in body and activity.invitation_purpose_cy not in body
    assert "How to reply" in body
    assert "Dear Siân Prŷs," in body

    second = by_reference[welsh.reference]
    assert second["lang"] == "cy"
    assert "Lleisiau Cymunedol" in second.select_one("[data-outside]").get_text()
    assert "Aberhonddu" in second.select_one("[data-outside]").get_text()
    body = second.get_text(" ")
    assert activity.invitation_purpose_cy in body and activity.invitation_purpose not in body
    assert "30 Mehefin 2030" in body


def test_each_letter_starts_a_new_page_when_printed(client, engagement, activity):
    send_invitation(client, activity, [by_letter(), by_letter()])
    page = letters_page(client, activity)
    stylesheet = page.select_one('link[rel="stylesheet"]')["href"]
    assert stylesheet.endswith("css/letters.css")
    from pathlib import Path

    from django.contrib.staticfiles import finders

    css = Path(finders.find("css/letters.css")).read_text(encoding="utf-8")
    assert "page-break-after: always" in css
    assert ".no-print" in css
    assert "no-print" in page.select_one(".letters-toolbar")["class"]


@pytest.mark.parametrize("may_say_opcc", [False, True])
@pytest.mark.parametrize("language", ["en", "cy"])
def test_the_outside_shows_only_the_sender_and_the_address(
    client, engagement, activity, language, may_say_opcc
):
    member = by_letter(language=language, may_say_opcc=may_say_opcc)
    send_invitation(client, activity, [member])
    window = letters_page(client, activity).select_one("[data-outside]")
    sender = window.select_one(".letter__from").get_text().strip()
    assert (sender in ("Community Voices", "Lleisiau Cymunedol")) is not may_say_opcc
    # The office's own name shows only where the member allowed it; nothing else may.
    outside = window.get_text(" ").lower().replace(sender.lower(), "")
    for word in (*FORBIDDEN_OUTSIDE, activity.partner.name.lower(), activity.title.lower()):
        assert word not in outside, word
    lines = [line.strip() for line in window.get_text("\n").splitlines() if line.strip()]
    assert lines[1:] == [member.name, *ADDRESS.splitlines()]


def test_how_to_reply_by_link_phone_and_post(client, engagement, activity):
    settings = ImpactSettings.load()
    settings.letter_reply_address = "Blwch Post 99\nCaerfyrddin"
    settings.save()
    member = by_letter(may_say_opcc=True)
    send_invitation(client, activity, [member])
    message = MemberMessage.objects.get(member=member)
    body = letters_page(client, activity).select_one("article.letter").get_text(" ")
    printed = letters_page(client, activity).select_one(".letter__link").get_text()

    # The token is signed with the time it is made, so compare the link it opens.
    assert "/membership/open/" in printed
    token = printed.rstrip("/").rsplit("/", 1)[1]
    assert read_token(token, max_age_seconds=60) == message.link.key
    assert "01267 226440" in body
    assert "Blwch Post 99" in body


def test_the_team_phone_is_left_out_when_the_office_may_not_be_named(client, engagement, activity):
    member = by_letter(may_say_opcc=False)
    send_invitation(client, activity, [member])
    body = letters_page(client, activity).select_one("article.letter").get_text(" ")
    assert "01267 226440" not in body


def test_showing_the_letters_is_audited_on_each_member(client, engagement, activity):
    members = [by_letter(), by_letter()]
    send_invitation(client, activity, members)
    letters_page(client, activity)
    for member in members:
        entry = ModelLogEntry.objects.get(object_id=str(member.pk), action="impact.in_letters")
        assert entry.data == {"activity": activity.pk}
        assert entry.user_id == engagement.pk
    on_activity = ModelLogEntry.objects.get(
        object_id=str(activity.pk), action="impact.letters_printed"
    )
    assert on_activity.data == {"count": 2}


def test_a_member_who_left_since_is_not_printed(client, engagement, activity):
    stays, leaves = by_letter(), by_letter()
    send_invitation(client, activity, [stays, leaves])
    leaves.set_status(Member.Status.WITHDRAWN)
    page = letters_page(client, activity)
    assert [letter["data-letter"] for letter in page.select("article.letter")] == [stays.reference]
    assert leaves.reference in page.select_one(".letters-toolbar").get_text()
    assert "Heol y Bont" not in str(page.select_one(".letters-toolbar"))


def test_marking_letters_posted_records_each_once(client, engagement, activity):
    first, second = by_letter(), by_letter()
    send_invitation(client, activity, [first, second])
    ticked = MemberMessage.objects.get(member=first)
    response = client.post(
        url("letters_posted", activity), {"letter": [str(ticked.pk), "٣", "9" * 40, "x"]}
    )
    assert response.status_code == 302
    states = dict(MemberMessage.objects.values_list("member_id", "state"))
    assert states == {first.pk: "posted", second.pk: "to_print"}
    client.post(url("letters_posted", activity), {"letter": [str(ticked.pk)]})
    assert (
        ModelLogEntry.objects.filter(
            object_id=str(first.pk), action="enrolment.message_outcome"
        ).count()
        == 1
    )
    page = letters_page(client, activity)
    assert [letter["data-letter"] for letter in page.select("article.letter")] == [second.reference]


def test_another_activitys_letters_cannot_be_marked_from_this_one(client, engagement, activity):
    other = InvitingActivityFactory()
    member = by_letter()
    send_invitation(client, other, [member])
    message = MemberMessage.objects.get(member=member)
    client.post(url("letters_posted", activity), {"letter": [str(message.pk)]})
    message.refresh_from_db()
    assert message.state == "to_print"


def test_the_letters_page_is_in_welsh_for_a_welsh_speaker(client, django_user_model, activity):
    from tests.enrolment.staff import make_user, prefer_welsh, sign_in

    user = make_user(django_user_model, "engagement")
    prefer_welsh(user)
    sign_in(client, user)
    send_invitation(client, activity, [by_letter(language="en")])
    page = html.unescape(client.get(url("invitation_letters", activity)).content.decode())
    assert "Marcio'r llythyrau a diciwyd fel rhai wedi'u postio" in page
    # The letter itself stays in the member's language.
    assert "How to reply" in page
