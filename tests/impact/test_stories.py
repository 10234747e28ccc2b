"""The "difference made" story index and story pages, in both languages.

Each test builds its own index (beside the demo's), so the demo stories never change
what a test counts.
"""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from impact.models import ImpactSettings, Invitation, StoryIndexPage, StoryPage
from impact.models.stories import STORIES_PER_PAGE
from tests.factories import (
    ActivityFactory,
    InvitationFactory,
    MemberFactory,
    PartnerFactory,
    TopicFactory,
)
from tests.html import parse

pytestmark = pytest.mark.django_db


# --- building stories ---------------------------------------------------------------------


def make_index(parent, slug, title="Test stories", translation_of=None):
    index = StoryIndexPage(
        title=title, slug=slug, intro=f"{title}: what changed.", locale=parent.locale
    )
    if translation_of is not None:
        index.translation_key = translation_of.translation_key
    parent.add_child(instance=index)
    index.save_revision().publish()
    return index


def make_story(index, title, day, *, live=True, translation_of=None, slug=None, **fields):
    """A story under the index: live (as if published, without the revision machinery,
    which is slow and tells participants: tests of that publish for themselves) or a draft."""
    now = timezone.now()
    story = StoryPage(
        title=title,
        slug=slug or title.lower().replace(" ", "-"),
        intro=fields.pop("intro", f"Summary of {title}."),
        story_date=day,
        you_told_us=fields.pop("you_told_us", "<p>What members said.</p>"),
        what_changed=fields.pop("what_changed", "<p>What the partner did.</p>"),
        locale=index.locale,
        live=live,
        has_unpublished_changes=not live,
        first_published_at=now if live else None,
        last_published_at=now if live else None,
        **fields,
    )
    if translation_of is not None:
        story.translation_key = translation_of.translation_key
    index.add_child(instance=story)
    return story


def welsh_version(entry, factory, welsh, **fields):
    """The Welsh version of a partner or topic."""
    return factory(locale=welsh, translation_key=entry.translation_key, **fields)


def titles(response):
    return [link.get_text(strip=True) for link in parse(response).select(".story-card__title a")]


def selected(response, name):
    option = parse(response).select_one(f'select[name="{name}"] option[selected]')
    return option["value"] if option else ""


def options(response, name):
    return [
        option["value"]
        for option in parse(response).select(f'select[name="{name}"] option')
        if option["value"]
    ]


D = datetime.date


@pytest.fixture
def index(home):
    return make_index(home, "test-stories")


@pytest.fixture
def welsh_index(welsh_home, index):
    return make_index(welsh_home, "straeon-prawf", title="Straeon prawf", translation_of=index)


@pytest.fixture
def police(english):
    return PartnerFactory(name="Test Police", slug="test-police", sort_order=1)


@pytest.fixture
def courts(english):
    return PartnerFactory(name="Test Courts", slug="test-courts", sort_order=2)


@pytest.fixture
def court_topic(english):
    return TopicFactory(name="Court days", slug="court-days")


@pytest.fixture
def letters_topic(english):
    return TopicFactory(name="Letters", slug="letters")


@pytest.fixture
def stories(index, police, courts, court_topic, letters_topic):
    """Four stories over two years, two partners and two topics, newest not first made."""
    return {
        "a": make_story(index, "Story A", D(2025, 3, 1), partner=police, topic=court_topic),
        "b": make_story(index, "Story B", D(2026, 2, 1), partner=police, topic=letters_topic),
        "c": make_story(index, "Story C", D(2025, 9, 1), partner=courts, topic=court_topic),
        "d": make_story(index, "Story D", D(2026, 5, 1), partner=courts, topic=letters_topic),
    }


# --- the index ----------------------------------------------------------------------------


