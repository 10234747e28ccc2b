"""The page cache (pages.page_cache): anonymous public pages are kept, per language;
nothing with a form, a CSRF token, messages, a session or personal data ever is, and
nothing one visitor sent reaches another."""

import pytest
from django.contrib.messages import constants
from django.contrib.messages.storage.cookie import CookieStorage
from django.core.cache import cache
from django.http import HttpRequest
from django.test import Client

from enrolment import withdrawal
from impact.models import StoryPage
from pages.models import Navigation
from tests.enrolment import form_helpers as join_form
from tests.factories import ActivityFactory, MemberFactory, SupportServiceFactory
from tests.html import parse

pytestmark = pytest.mark.django_db

PUBLIC_PAIRS = [
    ("/", "/cy/"),
    ("/terms-of-reference/", "/cy/cylch-gorchwyl/"),
    ("/support/", "/cy/cymorth/"),
    ("/difference-made/", "/cy/gwahaniaeth-a-wnaed/"),
]
# A filter the story index uses: the year of a published story (the demo's are dated
# from today).
PUBLIC_PAGES = [url for pair in PUBLIC_PAIRS for url in pair] + ["/difference-made/?year={year}"]


def story_year():
    return StoryPage.objects.live().filter(locale__language_code="en").first().story_date.year


@pytest.fixture(autouse=True)
def page_cache_on(settings):
    settings.PAGE_CACHE_SECONDS = 300
    settings.FRONTEND_CACHE_SECONDS = 60
    join_form.prepare(settings)
    yield
    join_form.finish()


def assert_never_cached(response):
    cache_control = response["Cache-Control"]
    assert "private" in cache_control and "no-cache" in cache_control, cache_control
    assert "public" not in cache_control
    assert "X-Page-Cache" not in response


@pytest.mark.parametrize("url", PUBLIC_PAGES)
def test_a_public_page_is_kept_and_served_again_without_the_database(
    client, url, django_assert_num_queries
):
    url = url.format(year=story_year())
    first = client.get(url)
    assert first.status_code == 200
    assert first["X-Page-Cache"] == "miss"
    assert "public" in first["Cache-Control"] and "s-maxage=60" in first["Cache-Control"]

    with django_assert_num_queries(0):
        second = Client().get(url)
    assert second["X-Page-Cache"] == "hit"
    assert second.status_code == 200
    assert second.content == first.content
    assert second["Content-Security-Policy"] == first["Content-Security-Policy"]


def test_a_kept_page_is_the_same_bytes_for_every_visitor_and_has_no_nonce(client):
    first = client.get("/")
    assert first["X-Page-Cache"] == "miss"
    hits = [Client().get("/") for _ in range(2)]
    assert [hit["X-Page-Cache"] for hit in hits] == ["hit", "hit"]
    for hit in hits:
        assert hit.content == first.content
        assert hit["Content-Security-Policy"] == first["Content-Security-Policy"]
    assert "nonce" not in first["Content-Security-Policy"]
    assert b"nonce" not in first.content


@pytest.mark.parametrize(("english", "welsh"), PUBLIC_PAIRS)
def test_the_cache_varies_on_language(client, english, welsh):
    assert client.get(english)["X-Page-Cache"] == "miss"
    response = client.get(welsh)
    assert response["X-Page-Cache"] == "miss"
    assert parse(response).html["lang"] == "cy"
    assert parse(client.get(english)).html["lang"] == "en"
    assert parse(client.get(welsh)).html["lang"] == "cy"


def test_shared_caches_are_not_split_by_the_browser_language(client):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="cy")
    assert parse(response).html["lang"] == "en"
    assert "Accept-Language" not in response.get("Vary", "")


def test_publishing_a_page_shows_at_once(client, home):
    assert client.get("/")["X-Page-Cache"] == "miss"
    assert client.get("/")["X-Page-Cache"] == "hit"
    home.title = "A newly published welcome"
    home.save_revision().publish()
    response = client.get("/")
    assert response["X-Page-Cache"] == "miss"
    assert "A newly published welcome" in response.content.decode()


