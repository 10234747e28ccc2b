"""Representativeness: who took part compared with all active members, on a population built
here with hand-counted figures; small groups hidden, twice over; the table and the chart."""

import re
import xml.etree.ElementTree as ET

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse
from django.utils import translation

from enrolment.models import Area, DemographicOption, Member, Purpose
from impact.charts import SOLID, paired_bar_chart
from impact.models import Invitation
from impact.reporting import percent, representativeness, suppress
from tests.enrolment.staff import make_user, prefer_welsh, sign_in
from tests.factories import ActivityFactory, InvitationFactory, MemberFactory

pytestmark = pytest.mark.django_db

SVG = "{http://www.w3.org/2000/svg}"


def parse_svg(markup):
    """Our own chart, parsed strictly as XML: it must be well-formed."""
    return ET.fromstring(markup)  # noqa: S314  (markup made by this project, in a test)


def area(name):
    return Area.objects.canonical().get(name=name)


def option(kind, name):
    return DemographicOption.objects.canonical().get(kind=kind, name=name)


def members(number, *, demographics=False, **fields):
    consents = [Purpose.DEMOGRAPHICS] if demographics else []
    return [MemberFactory(consents=consents, **fields) for _ in range(number)]


def took_part(activity, people, state=Invitation.State.TOOK_PART):
    for member in people:
        InvitationFactory(activity=activity, member=member, state=state)


def figures(report, dimension):
    """{label: (took part, %, members, %)} for one breakdown."""
    breakdown = next(b for b in report.breakdowns if b.key == dimension)
    return {
        row.label: (
            row.took_part.count,
            row.took_part.percent,
            row.members.count,
            row.members.percent,
        )
        for row in breakdown.rows
    }


@pytest.fixture
def population():
    """10 took part, 25 active members in all, and people who must not be counted.

    took part: 5 in Carmarthenshire, English, aged 25 to 34, women (demographics consent);
               5 in Ceredigion, Welsh, with a gender but NO demographics consent.
    active, did not take part: 10 in Carmarthenshire, English, 25 to 34, men (consent);
               5 in Powys, English, "prefer not to say" age, women (consent), who declined.
    not counted anywhere: 3 withdrawn and 3 pending members in Pembrokeshire.
    """
    activity = ActivityFactory()
    woman, man = option("gender", "Woman"), option("gender", "Man")
    age = option("age_band", "25 to 34")
    age_unsaid = DemographicOption.objects.canonical().get(kind="age_band", prefer_not_to_say=True)
    carmarthenshire, ceredigion = area("Carmarthenshire"), area("Ceredigion")
    took_part(
        activity,
        members(5, demographics=True, area=carmarthenshire, age_band=age, gender=woman),
    )
    took_part(activity, members(5, area=ceredigion, language="cy", gender=man))
    members(10, demographics=True, area=carmarthenshire, age_band=age, gender=man)
    took_part(
        activity,
        members(5, demographics=True, area=area("Powys"), age_band=age_unsaid, gender=woman),
        state=Invitation.State.DECLINED,
    )
    for status in (Member.Status.WITHDRAWN, Member.Status.PENDING):
        members(3, area=area("Pembrokeshire"), status=status)
    return activity


def test_the_figures_are_right_on_a_known_population(population):
    report = representativeness(population)
    assert (report.took_part, report.members, report.too_few) == (10, 25, False)
    assert figures(report, "area") == {
        "Carmarthenshire": (5, 50, 15, 60),
        "Ceredigion": (5, 50, 5, 20),
        "Powys": (0, 0, 5, 20),
    }
    assert figures(report, "language") == {
        "English": (5, 50, 20, 80),
        "Welsh": (5, 50, 5, 20),
    }
    assert figures(report, "age_band") == {
        "25 to 34": (5, 50, 15, 60),
        "Prefer not to say": (0, 0, 5, 20),
        "Not recorded": (5, 50, 5, 20),
    }
    # The Ceredigion five gave a gender without consent to keep it: not recorded.
    assert figures(report, "gender") == {
        "Woman": (5, 50, 10, 40),
        "Man": (0, 0, 10, 40),
        "Not recorded": (5, 50, 5, 20),
    }
    assert figures(report, "ethnicity") == {"Not recorded": (10, 100, 25, 100)}


def test_prefer_not_to_say_is_its_own_row_before_not_recorded(population):
    report = representativeness(population)
    rows = next(b for b in report.breakdowns if b.key == "age_band").rows
    assert [row.kind for row in rows] == ["answer", "prefer_not_to_say", "not_recorded"]


def test_a_member_who_withdraws_demographics_consent_moves_to_not_recorded(population):
    member = Member.objects.filter(gender__name="Woman", invitations__state="took_part").first()
    member.record_consent(Purpose.DEMOGRAPHICS, False, notice=None, channel="staff")
    gender = figures(representativeness(population), "gender")
    assert (gender["Woman"][2], gender["Not recorded"][2]) == (9, 6)
    # 4 women and 6 not recorded took part: 4 is hidden, so 6 is hidden too.
    assert (gender["Woman"][0], gender["Not recorded"][0]) == (None, None)


