"""The Welsh parity report lists exactly the live English pages and snippets that lack an
up-to-date, live Welsh version, links to the work, and shows its count on the dashboard.

The fresh demo content is fully translated, so each test makes its own gaps.
"""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from wagtail.models import Locale, Page
from wagtail_localize.models import TranslationLog

from pages.models import ContentPage, SupportService
from pages.reports import Reason, translatable_snippet_models, welsh_parity_items
from tests.enrolment.staff import ROLES, make_user, prefer_welsh, sign_in

pytestmark = pytest.mark.django_db

REPORT = "/admin/reports/welsh-parity/"
ALLOWED = {"communications", "reviewer", "translator", "superuser"}
HOSTILE = "<script>alert('x')</script> Ŵyn, tŷ, â — Ελληνικά 漢字"


def listed():
    return {(item.reason, item.title) for item in welsh_parity_items()}


def english_page(parent, title, slug, publish=True):
    page = ContentPage(title=title, slug=slug, intro="Intro", live=publish)
    parent.add_child(instance=page)
    if publish:
        page.save_revision().publish()
    else:
        page.save_revision()
    return page


def republish(page):
    page = Page.objects.get(pk=page.pk).specific
    page.save_revision().publish()
    return page


def demo_page(url_path):
    return Page.objects.get(url_path=url_path).specific


def new_service(locale, name, key=None):
    service = SupportService(
        locale=locale, name=name, helps_with="Listening", category="victim_support", sort_order=99
    )
    if key:
        service.translation_key = key
    service.full_clean()
    service.save()
    return service


def service_form(service, **changes):
    values = {
        "name": service.name,
        "helps_with": service.helps_with,
        "category": service.category,
        "phone": "",
        "phone_note": "",
        "other_phone": "",
        "other_phone_note": "",
        "text_number": "",
        "website": "",
        "opening_hours": "",
        "area_served": "",
        "sort_order": service.sort_order,
    }
    values.update(changes)
    return values


def snippet_edit_url(instance):
    return reverse(
        f"wagtailsnippets_{instance._meta.app_label}_{instance._meta.model_name}:edit",
        args=[instance.pk],
    )


@pytest.fixture
def signed_in(client, django_user_model):
    users = {}

    def sign(role, welsh=False):
        user = users.get(role) or users.setdefault(role, make_user(django_user_model, role))
        if welsh:
            prefer_welsh(user)
        sign_in(client, user)
        return user

    return sign


@pytest.fixture
def third_locale(db):
    return Locale.objects.create(language_code="fr")


def rows(response):
    html = response.content.decode()
    return re.findall(r'<tr data-parity-reason="(\w+)">(.*?)</tr>', html, re.S)


def links_in(row_html):
    return re.findall(r'href="([^"]+)"', row_html)


# --- what is listed ----------------------------------------------------------------------


def test_the_fresh_demo_content_is_fully_translated():
    assert welsh_parity_items() == []


def test_pages_listed_are_exactly_the_missing_unpublished_alias_and_older_ones(
    home, welsh_home, welsh
):
    english_page(home, "Only in English", "only-in-english")
    english_page(home, "An English draft", "an-english-draft", publish=False)
    demo_page("/hafan/cwcis/").unpublish()
    republish(demo_page("/home/about/"))  # English changed after its Welsh version
    # Both changed, Welsh last: up to date.
    republish(demo_page("/home/support/"))
    republish(demo_page("/hafan/cymorth/"))
    aliased = english_page(home, "Aliased in Welsh", "aliased-in-welsh")
    aliased.copy_for_translation(welsh, copy_parents=False, alias=True)

    assert listed() == {
        (Reason.MISSING, "Only in English"),
        (Reason.NOT_LIVE, "Cookies"),
        (Reason.OLDER, "About the network"),
        (Reason.ALIAS, "Aliased in Welsh"),
    }


def test_every_translatable_snippet_model_is_checked(english, welsh, third_locale):
    """Whatever app registers it: each model's English instance without Welsh is listed."""
    expected = set()
    for model in translatable_snippet_models():
        source = model._default_manager.filter(locale=english).first()
        if source is None:
            continue
        # Move its Welsh twin out of Welsh: the English is left without one.
        model._default_manager.filter(translation_key=source.translation_key, locale=welsh).update(
            locale=third_locale
        )
        expected.add((Reason.MISSING, str(source)))
    assert len(expected) >= 5  # the demo has support services, navigation, lists, partners...
    assert {"SupportService", "Navigation"} <= {m.__name__ for m in translatable_snippet_models()}
    assert listed() == expected


