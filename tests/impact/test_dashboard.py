"""The engagement panel on the admin dashboard: the right counts for the team, nothing for
anyone else, links that lead to the work, in both languages, in a fixed number of queries.

The demo content holds activities and partner updates of its own, so activity figures are
checked as what this test adds to what was there before."""

import datetime

import pytest
from bs4 import BeautifulSoup
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import ngettext

from enrolment.models import Member
from impact.admin import dashboard
from impact.admin.dashboard import EngagementPanel
from impact.models import PartnerUpdate, Recommendation
from impact.models.activities import financial_year_of, quarter_of
from tests.enrolment.staff import make_user, prefer_welsh, sign_in
from tests.factories import ActivityFactory, MemberFactory

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()
DAY = datetime.timedelta(days=1)
S = Member.Status


def panel(client):
    response = client.get(reverse("wagtailadmin_home"))
    assert response.status_code == 200
    page = BeautifulSoup(response.content, "html.parser")
    heading = page.find(id="engagement-members") or page.find(id="engagement-quarter")
    return heading.find_parent(class_="w-panel") if heading else None


def by_status(section):
    return {
        row["data-status"]: int(row.find_all("td")[1].get_text(strip=True))
        for row in section.select("tr[data-status]")
    }


def awaiting_count(section):
    return int(section.select_one("[data-awaiting-count]")["data-awaiting-count"])


@pytest.fixture
def members():
    """2 pending, 4 active (2 with terms ending within 60 days), 1 lapsed (term ending
    soon, but lapsed members are not counted there), 1 withdrawn, 1 erased."""
    made = {
        "pending": [MemberFactory(status=S.PENDING) for _ in range(2)],
        "active": [MemberFactory() for _ in range(4)],
        "lapsed": [MemberFactory(status=S.LAPSED, term_ends_on=TODAY + 10 * DAY)],
        "withdrawn": [MemberFactory(status=S.WITHDRAWN)],
        "erased": [MemberFactory(status=S.ERASED)],
    }
    ending = made["active"][:2]
    Member.objects.filter(pk=ending[0].pk).update(term_ends_on=TODAY + 30 * DAY)
    Member.objects.filter(pk=ending[1].pk).update(term_ends_on=TODAY + 60 * DAY)
    Member.objects.filter(pk=made["active"][2].pk).update(term_ends_on=TODAY + 61 * DAY)
    made["ending"] = ending
    return made


def test_the_team_sees_members_by_status_and_terms_ending(client, engagement, members):
    section = panel(client)
    assert by_status(section) == {
        "pending": 2,
        "active": 4,
        "withdrawn": 1,
        "lapsed": 1,
        "erased": 1,
    }
    assert "2 members' terms end in the next 60 days." in section.get_text(" ", strip=True)


def test_the_links_lead_to_the_members_they_count(client, engagement, members):
    section = panel(client)
    pending_link = section.select_one('tr[data-status="pending"] a')["href"]
    listing = client.get(pending_link).content.decode()
    assert all(member.reference in listing for member in members["pending"])
    assert not any(member.reference in listing for member in members["active"])

    ending_link = section.select_one("[data-ending-soon] a")["href"]
    assert "term_ending_soon=yes" in ending_link
    listing = client.get(ending_link).content.decode()
    assert all(member.reference in listing for member in members["ending"])
    others = members["active"][2:] + members["lapsed"] + members["pending"]
    assert not any(member.reference in listing for member in others)


def test_this_quarters_activities_are_listed_with_links(client, engagement):
    now = ActivityFactory(
        title="Court waiting rooms",
        financial_year=financial_year_of(TODAY),
        quarter=quarter_of(TODAY),
    )
    ActivityFactory(title="Next year's survey", financial_year=financial_year_of(TODAY) + 1)
    ActivityFactory(title="An urgent one-off", quarter="one_off")
    section = panel(client)
    listed = {a.get_text(strip=True): a["href"] for a in section.select("[data-this-quarter] a")}
    assert listed["Court waiting rooms"] == reverse("impact_activities:inspect", args=[now.pk])
    assert "Next year's survey" not in listed and "An urgent one-off" not in listed