# --- hiding small groups -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("counts", "shown"),
    [
        ([6, 5, 1, 0], [6, None, None, 0]),  # one small: the next smallest goes too
        ([1, 2, 10, 10], [None, None, 10, 10]),  # two hidden already: nothing more
        ([0, 7, 9], [0, 7, 9]),  # 0 may show
        ([4, 6, 6], [None, None, 6]),  # ties: the first of the smallest
        ([4, 0, 0, 20], [None, 0, 0, None]),  # a 0 never stands in as the second
        ([5, 5], [5, 5]),
    ],
)
def test_suppression_hides_small_counts_and_one_more(counts, shown):
    assert suppress(counts, 5) == shown


def test_a_hidden_count_cannot_be_worked_out_from_the_total():
    """Whatever the counts, a column never hides exactly one non-zero count."""
    import itertools

    for counts in itertools.product(range(0, 9), repeat=4):
        shown = suppress(list(counts), 5)
        hidden = [count for count, value in zip(counts, shown, strict=True) if value is None]
        if sum(counts) >= 5:
            assert len(hidden) != 1, counts
        assert all(value is None or value == 0 or value >= 5 for value in shown)


def test_percent_rounds_half_up():
    assert (percent(1, 8), percent(2, 8), percent(1, 3), percent(0, 0)) == (13, 25, 33, 0)


@pytest.fixture
def small_groups():
    """12 took part: 6 Carmarthenshire, 5 Ceredigion, 1 Powys. Active members also: 10 more
    in Powys and 2 in Pembrokeshire."""
    activity = ActivityFactory()
    took_part(activity, members(6, area=area("Carmarthenshire")))
    took_part(activity, members(5, area=area("Ceredigion")))
    took_part(activity, members(1, area=area("Powys")))
    members(10, area=area("Powys"))
    members(2, area=area("Pembrokeshire"))
    return activity


def test_small_groups_and_a_second_cell_are_hidden_in_each_column(small_groups):
    assert figures(representativeness(small_groups), "area") == {
        "Carmarthenshire": (6, 50, 6, 25),
        "Ceredigion": (None, None, None, None),  # the second hidden cell in both columns
        "Pembrokeshire": (0, 0, None, None),
        "Powys": (None, None, 11, 46),
    }


def test_fewer_participants_than_the_minimum_get_no_breakdown_at_all():
    activity = ActivityFactory()
    took_part(activity, members(4, area=area("Powys")))
    members(30)
    report = representativeness(activity)
    assert report.too_few and report.took_part == 4
    assert report.breakdowns == []


def test_a_column_with_fewer_members_than_the_minimum_shows_nothing():
    """Participants who are no longer active still count as having taken part; if the active
    membership is itself tiny, its column is hidden whole."""
    activity = ActivityFactory()
    took_part(activity, members(5, status=Member.Status.LAPSED))
    members(3)
    report = representativeness(activity)
    breakdown = report.breakdowns[0]
    assert breakdown.members_total is None
    assert all(row.members.hidden for row in breakdown.rows)
    assert all(not row.took_part.hidden for row in breakdown.rows)


# --- the activity page -------------------------------------------------------------------


def activity_page(client, activity):
    response = client.get(reverse("impact_activities:inspect", args=[activity.pk]))
    assert response.status_code == 200
    page = BeautifulSoup(response.content, "html.parser")
    page.raw_html = response.content.decode()
    return page


def table_rows(page, dimension):
    heading = page.find(id=f"representativeness-{dimension}-heading")
    table = heading.find_next("table")
    return {
        row.th.get_text(strip=True): [cell.get_text(strip=True) for cell in row.find_all("td")]
        for row in table.tbody.find_all("tr")
    }


def chart(page, dimension):
    """The chart exactly as served (parsed as XML, so it must be well-formed)."""
    match = re.search(
        rf'<svg[^>]*aria-labelledby="representativeness-{dimension}-title.*?</svg>',
        page.raw_html,
        re.S,
    )
    return parse_svg(match.group(0))


def test_the_page_shows_the_table_with_numbers_as_text(client, engagement, small_groups):
    page = activity_page(client, small_groups)
    assert table_rows(page, "area") == {
        "Carmarthenshire": ["6", "50%", "6", "25%"],
        "Ceredigion": ["hidden (small group)", "hidden (small group)"],
        "Pembrokeshire": ["0", "0%", "hidden (small group)"],
        "Powys": ["hidden (small group)", "11", "46%"],
    }
    section = page.find("section", attrs={"aria-labelledby": "representativeness"})
    assert "12 people who took part" in section.get_text(" ", strip=True)