def test_index_lists_its_live_stories_newest_first(client, index, stories):
    response = client.get(index.url)

    assert response.status_code == 200
    assert titles(response) == ["Story D", "Story B", "Story C", "Story A"]
    soup = parse(response)
    assert "There are 4 stories." in soup.select_one(".story-count").get_text(" ", strip=True)
    first = soup.select_one(".story-card")
    assert first.select_one("a")["href"] == stories["d"].url
    assert first.select_one("time")["datetime"] == "2026-05-01"
    assert "Test Courts" in first.get_text() and "Letters" in first.get_text()
    assert "Summary of Story D." in first.get_text()


def test_drafts_other_languages_and_other_indexes_are_never_listed(
    client, home, index, welsh_index, stories
):
    make_story(index, "Draft story", D(2026, 6, 1), live=False)
    make_story(welsh_index, "Stori Gymraeg", D(2026, 6, 1))
    other = make_index(home, "other-stories", title="Other stories")
    make_story(other, "Elsewhere", D(2026, 6, 1))
    withdrawn = make_story(index, "Unpublished story", D(2026, 6, 2))
    withdrawn.unpublish()

    listed = titles(client.get(index.url))

    assert listed == ["Story D", "Story B", "Story C", "Story A"]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("partner=test-police", ["Story B", "Story A"]),
        ("partner=test-courts", ["Story D", "Story C"]),
        ("topic=court-days", ["Story C", "Story A"]),
        ("topic=letters", ["Story D", "Story B"]),
        ("year=2025", ["Story C", "Story A"]),
        ("year=2026", ["Story D", "Story B"]),
    ],
)
def test_each_filter(client, index, stories, query, expected):
    response = client.get(f"{index.url}?{query}")

    assert titles(response) == expected
    name, value = query.split("=")
    assert selected(response, name) == value, "the form keeps the choice"
    count = parse(response).select_one(".story-count").get_text(" ", strip=True)
    assert count == "2 stories match your choices."


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("partner=test-police&topic=court-days", ["Story A"]),
        ("partner=test-courts&year=2026", ["Story D"]),
        ("topic=letters&year=2026", ["Story D", "Story B"]),
        ("partner=test-police&topic=letters&year=2026", ["Story B"]),
        ("partner=test-police&topic=letters&year=2025", []),
    ],
)
def test_filters_combine(client, index, stories, query, expected):
    response = client.get(f"{index.url}?{query}")

    assert titles(response) == expected
    for pair in query.split("&"):
        name, value = pair.split("=")
        assert selected(response, name) == value
    if not expected:
        text = parse(response).select_one("main").get_text(" ", strip=True)
        assert "There are no stories with all of these choices." in text
        assert parse(response).select_one(f'main a[href="{index.url}"]'), "a way back to all"


def test_only_values_with_live_stories_are_offered(client, index, stories):
    idle = PartnerFactory(name="No stories yet", slug="no-stories-yet")
    draft_only = TopicFactory(name="Draft only", slug="draft-only")
    make_story(index, "Draft", D(2019, 1, 1), live=False, partner=idle, topic=draft_only)

    response = client.get(index.url)

    assert options(response, "partner") == ["test-police", "test-courts"]
    assert options(response, "topic") == ["court-days", "letters"]
    assert options(response, "year") == ["2026", "2025"]
    # A value with no live story is not a filter: asking for it shows every story.
    assert len(titles(client.get(f"{index.url}?partner=no-stories-yet"))) == 4
    assert len(titles(client.get(f"{index.url}?year=2019"))) == 4


def test_the_filter_form_is_a_labelled_get_form_without_a_token(client, index, stories):
    response = client.get(f"{index.url}?topic=letters")
    soup = parse(response)

    form = soup.select_one("form.story-filters")
    assert form["method"] == "get"
    assert form["action"] == index.url
    for name in ("partner", "topic", "year"):
        select = form.select_one(f'select[name="{name}"]')
        assert soup.select_one(f'label[for="{select["id"]}"]').get_text(strip=True)
    assert not soup.select('input[name="csrfmiddlewaretoken"]')
    assert form.select_one(f'a[href="{index.url}"]'), "a way to clear the choices"
    assert form.select_one("button[type=submit]").get_text(strip=True) == "Show stories"


