"""Staff reading anonymous contributions inside an activity: a count on the activity page,
the words on a page of their own, each reading audited, the engagement team only."""

import datetime

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from wagtail.models import ModelLogEntry

from impact.admin.contributions import PER_PAGE
from impact.models import AnonymousContribution
from tests.enrolment.staff import ROLES, TEAM_ROLES, make_user, permission, prefer_welsh, sign_in
from tests.factories import ActivityFactory
from tests.html import parse

pytestmark = pytest.mark.django_db

NEVER_CACHED = ("no-cache", "no-store", "must-revalidate", "private")


def open_activity(**changes):
    values = {
        "allow_anonymous": True,
        "public_title": "Waiting at court",
        "public_title_cy": "Aros yn y llys",
        "public_question": "What would help?",
        "public_question_cy": "Beth fyddai'n helpu?",
        **changes,
    }
    return ActivityFactory(**values)


def contribute(activity, text, language="en", days_ago=0):
    return AnonymousContribution.objects.create(
        activity=activity,
        text=text,
        language=language,
        received_on=datetime.date(2026, 5, 20) - datetime.timedelta(days=days_ago),
    )


def activity_page(activity):
    return reverse("impact_activities:inspect", args=[activity.pk])


def reading_page(activity):
    return reverse("impact_activities:contributions", args=[activity.pk])


def readings(activity):
    return ModelLogEntry.objects.filter(
        action="impact.read_contributions", object_id=str(activity.pk)
    ).order_by("pk")


@pytest.fixture
def activity():
    activity = open_activity()
    contribute(activity, "The signs in the court were only in English.", days_ago=3)
    contribute(activity, "Roedd yr ystafell aros yn rhy agos.", language="cy", days_ago=1)
    return activity


# --- the activity page ----------------------------------------------------------------------


def test_the_activity_page_counts_them_and_never_shows_the_words(client, engagement, activity):
    response = client.get(activity_page(activity))

    assert response.status_code == 200
    soup = parse(response)
    section = soup.select_one('section[aria-labelledby="activity-contributions"]')
    assert "2 contributions received." in section.get_text(" ", strip=True)
    assert section.select_one(f'a[href="{reading_page(activity)}"]')
    html = response.content.decode()
    assert "signs in the court" not in html
    assert "ystafell aros" not in html
    # Opening the activity is not reading the contributions.
    assert not readings(activity).exists()


def test_the_activity_page_gives_the_public_addresses_while_it_is_open(
    client, engagement, activity
):
    section = parse(client.get(activity_page(activity))).select_one(
        'section[aria-labelledby="activity-contributions"]'
    )
    codes = [code.get_text() for code in section.select("code")]
    assert codes == [
        f"/have-your-say/{activity.public_code}/",
        f"/cy/dweud-eich-dweud/{activity.public_code}/",
    ]


@pytest.mark.parametrize(
    "changes, message",
    [
        ({"status": "closed"}, "The public form is closed."),
        ({"allow_anonymous": False}, "This activity does not take anonymous contributions."),
    ],
)
def test_a_closed_or_members_only_activity_says_so(client, engagement, changes, message):
    activity = open_activity(**changes)
    section = parse(client.get(activity_page(activity))).select_one(
        'section[aria-labelledby="activity-contributions"]'
    )
    assert message in section.get_text(" ", strip=True)
    assert not section.select("code")
    assert "0 contributions received." in section.get_text(" ", strip=True)
    # Nothing to read, so no button.
    assert not section.select(f'a[href="{reading_page(activity)}"]')


def test_one_contribution_is_counted_in_the_singular(client, engagement):
    activity = open_activity()
    contribute(activity, "Only one.")
    text = parse(client.get(activity_page(activity))).get_text(" ", strip=True)
    assert "1 contribution received." in text


# --- reading them -----------------------------------------------------------------------------


def test_the_team_reads_them_newest_first_and_each_reading_is_audited(client, engagement, activity):
    response = client.get(reading_page(activity))

    assert response.status_code == 200
    soup = parse(response)
    quotes = soup.select("main blockquote")
    assert [quote.get_text(strip=True) for quote in quotes] == [
        "Roedd yr ystafell aros yn rhy agos.",
        "The signs in the court were only in English.",
    ]
    assert [quote["lang"] for quote in quotes] == ["cy", "en"]
    assert "Received 19 May 2026. Language: Welsh" in soup.get_text(" ", strip=True)

    [entry] = readings(activity)
    assert entry.user_id == engagement.pk
    assert entry.data == {"page": 1, "shown": 2}
    # The audit entry carries none of the words.
    assert "court" not in str(entry.data) and "ystafell" not in str(entry.data)

    client.get(reading_page(activity))
    assert readings(activity).count() == 2


