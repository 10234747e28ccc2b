"""Redis down: the site keeps serving, and only the form's rate limit fails closed.

Against a real redis-server on a free port, stopped and started again by the tests.
"""

import logging
import socket
import threading

import pytest
from django.core.cache import cache
from django.utils import translation
from django.utils.translation import gettext
from redis import Redis

from config.cache import CacheUnavailable, forget_failures
from core import spam
from enrolment.models import Member, MembershipSettings
from impact.models import AnonymousContribution
from tests.enrolment.form_helpers import (
    FORM_URLS,
    LANGUAGES,
    THANK_YOU_URLS,
    complete_answers,
    finish,
    open_form,
    prepare,
)
from tests.html import parse
from tests.impact.test_contributions import open_activity, text_shown
from tests.impact.test_contributions import open_form as open_contribution_form
from tests.impact.test_contributions import send as send_contribution

from .services import assert_answers_kept, redis_server  # noqa: F401 (a fixture)

pytestmark = [pytest.mark.django_db, pytest.mark.fault]

OUTAGE_MESSAGE = (
    "Part of our website is not working at the moment, so we could not accept forms. "
    "Your answers have not been sent."
)


def redis_cache_settings(location, **options):
    return {
        "default": {
            "BACKEND": "config.cache.ResilientRedisCache",
            "LOCATION": location,
            "KEY_PREFIX": "fault-tests",
            "OPTIONS": options,
        }
    }


@pytest.fixture
def redis(redis_server, settings):  # noqa: F811
    """The site's cache on the test Redis, which is running again when the test ends.

    A long back-off, so a test can tell a call that tried Redis from one that did not.
    """
    settings.CACHES = redis_cache_settings(redis_server.url, BACKOFF_SECONDS=60)
    forget_failures()
    yield redis_server
    if redis_server.process is None:
        redis_server.start()
    forget_failures()


def in_language(language, text):
    with translation.override(language):
        return gettext(text)


# --- the cache itself --------------------------------------------------------------------


def test_while_redis_is_down_reads_answer_not_kept_and_writes_are_dropped(redis, caplog):
    cache.set("greeting", "hello")
    assert cache.get("greeting") == "hello"

    redis.stop()
    with caplog.at_level(logging.WARNING, logger="config.cache"):
        assert cache.get("greeting") is None
        assert cache.get("greeting", "default") == "default"
        assert cache.get_many(["greeting"]) == {}
        assert cache.has_key("greeting") is False
        assert cache.add("other", 1) is False
        cache.set("other", 1)
        assert cache.set_many({"a": 1, "b": 2}) == ["a", "b"]
        assert cache.delete("greeting") is False
        cache.delete_many(["a", "b"])
        assert cache.get_or_set("made", lambda: "made again") == "made again"
        with pytest.raises(ValueError):
            cache.incr("counter")

    # One warning for the outage, not one per call; it names no key and no value.
    warnings = [record for record in caplog.records if record.name == "config.cache"]
    assert len(warnings) == 1
    assert warnings[0].levelno == logging.WARNING
    for word in ("greeting", "hello", "other", "made", "counter"):
        assert word not in warnings[0].getMessage()


def test_the_rate_limit_asks_strictly_and_that_ends_the_back_off(redis):
    redis.stop()
    assert cache.get("greeting", "missing") == "missing"
    with pytest.raises(CacheUnavailable):
        cache.strict.get("greeting")

    redis.start()
    cache.strict.set("greeting", "hello")  # Redis is back (and empty: nothing is saved)
    # The strict call reached Redis, so everyone may use it again at once.
    assert cache.get("greeting") == "hello"


def test_after_a_failure_redis_is_left_alone_for_the_back_off(redis):
    redis.stop()
    assert cache.get("greeting") is None
    redis.start()
    # Put there behind the cache's back, so only a call that reaches Redis can find it.
    Redis.from_url(redis.url).set(cache.make_key("greeting"), 7)

    # Back, but within the back-off the cache does not ask it: "not kept".
    assert cache.get("greeting") is None
    forget_failures()
    assert cache.get("greeting") == 7