def test_index_is_cacheable(client, index, stories):
    response = client.get(f"{index.url}?partner=test-police")

    assert response.status_code == 200
    assert "csrftoken" not in response.cookies
    assert "sessionid" not in response.cookies
    cache_control = response.get("Cache-Control", "")
    assert "no-store" not in cache_control and "private" not in cache_control
    assert "Cookie" not in response.get("Vary", "")


# --- pagination ---------------------------------------------------------------------------


@pytest.fixture
def many_stories(index, police, courts):
    """23 stories, one a day from 1 January 2026 (the newest last made)."""
    return [
        make_story(
            index,
            f"Story {number:02d}",
            D(2026, 1, 1) + datetime.timedelta(days=number),
            partner=police if number % 2 else courts,
        )
        for number in range(23)
    ]


def test_ten_stories_a_page(client, index, many_stories):
    pages = [titles(client.get(f"{index.url}?page={number}")) for number in (1, 2, 3)]

    assert [len(page) for page in pages] == [STORIES_PER_PAGE, STORIES_PER_PAGE, 3]
    assert pages[0][0] == "Story 22" and pages[2][-1] == "Story 00"
    assert len({title for page in pages for title in page}) == 23


def test_page_links_keep_the_filters_and_nothing_else(client, index, many_stories):
    response = client.get(f"{index.url}?partner=test-police&page=1&junk=<b>x</b>")
    soup = parse(response)

    nav = soup.select_one("nav.pagination")
    assert "Page 1 of 2" in nav.get_text(" ", strip=True)
    next_link = nav.select_one('a[rel="next"]')["href"]
    assert next_link == f"{index.url}?partner=test-police&page=2"
    assert not nav.select('a[rel="prev"]')

    second = parse(client.get(next_link))
    assert second.select_one('a[rel="prev"]')["href"] == f"{index.url}?partner=test-police"
    assert len(second.select(".story-card")) == 1  # 11 of the 23 are the police's
    assert "(page 2 of 2)" in second.title.get_text()


BAD_PAGE_NUMBERS = [
    ("abc", "Story 22"),
    ("", "Story 22"),
    ("1.5", "Story 22"),
    ("9" * 5000, "Story 22"),
    ("9999", "Story 02"),
    ("0", "Story 02"),
    ("-1", "Story 02"),
]


def test_a_bad_page_number_gives_a_sensible_page(client, index, many_stories):
    """Junk gives the first page; a number past the end (or below 1) the last."""
    for page, expected in BAD_PAGE_NUMBERS:
        response = client.get(index.url, {"page": page})

        assert response.status_code == 200, page[:10]
        assert titles(response)[0] == expected, page[:10]


# --- hostile and odd input ----------------------------------------------------------------

HOSTILE_VALUES = [
    "no-such-slug",
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    "x" * 20000,
    "Полиция",
    "شرطة",
    "ŵŷâ-heddlu",
    "٢٠٢٦",  # Arabic-Indic digits: int() would read 2026
    "²⁰²⁶",
    " 2026",
    "2026\x00",
    "%00",
    "1e3",
]


# Values distinctive enough that finding them in the page means they were echoed.
DISTINCTIVE = {"no-such-slug", "Полиция", "شرطة", "ŵŷâ-heddlu", "x" * 20000}


@pytest.mark.parametrize("value", HOSTILE_VALUES)
def test_hostile_values_give_the_whole_list_and_are_never_echoed(client, index, stories, value):
    for name in ("partner", "topic", "year", "page"):
        response = client.get(index.url, {name: value})

        assert response.status_code == 200, name
        assert titles(response) == ["Story D", "Story B", "Story C", "Story A"], name
        assert selected(response, name) == "", name
        body = response.content.decode()
        assert "<script>alert" not in body and "onerror=alert" not in body
        if value in DISTINCTIVE:
            assert value not in body, name


