"""Pictures on stories, on the story index and in page bodies, in both languages.

Every picture is a <picture> of Wagtail renditions: AVIF and WebP sources with several
widths and a JPEG fallback. A story's own picture is above the fold, so it loads at once
with its size given; pictures in lists and bodies load lazily.
"""

import io
import json

import pytest
from django.core.files.images import ImageFile
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from PIL import Image as PillowImage
from PIL import features
from wagtail.images import get_image_model
from wagtail.users.models import UserProfile

from impact.models import StoryPage
from tests.factories import ContentPageFactory
from tests.html import parse
from tests.impact.test_stories import D, make_index, make_story
from tests.support.staff import PASSWORD, sign_in

pytestmark = pytest.mark.django_db

Image = get_image_model()


@pytest.fixture(autouse=True)
def media_folder(settings, tmp_path):
    """Originals and renditions go to a folder of this test's own."""
    settings.MEDIA_ROOT = tmp_path


def make_image(description="", title="Test picture", size=(1600, 900)):
    data = io.BytesIO()
    PillowImage.new("RGB", size, (190, 200, 220)).save(data, "JPEG")
    return Image.objects.create(
        title=title, description=description, file=ImageFile(data, name="test-picture.jpg")
    )


def sources(picture):
    """{type: [width descriptors]} of a <picture>'s <source> elements."""
    return {
        source["type"]: [candidate.split()[-1] for candidate in source["srcset"].split(", ")]
        for source in picture.select("source")
    }


# Both languages: the Welsh index and story are translations of the English ones.
LANGUAGES = ["en", "cy"]


@pytest.fixture
def indexes(home, welsh_home):
    english = make_index(home, "picture-stories", title="Picture stories")
    welsh = make_index(
        welsh_home, "straeon-lluniau", title="Straeon lluniau", translation_of=english
    )
    return {"en": english, "cy": welsh}


def story_with_picture(indexes, language, image, own_words=False):
    """A story with `image` in `language` (the Welsh one a translation of an English one).
    With own_words, the story describes the picture itself, in its language."""
    words = {"en": "Calm hills at first light", "cy": "Bryniau tawel ar doriad gwawr"}
    alt = {language: words[language] if own_words else "" for language in words}
    english = make_story(
        indexes["en"], "Pictured", D(2026, 1, 1), image=image, image_alt_text=alt["en"]
    )
    if language == "en":
        return english
    return make_story(
        indexes["cy"],
        "Gyda llun",
        D(2026, 1, 1),
        image=image,
        image_alt_text=alt["cy"],
        translation_of=english,
    )


# --- the story's own picture ----------------------------------------------------------------


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_story_shows_its_picture_at_the_top_at_once_and_in_modern_formats(
    client, indexes, language
):
    story = story_with_picture(indexes, language, make_image())

    response = client.get(story.url)

    assert response.status_code == 200
    soup = parse(response)
    assert soup.html["lang"] == language
    picture = soup.select_one("article.story picture")
    assert picture is not None
    # At the top: before the facts and the story's sections.
    following = [tag.get("class", [None])[0] for tag in picture.find_all_next(["dl", "section"])]
    assert following[0] == "story-facts"
    widths = ["400w", "700w", "1000w", "1400w"]
    assert sources(picture) == {"image/avif": widths, "image/webp": widths}
    assert picture.select_one("source")["sizes"]
    image = picture.select_one("img")
    assert image["src"].endswith(".jpg")
    # Above the fold: not lazy, and sized so that nothing moves when it arrives.
    assert image.get("loading") is None
    assert int(image["width"]) > 0 and int(image["height"]) > 0
    assert image["decoding"] == "async"


def test_avif_is_offered_because_this_pillow_can_write_it():
    # The templates ask for AVIF first; renditions would fail without an encoder.
    assert features.check("avif")
    assert features.check("webp")


@pytest.mark.parametrize(
    ("language", "own_words", "description", "expected"),
    [
        ("en", True, "Not this", "Calm hills at first light"),
        ("en", False, "Calm hills at dawn", "Calm hills at dawn"),
        ("en", False, "", ""),
        ("cy", True, "Calm hills at dawn", "Bryniau tawel ar doriad gwawr"),
        ("cy", False, "", ""),
    ],
)
def test_the_alt_text_is_the_storys_own_words_else_the_image_description_else_empty(
    client, indexes, language, own_words, description, expected
):
    story = story_with_picture(indexes, language, make_image(description), own_words)

    for url in (story.url, indexes[language].url):
        image = parse(client.get(url)).select_one("main picture img")
        # The attribute is always there: empty marks a picture as decoration.
        assert image.has_attr("alt")
        assert image["alt"] == expected, url


# --- the index's cards --------------------------------------------------------------------------


@pytest.mark.parametrize("language", LANGUAGES)
def test_story_cards_show_small_lazy_pictures(client, indexes, language):
    story_with_picture(indexes, language, make_image("Calm hills at dawn"))

    response = client.get(indexes[language].url)

    assert response.status_code == 200
    card = parse(response).select_one(".story-card")
    assert "story-card--with-image" in card["class"]
    picture = card.select_one("picture")
    assert sources(picture) == {"image/avif": ["160w", "320w"], "image/webp": ["160w", "320w"]}
    image = picture.select_one("img")
    assert image["loading"] == "lazy"
    assert image["decoding"] == "async"
    assert (image["width"], image["height"]) == ("160", "120")


