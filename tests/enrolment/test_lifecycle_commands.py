"""The daily commands: lapse_memberships and purge_expired_members."""

import datetime
import io

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone
from wagtail.models import ModelLogEntry

from enrolment.models import Member, MembershipSettings
from tests.db_scan import assert_nowhere_in_database
from tests.factories import MemberFactory

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2031, 6, 15)


def run(command, *args):
    out = io.StringIO()
    call_command(command, *args, stdout=out)
    return out.getvalue()


def member_with_term(ends_on, status=Member.Status.ACTIVE, name=None):
    member = MemberFactory(status=status, **({"name": name} if name else {}))
    Member.objects.filter(pk=member.pk).update(term_ends_on=ends_on)
    return Member.objects.get(pk=member.pk)


def state(member):
    return Member.objects.filter(pk=member.pk).values_list("status", "status_changed_at").get()


def entries(action):
    return ModelLogEntry.objects.filter(action=action)


# --- lapse_memberships --------------------------------------------------------------------


@pytest.fixture
def terms():
    day = datetime.timedelta(days=1)
    return {
        "ended": member_with_term(TODAY - day, name="Elinor Ended-Quill"),
        "ended_long_ago": member_with_term(TODAY - 400 * day, name="Osian Oldterm-Quill"),
        "ends_today": member_with_term(TODAY, name="Tegan Today-Quill"),
        "ends_in_30": member_with_term(TODAY + 30 * day, name="Siôn Soon-Quill"),
        "ends_in_60": member_with_term(TODAY + 60 * day, name="Sara Sixty-Quill"),
        "ends_in_61": member_with_term(TODAY + 61 * day, name="Llŷr Later-Quill"),
        "withdrawn": member_with_term(TODAY - day, status=Member.Status.WITHDRAWN),
        "lapsed": member_with_term(TODAY - day, status=Member.Status.LAPSED),
        "pending": member_with_term(None, status=Member.Status.PENDING),
        "erased": member_with_term(TODAY - day, status=Member.Status.ERASED),
    }


def test_lapse_lapses_only_active_members_whose_term_has_ended(terms):
    before = {key: state(member) for key, member in terms.items()}
    output = run("lapse_memberships", "--today", TODAY.isoformat())

    for key in ("ended", "ended_long_ago"):
        status, changed_at = state(terms[key])
        assert status == Member.Status.LAPSED, key
        assert changed_at > before[key][1], key
    for key in ("ends_today", "ends_in_30", "ends_in_60", "ends_in_61"):
        assert state(terms[key]) == before[key], key
    for key in ("withdrawn", "lapsed", "pending", "erased"):
        assert state(terms[key]) == before[key], key

    lapsed_entries = entries("enrolment.lapse")
    assert sorted(int(entry.object_id) for entry in lapsed_entries) == sorted(
        [terms["ended"].pk, terms["ended_long_ago"].pk]
    )
    assert all(entry.data == {} for entry in lapsed_entries)
    assert "Lapsed 2 membership(s)" in output


def test_lapse_lists_terms_ending_within_60_days_by_reference(terms):
    output = run("lapse_memberships", "--today", TODAY.isoformat())
    soon = output.split("end within 60 days")[1]
    for key in ("ends_today", "ends_in_30", "ends_in_60"):
        assert terms[key].reference in soon, key
    for key in ("ends_in_61", "ended", "withdrawn", "lapsed", "pending", "erased"):
        assert terms[key].reference not in soon, key
    assert "3 membership(s) end within 60 days" in output
    assert f"{terms['ends_in_30'].reference}  term ends {TODAY + datetime.timedelta(30)}" in output


def test_lapse_output_names_nobody(terms):
    output = run("lapse_memberships", "--today", TODAY.isoformat())
    for member in terms.values():
        member = Member.objects.get(pk=member.pk)
        assert member.name not in output
        assert member.email not in output
        assert member.name.split()[0] not in output


def test_lapse_twice_changes_nothing_the_second_time(terms):
    run("lapse_memberships", "--today", TODAY.isoformat())
    after_first = {key: state(member) for key, member in terms.items()}
    count = entries("enrolment.lapse").count()

    output = run("lapse_memberships", "--today", TODAY.isoformat())
    assert {key: state(member) for key, member in terms.items()} == after_first
    assert entries("enrolment.lapse").count() == count
    assert "Lapsed 0 membership(s)" in output
    assert "3 membership(s) end within 60 days" in output, "the reminder list still shows"


def test_lapse_dry_run_changes_nothing(terms):
    before = {key: state(member) for key, member in terms.items()}
    output = run("lapse_memberships", "--today", TODAY.isoformat(), "--dry-run")
    assert {key: state(member) for key, member in terms.items()} == before
    assert not entries("enrolment.lapse").exists()
    assert "Would lapse 2 membership(s)" in output
    assert terms["ended"].reference in output