def test_repeated_and_unexpected_parameters(client, index, stories):
    response = client.get(
        f"{index.url}?partner=test-police&partner=test-courts&topic[]=letters&year=2025&year="
    )

    assert response.status_code == 200
    # The last value of a repeated parameter counts, as Django reads a query string.
    assert titles(response) == ["Story D", "Story C"]
    assert selected(response, "partner") == "test-courts"
    assert selected(response, "year") == ""


def test_an_index_with_no_stories(client, home):
    empty = make_index(home, "empty-stories", title="Empty stories")

    response = client.get(f"{empty.url}?partner=x&page=3")

    assert response.status_code == 200
    soup = parse(response)
    assert not soup.select("form.story-filters"), "no filters to offer"
    assert "There are no stories here yet." in soup.select_one("main").get_text()


# --- both languages -----------------------------------------------------------------------


@pytest.fixture
def bilingual(index, welsh_index, welsh, police, court_topic):
    heddlu = welsh_version(police, PartnerFactory, welsh, name="Heddlu Prawf", slug="heddlu-prawf")
    llys = welsh_version(court_topic, TopicFactory, welsh, name="Dyddiau llys", slug="dyddiau-llys")
    english = make_story(index, "Court story", D(2026, 3, 4), partner=police, topic=court_topic)
    welsh_story = make_story(
        welsh_index,
        "Stori'r llys",
        D(2026, 3, 4),
        slug="stori-r-llys",
        translation_of=english,
        partner=heddlu,
        topic=llys,
    )
    # A Welsh story whose partner was never switched to the Welsh entry still filters.
    untranslated = make_story(
        welsh_index, "Stori arall", D(2025, 7, 8), slug="stori-arall", partner=police
    )
    return {"english": english, "welsh": welsh_story, "untranslated": untranslated}


def test_welsh_index_lists_welsh_stories_in_welsh(client, welsh_index, bilingual):
    response = client.get(welsh_index.url)

    assert response.status_code == 200
    soup = parse(response)
    assert soup.html["lang"] == "cy"
    assert titles(response) == ["Stori'r llys", "Stori arall"]
    assert soup.select_one("label[for=story-filter-partner]").get_text(strip=True) == "Sefydliad"
    assert soup.select_one(".story-filters button").get_text(strip=True) == "Dangos straeon"
    assert "Mae 2 stori yma." in soup.select_one(".story-count").get_text(" ", strip=True)
    card = soup.select_one(".story-card")
    assert "4 Mawrth 2026" in card.get_text()
    assert "Heddlu Prawf" in card.get_text() and "Dyddiau llys" in card.get_text()
    assert options(response, "partner") == ["heddlu-prawf"]


def test_welsh_index_filters_by_welsh_slugs(client, welsh_index, bilingual):
    response = client.get(f"{welsh_index.url}?partner=heddlu-prawf")

    assert titles(response) == ["Stori'r llys", "Stori arall"]
    assert selected(response, "partner") == "heddlu-prawf"
    count = parse(response).select_one(".story-count").get_text(" ", strip=True)
    assert count == "Mae 2 stori yn cyfateb i'ch dewisiadau."
    assert titles(client.get(f"{welsh_index.url}?topic=dyddiau-llys")) == ["Stori'r llys"]
    assert titles(client.get(f"{welsh_index.url}?year=2025")) == ["Stori arall"]


def test_english_slugs_do_not_filter_the_welsh_index(client, welsh_index, bilingual):
    response = client.get(f"{welsh_index.url}?topic=court-days")

    assert titles(response) == ["Stori'r llys", "Stori arall"]
    assert selected(response, "topic") == ""


def test_english_index_filters_with_english_slugs_only(client, index, bilingual):
    assert titles(client.get(f"{index.url}?partner=test-police")) == ["Court story"]
    assert titles(client.get(f"{index.url}?partner=heddlu-prawf")) == ["Court story"]
    assert selected(client.get(f"{index.url}?partner=heddlu-prawf"), "partner") == ""


