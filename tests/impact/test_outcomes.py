"""Outcomes: staff record partner updates against an activity's recommendations, and the
activity page shows the whole timeline, newest first, with what still awaits an update."""

import datetime

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse
from django.utils import timezone
from wagtail.models import ModelLogEntry

from impact.admin.outcomes import NOTE_MAX_LENGTH
from impact.models import PartnerUpdate, Recommendation
from tests.enrolment.staff import prefer_welsh
from tests.factories import ActivityFactory

pytestmark = pytest.mark.django_db

DAY = datetime.timedelta(days=1)


@pytest.fixture
def activity():
    activity = ActivityFactory(status="closed")
    Recommendation.objects.create(
        activity=activity, text="Offer a separate waiting room.", sort_order=0
    )
    Recommendation.objects.create(
        activity=activity, text="Call victims before a hearing.", sort_order=1
    )
    return activity


def updates(activity):
    """This activity's updates (the demo content has others)."""
    return PartnerUpdate.objects.filter(recommendation__activity=activity)


def add_url(activity):
    return reverse("impact_activities:add_partner_update", args=[activity.pk])


def page_url(activity):
    return reverse("impact_activities:inspect", args=[activity.pk])


def valid(chosen, **changes):
    data = {
        "recommendation": chosen.pk,
        "date": (timezone.localdate() - 3 * DAY).isoformat(),
        "status": "accepted",
        "note": "The court manager agreed to trial it.",
    }
    data.update(changes)
    return data


def form_errors(response):
    """{field: its error text} for every field showing an error."""
    page = BeautifulSoup(response.content, "html.parser")
    errors = {}
    for field in page.select("[data-contentpath]"):
        text = field.select_one("[data-field-errors]").get_text(" ", strip=True)
        if text:
            errors[field["data-contentpath"]] = text
    return errors


def test_recording_an_update_saves_it_audits_it_and_returns_to_the_timeline(
    client, engagement, activity
):
    first = activity.recommendations.first()
    response = client.post(add_url(activity), valid(first))
    assert response.status_code == 302
    assert response["Location"] == page_url(activity) + "#outcomes"
    update = updates(activity).get()
    assert (update.recommendation, update.status, update.recorded_by) == (
        first,
        "accepted",
        engagement,
    )
    assert update.note == "The court manager agreed to trial it."
    entry = ModelLogEntry.objects.get(action="impact.partner_update", object_id=str(activity.pk))
    assert entry.user == engagement
    assert entry.data == {
        "recommendation": first.pk,
        "status": "accepted",
        "date": update.date.isoformat(),
    }
    assert "court manager" not in str(entry.data)  # the note stays out of the log
    page = client.get(response["Location"]).content.decode()
    assert "Partner update recorded: Accepted." in page


def test_not_adopted_without_a_reason_is_refused_and_keeps_what_was_typed(
    client, engagement, activity
):
    second = activity.recommendations.last()
    data = valid(second, status="not_adopted", note="   ", date="2026-01-15")
    response = client.post(add_url(activity), data)
    assert response.status_code == 200
    assert not updates(activity).exists()
    assert form_errors(response) == {"note": "Give the partner's reason for not adopting it."}
    page = BeautifulSoup(response.content, "html.parser")
    assert page.find("input", attrs={"name": "recommendation", "value": str(second.pk)}).has_attr(
        "checked"
    )
    assert page.find("input", attrs={"name": "status", "value": "not_adopted"}).has_attr("checked")
    assert page.find("input", attrs={"name": "date"})["value"] == "2026-01-15"
    # With the reason it goes through.
    data["note"] = "No budget for a second room this year."
    assert client.post(add_url(activity), data).status_code == 302
    assert updates(activity).get().status == "not_adopted"


def test_another_activitys_recommendation_is_refused(client, engagement, activity):
    other = ActivityFactory()
    elsewhere = Recommendation.objects.create(activity=other, text="Somebody else's idea.")
    response = client.post(add_url(activity), valid(elsewhere))
    assert response.status_code == 200
    assert not updates(activity).exists()
    assert list(form_errors(response)) == ["recommendation"]
    assert "valid choice" in form_errors(response)["recommendation"]
    assert "Somebody else&#x27;s idea." not in response.content.decode()
    # Nor can a link preselect it.
    page = client.get(add_url(activity) + f"?recommendation={elsewhere.pk}").content.decode()
    assert "Somebody else" not in page


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"date": ""}, "date"),
        ({"date": "yesterday"}, "date"),
        ({"date": "2026-02-30"}, "date"),
        ({"date": (timezone.localdate() + DAY).isoformat()}, "date"),
        ({"status": "abandoned"}, "status"),
        ({"status": ""}, "status"),
        ({"recommendation": ""}, "recommendation"),
        ({"recommendation": "not-a-number"}, "recommendation"),
        ({"recommendation": "99999999999999999999"}, "recommendation"),
        ({"note": "x" * (NOTE_MAX_LENGTH + 1)}, "note"),
    ],
)
def test_bad_input_is_refused_without_a_crash(client, engagement, activity, changes, field):
    response = client.post(add_url(activity), valid(activity.recommendations.first(), **changes))
    assert response.status_code == 200
    assert not updates(activity).exists()
    assert list(form_errors(response)) == [field]
    assert "Please correct the errors below. Nothing has been saved yet." in (
        response.content.decode()
    )


