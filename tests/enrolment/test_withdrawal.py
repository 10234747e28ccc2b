"""Leaving the network by signed link, without logging in, in English and Welsh."""

import time
from urllib.parse import urlsplit

import pytest
import time_machine
from django.core import mail, signing
from django.test import Client, RequestFactory, override_settings
from wagtail.models import Locale, ModelLogEntry

from enrolment import messaging, withdrawal
from enrolment.messaging import KINDS, Kind, deliver_message
from enrolment.models import (
    ConsentRecord,
    CrimeType,
    DemographicOption,
    EngagementMethod,
    Member,
    MembershipSettings,
    PrivacyNotice,
    Purpose,
)
from tests.db_scan import assert_nowhere_in_database
from tests.factories import MemberFactory
from tests.html import parse, switch_link
from tests.support.messages import open_page, read

pytestmark = pytest.mark.django_db

PERSONAL = {
    "name": "Gwenllïan Zebedee-Quill",
    "preferred_name": "Gwenni Zebedee",
    "email": "gwenllian.zq@example.org",
    "phone": "07700 900456",
    "address": "12 Heol y Bryn, Llanymddyfri",
    "safe_times": "Tuesdays after lunch only",
    "safe_contact_notes": "Ask for Gwenni, not the full name",
    "staff_notes": "Met at the Aberaeron session",
}

TEXT = {
    "en": {
        "choose": "Leave the network",
        "stop": "Stop contacting me",
        "erase": "Delete my details",
        "confirm_stop": "Are you sure you want us to stop contacting you?",
        "confirm_erase": "Are you sure you want us to delete your details?",
        "done_stop": "We will not contact you again",
        "done_erase": "Your details have been deleted",
        "invalid": "This link no longer works",
    },
    "cy": {
        "choose": "Gadael y rhwydwaith",
        "stop": "Peidiwch â chysylltu â mi",
        "erase": "Dileu fy manylion",
        "confirm_stop": "Ydych chi'n siŵr eich bod am i ni beidio â chysylltu â chi?",
        "confirm_erase": "Ydych chi'n siŵr eich bod am i ni ddileu eich manylion?",
        "done_stop": "Fyddwn ni ddim yn cysylltu â chi eto",
        "done_erase": "Mae eich manylion wedi cael eu dileu",
        "invalid": "Dydy'r ddolen hon ddim yn gweithio mwyach",
    },
}
PREFIX = {"en": "/leave/", "cy": "/cy/gadael/"}


def make_member(language="en", **extra):
    return MemberFactory(language=language, **{**PERSONAL, **extra})


def link_path(member):
    return urlsplit(withdrawal.withdrawal_url(member)).path


def path_in(language, member):
    """The member's link, opened at the English or the Welsh address."""
    token = withdrawal.make_token(member)
    return f"{PREFIX[language]}{token}/"


def old_token(member, days):
    """A token signed ``days`` ago."""
    with time_machine.travel(time.time() - days * 24 * 60 * 60, tick=False):
        return withdrawal.make_token(member)


def assert_never_cached(response):
    cache_control = response["Cache-Control"]
    for directive in ("no-cache", "no-store", "must-revalidate", "private", "max-age=0"):
        assert directive in cache_control, cache_control


# Fragments that would betray the person even if the whole value is not on the page.
FRAGMENTS = ("Gwenllïan", "Zebedee", "Gwenni", "gwenllian.zq", "900456", "Llanymddyfri")


def assert_no_personal_data(response):
    html = response.content.decode()
    for value in (*PERSONAL.values(), *FRAGMENTS):
        assert value not in html


def html_lang(response):
    return parse(response).html["lang"]


def log_entries(member, action):
    return ModelLogEntry.objects.filter(object_id=str(member.pk), action=action)


def reload(member):
    return Member.objects.get(pk=member.pk)


# --- the link -----------------------------------------------------------------------------


def test_the_link_is_absolute_and_in_the_members_language():
    english = make_member("en")
    welsh = make_member("cy", email="another@example.org")
    assert withdrawal.withdrawal_url(english).startswith("http://testserver/leave/")
    assert withdrawal.withdrawal_url(welsh).startswith("http://testserver/cy/gadael/")


@override_settings(WAGTAILADMIN_BASE_URL="https://network.example.org/")
def test_the_link_uses_the_base_url_or_the_request():
    member = make_member()
    assert withdrawal.withdrawal_url(member).startswith("https://network.example.org/leave/")
    request = RequestFactory().get("/", HTTP_HOST="localhost")
    assert withdrawal.withdrawal_url(member, request).startswith("http://localhost/leave/")


