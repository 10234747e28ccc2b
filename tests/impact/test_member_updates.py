"""Updates to members: written in both languages, sent once through each member's safe
channel in their language, inside the neutral envelope, and read behind the link."""

import re

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth.models import Group
from django.urls import reverse
from django.utils import translation
from wagtail.models import Locale, ModelLogEntry

from enrolment.messaging import KINDS, deliver_message, link_url
from enrolment.models import ConsentRecord, Member, MemberMessage, PrivacyNotice, Purpose
from impact.admin.member_updates import MemberUpdateViewSet
from impact.models import Invitation, MemberUpdate, PartnerUpdate, Recommendation
from impact.updates import audience
from tests.enrolment.staff import ROLES, TEAM_ROLES, make_user, sign_in
from tests.factories import ActivityFactory, InvitationFactory, MemberFactory

pytestmark = pytest.mark.django_db

WELSH_TITLE = "Sut y defnyddiwyd eich adborth: ŵ ŷ â"
SECRET_TITLE = "What the court did about abuse victims"


def written(**fields):
    values = {
        "purpose": MemberUpdate.Purpose.GENERAL,
        "title": SECRET_TITLE,
        "title_cy": WELSH_TITLE,
        "body": "The partner changed how hearings are arranged.",
        "body_cy": "Newidiodd y partner sut mae gwrandawiadau'n cael eu trefnu.",
    }
    values.update(fields)
    return MemberUpdate.objects.create(**values)


def took_part(activity, **member_fields):
    member = MemberFactory(**member_fields)
    InvitationFactory(activity=activity, member=member, state=Invitation.State.TOOK_PART)
    return member


def send_url(update):
    return reverse("impact_updates:send", args=[update.pk])


def page_url(update):
    return reverse("impact_updates:inspect", args=[update.pk])


def messages_of(update):
    return MemberMessage.objects.filter(kind="update", target_id=update.pk)


def path_of(url):
    return "/" + url.split("/", 3)[3]


def link_in(body):
    return path_of(re.search(r"https?://\S+", body).group(0))


def open_message(client, message, language):
    """Opens the member's page the way the member does: the link, then one click."""
    path = path_of(link_url(message.link, language))
    return client.post(path, follow=True)


@pytest.fixture
def team(staff_client):
    return staff_client("engagement")


@pytest.fixture
def participants():
    activity = ActivityFactory(status="closed")
    english = took_part(activity)
    welsh = took_part(activity, language="cy")
    by_letter = took_part(
        activity,
        email_safe=False,
        letter_safe=True,
        address="1 Stryd Fawr",
        preferred_contact="post",
    )
    by_phone = took_part(
        activity, email_safe=False, phone="07700 900123", phone_safe=True, preferred_contact="phone"
    )
    unsafe = took_part(activity, email_safe=False)
    declined = MemberFactory()
    InvitationFactory(activity=activity, member=declined, state=Invitation.State.DECLINED)
    left = took_part(activity)
    left.set_status(Member.Status.WITHDRAWN)
    return {
        "activity": activity,
        "english": english,
        "welsh": welsh,
        "by_letter": by_letter,
        "by_phone": by_phone,
        "unsafe": unsafe,
        "declined": declined,
        "left": left,
    }


# --- who is told, and how ------------------------------------------------------------------


def test_feedback_used_goes_to_those_who_took_part_each_through_a_safe_channel(
    team, participants, mailoutbox, django_capture_on_commit_callbacks
):
    update = written(purpose="feedback_used", activity=participants["activity"])
    with django_capture_on_commit_callbacks(execute=True):
        response = team.post(send_url(update))
    assert response.status_code == 302
    by_member = {m.member_id: m for m in messages_of(update)}
    p = participants
    assert set(by_member) == {
        p[name].pk for name in ("english", "welsh", "by_letter", "by_phone", "unsafe")
    }
    assert by_member[p["english"].pk].state == "sent"
    assert by_member[p["welsh"].pk].language == "cy"
    assert by_member[p["by_letter"].pk].state == "to_print"
    assert by_member[p["by_phone"].pk].state == "to_call"
    assert by_member[p["unsafe"].pk].state == "not_sent"
    assert by_member[p["unsafe"].pk].link is None
    assert sorted(email.to[0] for email in mailoutbox) == sorted(
        [p["english"].email, p["welsh"].email]
    )
    update.refresh_from_db()
    assert update.counts == {"email": 2, "post": 1, "phone": 1, "none": 1}
    assert update.sent_by == team.user