def test_language_switch_goes_to_the_other_index(client, index, welsh_index, bilingual):
    english = parse(client.get(f"{index.url}?topic=court-days"))
    # The filter is kept, by the Welsh slug of the same topic.
    assert (
        english.select_one(".language-switch a")["href"] == f"{welsh_index.url}?topic=dyddiau-llys"
    )
    welsh = parse(client.get(welsh_index.url))
    assert welsh.select_one(".language-switch a")["href"] == index.url


# --- queries ------------------------------------------------------------------------------


def count_queries(client, url):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_queries_do_not_grow_with_the_number_of_stories(client, index, police, court_topic):
    make_story(index, "First", D(2026, 1, 1), partner=police, topic=court_topic)
    client.get(index.url)  # warm the per-process caches (content types, locales)
    few = count_queries(client, index.url)
    for number in range(12):
        partner = PartnerFactory()
        topic = TopicFactory()
        make_story(
            index, f"More {number}", D(2024 + number % 3, 1, 1), partner=partner, topic=topic
        )

    client.get(index.url)  # warm what is kept until the content changes, as before `few`
    many = count_queries(client, index.url)
    filtered_url = f"{index.url}?partner=test-police&topic=court-days&year=2026"
    client.get(filtered_url)  # warm its links to the other languages, kept the same way
    filtered = count_queries(client, filtered_url)

    assert many == few
    assert filtered == few


# --- the story page -----------------------------------------------------------------------


def took_part(activity, count, **member_fields):
    for _ in range(count):
        InvitationFactory(
            activity=activity,
            member=MemberFactory(**member_fields),
            state=Invitation.State.TOOK_PART,
        )


@pytest.fixture
def activity(police, court_topic):
    from enrolment.models import EngagementMethod

    activity = ActivityFactory(
        title="Secret staff title: court delays pilot",
        partner=police,
        topic=court_topic,
        findings="Findings only staff may read.",
        description="Details only members are sent.",
    )
    activity.methods.set(EngagementMethod.objects.filter(code__in=["online_survey", "telephone"]))
    return activity


def facts(response):
    soup = parse(response)
    terms = [term.get_text(strip=True) for term in soup.select(".story-facts dt")]
    values = [value.get_text(" ", strip=True) for value in soup.select(".story-facts dd")]
    return dict(zip(terms, values, strict=True))


def test_story_page_shows_the_story(client, index, police, court_topic, activity):
    took_part(activity, 6)
    story = make_story(
        index,
        "Shorter waits",
        D(2026, 4, 9),
        intro="Waiting times fell after members spoke up.",
        you_told_us="<p>Waiting was <b>the</b> hardest part.</p>",
        what_changed="<ul><li>Named contacts</li></ul>",
        partner=police,
        topic=court_topic,
        activity=activity,
    )

    response = client.get(story.url)

    assert response.status_code == 200
    soup = parse(response)
    assert soup.h1.get_text(strip=True) == "Shorter waits"
    assert soup.select_one(".lead").get_text(strip=True) == (
        "Waiting times fell after members spoke up."
    )
    assert facts(response) == {
        "Date": "9 April 2026",
        "Who made the change": "Test Police",
        "Topic": "Court days",
        "How we asked": "Online survey, Telephone discussion",
        "How many took part": "6 people",
    }
    assert soup.select_one(".story-facts time")["datetime"] == "2026-04-09"
    told_us = soup.select_one("#story-told-us").parent
    assert told_us.h2.get_text(strip=True) == "What you told us"
    assert told_us.select_one("b").get_text() == "the"
    changed = soup.select_one("#story-changed").parent
    assert changed.h2.get_text(strip=True) == "What changed"
    assert changed.select_one("li").get_text() == "Named contacts"
    assert soup.select_one(".story__back a")["href"] == index.url
    assert soup.select_one(f'.story__more a[href="{index.url}?topic=court-days"]')