def test_the_link_holds_only_the_member_id_and_a_fingerprint():
    member = make_member()
    url = withdrawal.withdrawal_url(member)
    for value in PERSONAL.values():
        assert value.casefold() not in url.casefold()
    token = urlsplit(url).path.split("/")[-2]
    payload = signing.loads(token, salt=withdrawal.SALT)
    assert payload[0] == member.pk
    assert len(payload) == 2 and len(payload[1]) == 16
    # Its own salt: the token is no use to any other signed feature of the site.
    with pytest.raises(signing.BadSignature):
        signing.loads(token)


# --- the page -----------------------------------------------------------------------------


@pytest.mark.parametrize("language", ["en", "cy"])
def test_the_page_offers_both_levels_in_the_links_language(client, language):
    member = make_member(language)
    response = client.get(link_path(member))
    assert response.status_code == 200
    assert_never_cached(response)
    assert html_lang(response) == language
    soup = parse(response)
    assert soup.h1.get_text() == TEXT[language]["choose"]
    forms = soup.select("main form[method=post i]")
    assert [form.find("input", {"name": "choice"})["value"] for form in forms] == [
        "stop_contact",
        "erase",
    ]
    for form in forms:
        assert form.find("input", {"name": "csrfmiddlewaretoken"})
        assert not form.get("action"), "posts back to the same address"
    assert [form.button.get_text() for form in forms] == [
        TEXT[language]["stop"],
        TEXT[language]["erase"],
    ]
    assert member.reference in response.content.decode()
    assert soup.select_one("[data-quick-exit]")
    assert soup.select_one('meta[name="robots"][content*="noindex"]')
    assert_no_personal_data(response)


@pytest.mark.parametrize("member_language,url_language", [("en", "cy"), ("cy", "en")])
def test_the_language_of_the_address_wins(client, member_language, url_language):
    member = make_member(member_language)
    response = client.get(path_in(url_language, member))
    assert response.status_code == 200
    assert html_lang(response) == url_language
    assert parse(response).h1.get_text() == TEXT[url_language]["choose"]


@pytest.mark.parametrize("language,other", [("en", "cy"), ("cy", "en")])
def test_the_language_switch_goes_to_the_same_page(client, language, other):
    member = make_member()
    token = withdrawal.make_token(member)
    response = client.get(f"{PREFIX[language]}{token}/")
    link = switch_link(parse(response))
    assert link["href"] == f"{PREFIX[other]}{token}/"
    assert client.get(link["href"]).status_code == 200


def test_the_page_shows_the_teams_phone_and_email(client):
    membership = MembershipSettings.load()
    membership.contact_phone = "01267 226440"
    membership.contact_email = "team@example.org"
    membership.save()
    soup = parse(client.get(link_path(make_member())))
    assert soup.select_one('a[href="tel:+441267226440"]')
    assert soup.select_one('a[href="mailto:team@example.org"]')


# --- stop contact -------------------------------------------------------------------------


@pytest.mark.parametrize("language", ["en", "cy"])
def test_stop_contact_asks_first_then_withdraws(client, language):
    member = make_member(language, consents=[Purpose.CRIME_TYPES])
    path = path_in(language, member)

    response = client.post(path, {"choice": "stop_contact"})
    assert response.status_code == 200
    assert_never_cached(response)
    soup = parse(response)
    assert soup.h1.get_text() == TEXT[language]["confirm_stop"]
    assert soup.select_one("input[name=confirmed][value=yes]")
    assert reload(member).status == Member.Status.ACTIVE, "nothing changes before confirming"
    assert reload(member).has_consent(Purpose.CONTACT)

    response = client.post(path, {"choice": "stop_contact", "confirmed": "yes"})
    assert response.status_code == 200
    assert_never_cached(response)
    assert html_lang(response) == language
    assert parse(response).h1.get_text() == TEXT[language]["done_stop"]
    assert_no_personal_data(response)

    member = reload(member)
    assert member.status == Member.Status.WITHDRAWN
    assert not member.has_consent(Purpose.CONTACT)
    assert member.has_consent(Purpose.CRIME_TYPES), "only contact is withdrawn"
    assert member.name == PERSONAL["name"], "the record is kept"
    assert not Member.objects.contactable().filter(pk=member.pk).exists()
    record = member.consent_records.filter(purpose=Purpose.CONTACT).first()
    assert (record.granted, record.channel) == (False, ConsentRecord.Channel.WITHDRAWAL_LINK)
    locale = Locale.objects.get(language_code=language)
    assert record.notice == PrivacyNotice.current(locale)
    assert record.notice_version == record.notice.version
    entries = log_entries(member, "enrolment.withdraw")
    assert [entry.data for entry in entries] == [{"channel": "withdrawal_link"}]
    assert entries[0].label == member.reference