def test_each_member_is_told_in_their_language_and_reads_it_in_their_language(
    client, participants, mailoutbox, django_capture_on_commit_callbacks
):
    from impact.updates import send_update

    update = written(purpose="feedback_used", activity=participants["activity"])
    with django_capture_on_commit_callbacks(execute=True):
        send_update(update, by=None)
    welsh_email = next(e for e in mailoutbox if e.to == [participants["welsh"].email])
    english_email = next(e for e in mailoutbox if e.to == [participants["english"].email])
    assert welsh_email.subject.startswith("Neges gan")
    assert "/cy/" in welsh_email.body and "/cy/" not in english_email.body

    page = client.post(link_in(welsh_email.body), follow=True)
    text = page.content.decode()
    assert page.status_code == 200
    assert WELSH_TITLE in text and "gwrandawiadau" in text
    assert SECRET_TITLE not in text
    assert page.headers["X-Robots-Tag"] == "noindex, nofollow"
    assert (
        "no-store" in page.headers["Cache-Control"] or "max-age=0" in page.headers["Cache-Control"]
    )

    other = client.__class__()
    page = other.post(link_in(english_email.body), follow=True)
    assert SECRET_TITLE in page.content.decode()


def test_the_envelope_names_nothing_of_the_update(
    participants, mailoutbox, django_capture_on_commit_callbacks
):
    from impact.updates import send_update

    activity = participants["activity"]
    update = written(
        purpose="feedback_used",
        activity=activity,
        body="Victims of domestic abuse told the police and the court about crime.",
    )
    with django_capture_on_commit_callbacks(execute=True):
        send_update(update, by=None)
    assert mailoutbox
    forbidden = [
        "abuse",
        "victim",
        "crime",
        "police",
        "court",
        "network",
        "feedback",
        "adborth",
        "trosedd",
        "cam-drin",
        activity.title.lower(),
        activity.partner.name.lower(),
        activity.topic.name.lower(),
        SECRET_TITLE.lower(),
        WELSH_TITLE.lower(),
    ]
    for email in mailoutbox:
        outside = (email.subject + "\n" + email.body).lower()
        for word in forbidden:
            assert word not in outside, word


def test_the_update_kind_has_a_page_and_a_message_link():
    spec = KINDS["update"]
    assert spec.page is not None
    assert spec.link_purpose == "message"


def test_a_general_update_follows_its_criteria(team, mailoutbox):
    welsh = MemberFactory(language="cy")
    english = MemberFactory()
    update = written(target_language="cy")
    team.post(send_url(update))
    told = set(messages_of(update).values_list("member_id", flat=True))
    assert welsh.pk in told and english.pk not in told
    assert Member.objects.filter(pk__in=told).exclude(language="cy").count() == 0
    assert len(told) == audience(update).count()


def test_a_privacy_notice_update_goes_to_every_active_contactable_member(team):
    member = MemberFactory()
    pending = MemberFactory(status=Member.Status.PENDING)
    expected = audience(written(purpose="privacy_notice")).count()
    update = written(purpose="privacy_notice")
    team.post(send_url(update))
    told = set(messages_of(update).values_list("member_id", flat=True))
    assert member.pk in told and pending.pk not in told
    assert len(told) == expected
    assert not Member.objects.filter(pk__in=told).exclude(status=Member.Status.ACTIVE).exists()


def test_nothing_is_sent_without_the_welsh(team, participants, mailoutbox):
    for missing in ("title_cy", "body_cy"):
        update = written(purpose="feedback_used", activity=participants["activity"])
        setattr(update, missing, "   ")
        update.save()
        response = team.post(send_url(update), follow=True)
        assert "both languages" in response.content.decode()
        assert not messages_of(update).exists()
        update.refresh_from_db()
        assert update.sent_at is None
    assert mailoutbox == []


def test_sending_twice_sends_once(
    team, participants, mailoutbox, django_capture_on_commit_callbacks
):
    update = written(purpose="feedback_used", activity=participants["activity"])
    with django_capture_on_commit_callbacks(execute=True):
        team.post(send_url(update))
        response = team.post(send_url(update), follow=True)
    assert "sent already" in response.content.decode()
    assert messages_of(update).count() == 5
    assert len(mailoutbox) == 2


def test_sending_is_on_the_members_history_and_the_updates(team, participants):
    update = written(purpose="feedback_used", activity=participants["activity"])
    team.post(send_url(update))
    member = participants["by_letter"]
    entry = ModelLogEntry.objects.filter(object_id=str(member.pk), action="enrolment.message").get()
    assert entry.data == {"kind": "update", "channel": "post", "state": "to_print"}
    sent = ModelLogEntry.objects.get(object_id=str(update.pk), action="impact.update_sent")
    assert sent.user == team.user
    assert sent.data["email"] == 2
    assert SECRET_TITLE not in str(entry.data) + str(sent.data)


