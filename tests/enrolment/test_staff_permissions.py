"""Only the engagement team and administrators reach member records: every role against
every staff URL, with the exact answer each one gets."""

import pytest
from django.contrib.auth.models import Group
from django.urls import NoReverseMatch, reverse

from enrolment.models import Member, MembershipSettings
from enrolment.permissions import EngagementTeamPermissionPolicy
from tests.enrolment.staff import ROLES, TEAM_ROLES, make_user, permission, sign_in, url
from tests.factories import MemberFactory

pytestmark = pytest.mark.django_db

# (URL name, which member it is about). "pending" is a pending member with a duplicate.
MEMBER_URLS = [
    ("index", None),
    ("index_results", None),
    ("add", None),
    ("lookup", None),
    ("export", None),
    ("inspect", "active"),
    ("edit", "active"),
    ("history", "active"),
    ("history_results", "active"),
    ("subject_access", "active"),
    ("confirm", "pending"),
    ("renew", "active"),
    ("withdraw", "active"),
    ("erase", "active"),
    ("consent", "active"),
    ("merge", "pending"),
    ("withdrawal_link", "active"),
    ("confirm_phone", "new_phone"),
    ("changes_checked", "active"),
]
ACTION_URLS = [
    "confirm",
    "renew",
    "withdraw",
    "erase",
    "consent",
    "merge",
    "withdrawal_link",
    "subject_access",
    "confirm_phone",
    "changes_checked",
]


@pytest.fixture
def members():
    active = MemberFactory(email="shared@example.org")
    pending = MemberFactory(status=Member.Status.PENDING, email="shared@example.org")
    new_phone = MemberFactory(
        pending_phone="07912 111222", changed_by_member_at=active.submitted_at
    )
    return {"active": active, "pending": pending, "new_phone": new_phone}


def refused(response, role):
    """Anonymous visitors are sent to sign in; other staff back to the dashboard."""
    if role == "anonymous":
        return response.status_code == 302 and response["Location"].startswith("/admin/login/")
    return response.status_code == 302 and response["Location"] == "/admin/"


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize(("name", "which"), MEMBER_URLS)
def test_every_member_url_for_every_role(client, django_user_model, members, role, name, which):
    sign_in(client, make_user(django_user_model, role))
    response = client.get(url(name, members.get(which)))
    if role in TEAM_ROLES:
        assert response.status_code == 200
    else:
        assert refused(response, role)


@pytest.mark.parametrize("role", [role for role in ROLES if role not in TEAM_ROLES])
@pytest.mark.parametrize("name", ACTION_URLS)
def test_actions_refuse_a_post_from_outside_the_team(
    client, django_user_model, members, role, name
):
    sign_in(client, make_user(django_user_model, role))
    member = {"confirm": "pending", "merge": "pending", "confirm_phone": "new_phone"}.get(name)
    member = members[member or "active"]
    before = {
        m.pk: (m.status, m.consent_records.count(), m.phone, m.changed_by_member_at)
        for m in Member.objects.all()
    }
    response = client.post(
        url(name, member),
        {
            "channel": "phone",
            "understood": "on",
            "purpose": "contact",
            "granted": "no",
            "other": members["active"].pk,
            "keep": "this",
            "called": "on",
        },
    )
    assert refused(response, role)
    after = {
        m.pk: (m.status, m.consent_records.count(), m.phone, m.changed_by_member_at)
        for m in Member.objects.all()
    }
    assert after == before
    assert "Content-Disposition" not in response


@pytest.mark.parametrize("role", [role for role in ROLES if role not in TEAM_ROLES])
def test_export_and_lookup_refuse_a_post_from_outside_the_team(
    client, django_user_model, members, role
):
    sign_in(client, make_user(django_user_model, role))
    export = client.post(url("export"), {"columns": ["name", "email"]})
    assert refused(export, role)
    assert "Content-Disposition" not in export
    lookup = client.post(url("lookup"), {"query": "shared@example.org"})
    assert refused(lookup, role)
    assert b"VSN-" not in lookup.content


@pytest.mark.parametrize("role", [role for role in ROLES if role not in TEAM_ROLES])
def test_a_missing_record_gets_the_same_refusal_as_a_real_one(client, django_user_model, role):
    """Outside the team, nobody can even tell which record numbers exist."""
    sign_in(client, make_user(django_user_model, role))
    response = client.get(reverse("enrolment_members:inspect", args=[987654]))
    assert refused(response, role)


def test_a_wrongly_granted_permission_still_shows_the_communications_team_nothing(
    client, django_user_model, members
):
    communications = Group.objects.get(name="Communications team")
    for codename in ("view_member", "change_member", "export_member", "view_sensitive_member"):
        communications.permissions.add(permission(codename))
    user = make_user(django_user_model, "communications")
    assert "enrolment.view_member" in user.get_all_permissions()  # the mistake is stored
    sign_in(client, user)
    for name, which in MEMBER_URLS:
        assert refused(client.get(url(name, members.get(which))), "communications"), name
    assert "/admin/members/" not in client.get("/admin/").content.decode()