def test_a_snippet_edited_in_english_after_its_welsh_is_listed_until_the_welsh_catches_up(
    client, signed_in, english, welsh
):
    service = new_service(english, "Listening line")
    new_service(welsh, "Llinell wrando", key=service.translation_key)
    assert listed() == set()  # loaded, never edited: nothing says the English moved on

    signed_in("superuser")
    response = client.post(
        snippet_edit_url(service), service_form(service, name="Listening line 2")
    )
    assert response.status_code == 302
    assert listed() == {(Reason.OLDER, "Listening line 2")}

    welsh_service = SupportService.objects.get(
        translation_key=service.translation_key, locale=welsh
    )
    response = client.post(
        snippet_edit_url(welsh_service), service_form(welsh_service, name="Llinell wrando 2")
    )
    assert response.status_code == 302
    assert listed() == set()


def test_a_snippet_translated_with_wagtail_localize_counts_its_translation_log(
    client, signed_in, english, welsh
):
    service = new_service(english, "Advocacy line")
    assert listed() == {(Reason.MISSING, "Advocacy line")}

    signed_in("translator")
    submit = reverse(
        "wagtail_localize:submit_snippet_translation",
        args=["pages", "supportservice", service.pk],
    )
    assert client.post(submit, {"locales": [welsh.pk]}).status_code == 302
    assert SupportService.objects.filter(
        translation_key=service.translation_key, locale=welsh
    ).exists()
    assert TranslationLog.objects.filter(locale=welsh).exists()
    # Up to date, but a copy of the English words until someone translates them.
    assert listed() == {(Reason.UNTRANSLATED, "Advocacy line")}

    client.logout()
    signed_in("superuser")
    client.post(snippet_edit_url(service), service_form(service, name="Advocacy line, new"))
    assert listed() == {(Reason.OLDER, "Advocacy line, new")}


# --- the report in the admin -------------------------------------------------------------


@pytest.mark.parametrize("role", ROLES)
def test_who_may_open_the_report(client, signed_in, role):
    if role != "anonymous":
        signed_in(role)
    response = client.get(REPORT)
    if role in ALLOWED:
        assert response.status_code == 200
    elif role == "anonymous":
        assert response.status_code == 302
        assert response["Location"].startswith("/admin/login/")
    else:
        assert response.status_code in (302, 403)
        assert response.status_code == 403 or response["Location"] == "/admin/"
    if role != "anonymous":
        dashboard = client.get("/admin/").content.decode()
        assert (REPORT in dashboard) == (role in ALLOWED)
        assert ('id="welsh-parity-section"' in dashboard) == (role in ALLOWED)


def test_the_report_rows_and_links_for_a_translator(client, signed_in, home, welsh):
    missing = english_page(home, HOSTILE, "hostile")
    demo_page("/hafan/cwcis/").unpublish()
    republish(demo_page("/home/about/"))
    signed_in("translator")

    response = client.get(REPORT)
    html = response.content.decode()
    assert "<script>alert" not in html
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt; Ŵyn, tŷ, â" in html
    found = {reason: links_in(row) for reason, row in rows(response)}
    assert set(found) == {Reason.MISSING, Reason.NOT_LIVE, Reason.OLDER}
    submit = reverse("wagtail_localize:submit_page_translation", args=[missing.pk])
    assert submit in found[Reason.MISSING]
    cookies_cy = demo_page("/hafan/cwcis/")
    assert reverse("wagtailadmin_pages:edit", args=[cookies_cy.pk]) in found[Reason.NOT_LIVE]
    about_cy = demo_page("/hafan/amdanom-ni/")
    assert reverse("wagtailadmin_pages:edit", args=[about_cy.pk]) in found[Reason.OLDER]
    for links in found.values():
        for link in links:
            assert client.get(link).status_code == 200, link

    # The link to start the translation does what it says.
    client.post(submit, {"locales": [welsh.pk]})
    assert missing.get_translation_or_none(welsh) is not None


