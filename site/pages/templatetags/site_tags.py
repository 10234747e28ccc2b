"""Template tags for the public site's frame: language links, menus, help strip."""

from urllib.parse import urlencode

from django import template
from django.conf import settings
from django.urls import translate_url
from django.utils import translation
from django.utils.html import format_html
from django.utils.translation import get_language_info
from django.utils.translation import gettext_lazy as _
from wagtail.models import Locale, Page, Site
from wagtail.templatetags.wagtailcore_tags import richtext

from pages import phone
from pages.models import Navigation, SafetySettings, SupportService
from pages.page_cache import kept_until_content_changes

register = template.Library()

# Shown, in the target language, when a page has no live version in it.
MISSING_TRANSLATION_NOTES = {
    "en": _("This page is not in English yet. This link goes to the English home page."),
    "cy": _("This page is not in Welsh yet. This link goes to the Welsh home page."),
}


def _per_request(request, name, load):
    """`load()` once per request and language: the frame asks for the same things often."""
    cache = request.__dict__.setdefault("_site_tags_cache", {})
    key = (name, translation.get_language())
    if key not in cache:
        cache[key] = load()
    return cache[key]


def _active_locale(request):
    return _per_request(request, "locale", Locale.get_active)


def _home_url(request, language_code):
    """The live home page of a language, falling back to its URL prefix."""
    return kept_until_content_changes(
        request, ("home", language_code), lambda: _find_home_url(request, language_code)
    )


def _find_home_url(request, language_code):
    site = Site.find_for_request(request)
    if site is not None:
        home = (
            site.root_page.get_translations(inclusive=True)
            .live()
            .filter(locale__language_code=language_code)
            .first()
        )
        if home is not None:
            return home.get_url(request)
    return "/" if language_code == settings.LANGUAGE_CODE else f"/{language_code}/"


def _version_urls(request, page):
    """{language code: URL} of every language this content exists in, live."""
    if isinstance(page, Page):
        key = ("versions", page.pk)
        return kept_until_content_changes(request, key, lambda: _find_version_urls(request, page))
    return _per_request(request, "versions", lambda: _find_version_urls(request, page))


def _find_version_urls(request, page):
    if isinstance(page, Page):
        translations = page.get_translations(inclusive=True).live().select_related("locale")
        urls = {version.locale.language_code: version.get_url(request) for version in translations}
        return {code: url for code, url in urls.items() if url}
    current_path = request.get_full_path()
    urls = {}
    for code, _name in settings.LANGUAGES:
        url = translate_url(current_path, code)
        # translate_url hands back its input when the path does not resolve (a 404).
        if url != current_path or code == translation.get_language():
            urls[code] = url
    return urls if len(urls) > 1 else {}


def _with_version_queries(context, urls):
    """The versions' URLs with what defines the page beyond its path, such as a story
    list's filters, given by the page as `version_queries` ({language code: "?…"})."""
    queries = context.get("version_queries") or {}
    return {code: url + queries.get(code, "") for code, url in urls.items()}


@register.inclusion_tag("includes/alternates.html", takes_context=True)
def language_alternates(context):
    """hreflang alternates for search engines and assistive tools, with x-default."""
    request = context["request"]
    urls = _with_version_queries(context, _version_urls(request, context.get("page")))
    alternates = [(code, request.build_absolute_uri(url)) for code, url in urls.items()]
    default = urls.get(settings.LANGUAGE_CODE)
    return {
        "alternates": alternates if len(alternates) > 1 else [],
        "x_default": request.build_absolute_uri(default) if default and len(urls) > 1 else None,
    }


@register.inclusion_tag("includes/language_switch.html", takes_context=True)
def language_switch(context):
    """A link to this page in each other language, or an honest note that it does not exist."""
    request = context["request"]
    current = translation.get_language()
    urls = _with_version_queries(context, _version_urls(request, context.get("page")))
    links = []
    for code, _name in settings.LANGUAGES:
        if code == current:
            continue
        available = code in urls
        with translation.override(code):
            note = "" if available else str(MISSING_TRANSLATION_NOTES[code])
        links.append(
            {
                "code": code,
                "name_local": get_language_info(code)["name_local"],
                "url": urls[code] if available else _home_url(request, code),
                "missing_note": note,
            }
        )
    return {"links": links}


@register.simple_tag(takes_context=True)
def site_navigation(context):
    """The navigation snippet of the reader's language, as plain data: the names, the
    menu and footer links as (href, text), and the footer text as HTML."""
    request = context["request"]

    def load():
        navigation = Navigation.for_locale(_active_locale(request))
        if navigation is None:
            return None
        return {
            "network_name": navigation.network_name,
            "organisation_name": navigation.organisation_name,
            "primary_links": [_link_target(request, b.value) for b in navigation.primary_links],
            "footer_links": [_link_target(request, b.value) for b in navigation.footer_links],
            "footer_text": str(richtext(navigation.footer_text)) if navigation.footer_text else "",
        }

    return kept_until_content_changes(request, "navigation", load)


@register.simple_tag(takes_context=True)
def help_strip_services(context):
    """[(service name, [(number, note)])] of the services shown in the help strip."""
    request = context["request"]

    def load():
        services = SupportService.objects.filter(locale=_active_locale(request), in_help_strip=True)
        return [(service.name, list(service.phone_numbers)) for service in services]

    return kept_until_content_changes(request, "help strip", load)


@register.simple_tag(takes_context=True)
def quick_exit_url(context):
    request = context["request"]
    return kept_until_content_changes(
        request,
        "quick exit",
        lambda: (
            SafetySettings.for_request(request).quick_exit_url or settings.DEFAULT_QUICK_EXIT_URL
        ),
    )


register.filter("tel_href", phone.tel_href)
register.filter("sms_href", phone.sms_href)


def _link_target(request, link):
    """(href, text) for a LinkBlock value, preferring the page in the reader's language."""
    page = link.get("page")
    if page is None:
        return link.get("url"), link.get("title")
    locale = _active_locale(request)
    if page.locale_id != locale.id:
        page = page.get_translations().live().filter(locale=locale).first() or page
    return page.get_url(request), link.get("title") or page.title


@register.simple_tag(takes_context=True)
def link_target(context, link):
    return _link_target(context["request"], link)


@register.simple_tag(takes_context=True)
def canonical_link(context, *defining_params, url=None):
    """<link rel=canonical>: this page's absolute address in its own language.

    Only the query parameters named (those that make the page what it is, such as a
    search's `q`) are kept: tracking and other parameters would split one page into many.
    `url` is a path with its query already chosen, for pages that check their own.
    """
    request = context["request"]
    if url is None:
        kept = [(name, value) for name in defining_params for value in request.GET.getlist(name)]
        url = request.path + (f"?{urlencode(kept)}" if kept else "")
    return format_html('<link rel="canonical" href="{}">', request.build_absolute_uri(url))