def test_story_page_shows_nothing_else_of_the_activity(client, index, activity):
    took_part(activity, 7)
    InvitationFactory(activity=activity, state=Invitation.State.DECLINED)
    story = make_story(index, "Plain story", D(2026, 4, 9), activity=activity)

    body = client.get(story.url).content.decode()

    for secret in (activity.title, activity.findings, activity.description, "court delays"):
        assert secret not in body
    assert activity.public_code not in body
    for member in activity.participants():
        assert member.reference not in body
        assert member.email not in body


@pytest.mark.parametrize(
    ("took", "minimum", "shown"),
    [
        (4, 5, "Fewer than 5 people"),
        (5, 5, "5 people"),
        (0, 5, "Fewer than 5 people"),
        (1, 2, "Fewer than 2 people"),
        (4, 3, "4 people"),
        (9, 10, "Fewer than 10 people"),
    ],
)
def test_participation_is_hidden_below_the_minimum_group_size(
    client, index, activity, took, minimum, shown
):
    settings = ImpactSettings.load()
    settings.minimum_group_size = minimum
    settings.save()
    took_part(activity, took)
    # Only those who took part count: invited, accepted, declined and no reply do not.
    for state in ("invited", "accepted", "declined", "no_reply"):
        InvitationFactory(activity=activity, state=state)
    story = make_story(index, "Counted story", D(2026, 4, 9), activity=activity)

    response = client.get(story.url)

    assert facts(response)["How many took part"] == shown


def test_story_without_an_activity_shows_no_participation(client, index):
    story = make_story(index, "No activity", D(2026, 4, 9))

    found = facts(client.get(story.url))

    assert set(found) == {"Date"}


def test_welsh_story_page(client, welsh, welsh_index, bilingual, activity):
    welsh_story = bilingual["welsh"]
    welsh_story.activity = activity
    welsh_story.save_revision().publish()
    took_part(activity, 3)

    response = client.get(welsh_story.url)

    assert response.status_code == 200
    soup = parse(response)
    assert soup.html["lang"] == "cy"
    assert facts(response) == {
        "Dyddiad": "4 Mawrth 2026",
        "Pwy wnaeth y newid": "Heddlu Prawf",
        "Pwnc": "Dyddiau llys",
        "Sut y gwnaethon ni ofyn": "Arolwg ar-lein, Trafodaeth dros y ffôn",
        "Faint gymerodd ran": "Llai na 5 o bobl",
    }
    assert soup.select_one("#story-told-us").get_text(strip=True) == "Beth ddywedoch chi wrthym"
    assert soup.select_one("#story-changed").get_text(strip=True) == "Beth newidiodd"
    assert soup.select_one(".language-switch a")["href"] == bilingual["english"].url


def test_welsh_story_shows_the_count_in_welsh(client, welsh_index, activity):
    took_part(activity, 6)
    story = make_story(welsh_index, "Stori gyfrif", D(2026, 4, 9), activity=activity)

    assert facts(client.get(story.url))["Faint gymerodd ran"] == "6 o bobl"


def test_a_welsh_story_leaves_out_a_partner_not_yet_in_welsh(client, index, welsh_index, police):
    story = make_story(welsh_index, "Stori heb bartner Cymraeg", D(2026, 4, 9), partner=police)
    english = make_story(index, "Story with a partner", D(2026, 4, 9), partner=police)

    assert "Pwy wnaeth y newid" not in facts(client.get(story.url))
    assert "Test Police" not in parse(client.get(story.url)).get_text(" ")
    assert "Test Police" not in parse(client.get(welsh_index.url)).get_text(" ")
    assert facts(client.get(english.url))["Who made the change"] == "Test Police"


def test_hostile_story_text_is_escaped(client, index):
    story = make_story(
        index,
        "<script>alert(1)</script> ŵŷâ Полиция",
        D(2026, 4, 9),
        slug="hostile",
        intro="<img src=x onerror=alert(1)>",
    )

    for url in (story.url, index.url):
        body = client.get(url).content.decode()
        assert "<script>alert(1)" not in body
        assert "<img src=x" not in body
        assert "ŵŷâ Полиция" in body
