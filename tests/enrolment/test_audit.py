"""The audit trail: registered actions, readable in Reports and the member's history,
never holding personal data, and with no way for staff to edit or delete it."""

import json
import logging
import re

import pytest
from django.urls import get_resolver, reverse
from wagtail.admin.admin_url_finder import AdminURLFinder
from wagtail.log_actions import registry as log_registry
from wagtail.models import ModelLogEntry

from enrolment.audit import ACTIONS, audit
from enrolment.models import Member, Purpose
from tests.enrolment.staff import make_user, sign_in, url
from tests.factories import MemberFactory

pytestmark = pytest.mark.django_db

SECRETS = {
    "name": "Gwenllian Ŵyn Secret",
    "email": "gwenllian.secret@example.org",
    "phone": "07700 900456",
    "address": "3 Lôn Gudd, Llanbedr",
    "staff_notes": "Only after 6pm",
}


def test_every_audit_action_is_registered_with_its_label():
    for action, label in ACTIONS.items():
        assert log_registry.action_exists(action), action
        assert log_registry.get_action_label(action) == label


def test_the_history_and_reports_show_the_trail_to_the_team(client, engagement):
    member = MemberFactory(status=Member.Status.PENDING)
    client.get(url("inspect", member))
    client.post(url("confirm", member))
    history = client.get(url("history", member)).content.decode()
    assert "Viewed member record" in history
    assert "Confirmed membership" in history
    report = client.get(reverse("wagtailadmin_reports:site_history"))
    assert report.status_code == 200
    text = report.content.decode()
    assert member.reference in text
    assert "Confirmed membership" in text


def test_other_staff_see_no_member_entries_in_reports(client, django_user_model):
    member = MemberFactory()
    audit(member, "enrolment.view")
    for role in ("communications", "translator"):
        sign_in(client, make_user(django_user_model, role))
        response = client.get(reverse("wagtailadmin_reports:site_history"))
        assert member.reference not in response.content.decode()


def test_no_screen_edits_or_deletes_log_entries(client, engagement, django_user_model):
    member = MemberFactory()
    entry = audit(member, "enrolment.view", user=engagement)
    names = []

    def collect(patterns, prefix=""):
        for pattern in patterns:
            if hasattr(pattern, "url_patterns"):
                namespace = getattr(pattern, "namespace", None)
                collect(pattern.url_patterns, f"{prefix}{namespace}:" if namespace else prefix)
            elif pattern.name:
                names.append(prefix + pattern.name)

    collect(get_resolver().url_patterns)
    for name in names:
        assert not ("log" in name and ("edit" in name or "delete" in name)), name
    superuser = make_user(django_user_model, "superuser", username="audit-admin")
    assert AdminURLFinder(superuser).get_edit_url(entry) is None
    # The report takes no POST that could change an entry.
    client.post(reverse("wagtailadmin_reports:site_history"), {"action": "delete"})
    assert ModelLogEntry.objects.filter(pk=entry.pk).exists()


def test_a_working_day_leaves_no_personal_data_in_the_audit_log(client, engagement):
    member = MemberFactory(consents=[Purpose.DEMOGRAPHICS], **SECRETS)
    duplicate = MemberFactory(status=Member.Status.PENDING, email=SECRETS["email"])
    client.get(url("inspect", member) + "?show=sensitive")
    client.post(url("lookup"), {"query": SECRETS["email"]})
    client.post(
        url("consent", member), {"purpose": "demographics", "granted": "no", "channel": "phone"}
    )
    client.post(url("export"), {"columns": ["name", "email", "phone", "address"]})
    client.post(url("subject_access", member))
    client.post(url("merge", duplicate), {"other": member.pk, "keep": "older"})
    client.post(url("erase", member), {"channel": "post", "understood": "on"})
    entries = list(ModelLogEntry.objects.all())
    actions = {entry.action for entry in entries}
    assert {
        "enrolment.view",
        "enrolment.view_sensitive",
        "enrolment.consent",
        "enrolment.export",
        "enrolment.subject_access",
        "enrolment.merge",
        "enrolment.erase",
    } <= actions
    logged = json.dumps([[entry.label, entry.data] for entry in entries], ensure_ascii=False)
    for secret in SECRETS.values():
        assert secret not in logged


def test_the_look_up_query_never_reaches_a_log(client, engagement, caplog):
    caplog.set_level(logging.DEBUG)
    MemberFactory(email=SECRETS["email"])
    before = ModelLogEntry.objects.count()
    client.post(url("lookup"), {"query": SECRETS["email"]})
    client.post(url("lookup"), {"query": "not-a-member@example.org"})
    assert SECRETS["email"] not in caplog.text
    assert "not-a-member" not in caplog.text
    new_entries = ModelLogEntry.objects.order_by("pk")[before:]
    assert all(SECRETS["email"] not in json.dumps(entry.data) for entry in new_entries)


def lookups():
    return list(ModelLogEntry.objects.filter(action="enrolment.lookup").order_by("pk"))


@pytest.mark.parametrize(
    ("query", "kind", "matches"),
    [
        (SECRETS["email"], "email", 2),
        ("GWENLLIAN.SECRET@EXAMPLE.ORG", "email", 2),
        (SECRETS["phone"], "phone", 1),
        ("nobody.here@example.net", "email", 0),
        ("+44 7700 900999", "phone", 0),
        ("vsn-42", "reference", 0),
    ],
)
def test_every_look_up_is_audited_without_what_was_searched(
    client, engagement, query, kind, matches
):
    MemberFactory(email=SECRETS["email"], phone=SECRETS["phone"])
    MemberFactory(email=SECRETS["email"], phone="01267 226440")
    client.post(url("lookup"), {"query": query})

    [entry] = lookups()
    assert entry.user_id == engagement.pk
    assert entry.data == {"kind": kind, "matches": matches}
    written = json.dumps(
        [entry.label, entry.data, str(entry.message), entry.object_id], ensure_ascii=False
    ).lower()
    pieces = [piece for piece in re.split(r"[@.\s+-]+", query.lower()) if len(piece) >= 3]
    for piece in pieces:
        assert piece not in written, piece
    assert "Looked up a member by" in str(entry.message)


def test_a_look_up_that_is_not_understood_searches_nothing_and_logs_nothing(client, engagement):
    client.post(url("lookup"), {"query": "just some words"})
    assert lookups() == []