def test_a_sent_update_cannot_be_edited(team, participants):
    update = written(purpose="feedback_used", activity=participants["activity"])
    team.post(send_url(update))
    response = team.get(reverse("impact_updates:edit", args=[update.pk]))
    assert response.status_code == 302 and response["Location"] == page_url(update)


# --- staff results: letters and calls -------------------------------------------------------


def test_staff_see_the_results_and_mark_letters_posted_and_calls_made(team, participants):
    update = written(purpose="feedback_used", activity=participants["activity"])
    team.post(send_url(update))
    page = team.get(page_url(update)).content.decode()
    for name in ("english", "welsh", "by_letter", "by_phone", "unsafe"):
        assert participants[name].reference in page
    assert participants["by_letter"].name not in page
    assert participants["by_letter"].address not in page

    letter = messages_of(update).get(member=participants["by_letter"])
    call = messages_of(update).get(member=participants["by_phone"])
    for message, done in ((letter, "posted"), (call, "called")):
        url = reverse("impact_updates:mark_outcome", args=[update.pk, message.pk])
        team.post(url)
        message.refresh_from_db()
        assert message.state == done
        assert ModelLogEntry.objects.filter(
            object_id=str(message.member_id), action="enrolment.message_outcome"
        ).exists()
    # Once done, marking again changes nothing.
    response = team.post(
        reverse("impact_updates:mark_outcome", args=[update.pk, letter.pk]), follow=True
    )
    assert "not waiting for staff" in response.content.decode()


def test_a_member_who_left_since_is_not_marked_contacted(team, participants):
    update = written(purpose="feedback_used", activity=participants["activity"])
    team.post(send_url(update))
    letter = messages_of(update).get(member=participants["by_letter"])
    Member.objects.filter(pk=letter.member_id).update(letter_safe=False)
    response = team.post(
        reverse("impact_updates:mark_outcome", args=[update.pk, letter.pk]), follow=True
    )
    assert "may no longer be contacted" in response.content.decode()
    letter.refresh_from_db()
    assert letter.state == "to_print"


def test_another_updates_message_is_not_found(team, participants):
    first = written(purpose="feedback_used", activity=participants["activity"])
    team.post(send_url(first))
    other = written()
    letter = messages_of(first).get(member=participants["by_letter"])
    response = team.post(reverse("impact_updates:mark_outcome", args=[other.pk, letter.pk]))
    assert response.status_code == 404


# --- writing and previewing -----------------------------------------------------------------


def form_data(**changes):
    data = {
        "purpose": "general",
        "activity": "",
        "title": "Changes to how we work",
        "title_cy": "Newidiadau i’r ffordd rydym yn gweithio",
        "body": "<script>alert(1)</script> We now meet online as well.",
        "body_cy": "Rydym nawr yn cwrdd ar-lein hefyd: ŵ ŷ â.",
        "target_language": "",
    }
    data.update(changes)
    return data


def test_staff_write_preview_and_send_an_update(team):
    response = team.post(reverse("impact_updates:add"), form_data())
    update = MemberUpdate.objects.get(title="Changes to how we work")
    assert response.status_code == 302 and response["Location"] == page_url(update)
    assert update.created_by == team.user

    preview = team.get(reverse("impact_updates:preview", args=[update.pk]))
    text = preview.content.decode()
    assert preview.status_code == 200
    assert "A message from Community Voices" in text
    assert "Neges gan" in text
    assert "ŵ ŷ â" in text
    assert "<script>alert(1)</script>" not in text
    page = team.get(page_url(update)).content.decode()
    assert "It would go to" in page


def test_the_form_keeps_what_was_typed_and_says_what_is_wrong(team):
    too_long = "ŵ" * 10001
    response = team.post(
        reverse("impact_updates:add"),
        form_data(purpose="feedback_used", body_cy=too_long, title="Ένα νέο"),
    )
    assert response.status_code == 200
    text = response.content.decode()
    assert "Choose the activity whose participants to tell." in text
    assert "Ένα νέο" in text
    assert not MemberUpdate.objects.filter(title="Ένα νέο").exists()


def test_a_draft_without_welsh_saves_but_says_what_is_missing(team):
    team.post(reverse("impact_updates:add"), form_data(title_cy="", body_cy=""))
    update = MemberUpdate.objects.get(title="Changes to how we work")
    page = team.get(page_url(update)).content.decode()
    assert "Before it can be sent" in page
    assert "Send the update" not in page