class SilentServer:
    """Accepts connections and never answers: a Redis that hangs. Counts connections."""

    def __init__(self):
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.port = self.listener.getsockname()[1]
        self.connections = []
        self.thread = threading.Thread(target=self.accept, daemon=True)
        self.thread.start()

    def accept(self):
        while True:
            try:
                connection, _ = self.listener.accept()
            except OSError:
                return
            self.connections.append(connection)

    def close(self):
        for connection in self.connections:
            connection.close()
        self.listener.close()


def test_a_redis_that_hangs_is_given_up_on_and_not_asked_again(settings):
    silent = SilentServer()
    try:
        settings.CACHES = redis_cache_settings(
            f"redis://127.0.0.1:{silent.port}/0", BACKOFF_SECONDS=60
        )
        forget_failures()
        # Gives up after its read timeout instead of holding the page for ever.
        assert cache.get("greeting", "default") == "default"
        assert len(silent.connections) == 1
        # Within the back-off nothing more is tried: no request waits for it again.
        for _ in range(5):
            assert cache.get("greeting", "default") == "default"
            cache.set("greeting", "hello")
        assert len(silent.connections) == 1
    finally:
        forget_failures()
        silent.close()


# --- the site while Redis is down ----------------------------------------------------------


@pytest.mark.parametrize(("language", "url"), [("en", "/"), ("cy", "/cy/")])
def test_public_pages_are_served_while_redis_is_down(redis, settings, client, language, url):
    settings.PAGE_CACHE_SECONDS = 300  # the page cache on, so it is in the way of every page
    assert client.get(url).status_code == 200

    redis.stop()
    for path in (url, FORM_URLS[language]):
        response = client.get(path)
        assert response.status_code == 200
        assert parse(response).html["lang"] == language
    finish()


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_form_is_refused_while_redis_is_down_and_kept_until_it_is_back(
    redis, settings, client, language
):
    prepare(settings)
    answers = {**open_form(client, language), **complete_answers()}
    before = Member.objects.count()

    redis.stop()
    response = client.post(FORM_URLS[language], answers)

    assert response.status_code == 503
    assert Member.objects.count() == before
    soup = parse(response)
    assert soup.html["lang"] == language
    summary = soup.select_one("[data-error-summary]")
    text = summary.get_text(" ", strip=True)
    assert in_language(language, OUTAGE_MESSAGE) in text
    if language == "cy":
        assert OUTAGE_MESSAGE not in text
    contact = MembershipSettings.load()
    assert summary.select_one('a[href="tel:+441267226440"]').get_text() == contact.contact_phone
    assert summary.select_one(f'a[href="mailto:{contact.contact_email}"]')
    typed = {k: v for k, v in answers.items() if k not in ("rendered", "shown_notice")}
    assert_answers_kept(soup.select_one("form[method=post i]"), typed)

    redis.start()
    response = client.post(FORM_URLS[language], answers)

    assert response.status_code == 303
    assert response["Location"] == THANK_YOU_URLS[language]
    assert Member.objects.count() == before + 1
    finish()


def test_over_the_limit_is_still_told_as_over_the_limit_with_redis_up(redis, settings, client):
    """The outage message is for an outage only."""
    prepare(settings)
    settings.ENROLMENT_RATE_LIMIT = 0
    answers = {**open_form(client, "en"), **complete_answers()}

    response = client.post(FORM_URLS["en"], answers)

    assert response.status_code == 429
    text = parse(response).select_one("[data-error-summary]").get_text(" ", strip=True)
    assert OUTAGE_MESSAGE not in text
    assert "Several forms have been sent from this connection" in text
    finish()


@pytest.mark.parametrize("language", LANGUAGES)
def test_anonymous_feedback_is_refused_while_redis_is_down_and_the_words_kept(
    redis, settings, client, language
):
    prepare(settings)
    activity = open_activity()
    tokens = open_contribution_form(client, activity, language)
    words = "Roedd yr ystafell aros yn rhy fach. The room was too small."

    redis.stop()
    response = send_contribution(client, activity, language, words, tokens=tokens)

    assert response.status_code == 503
    assert not AnonymousContribution.objects.exists()
    text = parse(response).select_one("[data-error-summary]").get_text(" ", strip=True)
    assert in_language(language, OUTAGE_MESSAGE) in text
    assert text_shown(response) == words

    redis.start()
    response = send_contribution(client, activity, language, words, tokens=tokens)

    assert response.status_code == 303
    assert AnonymousContribution.objects.get().text == words
    finish()


