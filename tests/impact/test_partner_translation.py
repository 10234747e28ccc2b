"""A partner or topic translated directly ("Translate" on the snippet) is not public until
its Welsh words are: the Welsh copy wagtail-localize makes is a draft, Welsh pages leave the
name out rather than show the English, "Publish" in the translation editor refuses while
any text is untranslated, and the parity report lists the copy as not published."""

from urllib.parse import urlencode

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from wagtail_localize.models import StringSegment, Translation

from impact.models import Partner, StoryPage, Topic
from pages.reports import Reason, welsh_parity_items
from tests.enrolment.staff import make_user, prefer_welsh, sign_in
from tests.factories import PartnerFactory, TopicFactory
from tests.html import parse
from tests.impact.test_telling_participants import draft_story, story_index

pytestmark = pytest.mark.django_db

ENGLISH = {"partner": "Victim Support (test)", "topic": "Going to court (test)"}
WELSH = {"partner": "Cymorth i Ddioddefwyr & “ŵ”", "topic": "Mynd i'r llys ŷ â"}
WELSH_SLUG = {"partner": "cymorth-i-ddioddefwyr-ŵ", "topic": "mynd-ir-llys-ŷ-â"}
MODELS = {"partner": Partner, "topic": Topic}


@pytest.fixture
def translator(django_user_model):
    return make_user(django_user_model, "translator")


@pytest.fixture
def entries():
    return {
        "partner": PartnerFactory(name=ENGLISH["partner"], slug="victim-support-test"),
        "topic": TopicFactory(name=ENGLISH["topic"], slug="going-to-court-test"),
    }


@pytest.fixture
def stories(home, welsh_home, welsh, entries):
    """A story about the partner and topic, live in English and in Welsh."""
    indexes = story_index(home, welsh_home)
    story = draft_story(indexes["en"], None, title="Quieter waiting", slug="quieter-waiting")
    story.partner, story.topic = entries["partner"], entries["topic"]
    story.save()
    story.save_revision().publish()
    welsh_story = story.copy_for_translation(welsh)
    welsh_story.title, welsh_story.slug = "Aros yn dawelach", "aros-yn-dawelach"
    welsh_story.save_revision().publish()
    return {"en": story, "cy": StoryPage.objects.get(pk=welsh_story.pk), "indexes": indexes}


def translate_url(entry):
    meta = entry._meta
    return reverse(
        "wagtail_localize:submit_snippet_translation",
        args=[meta.app_label, meta.model_name, str(entry.pk)],
    )


def edit_url(entry):
    meta = entry._meta
    return reverse(f"wagtailsnippets_{meta.app_label}_{meta.model_name}:edit", args=[entry.pk])


def choose_translate(client, entry, welsh):
    """The translator's "Translate" on the snippet, into Welsh."""
    assert client.get(translate_url(entry)).status_code == 200
    response = client.post(translate_url(entry), {"locales": [welsh.pk]})
    assert response.status_code == 302
    return MODELS[entry._meta.model_name].objects.get(
        locale=welsh, translation_key=entry.translation_key
    )


def type_translation(client, copy, path, value):
    """What the translation editor sends when the translator types a translation."""
    translation = Translation.objects.get(
        source__object_id=copy.translation_key, target_locale_id=copy.locale_id
    )
    segment = StringSegment.objects.get(source=translation.source, context__path=path)
    response = client.put(
        reverse("wagtail_localize:edit_string_translation", args=[translation.pk, segment.pk]),
        urlencode({"value": value}),
        content_type="application/x-www-form-urlencoded",
    )
    assert response.status_code in (200, 201), response.content


@pytest.fixture
def publish(client, django_capture_on_commit_callbacks):
    """The translation editor's "Publish" (wagtail-localize publishes once committed)."""

    def press(copy):
        with django_capture_on_commit_callbacks(execute=True):
            return client.post(edit_url(copy), {"action": "publish"}, follow=True)

    return press


def public_text(client, url, **query):
    response = client.get(url, query)
    assert response.status_code == 200
    return parse(response).get_text(" ")


def welsh_pages(client, stories):
    index = stories["indexes"]["cy"]
    feed = client.get(index.url + index.feed_path).content.decode()
    return public_text(client, stories["cy"].url) + public_text(client, index.url) + feed


def listed(entry):
    return [item for item in welsh_parity_items() if item.english == entry]


@pytest.mark.parametrize("kind", ["partner", "topic"])
def test_translate_makes_a_draft_that_no_public_page_shows(
    client, translator, stories, entries, welsh, kind
):
    entry = entries[kind]
    sign_in(client, translator)

    copy = choose_translate(client, entry, welsh)

    assert copy.name == ENGLISH[kind]  # wagtail-localize's copy carries the English words
    assert not copy.live
    client.logout()
    welsh_text = welsh_pages(client, stories)
    assert ENGLISH[kind] not in welsh_text
    # The Welsh list offers no filter by it, by either slug.
    index = stories["indexes"]["cy"]
    assert "Aros yn dawelach" in public_text(client, index.url)
    filtered = client.get(index.url, {kind: entry.slug})
    assert entry.slug not in filtered.content.decode()
    # The English pages are as they were.
    assert ENGLISH[kind] in public_text(client, stories["en"].url)
    [item] = listed(entry)
    assert item.reason == Reason.NOT_LIVE
    assert item.reason_label == "Welsh version not published"