def test_tell_the_participants_starts_from_a_partner_update(team):
    activity = ActivityFactory(status="reported")
    recommendation = Recommendation.objects.create(
        activity=activity, text="Offer a separate waiting room.", sort_order=0
    )
    PartnerUpdate.objects.create(
        recommendation=recommendation, status="done", note="Two rooms opened in March."
    )
    page = team.get(reverse("impact_activities:inspect", args=[activity.pk])).content.decode()
    link = BeautifulSoup(page, "html.parser").find("a", string="Tell the participants")
    assert link is not None
    form = team.get(link["href"])
    soup = BeautifulSoup(form.content, "html.parser")
    assert soup.find("input", {"name": "purpose", "value": "feedback_used"}).has_attr("checked")
    assert soup.find("option", {"value": str(activity.pk)}).has_attr("selected")
    assert "Two rooms opened in March." in soup.find("textarea", {"name": "body"}).text
    assert soup.find("input", {"name": "title_cy"})["value"]


def test_the_welsh_admin_shows_the_update_in_welsh(staff_client):
    from tests.enrolment.staff import prefer_welsh

    team = staff_client("engagement")
    prefer_welsh(team.user)
    update = written()
    page = team.get(page_url(update)).content.decode()
    assert "Anfon y diweddariad" in page


# --- permissions ------------------------------------------------------------------------------


def all_update_urls(update, message):
    urls = []
    for pattern in MemberUpdateViewSet().get_urlpatterns():
        converters = list(pattern.pattern.converters)
        args = ([update.pk, message.pk])[: len(converters)]
        urls.append((pattern.name, reverse(f"impact_updates:{pattern.name}", args=args)))
    return urls


def refused(response, role):
    if role == "anonymous":
        return response.status_code == 302 and response["Location"].startswith("/admin/login/")
    return response.status_code == 302 and response["Location"] == "/admin/"


@pytest.mark.parametrize("role", ROLES)
def test_every_update_url_answers_each_role_as_it_should(client, django_user_model, role):
    activity = ActivityFactory()
    took_part(activity, email_safe=False, letter_safe=True, address="1 High Street")
    sent = written(purpose="feedback_used", activity=activity)
    from impact.updates import send_update

    send_update(sent, by=None)
    message = messages_of(sent).get()
    sign_in(client, make_user(django_user_model, role))
    for name, address in all_update_urls(sent, message):
        for method in ("get", "post"):
            response = getattr(client, method)(address)
            if role in TEAM_ROLES:
                assert not refused(response, role), (name, method)
                assert response.status_code < 500, (name, method)
            else:
                assert refused(response, role), (name, method, response.status_code)


def test_the_menu_shows_member_updates_only_to_the_team(staff_client):
    assert "Member updates" in staff_client("engagement").get("/admin/").content.decode()
    assert "Member updates" not in staff_client("communications").get("/admin/").content.decode()


def test_a_permission_given_to_another_group_by_mistake_opens_nothing(staff_client):
    from tests.enrolment.staff import permission

    Group.objects.get(name="Communications team").permissions.add(
        permission("view_memberupdate", "impact"), permission("change_memberupdate", "impact")
    )
    update = written()
    response = staff_client("communications").get(page_url(update))
    assert response.status_code == 302


def test_updates_by_sensitive_criteria_need_the_right_to_see_them(staff_client):
    from enrolment.models import CrimeType

    update = written()
    update.target_crime_types.add(CrimeType.objects.canonical().first())
    without = staff_client("engagement_without_sensitive")
    page = without.get(page_url(update)).content.decode()
    assert "Only a colleague who may see" in page
    assert "It would go to" not in page
    without.post(send_url(update))
    assert not messages_of(update).exists()
    form = without.get(reverse("impact_updates:edit", args=[update.pk])).content.decode()
    assert 'name="target_crime_types"' not in form


# --- the member's page: re-confirming consent ------------------------------------------------


def publish_new_notice(version):
    """A new version of the privacy notice in both languages, in use from today."""
    english = PrivacyNotice.objects.create(
        locale=Locale.objects.get(language_code="en"),
        version=version,
        summary="<p>What we keep and why.</p>",
        body="<p>The full notice.</p>",
    )
    PrivacyNotice.objects.create(
        locale=Locale.objects.get(language_code="cy"),
        translation_key=english.translation_key,
        version=version,
        summary="<p>Beth rydym yn ei gadw a pham.</p>",
        body="<p>Yr hysbysiad llawn.</p>",
    )