def test_changing_a_snippet_shows_at_once(client, english):
    client.get("/support/")
    navigation = Navigation.objects.get(locale=english)
    navigation.network_name = "Renamed network"
    navigation.save()
    SupportServiceFactory(name="A service added a moment ago", locale=english)
    response = client.get("/support/")
    assert response["X-Page-Cache"] == "miss"
    assert "Renamed network" in response.content.decode()
    assert "A service added a moment ago" in response.content.decode()


def test_saving_a_member_leaves_the_cache_alone(client):
    client.get("/")
    MemberFactory()
    assert client.get("/")["X-Page-Cache"] == "hit"


@pytest.mark.parametrize("language", ["en", "cy"])
def test_the_join_form_is_never_cached(client, language):
    for _ in range(2):
        response = client.get(join_form.FORM_URLS[language])
        assert response.status_code == 200
        assert_never_cached(response)
        assert "no-store" in response["Cache-Control"]


def test_nothing_one_person_typed_reaches_the_next_visitor():
    first_person = Client()
    answers = join_form.complete_answers(
        name="Ŵyn Ŷr Âlis <script>alert(1)</script>", email="not-an-email"
    )
    response = join_form.send(first_person, "en", answers)
    assert response.status_code == 200  # the form again, with an error and what was typed
    assert "Ŵyn Ŷr Âlis" in response.content.decode()
    assert_never_cached(response)

    for url in ["/join/", "/", "/support/", "/cy/ymuno/"]:
        for visitor in (Client(), first_person):
            page = visitor.get(url).content.decode()
            assert "Ŵyn Ŷr Âlis" not in page, url
            assert "not-an-email" not in page, url


def test_a_sent_form_leaves_no_trace_in_kept_pages():
    first_person = Client()
    join_form.send(first_person, "cy", join_form.complete_answers(name="Dafydd Ŷs Âr"))
    thank_you = first_person.get(join_form.THANK_YOU_URLS["cy"])
    kept = Client().get(join_form.THANK_YOU_URLS["cy"])
    for response in (thank_you, kept):
        assert "Dafydd" not in response.content.decode()


@pytest.mark.parametrize("language", ["en", "cy"])
def test_the_contribution_form_is_never_cached(client, language):
    activity = ActivityFactory(allow_anonymous=True, public_title="Waiting at court")
    prefix = "/have-your-say/" if language == "en" else "/cy/dweud-eich-dweud/"
    for url in (prefix, f"{prefix}{activity.public_code}/"):
        response = client.get(url)
        assert response.status_code == 200, url
        assert_never_cached(response)


@pytest.mark.parametrize("language", ["en", "cy"])
def test_the_withdrawal_pages_are_never_cached(client, language):
    member = MemberFactory(language=language)
    with_language = withdrawal.withdrawal_url(member)
    path = with_language.split("://", 1)[-1].split("/", 1)[-1]
    response = client.get("/" + path)
    assert response.status_code == 200
    assert_never_cached(response)


@pytest.mark.parametrize("url", ["/search/?q=support", "/cy/chwilio/?q=cymorth"])
def test_search_results_are_never_cached(client, url):
    for _ in range(2):
        assert_never_cached(client.get(url))


def test_the_admin_is_never_cached(client, staff_client):
    assert_never_cached(client.get("/admin/login/"))
    assert_never_cached(staff_client("superuser").get("/admin/"))


def test_a_signed_in_editor_is_never_served_from_or_into_the_cache(staff_client):
    editor = staff_client("superuser")
    response = editor.get("/")
    assert "X-Page-Cache" not in response
    assert "public" not in response["Cache-Control"]
    # The page the editor saw was not kept: the next visitor gets a fresh one.
    anonymous = Client().get("/")
    assert anonymous["X-Page-Cache"] == "miss"
    assert editor.user.username not in anonymous.content.decode()
    # And a kept page is not handed to the editor.
    assert "X-Page-Cache" not in editor.get("/")


def test_a_visitor_with_messages_waiting_is_not_served_a_kept_page(client):
    client.get("/")  # kept
    storage = CookieStorage(HttpRequest())
    storage.add(constants.INFO, "Your details were updated")
    response = Client().get("/")
    assert response["X-Page-Cache"] == "hit"
    with_messages = Client()
    with_messages.cookies["messages"] = storage._encode(storage._queued_messages)
    assert "X-Page-Cache" not in with_messages.get("/")