@pytest.mark.parametrize("language", LANGUAGES)
def test_without_a_picture_nothing_is_missing_or_broken(client, indexes, language):
    english = make_story(indexes["en"], "Plain", D(2026, 1, 1))
    story = english
    if language == "cy":
        story = make_story(indexes["cy"], "Plaen", D(2026, 1, 1), translation_of=english)

    for url in (story.url, indexes[language].url):
        response = client.get(url)
        assert response.status_code == 200
        soup = parse(response)
        assert soup.select("main picture, main img") == []
        assert soup.select_one(".story-card--with-image") is None
    assert story.image_alt == ""


def test_a_deleted_image_leaves_the_story_without_a_picture(client, indexes):
    story = story_with_picture(indexes, "en", make_image())
    Image.objects.all().delete()

    response = client.get(story.url)

    assert response.status_code == 200
    assert parse(response).select("main picture") == []
    assert StoryPage.objects.get(pk=story.pk).image is None


def warm_queries(client, url):
    client.get(url)
    client.get(url)
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_pictures_do_not_add_queries_per_story(client, indexes):
    for number in range(2):
        make_story(indexes["en"], f"Pictured {number}", D(2026, 1, 1), image=make_image())
    with_2 = warm_queries(client, indexes["en"].url)
    for number in range(2, 8):
        make_story(indexes["en"], f"Pictured {number}", D(2026, 1, 1), image=make_image())
    with_8 = warm_queries(client, indexes["en"].url)

    assert len(parse(client.get(indexes["en"].url)).select(".story-card picture")) == 8
    assert with_8 == with_2


def test_a_storys_picture_takes_two_queries_however_many_renditions(client, indexes):
    plain = make_story(indexes["en"], "Plain", D(2026, 1, 1))
    pictured = make_story(indexes["en"], "Pictured", D(2026, 1, 1), image=make_image())

    # The image and its twelve renditions (three formats, four widths), fetched together.
    assert warm_queries(client, pictured.url) == warm_queries(client, plain.url) + 2


# --- pictures in page bodies ----------------------------------------------------------------------


def body_with(value):
    return json.dumps([{"type": "image", "value": value}])


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_body_picture_has_its_alt_text_caption_and_loads_lazily(
    client, home, welsh_home, language
):
    parent = home if language == "en" else welsh_home
    caption = "The view from the centre" if language == "en" else "Yr olygfa o'r ganolfan"
    alt_text = "Hills at dawn" if language == "en" else "Bryniau ar doriad gwawr"
    page = ContentPageFactory(parent=parent, title="With a picture")
    image = {"image": make_image("Not this").pk, "alt_text": alt_text, "decorative": False}
    page.body = body_with({"image": image, "caption": caption})
    page.save()

    response = client.get(page.url)

    assert response.status_code == 200
    assert parse(response).html["lang"] == language
    figure = parse(response).select_one("main figure.figure")
    assert figure.select_one("figcaption").get_text(strip=True) == caption
    image = figure.select_one("picture img")
    assert image["alt"] == alt_text
    assert image["loading"] == "lazy"
    assert image["decoding"] == "async"
    widths = ["400w", "700w", "1000w", "1400w"]
    assert sources(figure.select_one("picture")) == {"image/avif": widths, "image/webp": widths}


def test_a_decorative_body_picture_has_an_empty_alt(client, home):
    page = ContentPageFactory(parent=home, title="Decorated")
    page.body = body_with(
        {
            "image": {"image": make_image("Hills").pk, "alt_text": "", "decorative": True},
            "caption": "",
        }
    )
    page.save()

    figure = parse(client.get(page.url)).select_one("main figure.figure")
    assert figure.select_one("img")["alt"] == ""
    assert figure.select_one("figcaption") is None


def test_a_body_picture_saved_before_captions_keeps_its_alt_text(client, home):
    page = ContentPageFactory(parent=home, title="Older body")
    # The shape an image block had before it became a figure with a caption.
    page.body = body_with({"image": make_image().pk, "alt_text": "Old words", "decorative": False})
    page.save()

    response = client.get(page.url)

    assert response.status_code == 200
    assert parse(response).select_one("main figure img")["alt"] == "Old words"


# --- the editor's side ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("language", "label"), [("en", "Image description"), ("cy", "Disgrifiad o'r ddelwedd")]
)
def test_editors_choose_a_picture_and_describe_it_in_their_language(
    client, django_user_model, indexes, language, label
):
    editor = django_user_model.objects.create_superuser("editor", "editor@example.org", PASSWORD)
    profile = UserProfile.get_for_user(editor)
    profile.preferred_language = language
    profile.save()
    sign_in(client, editor)
    story = story_with_picture(indexes, "en", make_image("Calm hills at dawn"))

    response = client.get(reverse("wagtailadmin_pages:edit", args=[story.pk]))

    assert response.status_code == 200
    form = parse(response)
    assert form.select_one('input[name="image"]')["value"] == str(story.image_id)
    assert form.select_one('label[for="id_image_alt_text"]').get_text(strip=True) == label


# --- the demo -------------------------------------------------------------------------------------


def test_the_demo_stories_have_decorative_pictures_made_once():
    stories = StoryPage.objects.filter(slug__in=["updates-when-promised", "diweddariadau-ar-amser"])
    assert stories.count() == 2
    assert len({story.image_id for story in stories}) == 1
    image = stories.first().image
    assert image.description == ""
    assert image.width > image.height
    images = Image.objects.count()

    call_command("load_demo_content", verbosity=0)

    assert Image.objects.count() == images
