"""Asking members whether they want another term, and what they answer through the link."""

import datetime
import io
import re

import pytest
import time_machine
from django.core.management import call_command
from django.urls import reverse
from django.utils import translation
from wagtail.models import ModelLogEntry

from core.member_links import make_token
from enrolment.membership import DESTINATIONS
from enrolment.messaging import issue_link
from enrolment.models import ConsentRecord, Member, MemberLink, MemberMessage, PrivacyNotice
from tests.factories import MemberFactory

pytestmark = pytest.mark.django_db

# Long after every demo member's term has ended, so only these tests' members are due.
NOW = "2041-03-10 10:00"
TODAY = datetime.date(2041, 3, 10)
DAY = datetime.timedelta(days=1)


@pytest.fixture(autouse=True)
def frozen():
    with time_machine.travel(NOW, tick=False) as traveller:
        yield traveller


def ending_in(days, **fields):
    member = MemberFactory(**fields)
    Member.objects.filter(pk=member.pk).update(term_ends_on=TODAY + days * DAY)
    return Member.objects.get(pk=member.pk)


def ask(capture):
    out = io.StringIO()
    with capture(execute=True):
        call_command("ask_for_renewals", stdout=out)
    return out.getvalue()


def link_in(body):
    return re.search(r"https?://\S+", body).group(0)


def path_of(url):
    return "/" + url.split("/", 3)[3]


def open_session(client, member, purpose=MemberLink.Purpose.RENEWAL, language="en"):
    link = issue_link(member, purpose)
    with translation.override(language):
        path = reverse("enrolment_public:open_link", kwargs={"token": make_token(link.key)})
    return client.post(path, follow=True)


def renew_url(language="en"):
    with translation.override(language):
        return reverse("enrolment_public:renew")


def answers(member):
    return list(
        ModelLogEntry.objects.filter(
            object_id=str(member.pk), action="enrolment.renewal_answer"
        ).values_list("data__answer", flat=True)
    )


# --- asking ---------------------------------------------------------------------------


def test_members_whose_term_ends_within_60_days_are_asked_once(
    mailoutbox, django_capture_on_commit_callbacks
):
    soon = ending_in(30, may_say_opcc=False)
    edge = ending_in(60)
    later = ending_in(61)
    pending = MemberFactory(status=Member.Status.PENDING)

    output = ask(django_capture_on_commit_callbacks)
    assert "Asked 2 member(s)" in output and "emailed: 2" in output
    assert sorted(email.to[0] for email in mailoutbox) == sorted([soon.email, edge.email])
    email = next(email for email in mailoutbox if email.to == [soon.email])
    assert email.subject == "A message from Community Voices"
    assert "renew" not in email.body.lower() and "Community Voices" in email.body
    for member in soon, edge:
        member.refresh_from_db()
        assert member.renewal_asked_for == member.term_ends_on
        message = member.messages.get()
        assert message.kind == "renewal" and message.link.purpose == "renewal"
    assert not later.messages.exists() and not pending.messages.exists()

    # A second run, the same day or the next, asks nobody again.
    assert "Asked 0 member(s)" in ask(django_capture_on_commit_callbacks)
    assert len(mailoutbox) == 2
    assert MemberMessage.objects.filter(kind="renewal").count() == 2
    # Output names nobody.
    assert soon.reference not in output and soon.email not in output


def test_a_member_with_no_safe_channel_is_listed_not_contacted(
    mailoutbox, django_capture_on_commit_callbacks, staff_client
):
    unsafe = ending_in(20, email_safe=False)
    by_letter = ending_in(20, email_safe=False, letter_safe=True, address="1 Stryd y Bont")
    output = ask(django_capture_on_commit_callbacks)
    assert "listed with no safe channel: 1" in output and "listed for a letter: 1" in output
    assert mailoutbox == []
    assert unsafe.messages.get().state == MemberMessage.State.NOT_SENT
    assert by_letter.messages.get().state == MemberMessage.State.TO_PRINT
    page = staff_client("engagement").get(reverse("wagtailadmin_home")).content.decode()
    no_channel = re.search(r"data-renewal-no-channel>(.*?)</p>", page, re.S).group(1)
    assert unsafe.reference in no_channel and by_letter.reference not in no_channel
    to_print = re.search(r"data-renewal-to-print>(.*?)</p>", page, re.S).group(1)
    assert by_letter.reference in to_print