def test_the_policy_needs_both_the_team_and_the_permission(django_user_model):
    policy = EngagementTeamPermissionPolicy(Member)
    engagement = make_user(django_user_model, "engagement")
    editor = make_user(django_user_model, "communications")
    editor.user_permissions.add(permission("view_member"))
    editor = django_user_model.objects.get(pk=editor.pk)  # drop Django's permission cache
    superuser = make_user(django_user_model, "superuser")
    assert policy.user_has_permission(engagement, "view")
    assert policy.user_has_permission(engagement, "erase")
    assert not policy.user_has_permission(editor, "view")
    assert policy.user_has_permission(superuser, "export")
    assert set(policy.users_with_permission("view")) == {engagement, superuser}
    engagement.is_active = False
    engagement.save()
    engagement = django_user_model.objects.get(pk=engagement.pk)
    assert not policy.user_has_permission(engagement, "view")


@pytest.mark.parametrize("role", ROLES[1:])
def test_the_menu_item_shows_only_for_the_team(client, django_user_model, role):
    sign_in(client, make_user(django_user_model, role))
    dashboard = client.get("/admin/")
    if role == "admin_only" or role in ("communications", "translator"):
        assert dashboard.status_code == 200
    menu_has_members = "/admin/members/" in dashboard.content.decode()
    assert menu_has_members == (role in TEAM_ROLES)


@pytest.mark.parametrize("name", ["delete", "usage", "copy"])
def test_wagtails_delete_usage_and_copy_views_do_not_exist(
    client, django_user_model, members, name
):
    with pytest.raises(NoReverseMatch):
        reverse(f"enrolment_members:{name}", args=[members["active"].pk])
    sign_in(client, make_user(django_user_model, "superuser"))
    response = client.get(f"/admin/members/{name}/{members['active'].pk}/")
    assert response.status_code == 404
    assert Member.objects.filter(pk=members["active"].pk).exists()


def test_wagtails_spreadsheet_export_of_the_list_is_switched_off(client, django_user_model):
    MemberFactory(name="Export Bypass")
    sign_in(client, make_user(django_user_model, "engagement"))
    response = client.get(url("index") + "?export=csv")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/html")


LIST_SNIPPETS = ["area", "crimetype", "demographicoption", "privacynotice"]


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("model", LIST_SNIPPETS)
def test_the_editable_lists_are_for_the_team_and_translators(
    client, django_user_model, role, model
):
    sign_in(client, make_user(django_user_model, role))
    response = client.get(f"/admin/snippets/enrolment/{model}/")
    if role in TEAM_ROLES or role == "translator":
        assert response.status_code == 200
    else:
        assert refused(response, role)


@pytest.mark.parametrize("role", ROLES)
def test_membership_settings_are_for_the_team(client, django_user_model, role):
    settings = MembershipSettings.load()
    sign_in(client, make_user(django_user_model, role))
    response = client.get(f"/admin/settings/enrolment/membershipsettings/{settings.pk}/")
    if role in TEAM_ROLES:
        assert response.status_code == 200
    else:
        assert refused(response, role)


def test_actions_need_the_csrf_token(django_user_model, members):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    sign_in(client, make_user(django_user_model, "engagement"))
    pending = members["pending"]
    assert client.post(url("confirm", pending)).status_code == 403
    assert client.post(url("export"), {"columns": ["name"]}).status_code == 403
    pending.refresh_from_db()
    assert pending.status == Member.Status.PENDING


# Letters and calls (enrolment.admin.waiting): every URL, every role.
WAITING_PAGES = ["index", "letters", "calls"]
WAITING_POSTS = ["letters_posted", "record_call"]


@pytest.fixture
def waiting_letter_and_call():
    from enrolment.messaging import send
    from enrolment.models import MemberMessage

    letter = MemberFactory(
        email="",
        email_safe=False,
        address="1 Heol y Bont",
        letter_safe=True,
        preferred_contact="post",
    )
    call = MemberFactory(email="", email_safe=False, phone="07700 900123", phone_safe=True)
    return {
        "letter": send(letter, MemberMessage.Kind.RENEWAL),
        "call": send(call, MemberMessage.Kind.MEMBERSHIP_LINK),
    }


def waiting_url(name, message=None):
    return reverse(f"enrolment_waiting:{name}", args=[message.pk] if message else [])


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("name", WAITING_PAGES)
def test_every_letters_and_calls_page_for_every_role(
    client, django_user_model, waiting_letter_and_call, role, name
):
    sign_in(client, make_user(django_user_model, role))
    response = client.get(waiting_url(name))
    if role in TEAM_ROLES:
        assert response.status_code == 200
    else:
        assert refused(response, role)
        assert b"07700 900123" not in response.content
        assert b"Heol y Bont" not in response.content


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("name", WAITING_POSTS)
def test_letters_and_calls_refuse_a_post_from_outside_the_team(
    client, django_user_model, waiting_letter_and_call, role, name
):
    sign_in(client, make_user(django_user_model, role))
    letter, call = waiting_letter_and_call["letter"], waiting_letter_and_call["call"]
    if name == "letters_posted":
        response = client.post(waiting_url(name), {"letter": [letter.pk]})
    else:
        response = client.post(waiting_url(name, call))
    letter.refresh_from_db()
    call.refresh_from_db()
    if role in TEAM_ROLES:
        assert response.status_code == 302
        assert (letter.state, call.state) != ("to_print", "to_call")
    else:
        assert refused(response, role)
        assert (letter.state, call.state) == ("to_print", "to_call")


@pytest.mark.parametrize("role", ROLES[1:])
def test_the_letters_and_calls_menu_item_shows_only_for_the_team(client, django_user_model, role):
    sign_in(client, make_user(django_user_model, role))
    shown = waiting_url("index") in client.get("/admin/").content.decode()
    assert shown == (role in TEAM_ROLES)