@pytest.mark.parametrize("status", [Member.Status.PENDING, Member.Status.LAPSED])
def test_pending_and_lapsed_members_can_stop_contact(client, status):
    member = make_member(status=status)
    path = link_path(member)
    response = client.post(path, {"choice": "stop_contact", "confirmed": "yes"})
    assert response.status_code == 200
    member = reload(member)
    assert member.status == Member.Status.WITHDRAWN
    assert not member.has_consent(Purpose.CONTACT)
    assert client.get(path).status_code == 410, "the used link is dead"


def test_a_withdrawn_member_is_offered_only_erasure(client):
    member = make_member()
    member.set_status(Member.Status.WITHDRAWN)
    path = link_path(member)
    soup = parse(client.get(path))
    assert [i["value"] for i in soup.select("main form input[name=choice]")] == ["erase"]
    response = client.post(path, {"choice": "stop_contact", "confirmed": "yes"})
    assert response.status_code == 400
    assert_never_cached(response)
    assert not log_entries(member, "enrolment.withdraw").exists()
    assert client.post(path, {"choice": "erase", "confirmed": "yes"}).status_code == 200
    assert reload(member).status == Member.Status.ERASED


# --- erase --------------------------------------------------------------------------------


@pytest.mark.parametrize("language", ["en", "cy"])
def test_erase_asks_first_then_leaves_nothing_anywhere(client, language):
    member = make_member(language, consents=[Purpose.CRIME_TYPES, Purpose.DEMOGRAPHICS])
    member.crime_types.set(CrimeType.objects.canonical()[:2])
    member.methods.set(EngagementMethod.objects.all()[:2])
    member.age_band = DemographicOption.objects.canonical().filter(kind="age_band").first()
    member.save()
    path = path_in(language, member)

    response = client.post(path, {"choice": "erase"})
    assert parse(response).h1.get_text() == TEXT[language]["confirm_erase"]
    assert reload(member).name == PERSONAL["name"], "nothing changes before confirming"

    response = client.post(path, {"choice": "erase", "confirmed": "yes"})
    assert response.status_code == 200
    assert_never_cached(response)
    assert html_lang(response) == language
    assert parse(response).h1.get_text() == TEXT[language]["done_erase"]
    assert_no_personal_data(response)

    member = reload(member)
    assert member.status == Member.Status.ERASED
    assert not member.crime_types.exists() and not member.methods.exists()
    assert member.age_band is None and member.area is None
    assert_nowhere_in_database(*PERSONAL.values(), "+447700900456", member=member)
    entries = log_entries(member, "enrolment.erase")
    assert [entry.data for entry in entries] == [{"channel": "withdrawal_link"}]
    assert client.get(path).status_code == 410


def test_a_double_click_acts_once(client):
    member = make_member()
    path = link_path(member)
    first = client.post(path, {"choice": "erase", "confirmed": "yes"})
    second = client.post(path, {"choice": "erase", "confirmed": "yes"})
    assert (first.status_code, second.status_code) == (200, 410)
    assert log_entries(member, "enrolment.erase").count() == 1


# --- links that no longer work ------------------------------------------------------------


def assert_kind_refusal(response, language, status):
    assert response.status_code == status
    assert_never_cached(response)
    assert html_lang(response) == language
    soup = parse(response)
    assert soup.h1.get_text() == TEXT[language]["invalid"]
    assert soup.select_one('main a[href^="tel:"]')
    assert soup.select_one('main a[href^="mailto:"]')
    assert not soup.select("main form")
    assert "Traceback" not in response.content.decode()
    assert_no_personal_data(response)


@pytest.mark.parametrize("language", ["en", "cy"])
def test_a_used_link_is_refused_kindly(client, language):
    member = make_member(language)
    path = path_in(language, member)
    client.post(path, {"choice": "stop_contact", "confirmed": "yes"})
    assert_kind_refusal(client.get(path), language, 410)
    response = client.post(path, {"choice": "erase", "confirmed": "yes"})
    assert_kind_refusal(response, language, 410)
    assert reload(member).status == Member.Status.WITHDRAWN, "the dead link erased nothing"