def test_a_renewed_term_is_asked_about_again_nearer_its_end(
    frozen, mailoutbox, django_capture_on_commit_callbacks
):
    member = ending_in(10)
    ask(django_capture_on_commit_callbacks)
    member.refresh_from_db()
    member.renew()
    frozen.move_to(datetime.datetime(2044, 2, 20, 10, 0))
    assert "Asked 1 member(s)" in ask(django_capture_on_commit_callbacks)
    assert member.messages.filter(kind="renewal").count() == 2


def test_a_dry_run_asks_nobody(mailoutbox, django_capture_on_commit_callbacks):
    ending_in(10)
    out = io.StringIO()
    call_command("ask_for_renewals", "--dry-run", stdout=out)
    assert "Would ask 1 member(s)" in out.getvalue()
    assert not MemberMessage.objects.exists()


# --- answering ------------------------------------------------------------------------


def test_the_email_link_opens_the_renewal_page_with_the_term_end_date(
    client, mailoutbox, django_capture_on_commit_callbacks
):
    member = ending_in(30)
    ask(django_capture_on_commit_callbacks)
    page = client.post(path_of(link_in(mailoutbox[0].body)), follow=True)
    assert page.redirect_chain[-1][0] == "/membership/renew/"
    html = page.content.decode()
    assert "9 April 2041" in html
    assert "data-quick-exit" in html and 'name="answer"' in html
    assert page["Cache-Control"].startswith("max-age=0") or "no-cache" in page["Cache-Control"]
    assert page["X-Robots-Tag"] == "noindex, nofollow"
    assert member.email not in html and member.name not in html


def test_welsh_members_get_the_welsh_page(client, mailoutbox, django_capture_on_commit_callbacks):
    ending_in(30, language=Member.Language.WELSH)
    ask(django_capture_on_commit_callbacks)
    page = client.post(path_of(link_in(mailoutbox[0].body)), follow=True)
    assert page.redirect_chain[-1][0] == "/cy/aelodaeth/adnewyddu/"
    html = page.content.decode()
    assert "Ebrill 2041" in html
    assert "Tair blynedd arall?" in html


def test_yes_renews_from_the_old_end_date_and_records_consent_again(client, english):
    member = ending_in(30)
    old_end = member.term_ends_on
    open_session(client, member)
    page = client.post(renew_url(), {"answer": "yes"})
    assert page.status_code == 200
    member.refresh_from_db()
    assert member.term_ends_on == datetime.date(2044, 4, 9) == old_end.replace(year=2044)
    assert member.status == Member.Status.ACTIVE
    assert member.renewal_answer == "yes"
    record = member.consent_records.order_by("-recorded_at", "-pk").first()
    assert record.channel == ConsentRecord.Channel.MEMBER_LINK and record.granted
    assert record.notice_version == PrivacyNotice.current(english).version
    assert "9 April 2044" in page.content.decode()
    assert answers(member) == ["yes"]
    assert ModelLogEntry.objects.filter(object_id=str(member.pk), action="enrolment.renew").exists()

    # The member's own change keeps the page open; a second "yes" adds nothing.
    again = client.post(renew_url(), {"answer": "yes"})
    assert again.status_code == 200
    member.refresh_from_db()
    assert member.term_ends_on == datetime.date(2044, 4, 9)
    assert "9 April 2044" in again.content.decode()