def test_the_chart_is_an_accessible_svg_that_does_not_draw_hidden_groups(
    client, engagement, small_groups
):
    page = activity_page(client, small_groups)
    svg = chart(page, "area")
    assert svg.get("role") == "img"
    title, desc = svg.find(f"{SVG}title"), svg.find(f"{SVG}desc")
    assert "Area" in title.text and "table" in desc.text
    assert svg.get("aria-labelledby") == f"{title.get('id')} {desc.get('id')}"
    texts = ["".join(element.itertext()) for element in svg.iter(f"{SVG}text")]
    for words in ("Carmarthenshire", "Took part", "All active members", "50%", "25%", "46%"):
        assert words in texts
    # Bars: solid for took part, hatched for members; none for hidden or 0.
    bars = [rect for rect in svg.iter(f"{SVG}rect") if rect.get("height") == "14"]
    solid = [bar for bar in bars if bar.get("fill") == SOLID]
    hatched = [bar for bar in bars if bar.get("fill", "").startswith("url(")]
    assert len(solid) == 1 + 1  # Carmarthenshire, and the legend
    assert len(hatched) == 2 + 1  # Carmarthenshire and Powys, and the legend
    assert texts.count("hidden (small group)") == 4
    # No script, no outside request.
    html = ET.tostring(svg, encoding="unicode")
    assert "script" not in html and "href" not in html


def test_too_few_participants_says_why_on_the_page(client, engagement):
    activity = ActivityFactory()
    took_part(activity, members(4, area=area("Powys")))
    page = activity_page(client, activity)
    section = page.find("section", attrs={"aria-labelledby": "representativeness"})
    text = section.get_text(" ", strip=True)
    assert "Fewer than 5 people took part" in text
    assert section.find("table") is None and section.find("svg", role="img") is None
    assert "Powys" not in text


def test_nobody_yet_is_said_plainly(client, engagement):
    page = activity_page(client, ActivityFactory())
    assert "Nobody has been recorded as taking part yet." in page.get_text(" ", strip=True)


def test_labels_and_text_are_in_welsh_for_a_welsh_speaking_member_of_staff(
    client, engagement, population
):
    prefer_welsh(engagement)
    page = activity_page(client, population)
    assert table_rows(page, "area")["Sir Gaerfyrddin"] == ["5", "50%", "15", "60%"]
    assert table_rows(page, "language")["Cymraeg"] == ["5", "50%", "5", "20%"]
    assert table_rows(page, "age_band")["Mae'n well gen i beidio â dweud"] == [
        "0",
        "0%",
        "5",
        "20%",
    ]
    assert "Heb ei gofnodi" in table_rows(page, "gender")
    svg_text = "".join(chart(page, "area").itertext())
    assert "Sir Gaerfyrddin" in svg_text and "Wedi cymryd rhan" in svg_text
    assert "Pwy gymerodd ran" in page.get_text(" ", strip=True)


def test_labels_follow_the_active_language_in_the_report_itself(population):
    with translation.override("cy"):
        report = representativeness(population)
    assert "Sir Gaerfyrddin" in figures(report, "area")
    assert [b.label for b in report.breakdowns][:2] == ["Ardal", "Iaith"]


def test_demographic_breakdowns_need_the_right_to_see_demographic_details(
    client, django_user_model, population
):
    sign_in(client, make_user(django_user_model, "engagement_without_sensitive"))
    page = activity_page(client, population)
    assert page.find(id="representativeness-area-heading")
    assert page.find(id="representativeness-language-heading")
    for dimension in ("age_band", "gender", "ethnicity"):
        assert page.find(id=f"representativeness-{dimension}-heading") is None
    assert "shown only to staff who may see" in page.get_text(" ", strip=True)


def test_hostile_list_names_are_escaped_in_table_and_chart(client, engagement, english):
    hostile = Area.objects.create(
        name='<script>alert("x")</script> Ŵyn ŷ â Ελλάδα', locale=english, sort_order=99
    )
    activity = ActivityFactory()
    took_part(activity, members(5, area=hostile))
    response = client.get(reverse("impact_activities:inspect", args=[activity.pk]))
    html = response.content.decode()
    assert '<script>alert("x")' not in html
    assert "&lt;script&gt;" in html
    page = activity_page(client, activity)
    label = '<script>alert("x")</script> Ŵyn ŷ â Ελλάδα'
    assert table_rows(page, "area")[label] == ["5", "100%", "5", "100%"]
    lines = [tspan.text for tspan in chart(page, "area").iter(f"{SVG}tspan")]
    assert label in " ".join(lines)


def test_long_labels_wrap_and_the_chart_stays_well_formed():
    svg = paired_bar_chart(
        "test",
        "A title",
        "A description",
        [("Any other Black, Black Welsh, Black British or Caribbean background " * 3, 40, None)],
        ("One", "Two"),
        "hidden",
    )
    root = parse_svg(str(svg))
    label = next(text for text in root.iter(f"{SVG}text") if text.find(f"{SVG}tspan") is not None)
    assert 1 < len(label.findall(f"{SVG}tspan")) <= 3