def test_lapse_uses_the_real_date_by_default():
    today = timezone.localdate()
    ended = member_with_term(today - datetime.timedelta(days=1))
    current = member_with_term(today + datetime.timedelta(days=365))
    run("lapse_memberships")
    assert state(ended)[0] == Member.Status.LAPSED
    assert state(current)[0] == Member.Status.ACTIVE


@pytest.mark.parametrize("bad", ["15/06/2031", "2031-02-30", "tomorrow", "<script>", "\x00"])
def test_lapse_refuses_a_bad_date(bad):
    with pytest.raises(CommandError, match="--today must be a date"):
        run("lapse_memberships", "--today", bad)


# --- purge_expired_members ----------------------------------------------------------------


def aged(status, days, name=None):
    """A member whose status changed ``days`` ago."""
    member = MemberFactory(**({"name": name} if name else {}))
    Member.objects.filter(pk=member.pk).update(
        status=status, status_changed_at=timezone.now() - datetime.timedelta(days=days)
    )
    return Member.objects.get(pk=member.pk)


@pytest.fixture
def retention():
    membership = MembershipSettings.load()
    membership.retention_days = 365
    membership.save()
    return membership


@pytest.fixture
def ages(retention):
    return {
        "withdrawn_old": aged(Member.Status.WITHDRAWN, 400, name="Wil Withdrawn-Quill"),
        "lapsed_old": aged(Member.Status.LAPSED, 366, name="Lowri Lapsed-Quill"),
        "withdrawn_recent": aged(Member.Status.WITHDRAWN, 364),
        "lapsed_recent": aged(Member.Status.LAPSED, 10),
        "active_old": aged(Member.Status.ACTIVE, 2000),
        "pending_old": aged(Member.Status.PENDING, 2000),
        "erased_old": aged(Member.Status.ERASED, 2000),
    }


def test_purge_erases_only_old_withdrawn_and_lapsed_members(ages):
    secrets = [ages["withdrawn_old"].name, ages["withdrawn_old"].email, ages["lapsed_old"].name]
    output = run("purge_expired_members")

    assert state(ages["withdrawn_old"])[0] == Member.Status.ERASED
    assert state(ages["lapsed_old"])[0] == Member.Status.ERASED
    for key in ("withdrawn_recent", "lapsed_recent", "active_old", "pending_old"):
        member = Member.objects.get(pk=ages[key].pk)
        assert member.status == ages[key].status, key
        assert member.name == ages[key].name, key
    assert_nowhere_in_database(*secrets, member=ages["withdrawn_old"])

    purged = entries("enrolment.purge")
    assert sorted(int(entry.object_id) for entry in purged) == sorted(
        [ages["withdrawn_old"].pk, ages["lapsed_old"].pk]
    )
    assert sorted(entry.data["previous_status"] for entry in purged) == ["lapsed", "withdrawn"]
    assert "Erased 2 member record(s) kept longer than 365 days: 1 withdrawn, 1 lapsed." in output


def test_purge_output_gives_counts_only(ages):
    output = run("purge_expired_members")
    for member in ages.values():
        assert member.reference not in output
        assert member.name not in output
        assert member.email not in output


def test_purge_twice_erases_nobody_twice(ages):
    run("purge_expired_members")
    after_first = {key: state(member) for key, member in ages.items()}
    count = entries("enrolment.purge").count()

    output = run("purge_expired_members")
    assert {key: state(member) for key, member in ages.items()} == after_first
    assert entries("enrolment.purge").count() == count
    assert "Erased 0 member record(s)" in output


def test_purge_dry_run_changes_nothing(ages):
    before = {key: state(member) for key, member in ages.items()}
    output = run("purge_expired_members", "--dry-run")
    assert {key: state(member) for key, member in ages.items()} == before
    assert not entries("enrolment.purge").exists()
    assert "Would erase 2 member record(s)" in output
    assert Member.objects.get(pk=ages["withdrawn_old"].pk).name == "Wil Withdrawn-Quill"


def test_purge_follows_the_retention_period_set_in_the_admin(ages, retention):
    retention.retention_days = 30
    retention.save()
    output = run("purge_expired_members")
    assert state(ages["withdrawn_recent"])[0] == Member.Status.ERASED
    assert state(ages["lapsed_recent"])[0] == Member.Status.LAPSED, "10 days < 30"
    assert "Erased 3 member record(s) kept longer than 30 days: 2 withdrawn, 1 lapsed." in output


def test_a_renewed_member_is_safe_from_the_purge(ages):
    member = ages["lapsed_old"]
    member.renew()
    run("purge_expired_members")
    member = Member.objects.get(pk=member.pk)
    assert member.status == Member.Status.ACTIVE
    assert member.name == "Lowri Lapsed-Quill"