def test_hostile_and_welsh_text_in_a_note_is_kept_exactly_and_escaped(client, engagement, activity):
    note = "<script>alert(1)</script> Bydd ŵyn ŷ â yn cael ystafell. Ελληνικά, русский."
    first = activity.recommendations.first()
    assert client.post(add_url(activity), valid(first, note=note)).status_code == 302
    assert updates(activity).get().note == note
    page = client.get(page_url(activity)).content.decode()
    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt; Bydd ŵyn ŷ â yn cael ystafell." in page


def test_a_link_from_the_timeline_preselects_its_recommendation(client, engagement, activity):
    second = activity.recommendations.last()
    page = BeautifulSoup(
        client.get(add_url(activity) + f"?recommendation={second.pk}").content, "html.parser"
    )
    assert page.find("input", attrs={"name": "recommendation", "value": str(second.pk)}).has_attr(
        "checked"
    )
    for nonsense in ("abc", "-1", "1e9", "<script>"):
        assert client.get(add_url(activity), {"recommendation": nonsense}).status_code == 200


def test_without_recommendations_the_form_says_to_add_them_first(client, engagement):
    bare = ActivityFactory()
    page = client.get(add_url(bare)).content.decode()
    assert "This activity has no recommendations yet." in page
    assert client.post(add_url(bare), {"status": "done"}).status_code == 200
    assert not updates(bare).exists()


# --- the timeline ------------------------------------------------------------------------


def record(recommendation, status, days_ago, note=""):
    return PartnerUpdate.objects.create(
        recommendation=recommendation,
        status=status,
        date=timezone.localdate() - days_ago * DAY,
        note=note,
    )


def timeline(client, activity):
    page = BeautifulSoup(client.get(page_url(activity)).content, "html.parser")
    section = page.find(id="outcomes")
    items = {}
    for item in section.select("[data-recommendation]"):
        rows = [
            [cell.get_text(" ", strip=True) for cell in row.find_all("td")]
            for row in item.select("tr[data-update]")
        ]
        items[int(item["data-recommendation"])] = {
            "text": item.get_text(" ", strip=True),
            "rows": rows,
        }
    return section, items


def test_the_timeline_shows_every_update_newest_first(client, engagement, activity):
    first, second = activity.recommendations.all()
    record(first, "accepted", 30, "Agreed in principle.")
    record(first, "done", 2, "The room opened in March.")
    record(first, "in_progress", 10, "Building work started.")
    record(second, "in_progress", 5)
    section, items = timeline(client, activity)
    assert [row[1] for row in items[first.pk]["rows"]] == ["Done", "In progress", "Accepted"]
    assert items[first.pk]["rows"][0][2] == "The room opened in March."
    assert items[first.pk]["rows"][0][0] == (timezone.localdate() - 2 * DAY).strftime("%-d %B %Y")
    assert "Awaiting an update" not in items[first.pk]["text"]
    assert "Awaiting an update" in items[second.pk]["text"]
    assert "Status: In progress" in items[second.pk]["text"]
    assert "1 recommendation awaits an update from the partner." in section.get_text(
        " ", strip=True
    )
    # In the order the recommendations are written in.
    assert list(items) == [first.pk, second.pk]


def test_a_recommendation_with_no_update_awaits_one(client, engagement, activity):
    section, items = timeline(client, activity)
    for item in items.values():
        assert "No update yet" in item["text"] and "Awaiting an update" in item["text"]
        assert item["rows"] == []
    assert "2 recommendations await an update" in section.get_text(" ", strip=True)


def test_not_adopted_is_final_and_shows_the_reason(client, engagement, activity):
    first, second = activity.recommendations.all()
    record(first, "not_adopted", 1, "The building cannot be changed.")
    record(second, "done", 1)
    section, items = timeline(client, activity)
    assert items[first.pk]["rows"][0][1:3] == ["Not adopted", "The building cannot be changed."]
    assert "The partner has said what came of every recommendation." in section.get_text(
        " ", strip=True
    )


def test_an_activity_without_recommendations_says_so(client, engagement):
    section, items = timeline(client, ActivityFactory())
    assert items == {}
    assert "No recommendations yet." in section.get_text(" ", strip=True)


def test_the_timeline_and_the_form_are_in_welsh(client, engagement, activity):
    prefer_welsh(engagement)
    first = activity.recommendations.first()
    record(first, "done", 1)
    section, items = timeline(client, activity)
    text = section.get_text(" ", strip=True)
    assert "Argymhellion a diweddariadau gan bartneriaid" in text
    assert "Wedi'i wneud" in items[first.pk]["text"]
    assert "Yn aros am ddiweddariad" in text
    response = client.post(add_url(activity), valid(first, status="not_adopted", note=""))
    page = response.content.decode()
    assert "Cofnodi diweddariad gan bartner" in page
    assert "Cywirwch y gwallau isod." in page
    response = client.post(add_url(activity), valid(first, status="done"), follow=True)
    assert "Diweddariad gan bartner wedi&#x27;i gofnodi: Wedi&#x27;i wneud." in (
        response.content.decode()
    )


def test_the_timeline_takes_a_fixed_number_of_queries(engagement, activity):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from impact.admin.outcomes import page_context

    class Request:
        user = engagement

    page_context(Request, activity)  # the user's permissions are cached from here on
    with CaptureQueriesContext(connection) as few:
        page_context(Request, activity)
    for number in range(6):
        recommendation = Recommendation.objects.create(activity=activity, text=f"Idea {number}")
        record(recommendation, "accepted", number)
        record(recommendation, "done", 0)
    with CaptureQueriesContext(connection) as many:
        context = page_context(Request, activity)
    assert len(context["outcomes"]["timeline"]) == 8
    assert len(many) == len(few)
