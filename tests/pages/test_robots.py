"""/robots.txt: served by Django from the request alone (it is also the benchmark's floor)."""

import pytest

pytestmark = pytest.mark.django_db


def test_robots_keeps_crawlers_out_of_the_admin_and_names_the_sitemap(client):
    response = client.get("/robots.txt")

    assert response.status_code == 200
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    lines = response.content.decode().splitlines()
    assert lines[:2] == ["User-agent: *", "Disallow: /admin/"]
    assert "Sitemap: http://testserver/sitemap.xml" in lines
    sitemap = client.get("/sitemap.xml")
    assert sitemap.status_code == 200
    assert b"<urlset" in sitemap.content


def test_robots_touches_no_database(client, django_assert_num_queries):
    with django_assert_num_queries(0):
        assert client.get("/robots.txt").status_code == 200


def test_robots_sets_its_own_cache_lifetime_and_the_page_cache_leaves_it(client, settings):
    settings.PAGE_CACHE_SECONDS = 300

    first = client.get("/robots.txt")
    second = client.get("/robots.txt")

    for response in (first, second):
        assert response["Cache-Control"] == "public, max-age=86400"
        assert "X-Page-Cache" not in response


def test_robots_answers_only_reads(client):
    assert client.post("/robots.txt").status_code == 405
