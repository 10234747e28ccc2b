"""Translating a story never puts English on a live Welsh page: the story's partner and
topic keep their own Welsh versions, and copies still in English are reported."""

import pytest
from django.urls import reverse

from impact.models import Partner, Topic
from pages.reports import Reason, welsh_parity_items
from tests.enrolment.staff import make_user, sign_in
from tests.factories import PartnerFactory, TopicFactory
from tests.html import parse
from tests.impact.test_telling_participants import draft_story, story_index

pytestmark = pytest.mark.django_db

COURTS = "HM Courts and Tribunals Service (test)"
COURTS_CY = "Gwasanaeth Llysoedd a Thribiwnlysoedd EF (prawf)"
TOPIC = "Going to court (test)"


@pytest.fixture
def indexes(home, welsh_home):
    return story_index(home, welsh_home)


@pytest.fixture
def courts(welsh):
    english = PartnerFactory(name=COURTS, slug="courts-test")
    PartnerFactory(
        name=COURTS_CY, slug="llysoedd-prawf", locale=welsh, translation_key=english.translation_key
    )
    return english


@pytest.fixture
def story(indexes, courts):
    story = draft_story(indexes["en"], None, title="Quieter waiting", slug="quieter-waiting")
    story.partner, story.topic = courts, TopicFactory(name=TOPIC, slug="going-to-court-test")
    story.save()
    story.save_revision().publish()
    return story


def submit_for_translation(client, django_user_model, instance_url, welsh):
    sign_in(client, make_user(django_user_model, "translator"))
    response = client.post(instance_url, {"locales": [welsh.pk]})
    assert response.status_code == 302
    return response


def test_translating_a_story_leaves_its_partner_and_topic_alone(
    client, django_user_model, story, courts, welsh
):
    url = reverse("wagtail_localize:submit_page_translation", args=[story.pk])
    submit_for_translation(client, django_user_model, url, welsh)

    welsh_courts = Partner.objects.get(locale=welsh, translation_key=courts.translation_key)
    assert welsh_courts.name == COURTS_CY  # not overwritten with the English name
    assert welsh_courts.slug == "llysoedd-prawf"
    # No Welsh copy of the topic carrying the English words.
    assert not Topic.objects.filter(locale=welsh, translation_key=story.topic.translation_key)
    assert not Topic.objects.filter(locale=welsh, name=TOPIC).exists()
    assert not Partner.objects.filter(locale=welsh, name=COURTS).exists()


def test_the_welsh_story_and_index_name_the_partner_in_welsh(
    client, django_user_model, story, indexes, welsh
):
    url = reverse("wagtail_localize:submit_page_translation", args=[story.pk])
    submit_for_translation(client, django_user_model, url, welsh)
    client.logout()
    welsh_story = story.get_translation(welsh)
    welsh_story.title = "Aros yn dawelach"
    welsh_story.save_revision().publish()

    page = parse(client.get(welsh_story.url)).get_text(" ")
    assert COURTS_CY in page
    assert COURTS not in page
    index = client.get(indexes["cy"].url)
    assert COURTS_CY in parse(index).get_text(" ")
    assert COURTS not in parse(index).get_text(" ")
    filtered = client.get(indexes["cy"].url, {"partner": "llysoedd-prawf"})
    assert "Aros yn dawelach" in parse(filtered).get_text(" ")


def test_a_welsh_copy_still_in_english_is_reported(client, django_user_model, welsh):
    partner = PartnerFactory(name="Victim Support (test)", slug="victim-support-test")
    url = reverse(
        "wagtail_localize:submit_snippet_translation",
        args=["impact", "partner", str(partner.pk)],
    )
    submit_for_translation(client, django_user_model, url, welsh)
    copy = Partner.objects.get(locale=welsh, translation_key=partner.translation_key)
    assert copy.name == partner.name  # wagtail-localize's copy, not yet translated

    # A draft until the translator publishes it (tests/impact/test_partner_translation.py).
    [item] = [item for item in welsh_parity_items() if item.english == partner]
    assert item.reason == Reason.NOT_LIVE

    # Published with the English words by any other way, it is still listed.
    copy.save_revision().publish()
    [item] = [item for item in welsh_parity_items() if item.english == partner]
    assert item.reason == Reason.UNTRANSLATED
    assert item.reason_label == "Welsh version still in English"

    copy.name = "Cymorth i Ddioddefwyr (prawf)"
    copy.save_revision().publish()
    assert partner not in [item.english for item in welsh_parity_items()]


def test_a_live_welsh_page_still_in_english_is_reported(
    client, django_user_model, story, indexes, welsh
):
    url = reverse("wagtail_localize:submit_page_translation", args=[story.pk])
    submit_for_translation(client, django_user_model, url, welsh)
    story.get_translation(welsh).save_revision().publish()  # published before translating

    [item] = [item for item in welsh_parity_items() if item.english.pk == story.pk]
    assert item.reason == Reason.UNTRANSLATED
    assert item.is_page
