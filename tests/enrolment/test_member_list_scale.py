"""The staff member list at scale: the same queries for 5 members or 500 with every filter,
pages of 50, and an index under every filter and under the list's order. (`make bench`
times it with 50,000 members.)"""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from enrolment.filters import MemberFilterSet
from enrolment.models import Area, CrimeType, Member
from tests.enrolment.staff import url

pytestmark = pytest.mark.django_db


def add_members(count):
    """Members made in bulk, without save() (so references are set here)."""
    first = Member.objects.count()
    area = Area.objects.canonical().first()
    today = datetime.date.today()
    members = Member.objects.bulk_create(
        Member(
            name=f"Bulk member {n}",
            reference=f"VSN-B{first + n:05d}",
            status=Member.Status.ACTIVE,
            area=area,
            language=Member.Language.WELSH if n % 2 else Member.Language.ENGLISH,
            preferred_contact=Member.ContactMethod.EMAIL,
            how_affected=Member.HowAffected.VICTIM_SURVIVOR,
            joined_on=today,
            term_ends_on=today + datetime.timedelta(days=30),
        )
        for n in range(count)
    )
    crime_type = CrimeType.objects.canonical().first()
    Member.crime_types.through.objects.bulk_create(
        Member.crime_types.through(member_id=member.pk, crimetype_id=crime_type.pk)
        for member in members
    )


def every_filter():
    area = Area.objects.canonical().first()
    crime_type = CrimeType.objects.canonical().first()
    return (
        f"?status=active&area={area.pk}&language=cy&preferred_contact=email"
        f"&crime_type={crime_type.pk}&how_affected=victim_survivor&term_ending_soon=yes"
    )


@pytest.mark.parametrize("query", ["", "?p=2", "every filter"])
def test_the_list_takes_the_same_queries_for_5_or_500_members(client, engagement, query):
    add_members(5)
    address = url("index") + (every_filter() if query == "every filter" else query)
    client.get(address)  # warm up the session and the content types
    with CaptureQueriesContext(connection) as few:
        assert client.get(address).status_code in (200, 404)
    add_members(495)
    with CaptureQueriesContext(connection) as many:
        response = client.get(address)
    assert response.status_code == 200
    assert len(many) <= len(few)


def test_the_list_is_paginated_at_any_size(client, engagement):
    add_members(500)
    first = client.get(url("index"))
    last = client.get(url("index") + "?p=10")
    assert first.status_code == last.status_code == 200
    assert first.context["paginator"].per_page == 50
    assert first.context["paginator"].num_pages == 10


def indexed_columns(table):
    with connection.cursor() as cursor:
        constraints = connection.introspection.get_constraints(cursor, table)
    return {
        tuple(details["columns"])
        for details in constraints.values()
        if details["index"] or details["primary_key"] or details["foreign_key"]
    }


# Each filter of the list, and the column it filters on.
FILTER_COLUMNS = {
    "status": ("enrolment_member", "status"),
    "area": ("enrolment_member", "area_id"),
    "language": ("enrolment_member", "language"),
    "preferred_contact": ("enrolment_member", "preferred_contact"),
    "crime_type": ("enrolment_member_crime_types", "crimetype_id"),
    "how_affected": ("enrolment_member", "how_affected"),
    "term_ending_soon": ("enrolment_member", "term_ends_on"),
}


def test_every_filter_of_the_list_has_an_index():
    assert set(FILTER_COLUMNS) == set(MemberFilterSet.base_filters)
    for name, (table, column) in FILTER_COLUMNS.items():
        leading = {columns[0] for columns in indexed_columns(table)}
        assert column in leading, name


def test_the_list_order_has_an_index():
    assert ("submitted_at", "id") in indexed_columns("enrolment_member")