def record(recommendation, status, days_ago):
    PartnerUpdate.objects.create(
        recommendation=recommendation,
        status=status,
        date=TODAY - days_ago * DAY,
        note="reason" if status == "not_adopted" else "",
    )


def test_recommendations_awaiting_an_update_in_closed_and_reported_activities(
    client, engagement, monkeypatch
):
    monkeypatch.setattr(dashboard, "AWAITING_SHOWN", 1000)
    before = awaiting_count(panel(client))
    closed = ActivityFactory(status="closed", title="Closed activity")
    reported = ActivityFactory(status="reported", title="Reported activity")
    still_open = ActivityFactory(status="open", title="Open activity")

    def recommend(activity, text):
        return Recommendation.objects.create(activity=activity, text=text)

    recommend(closed, "No word yet")  # awaiting
    record(recommend(closed, "Done already"), "done", 1)  # final
    reopened = recommend(closed, "Rejected then reconsidered")
    record(reopened, "not_adopted", 20)
    record(reopened, "in_progress", 2)  # newest: in progress, awaiting
    finished = recommend(closed, "Started then finished")
    record(finished, "in_progress", 20)
    record(finished, "done", 2)  # newest: done, final
    record(recommend(reported, "Accepted only"), "accepted", 5)  # awaiting
    recommend(still_open, "Too early to ask")  # open activity: not counted

    section = panel(client)
    assert awaiting_count(section) == before + 3
    listed = [item.get_text(" ", strip=True) for item in section.select("[data-awaiting] li")]
    text = " ".join(listed)
    for shown in ("No word yet", "Rejected then reconsidered", "Accepted only"):
        assert shown in text
    for hidden in ("Done already", "Started then finished", "Too early to ask"):
        assert hidden not in text
    link = section.select_one("[data-awaiting] a")["href"]
    assert link.startswith("/admin/activities/inspect/") and link.endswith("#outcomes")


def test_a_long_list_of_waiting_recommendations_is_cut_short(client, engagement, monkeypatch):
    monkeypatch.setattr(dashboard, "AWAITING_SHOWN", 1)
    closed = ActivityFactory(status="closed")
    for text in ("First", "Second"):
        Recommendation.objects.create(activity=closed, text=text)
    section = panel(client)
    assert len(section.select("[data-awaiting] li")) == 1
    assert awaiting_count(section) >= 2
    assert section.find("a", string="All engagement activities")


@pytest.mark.parametrize("role", ["communications", "translator", "admin_only"])
def test_nobody_outside_the_team_sees_the_panel(client, django_user_model, members, role):
    sign_in(client, make_user(django_user_model, role))
    response = client.get(reverse("wagtailadmin_home"))
    assert response.status_code == 200
    page = response.content.decode()
    assert panel(client) is None
    for words in ("Members by status", "terms end in the next", "awaiting a partner update"):
        assert words not in page


@pytest.mark.parametrize("role", ["engagement_without_sensitive", "superuser"])
def test_the_rest_of_the_team_sees_it(client, django_user_model, members, role):
    sign_in(client, make_user(django_user_model, role))
    section = panel(client)
    assert by_status(section)["active"] == 4


def test_the_panel_is_in_welsh_for_welsh_speaking_staff(client, engagement, members):
    prefer_welsh(engagement)
    text = panel(client).get_text(" ", strip=True)
    assert "Aelodau yn ôl statws" in text
    assert "Mae tymhorau 2 aelod yn dod i ben yn ystod y 60 diwrnod nesaf." in text
    assert "Gweithgareddau'r chwarter hwn" in text
    assert "Argymhellion sy'n aros am ddiweddariad gan bartner" in text
    assert "Gweithredol" in text or "gweithredol" in text  # the status labels


def test_the_panel_takes_a_fixed_number_of_queries(engagement):
    def render():
        with CaptureQueriesContext(connection) as queries:
            EngagementPanel(True, True).render_html({})
        return len(queries)

    few = render()
    for number in range(5):
        activity = ActivityFactory(
            status="closed", financial_year=financial_year_of(TODAY), quarter=quarter_of(TODAY)
        )
        for text in ("One", "Two", "Three"):
            recommendation = Recommendation.objects.create(activity=activity, text=text)
            record(recommendation, "accepted", number)
        MemberFactory(status=S.PENDING)
        MemberFactory()
    assert render() == few