def test_yes_in_welsh_records_the_welsh_notice(client, welsh):
    member = ending_in(30, language=Member.Language.WELSH)
    open_session(client, member, language="cy")
    page = client.post(renew_url("cy"), {"answer": "yes"})
    assert page.status_code == 200
    record = member.consent_records.order_by("-recorded_at", "-pk").first()
    assert record.language == "cy" and record.notice.locale == welsh
    assert "Ebrill 2044" in page.content.decode()


def test_no_offers_the_two_levels_of_leaving_with_a_confirmation(client):
    member = ending_in(30)
    open_session(client, member)
    page = client.post(renew_url(), {"answer": "no"})
    html = page.content.decode()
    assert 'value="stop_contact"' in html and 'value="erase"' in html
    member.refresh_from_db()
    assert member.renewal_answer == "no" and member.status == Member.Status.ACTIVE

    confirm = client.post(renew_url(), {"choice": "stop_contact"})
    assert 'name="confirmed"' in confirm.content.decode()
    member.refresh_from_db()
    assert member.status == Member.Status.ACTIVE

    done = client.post(renew_url(), {"choice": "stop_contact", "confirmed": "yes"})
    assert done.status_code == 200
    member.refresh_from_db()
    assert member.status == Member.Status.WITHDRAWN
    assert not member.has_consent("contact")
    assert member.consent_records.first().channel == ConsentRecord.Channel.MEMBER_LINK
    # Leaving ends the page.
    assert client.get(renew_url()).status_code == 403


def test_erasing_from_the_renewal_page_ends_the_session(client):
    member = ending_in(30, name="Gwenllïan Prŷs")
    open_session(client, member)
    client.post(renew_url(), {"answer": "no"})
    done = client.post(renew_url(), {"choice": "erase", "confirmed": "yes"})
    assert done.status_code == 200
    assert "Gwenllïan" not in done.content.decode()
    member.refresh_from_db()
    assert member.status == Member.Status.ERASED and member.name == ""
    assert client.get(renew_url()).status_code == 403


def test_please_call_me_flags_the_member_for_staff(client, staff_client):
    member = ending_in(30, phone="07700 900999", phone_safe=True)
    open_session(client, member)
    page = client.post(renew_url(), {"answer": "call"})
    assert page.status_code == 200
    member.refresh_from_db()
    assert member.renewal_answer == "call" and member.status == Member.Status.ACTIVE
    assert answers(member) == ["call"]
    assert "07700" not in page.content.decode()

    home = staff_client("engagement").get(reverse("wagtailadmin_home")).content.decode()
    called = re.search(r'data-renewal-call="(\d+)"(.*?)</ul>', home, re.S)
    assert called and member.reference in called.group(2)
    assert reverse("enrolment_members:inspect", args=[member.pk]) in called.group(2)


def test_a_call_is_not_offered_without_a_safe_phone(client):
    member = ending_in(30)  # email only
    open_session(client, member)
    assert 'value="call"' not in client.get(renew_url()).content.decode()
    page = client.post(renew_url(), {"answer": "call"})
    assert page.status_code == 400
    member.refresh_from_db()
    assert member.renewal_answer == ""


@pytest.mark.parametrize(
    "answer",
    ["", "<script>alert(1)</script>", "ŵŷâ", "да", "yes" * 5000, "\x00"],
)
def test_hostile_answers_get_a_clear_message_and_change_nothing(client, answer):
    member = ending_in(30)
    open_session(client, member)
    page = client.post(renew_url(), {"answer": answer})
    assert page.status_code == 400
    html = page.content.decode()
    assert "There is a problem" in html and "<script>alert(1)" not in html
    member.refresh_from_db()
    assert member.renewal_answer == "" and member.term_ends_on == TODAY + 30 * DAY


def test_a_missing_answer_in_welsh_is_explained_in_welsh(client):
    member = ending_in(30, language=Member.Language.WELSH)
    open_session(client, member, language="cy")
    page = client.post(renew_url("cy"), {})
    assert page.status_code == 400
    assert "Mae problem" in page.content.decode()