def test_the_reading_page_warns_staff_gently(client, engagement, activity):
    text = parse(client.get(reading_page(activity))).get_text(" ", strip=True)
    assert "Some may be upsetting to read" in text
    assert "safeguarding procedure" in text


def test_hostile_words_are_shown_escaped(client, engagement):
    activity = open_activity()
    contribute(activity, "<script>alert('x')</script><img src=x onerror=alert(1)>")

    response = client.get(reading_page(activity))

    html = response.content.decode()
    assert "<script>alert" not in html
    assert "<img src=x" not in html
    assert "alert(&#x27;x&#x27;)" in html or "alert(&#39;x&#39;)" in html


def test_they_are_shown_a_page_at_a_time(client, engagement):
    activity = open_activity()
    for number in range(PER_PAGE + 3):
        contribute(activity, f"Contribution number {number:03d}", days_ago=number)

    first = parse(client.get(reading_page(activity)))
    second = parse(client.get(reading_page(activity) + "?p=2"))
    junk = client.get(reading_page(activity) + "?p=<script>")

    assert len(first.select("main blockquote")) == PER_PAGE
    assert [q.get_text(strip=True) for q in second.select("main blockquote")] == [
        f"Contribution number {n:03d}" for n in range(PER_PAGE, PER_PAGE + 3)
    ]
    assert second.select_one('a[href="?p=1"]')
    assert junk.status_code == 200
    assert [entry.data for entry in readings(activity)] == [
        {"page": 1, "shown": PER_PAGE},
        {"page": 2, "shown": 3},
        {"page": 1, "shown": PER_PAGE},
    ]


def test_only_this_activity_s_contributions_are_shown(client, engagement, activity):
    other = open_activity()
    contribute(other, "Belongs to another activity.")

    html = client.get(reading_page(activity)).content.decode()

    assert "Belongs to another activity." not in html


def test_an_unknown_activity_is_not_found(client, engagement):
    response = client.get(reverse("impact_activities:contributions", args=[999999]))
    assert response.status_code == 404


def test_the_reading_page_is_never_cached(client, engagement, activity):
    cache_control = client.get(reading_page(activity))["Cache-Control"]
    assert all(part in cache_control for part in NEVER_CACHED)


def test_the_reading_page_is_in_welsh_for_welsh_speaking_staff(client, engagement, activity):
    prefer_welsh(engagement)

    text = parse(client.get(reading_page(activity))).get_text(" ", strip=True)

    assert "Cyfraniadau dienw" in text
    assert "Derbyniwyd" in text
    assert "2 gyfraniad, y mwyaf newydd yn gyntaf." in text


# --- who may read them -------------------------------------------------------------------------


@pytest.mark.parametrize("role", ROLES)
def test_only_the_team_may_read_them(client, django_user_model, role, activity):
    sign_in(client, make_user(django_user_model, role))

    response = client.get(reading_page(activity))

    if role in TEAM_ROLES:
        assert response.status_code == 200
        assert "signs in the court" in response.content.decode()
    else:
        assert response.status_code == 302
        assert "signs in the court" not in response.content.decode()
        assert not readings(activity).exists()


def test_the_team_without_the_right_to_view_contributions_cannot_read_them(
    client, django_user_model, activity
):
    team = Group.objects.get(name="Engagement team")
    team.permissions.remove(permission("view_anonymouscontribution", "impact"))
    sign_in(client, make_user(django_user_model, "engagement"))

    response = client.get(reading_page(activity))
    page = client.get(activity_page(activity))

    assert response.status_code == 302 and response["Location"] == "/admin/"
    assert not readings(activity).exists()
    # The activity page still counts them, but offers no way in.
    assert page.status_code == 200
    assert not parse(page).select(f'a[href="{reading_page(activity)}"]')


def test_the_right_given_to_another_group_by_mistake_opens_nothing(
    client, django_user_model, activity
):
    Group.objects.get(name="Communications team").permissions.add(
        permission("view_anonymouscontribution", "impact")
    )
    sign_in(client, make_user(django_user_model, "communications"))

    response = client.get(reading_page(activity))

    assert response.status_code == 302
    assert not readings(activity).exists()


def test_reading_cannot_change_anything(client, engagement, activity):
    response = client.post(reading_page(activity), {"text": "changed"})
    assert response.status_code == 405
    assert AnonymousContribution.objects.filter(activity=activity).count() == 2