@pytest.mark.parametrize("language", ["en", "cy"])
def test_an_expired_link_is_refused_kindly(client, language):
    member = make_member(language)
    token = old_token(member, days=31)
    assert_kind_refusal(client.get(f"{PREFIX[language]}{token}/"), language, 410)
    response = client.post(f"{PREFIX[language]}{token}/", {"choice": "erase", "confirmed": "yes"})
    assert_kind_refusal(response, language, 410)
    assert reload(member).status == Member.Status.ACTIVE


def test_a_link_works_until_it_expires(client):
    member = make_member()
    assert client.get(f"/leave/{old_token(member, days=29)}/").status_code == 200
    with override_settings(WITHDRAWAL_LINK_MAX_AGE_DAYS=7):
        assert client.get(f"/leave/{old_token(member, days=8)}/").status_code == 410
        assert client.get(f"/leave/{old_token(member, days=6)}/").status_code == 200


def tampered(token):
    last = token[-1]
    return token[:-1] + ("A" if last != "A" else "B")


def other_payload(token):
    """Another member's id, under the original signature."""
    return token.replace(token.split(":")[0], signing.b64_encode(b'[1,"x"]').decode())


def wrong_salt(token):
    """The same payload, signed for some other purpose."""
    return signing.dumps(signing.loads(token, salt=withdrawal.SALT))


@pytest.mark.parametrize("language", ["en", "cy"])
@pytest.mark.parametrize(
    "make_bad_token",
    [
        tampered,
        other_payload,
        wrong_salt,
        pytest.param(lambda token: "not-a-token", id="nonsense"),
        pytest.param(lambda token: "<script>alert(1)<\\script>", id="script"),
        pytest.param(lambda token: token + "%00", id="nul"),
        pytest.param(lambda token: "Ελληνικά日本語العربيةŵŷâ", id="alphabets"),
        pytest.param(lambda token: "x" * 200_000, id="200k"),
    ],
)
def test_a_tampered_link_is_refused_kindly(client, language, make_bad_token):
    member = make_member(language)
    bad = make_bad_token(withdrawal.make_token(member))
    response = client.get(f"{PREFIX[language]}{bad}/")
    assert_kind_refusal(response, language, 400)
    assert "<script>alert" not in response.content.decode()
    response = client.post(f"{PREFIX[language]}{bad}/", {"choice": "erase", "confirmed": "yes"})
    assert_kind_refusal(response, language, 400)
    assert reload(member).status == Member.Status.ACTIVE


@pytest.mark.parametrize("payload", [[999_999, "0" * 16], "x", [None, None], {"a": 1, "b": 2}])
def test_a_link_for_no_member_is_refused_kindly(client, payload):
    token = signing.dumps(payload, salt=withdrawal.SALT)
    assert_kind_refusal(client.get(f"/leave/{token}/"), "en", 410)


def test_a_link_dies_when_staff_change_the_members_status(client):
    member = make_member()
    path = link_path(member)
    member.set_status(Member.Status.LAPSED)
    assert client.get(path).status_code == 410
    member.erase()
    fresh = link_path(member)
    assert client.get(fresh).status_code == 410, "erased members have nothing to withdraw"


def test_a_link_dies_when_contact_consent_is_withdrawn_another_way(client):
    member = make_member(status=Member.Status.LAPSED)
    path = link_path(member)
    member.record_consent(Purpose.CONTACT, False, notice=None, channel=ConsentRecord.Channel.PHONE)
    assert member.status == Member.Status.LAPSED
    assert client.get(path).status_code == 410


# --- hostile posts ------------------------------------------------------------------------


@pytest.mark.parametrize(
    "data",
    [
        {},
        {"choice": "<script>alert(1)</script>", "confirmed": "yes"},
        {"choice": "erase\x00", "confirmed": "yes"},
        {"choice": "x" * 200_000, "confirmed": "yes"},
        {"choice": "dileu", "confirmed": "yes"},
    ],
)
def test_a_wrong_choice_changes_nothing(client, data):
    member = make_member()
    response = client.post(link_path(member), data)
    assert response.status_code == 400
    assert_never_cached(response)
    assert "<script>alert" not in response.content.decode()
    assert parse(response).select_one("[role=alert]")
    assert reload(member).status == Member.Status.ACTIVE