@pytest.mark.parametrize("kind", ["partner", "topic"])
@pytest.mark.parametrize("in_welsh", [False, True], ids=["english-admin", "welsh-admin"])
def test_publishing_before_translating_is_refused(
    client, publish, translator, stories, entries, welsh, kind, in_welsh
):
    if in_welsh:
        prefer_welsh(translator)
    sign_in(client, translator)
    entry = entries[kind]
    copy = choose_translate(client, entry, welsh)
    assert client.get(edit_url(copy)).status_code == 200  # the translation editor

    response = publish(copy)

    message = (
        "Cyfieithwch yr holl destun (2 ar ôl) cyn cyhoeddi'r fersiwn Gymraeg."
        if in_welsh
        else "Translate all of the text (2 left) before publishing the Welsh version."
    )
    assert message in parse(response).get_text(" ")
    copy.refresh_from_db()
    assert not copy.live
    assert copy.name == ENGLISH[kind]
    assert ENGLISH[kind] not in welsh_pages(client, stories)
    assert listed(entry)[0].reason == Reason.NOT_LIVE


@pytest.mark.parametrize("kind", ["partner", "topic"])
def test_a_name_translated_but_another_word_left_is_still_refused(
    client, publish, translator, entries, welsh, kind
):
    sign_in(client, translator)
    copy = choose_translate(client, entries[kind], welsh)
    # The copy has two words to translate, its name and its address; only the address is
    # typed, so there is no Welsh name to make it from either.
    type_translation(client, copy, "slug", WELSH_SLUG[kind])

    response = publish(copy)

    assert "(1 left)" in parse(response).get_text(" ")
    copy.refresh_from_db()
    assert not copy.live


@pytest.mark.parametrize("kind", ["partner", "topic"])
def test_a_script_typed_as_the_name_counts_as_untranslated(
    client, publish, translator, entries, welsh, kind
):
    sign_in(client, translator)
    copy = choose_translate(client, entries[kind], welsh)
    type_translation(client, copy, "name", "<script>alert(1)</script> Ŵyn")

    response = publish(copy)

    assert "(2 left)" in parse(response).get_text(" ")
    copy.refresh_from_db()
    assert not copy.live
    assert "<script>" not in copy.name


@pytest.mark.parametrize("kind", ["partner", "topic"])
def test_translated_and_published_the_welsh_name_shows_and_never_the_english(
    client, publish, translator, stories, entries, welsh, kind
):
    entry = entries[kind]
    sign_in(client, translator)
    copy = choose_translate(client, entry, welsh)
    type_translation(client, copy, "name", WELSH[kind])

    response = publish(copy)

    assert response.status_code == 200
    copy.refresh_from_db()
    assert copy.live
    assert copy.name == WELSH[kind]
    # The address left untranslated is made from the Welsh name.
    assert copy.slug == WELSH_SLUG[kind]
    client.logout()
    welsh_text = welsh_pages(client, stories)
    assert WELSH[kind] in welsh_text
    assert ENGLISH[kind] not in welsh_text
    index = stories["indexes"]["cy"]
    assert "Aros yn dawelach" in public_text(client, index.url, **{kind: WELSH_SLUG[kind]})
    assert listed(entry) == []
    # The English list filtered by it links to the Welsh list filtered by its Welsh slug.
    slug = entry.slug
    english_list = parse(client.get(stories["indexes"]["en"].url, {kind: slug}))
    assert ENGLISH[kind] in english_list.get_text(" ")
    welsh_link = english_list.select_one('.language-switch a[hreflang="cy"]')["href"]
    assert urlencode({kind: WELSH_SLUG[kind]}) in welsh_link


def test_a_welsh_list_offers_only_what_it_can_name_in_welsh(client, stories, entries, welsh):
    # The partner has a published Welsh version; the topic has none at all.
    Partner.objects.create(
        name="Cymorth i Ddioddefwyr (prawf)",
        slug="cymorth-prawf",
        locale=welsh,
        translation_key=entries["partner"].translation_key,
    )
    index = stories["indexes"]["cy"]

    soup = parse(client.get(index.url))

    partners = [option["value"] for option in soup.select("#story-filter-partner option")]
    topics = [option["value"] for option in soup.select("#story-filter-topic option")]
    assert "cymorth-prawf" in partners
    assert "going-to-court-test" not in topics
    assert ENGLISH["topic"] not in soup.get_text(" ")
    # From the English list filtered by the topic, the Welsh link drops that filter.
    english = parse(client.get(stories["indexes"]["en"].url, {"topic": "going-to-court-test"}))
    assert ENGLISH["topic"] in english.get_text(" ")
    welsh_link = english.select_one('.language-switch a[hreflang="cy"]')["href"]
    assert welsh_link == index.url


@pytest.mark.parametrize(
    "group", ["Engagement team", "Communications team", "Reviewers", "Translators"]
)
@pytest.mark.parametrize("kind", ["partner", "topic"])
def test_whoever_may_change_an_entry_may_publish_it(group, kind):
    codenames = set(
        Group.objects.get(name=group)
        .permissions.filter(content_type__app_label="impact")
        .values_list("codename", flat=True)
    )
    assert {f"change_{kind}", f"publish_{kind}"} <= codenames


def test_entries_made_before_drafts_existed_are_live():
    # The demo's (made before the migration's default) and every other one.
    assert Partner.objects.exists() and Topic.objects.exists()
    assert not Partner.objects.filter(live=False).exists()
    assert not Topic.objects.filter(live=False).exists()