def test_a_link_for_another_purpose_cannot_open_the_renewal_page(client):
    member = ending_in(30)
    open_session(client, member, purpose=MemberLink.Purpose.MESSAGE)
    assert client.get(renew_url()).status_code == 403
    assert client.post(renew_url(), {"answer": "yes"}).status_code == 403
    member.refresh_from_db()
    assert member.term_ends_on == TODAY + 30 * DAY


def test_a_manage_link_opens_it_but_only_near_the_end_of_the_term(client, monkeypatch):
    # The member's own page registers where a MANAGE link goes; here, straight to renewal.
    monkeypatch.setitem(DESTINATIONS, MemberLink.Purpose.MANAGE, lambda link: renew_url())
    near = ending_in(30)
    open_session(client, near, purpose=MemberLink.Purpose.MANAGE)
    assert 'name="answer"' in client.get(renew_url()).content.decode()

    far = ending_in(400)
    open_session(client, far, purpose=MemberLink.Purpose.MANAGE)
    page = client.get(renew_url())
    assert page.status_code == 200 and 'name="answer"' not in page.content.decode()
    client.post(renew_url(), {"answer": "yes"})
    far.refresh_from_db()
    assert far.term_ends_on == TODAY + 400 * DAY


def test_without_an_answer_the_member_lapses_and_the_link_dies(
    client, frozen, mailoutbox, django_capture_on_commit_callbacks
):
    member = ending_in(5)
    ask(django_capture_on_commit_callbacks)
    path = path_of(link_in(mailoutbox[0].body))
    client.post(path)
    frozen.move_to(datetime.datetime(2041, 3, 16, 10, 0))
    call_command("lapse_memberships", stdout=io.StringIO())
    member.refresh_from_db()
    assert member.status == Member.Status.LAPSED
    assert client.get(renew_url()).status_code == 403
    assert client.post(path).status_code == 410


# --- staff ----------------------------------------------------------------------------


def test_the_dashboard_shows_renewals_leavers_and_the_unanswered(client, staff_client):
    asked = ending_in(20)
    Member.objects.filter(pk=asked.pk).update(
        renewal_asked_for=asked.term_ends_on, renewal_asked_at=datetime.datetime(2041, 3, 1)
    )
    renewing, leaving = ending_in(30), ending_in(30)
    for member, answer in ((renewing, "yes"), (leaving, "no")):
        client.cookies.clear()
        open_session(client, member)
        client.post(renew_url(), {"answer": answer})

    home = staff_client("engagement").get(reverse("wagtailadmin_home")).content.decode()
    assert 'data-renewal-unanswered="1"' in home
    renewed = re.search(r'data-renewal-renewed="(\d+)">(.*?)</p>', home, re.S)
    assert renewed.group(1) == "1" and renewing.reference in renewed.group(2)
    left = re.search(r'data-renewal-leaving="(\d+)">(.*?)</p>', home, re.S)
    assert left.group(1) == "1" and leaving.reference in left.group(2)
    assert renewing.name not in home and renewing.email not in home

    for role in ("communications", "reviewer", "translator"):
        other = staff_client(role).get(reverse("wagtailadmin_home")).content.decode()
        assert "data-renewal-unanswered" not in other


def test_the_member_record_shows_the_answer(client, engagement):
    member = ending_in(30, phone="07700 900999", phone_safe=True)
    Member.objects.filter(pk=member.pk).update(
        renewal_asked_for=member.term_ends_on, renewal_asked_at=datetime.datetime(2041, 3, 1)
    )
    member.refresh_from_db()
    other = type(client)()
    open_session(other, member)
    other.post(renew_url(), {"answer": "call"})
    record = client.get(reverse("enrolment_members:inspect", args=[member.pk])).content.decode()
    assert "Asked about renewing" in record and "Please call me" in record
    history = client.get(reverse("enrolment_members:history", args=[member.pk])).content.decode()
    assert "The member answered about renewing: Please call me" in history