@pytest.fixture
def privacy_update():
    update = written(purpose="privacy_notice")
    member = MemberFactory()
    welsh = MemberFactory(language="cy")
    # They joined under the notice before this one.
    publish_new_notice("2099-01")
    from impact.updates import send_update

    send_update(update, by=None)
    return update, member, welsh


def consent_records(member):
    return ConsentRecord.objects.filter(member=member, purpose=Purpose.CONTACT)


def test_a_member_reconfirms_consent_from_the_update_page_once(client, privacy_update):
    update, member, _welsh = privacy_update
    message = messages_of(update).get(member=member)
    page = open_message(client, message, "en")
    soup = BeautifulSoup(page.content, "html.parser")
    assert soup.select_one("[data-quick-exit]") is not None
    form = soup.find("form", action=reverse("impact_public:reconfirm_consent"))
    notice = form.find("input", {"name": "notice"})["value"]
    assert notice == str(PrivacyNotice.current_in_language("en").pk)
    before = consent_records(member).count()

    response = client.post(reverse("impact_public:reconfirm_consent"), {"notice": notice})
    assert response.status_code == 303
    assert response["Location"] == reverse("enrolment_public:message")
    record = consent_records(member).first()
    assert consent_records(member).count() == before + 1
    assert record.granted and record.channel == ConsentRecord.Channel.MEMBER_LINK
    assert record.notice_id == int(notice) and record.language == "en"
    entry = ModelLogEntry.objects.filter(object_id=str(member.pk), action="enrolment.consent").get()
    assert entry.data["channel"] == "member_link"

    again = client.post(reverse("impact_public:reconfirm_consent"), {"notice": notice})
    assert again.status_code == 303
    assert consent_records(member).count() == before + 1
    shown = client.get(reverse("enrolment_public:message")).content.decode()
    assert "Thank you. You have agreed" in shown


def test_a_welsh_member_reconfirms_in_welsh(client, privacy_update):
    update, _member, welsh = privacy_update
    message = messages_of(update).get(member=welsh)
    page = open_message(client, message, "cy")
    assert WELSH_TITLE in page.content.decode()
    address = "/cy/aelodaeth/neges/ail-gadarnhau/"
    with translation.override("cy"):
        assert reverse("impact_public:reconfirm_consent") == address
    notice = PrivacyNotice.current_in_language("cy")
    response = client.post(address, {"notice": str(notice.pk)})
    assert response.status_code == 303
    assert response["Location"] == "/cy/aelodaeth/neges/"
    record = consent_records(welsh).first()
    assert record.language == "cy" and record.notice == notice


def test_a_notice_changed_while_reading_records_nothing(client, privacy_update):
    update, member, _welsh = privacy_update
    page = open_message(client, messages_of(update).get(member=member), "en")
    shown = BeautifulSoup(page.content, "html.parser").find("input", {"name": "notice"})["value"]
    publish_new_notice("2099-02")
    before = consent_records(member).count()
    for stale in (shown, "0", "", "<script>", "٣", "9" * 300):
        response = client.post(reverse("impact_public:reconfirm_consent"), {"notice": stale})
        assert response.status_code == 409
        assert "was updated while you were reading" in response.content.decode()
    assert consent_records(member).count() == before


def test_reconfirming_needs_the_session_and_a_post(client, privacy_update):
    address = reverse("impact_public:reconfirm_consent")
    assert client.post(address, {"notice": "1"}).status_code == 403
    assert client.get(address).status_code == 405


def test_an_update_that_does_not_ask_records_nothing(client, participants):
    from impact.updates import send_update

    update = written(purpose="feedback_used", activity=participants["activity"])
    send_update(update, by=None)
    member = participants["english"]
    page = open_message(client, messages_of(update).get(member=member), "en")
    assert "Re-confirm my consent" not in page.content.decode()
    before = consent_records(member).count()
    notice = PrivacyNotice.current_in_language("en")
    response = client.post(reverse("impact_public:reconfirm_consent"), {"notice": notice.pk})
    assert response.status_code == 303
    assert consent_records(member).count() == before


def test_a_queued_email_to_a_member_who_left_is_not_sent(participants, mailoutbox):
    from impact.updates import send_update

    update = written(purpose="feedback_used", activity=participants["activity"])
    send_update(update, by=None)  # queued; the tasks have not run
    member = participants["english"]
    member.set_status(Member.Status.WITHDRAWN)
    message = messages_of(update).get(member=member)
    deliver_message.call(message.pk)
    message.refresh_from_db()
    assert message.state == "cancelled"
    assert mailoutbox == []