def test_a_page_that_sets_a_cookie_is_not_kept(rf):
    from django.http import HttpResponse

    from pages.page_cache import PageCacheMiddleware

    def view(request):
        response = HttpResponse("hello")
        response.set_cookie("something", "personal")
        return response

    middleware = PageCacheMiddleware(view)
    for _ in range(2):
        response = middleware(rf.get("/a-page/"))
        assert "X-Page-Cache" not in response
        assert "private" in response["Cache-Control"]
    assert not [key for key in cache._cache if "page-cache:" in key and "generation" not in key]


def test_a_page_that_uses_the_session_is_not_kept(rf):
    from django.contrib.sessions.middleware import SessionMiddleware
    from django.http import HttpResponse

    from pages.page_cache import PageCacheMiddleware

    def view(request):
        request.session.get("anything")
        return HttpResponse("hello")

    middleware = PageCacheMiddleware(SessionMiddleware(view))
    response = middleware(rf.get("/a-page/"))
    assert "X-Page-Cache" not in response
    assert "private" in response["Cache-Control"]


def test_posts_and_errors_are_never_kept(client):
    assert "X-Page-Cache" not in client.post("/")
    missing = client.get("/no-such-page/")
    assert missing.status_code == 404
    assert "X-Page-Cache" not in missing
    assert "public" not in missing["Cache-Control"]


def test_with_the_cache_off_nothing_is_kept(client, settings):
    settings.PAGE_CACHE_SECONDS = 0
    client.get("/")
    response = client.get("/")
    assert "X-Page-Cache" not in response
    # Shared caches in front may still keep it for FRONTEND_CACHE_SECONDS.
    assert "s-maxage=60" in response["Cache-Control"]


def test_a_page_with_a_csrf_token_is_not_kept(rf):
    from django.http import HttpResponse
    from django.middleware.csrf import get_token

    from pages.page_cache import PageCacheMiddleware

    def view(request):
        return HttpResponse(f'<input name="csrfmiddlewaretoken" value="{get_token(request)}">')

    middleware = PageCacheMiddleware(view)
    for _ in range(2):
        response = middleware(rf.get("/a-page/"))
        assert "X-Page-Cache" not in response
        assert "private" in response["Cache-Control"]


def page_cache_keys():
    return {key for key in cache._cache if "page-cache:" in key and "generation" not in key}


@pytest.mark.parametrize(
    "url",
    [
        "/?utm_source=1",
        "/support/?fbclid=abc",
        "/difference-made/?year={year}&utm=2",
        "/difference-made/?year={year}&year=2024",
        "/difference-made/?partner=no-such-partner",
        "/difference-made/?topic=" + "x" * 40,
        "/difference-made/?page=01",
        "/difference-made/?page=1",
        "/difference-made/?page=99999",
        "/?page=2",
        "/support/?year=2025",
    ],
)
def test_query_strings_a_page_does_not_use_are_never_kept(client, url):
    url = url.format(year=story_year())
    path = url.split("?")[0]
    plain = client.get(path)
    assert plain.status_code == 200 and client.get(path)["X-Page-Cache"] == "hit"
    kept = page_cache_keys()

    for _ in range(2):
        response = client.get(url)
        assert response.status_code == 200
        assert "X-Page-Cache" not in response
        assert_never_cached(response)
    assert page_cache_keys() == kept


def test_each_variant_costs_nothing_kept(client):
    client.get("/")
    kept = page_cache_keys()
    for number in range(30):
        client.get(f"/?utm={number}")
    assert page_cache_keys() == kept


def test_the_story_filters_a_page_uses_are_kept_in_one_order(client):
    story = StoryPage.objects.live().filter(locale__language_code="en").first()
    year, partner = story.story_date.year, story.partner.slug
    first = client.get(f"/difference-made/?year={year}&partner={partner}")
    assert first["X-Page-Cache"] == "miss"
    again = client.get(f"/difference-made/?partner={partner}&year={year}")
    assert again["X-Page-Cache"] == "hit"
    assert again.content == first.content