def ending_soon_text(client):
    return panel(client).select_one("[data-ending-soon]").get_text(" ", strip=True)


def terms_ending(number):
    made = [MemberFactory().pk for _ in range(number)]
    Member.objects.filter(pk__in=made).update(term_ends_on=TODAY + 10 * DAY)


@pytest.mark.parametrize(
    ("number", "english", "welsh"),
    [
        (0, "No member's term ends in the next 60 days.", "Nid yw tymor unrhyw aelod yn dod i ben"),
        (1, "1 member's term ends in the next 60 days.", "Mae tymor 1 aelod yn dod i ben"),
        (2, "2 members' terms end in the next 60 days.", "Mae tymhorau 2 aelod yn dod i ben"),
        (3, "3 members' terms end in the next 60 days.", "Mae tymhorau 3 aelod yn dod i ben"),
        (8, "8 members' terms end in the next 60 days.", "Mae tymhorau 8 aelod yn dod i ben"),
    ],
)
def test_terms_ending_soon_read_well_for_any_number(client, engagement, number, english, welsh):
    terms_ending(number)
    text = ending_soon_text(client)
    assert text.startswith(english)
    assert "0 members" not in text
    assert bool(panel(client).select("[data-ending-soon] a")) == (number > 0)

    prefer_welsh(engagement)
    assert ending_soon_text(client).startswith(welsh)


def test_every_welsh_plural_form_is_filled_in():
    singular = "%(counter)s member's term ends in the next 60 days."
    plural = "%(counter)s members' terms end in the next 60 days."
    with translation.override("cy"):
        # 1, 2, 3 and 8 fall in each of the catalogue's four plural forms.
        forms = {n: ngettext(singular, plural, n) for n in (1, 2, 3, 8)}
    assert all(form not in (singular, plural) for form in forms.values())
    assert forms[1].startswith("Mae tymor ")
    assert all(forms[n].startswith("Mae tymhorau ") for n in (2, 3, 8))


@pytest.mark.parametrize("role", ["engagement", "engagement_without_sensitive"])
def test_the_team_finds_members_from_the_dashboard_not_a_page_search(
    client, django_user_model, role
):
    sign_in(client, make_user(django_user_model, role))
    response = client.get(reverse("wagtailadmin_home"))
    page = BeautifulSoup(response.content, "html.parser")

    searches = [form["action"] for form in page.select("main form[role=search]")]
    assert searches == [], "the page search would only say permission denied"
    assert page.select_one("[data-no-page-search]")
    assert panel(client) is not None

    look_up = panel(client).find("a", string="Find a member")["href"]
    assert look_up == reverse("enrolment_members:lookup")
    assert client.get(look_up).status_code == 200


@pytest.mark.parametrize("role", ["communications", "superuser"])
def test_people_who_edit_pages_keep_the_page_search(client, django_user_model, role):
    sign_in(client, make_user(django_user_model, role))
    page = BeautifulSoup(client.get(reverse("wagtailadmin_home")).content, "html.parser")
    action = page.select_one("main form[role=search]")["action"]
    response = client.get(action, {"q": "network"})
    assert response.status_code == 200
    assert not page.select_one("[data-no-page-search]")


def test_the_dashboard_without_page_search_is_in_welsh(client, engagement):
    prefer_welsh(engagement)
    page = BeautifulSoup(client.get(reverse("wagtailadmin_home")).content, "html.parser")
    assert not page.select("main form[role=search]")
    assert panel(client).find("a", string="Dod o hyd i aelod")


def test_nobody_outside_the_team_reaches_the_look_up(client, django_user_model):
    sign_in(client, make_user(django_user_model, "communications"))
    response = client.get(reverse("enrolment_members:lookup"))
    assert response.status_code == 302
    assert response["Location"] == "/admin/"