def test_confirmation_needs_the_exact_answer(client):
    member = make_member()
    response = client.post(link_path(member), {"choice": "erase", "confirmed": "YES\x00"})
    assert response.status_code == 200
    assert parse(response).select_one("input[name=confirmed]"), "asked again"
    assert reload(member).status == Member.Status.ACTIVE


def test_posts_need_the_csrf_token():
    member = make_member()
    client = Client(enforce_csrf_checks=True)
    response = client.post(link_path(member), {"choice": "erase", "confirmed": "yes"})
    assert response.status_code == 403
    assert reload(member).status == Member.Status.ACTIVE


def test_other_methods_are_refused(client):
    member = make_member()
    response = client.put(link_path(member))
    assert response.status_code == 405
    assert_never_cached(response)


# --- the message with the link ------------------------------------------------------------
# It goes in the members' envelope: the email names only the sender and carries the
# member's own link; the way to leave is on the page that link opens.


def send_link(member):
    message = messaging.send(member, Kind.WITHDRAWAL_LINK, allowed={"email"})
    if message.channel == "email":
        assert deliver_message.call(message.pk) == "sent"
    return message


@pytest.mark.parametrize(
    "language,subject",
    [("en", "A message from Community Voices"), ("cy", "Neges gan Lleisiau Cymunedol")],
)
def test_the_email_carries_the_link_in_the_members_language(client, language, subject):
    member = make_member(language, consents=[Purpose.CRIME_TYPES])
    crime_types = list(CrimeType.objects.canonical()[:3])
    member.crime_types.set(crime_types)
    crime_type_names = [
        version.name
        for crime_type in crime_types
        for version in crime_type.get_translations(inclusive=True)
    ]
    send_link(member)
    (message,) = mail.outbox
    assert message.to == [PERSONAL["email"]]
    assert message.subject == subject
    assert PREFIX[language] not in message.body  # the way to leave is behind the link
    page = open_page(client, message)
    for text in (message.subject, message.body, page.content.decode()):
        for value in (*PERSONAL.values(), *FRAGMENTS):
            assert value not in text
        for name in crime_type_names:
            assert name not in text
    assert html_lang(page) == language
    (choices,) = [a["href"] for a in parse(page).select("main a.button")]
    assert choices.startswith(PREFIX[language])
    response = client.get(choices)
    assert response.status_code == 200
    assert html_lang(response) == language
    assert member.reference in response.content.decode()


@pytest.mark.parametrize("may_say_opcc", [True, False])
def test_the_page_names_the_office_only_if_staff_may_say_so(client, may_say_opcc):
    membership = MembershipSettings.load()
    membership.contact_phone = "01267 226440"
    membership.contact_email = "team@example.org"
    membership.save()
    send_link(make_member(may_say_opcc=may_say_opcc))
    (message,) = mail.outbox
    page = read(client, message)
    for text in ("01267 226440", "team@example.org"):
        assert text in page  # the team's routes, shown on every leave page
        assert text not in message.body
    # The sender is the office itself only where the member allows it.
    assert ("Police and Crime Commissioner" in message.body) is may_say_opcc
    assert ("Community Voices" in message.subject) is not may_say_opcc


def test_the_email_goes_only_through_a_safe_channel():
    member = make_member(email_safe=False, phone_safe=True)
    message = send_link(member)
    assert (message.channel, message.state) == ("none", "not_sent")
    assert mail.outbox == []


def test_the_message_kind_is_registered_at_startup():
    from enrolment import member_messages

    assert KINDS["withdrawal_link"].page is member_messages.withdrawal_page


def test_every_step_keeps_the_strict_content_security_policy(client):
    member = make_member()
    path = link_path(member)
    responses = [
        client.get(path),
        client.post(path, {"choice": "erase"}),
        client.post(path, {"choice": "erase", "confirmed": "yes"}),
        client.get(path),  # now refused
    ]
    assert [response.status_code for response in responses] == [200, 200, 200, 410]
    for response in responses:
        policy = response["Content-Security-Policy"]
        assert "unsafe-inline" not in policy and "default-src 'none'" in policy
        soup = parse(response)
        assert all(script.get("src") for script in soup.find_all("script"))
        assert not soup.find_all("style") and not soup.select("[style]")
        assert response["X-Robots-Tag"] == "noindex, nofollow"