# --- a full Redis: every error it answers with counts as the cache being unavailable -----


@pytest.fixture
def full_redis(redis):
    """The test Redis, out of memory: it still answers reads, and refuses every write with
    "OOM command not allowed when used memory > 'maxmemory'", as a full Redis does under
    the noeviction policy."""
    server = Redis.from_url(redis.url)
    server.config_set("maxmemory-policy", "noeviction")
    server.config_set("maxmemory", "1")
    yield redis
    server.config_set("maxmemory", "0")
    server.close()


def test_a_full_redis_is_treated_as_the_cache_being_unavailable(full_redis, caplog):
    with caplog.at_level(logging.WARNING, logger="config.cache"):
        cache.set("greeting", "hello")  # dropped, not an error
        assert cache.add("other", 1) is False
        assert cache.get("greeting", "missing") == "missing"
        assert cache.get_or_set("made", lambda: "made again") == "made again"
        with pytest.raises(ValueError):
            cache.incr("counter")
        # The rate limit's counter is never silently off: it raises.
        with pytest.raises(CacheUnavailable):
            cache.strict.add("counter", 0)
        with pytest.raises(CacheUnavailable):
            cache.strict.set("counter", 1)
    warnings = [record.getMessage() for record in caplog.records if record.name == "config.cache"]
    assert warnings and all("OutOfMemoryError" in warning for warning in warnings)
    assert not any(word in "".join(warnings) for word in ("greeting", "hello", "counter"))


@pytest.mark.parametrize(("language", "url"), [("en", "/"), ("cy", "/cy/")])
def test_public_pages_are_served_while_redis_is_full(full_redis, settings, client, language, url):
    settings.PAGE_CACHE_SECONDS = 300
    for path in (url, FORM_URLS[language], url):
        response = client.get(path)
        assert response.status_code == 200
        assert parse(response).html["lang"] == language
    finish()


def test_the_form_is_refused_while_redis_is_full_and_what_was_typed_kept(redis, settings, client):
    prepare(settings)
    answers = {**open_form(client, "en"), **complete_answers()}
    before = Member.objects.count()
    server = Redis.from_url(redis.url)
    server.config_set("maxmemory-policy", "noeviction")
    server.config_set("maxmemory", "1")
    try:
        response = client.post(FORM_URLS["en"], answers)
    finally:
        server.config_set("maxmemory", "0")
        server.close()

    assert response.status_code == 503
    assert Member.objects.count() == before
    typed = {k: v for k, v in answers.items() if k not in ("rendered", "shown_notice")}
    assert_answers_kept(parse(response).select_one("form[method=post i]"), typed)
    finish()


# --- sending at once ---------------------------------------------------------------------------


def test_sendings_at_once_on_redis_are_granted_no_more_than_the_allowance(redis, settings, rf):
    """Real threads, each with its own connection to Redis, all counting at the same moment."""
    settings.ENROLMENT_RATE_LIMIT = 3
    senders = 12
    start = threading.Barrier(senders)
    granted = []

    def send():
        request = rf.post("/join/", REMOTE_ADDR="2001:db8:5:7::1")
        start.wait()
        granted.append(spam.take_allowance(request).granted)

    threads = [threading.Thread(target=send) for _ in range(senders)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert len(granted) == senders
    assert granted.count(True) == 3
    # The refused gave their places back: the count is the places held.
    assert cache.strict.get(spam._rate_key(rf.post("/", REMOTE_ADDR="2001:db8:5:7::2"))) == 3
    cache.clear()


def test_one_showing_of_a_form_is_accepted_once_on_redis(redis, settings, client):
    prepare(settings)
    sent = {**open_form(client, "en"), **complete_answers()}

    assert client.post(FORM_URLS["en"], sent).status_code == 303
    response = client.post(FORM_URLS["en"], sent)

    assert response.status_code == 200
    assert Member.objects.count() == 1
    finish()