def test_an_out_of_date_localized_snippet_links_to_updating_it(client, signed_in, english, welsh):
    service = new_service(english, "Court support")
    signed_in("translator")
    client.post(
        reverse(
            "wagtail_localize:submit_snippet_translation",
            args=["pages", "supportservice", service.pk],
        ),
        {"locales": [welsh.pk]},
    )
    client.logout()
    signed_in("superuser")
    client.post(snippet_edit_url(service), service_form(service, name="Court support, new"))
    client.logout()
    signed_in("translator")

    [(reason, row)] = rows(client.get(REPORT))
    assert reason == Reason.OLDER
    update = next(link for link in links_in(row) if "/localize/update/" in link)
    assert client.get(update).status_code == 200
    response = client.post(update, {"publish_translations": "on"})
    assert response.status_code == 302
    # Updated from the English, so its words are the English ones until translated.
    assert listed() == {(Reason.UNTRANSLATED, "Court support, new")}


def test_the_communications_team_sees_no_translate_link_it_cannot_use(client, signed_in, home):
    english_page(home, "Untranslated", "untranslated")
    signed_in("communications")
    [(reason, row)] = rows(client.get(REPORT))
    assert reason == Reason.MISSING
    assert "/localize/submit/" not in row
    assert "A translator can start the Welsh version." in row


def test_the_report_in_welsh(client, signed_in, home):
    english_page(home, "Untranslated", "untranslated")
    republish(demo_page("/home/about/"))
    signed_in("translator", welsh=True)
    html = client.get(REPORT).content.decode()
    assert "Cydraddoldeb y Gymraeg" in html
    assert "Dim fersiwn Gymraeg" in html
    assert "Fersiwn Gymraeg yn hŷn na&#x27;r Saesneg" in html
    assert "Cyfieithu i&#x27;r Gymraeg" in html
    assert "No Welsh version" not in html

    dashboard = client.get("/admin/").content.decode()
    assert "Mae angen gwaith yn Gymraeg ar 2 eitem." in dashboard


def test_an_empty_report_says_so(client, signed_in):
    signed_in("reviewer")
    html = client.get(REPORT).content.decode()
    assert "Every live page and snippet has an up-to-date Welsh version." in html
    assert "data-parity-reason" not in html


@pytest.mark.parametrize(
    "query",
    [
        "?p=abc",
        "?p=99999",
        "?p=-1",
        "?export=csv",
        "?export=xlsx",
        "?ordering=%3Cscript%3E",
        "?p=" + "9" * 5000,
        "?q=%C5%B5%C5%B7",
    ],
)
def test_bad_query_strings_give_the_report(client, signed_in, home, query):
    english_page(home, "Untranslated", "untranslated")
    signed_in("translator")
    response = client.get(REPORT + query)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/html")
    assert "<script>" not in response.content.decode().split("</head>")[1].split("<script")[0]


def test_the_results_fragment(client, signed_in, home):
    english_page(home, "Untranslated", "untranslated")
    signed_in("reviewer")
    response = client.get(REPORT + "results/")
    assert response.status_code == 200
    assert [reason for reason, _ in rows(response)] == [Reason.MISSING]


def test_queries_do_not_grow_with_the_rows(client, signed_in, home):
    english_page(home, "Untranslated 0", "untranslated-0")
    signed_in("communications")
    client.get(REPORT)  # warm caches (content types, permissions)
    with CaptureQueriesContext(connection) as few:
        assert client.get(REPORT).status_code == 200
    for number in range(1, 12):
        english_page(home, f"Untranslated {number}", f"untranslated-{number}")
    with CaptureQueriesContext(connection) as many:
        response = client.get(REPORT)
    assert len(rows(response)) == 12
    assert len(many) == len(few)


# --- the dashboard -----------------------------------------------------------------------


def test_the_dashboard_count_matches_the_report(client, signed_in, home, english, welsh):
    english_page(home, "Untranslated", "untranslated")
    republish(demo_page("/home/about/"))
    new_service(english, "A service with no Welsh")
    signed_in("reviewer")
    dashboard = client.get("/admin/").content.decode()
    assert len(welsh_parity_items()) == 3
    panel = dashboard.split('id="welsh-parity-section"')[1].split("</section>")[0]
    assert "3 items need work in Welsh." in panel
    assert "Pages: 2. Snippets: 1." in panel
    assert REPORT in panel


def test_the_dashboard_when_all_is_translated(client, signed_in):
    signed_in("translator")
    dashboard = client.get("/admin/").content.decode()
    panel = dashboard.split('id="welsh-parity-section"')[1].split("</section>")[0]
    assert "Every live page and snippet has an up-to-date Welsh version." in panel
