import contextlib
import json
import logging
import sys
import time
from urllib.parse import urlsplit

from django.conf import settings
from django.core.cache import cache
from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.db import DatabaseError, connection
from django.http import (
    HttpResponse,
    HttpResponseRedirect,
    HttpResponseServerError,
    JsonResponse,
)
from django.middleware.csrf import get_token
from django.shortcuts import render
from django.template import loader
from django.templatetags.static import static
from django.urls import reverse
from django.utils import translation
from django.utils.cache import add_never_cache_headers, patch_cache_control
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt, requires_csrf_token
from django.views.decorators.http import require_POST, require_safe
from wagtail.models import Locale, Page

from config.cache import CacheUnavailable
from core.client_address import counted_address

from . import outage, welsh_search
from .models import SupportPage, SupportService
from .page_cache import kept_until_content_changes

SEARCH_QUERY_MAX_LENGTH = 200
RESULTS_PER_PAGE = 10


def clean_query(raw):
    """A search query safe for every database: no NUL bytes, no runaway length, no double
    quotes. The SQLite backend puts each word between double quotes for its full-text
    search without escaping any inside, so one would end the word early and break the
    query; the words are searched for as typed, never as search syntax."""
    return " ".join(raw.replace("\x00", " ").replace('"', " ").split())[:SEARCH_QUERY_MAX_LENGTH]


@never_cache
@require_safe
def search(request):
    """Search the live pages of the reader's language only. Never kept by a cache: what
    someone searched for is theirs alone."""
    query = clean_query(request.GET.get("q", ""))
    results = Page.objects.none()
    services = []
    if query:
        locale = Locale.get_active()
        pages = Page.objects.live().public().filter(locale=locale).specific()
        results = welsh_search.search(pages, query, translation.get_language())
        services = matching_services(request, locale, query)
    paginator = Paginator(results, RESULTS_PER_PAGE)
    try:
        page_of_results = paginator.page(request.GET.get("page", 1))
    except (PageNotAnInteger, EmptyPage):
        page_of_results = paginator.page(1)
    return render(
        request,
        "pages/search.html",
        {
            "query": query,
            "results": page_of_results,
            "paginator": paginator,
            "services": services,
            "found": paginator.count + len(services),
        },
    )


def matching_services(request, locale, query):
    """[(service, address on the support page)] of the support services in the reader's
    language that match `query`. Someone searching for "stalking" needs the service that
    helps, not only pages that mention the word; none when no support page is live."""
    support_url = kept_until_content_changes(
        request, "support page url", lambda: support_page_url(request, locale)
    )
    if not support_url:
        return []
    found = welsh_search.search(
        SupportService.objects.filter(locale=locale), query, translation.get_language()
    )
    return [(service, f"{support_url}#{service.anchor}") for service in found]


def support_page_url(request, locale):
    page = SupportPage.objects.live().public().filter(locale=locale).first()
    return page.get_url(request) if page is not None else ""


ROBOTS_MAX_AGE = 24 * 60 * 60


@require_safe
def robots_txt(request):
    """robots.txt: keep crawlers out of the admin and point them at the sitemap.

    Built from the request alone, with no database access, so it is also the
    benchmark's "constant Django view" (deploy/bench.py). Its own Cache-Control keeps
    the page cache from storing it; browsers and nginx may keep it for a day.
    """
    sitemap_url = request.build_absolute_uri(reverse("sitemap"))
    body = f"User-agent: *\nDisallow: /admin/\n\nSitemap: {sitemap_url}\n"
    response = HttpResponse(body, content_type="text/plain; charset=utf-8")
    patch_cache_control(response, public=True, max_age=ROBOTS_MAX_AGE)
    return response


@require_safe
def favicon(request):
    """/favicon.ico, which browsers ask for whatever the page links: the static icon.

    No database. A temporary redirect, kept for a day, because the static file's name
    changes with its content in production.
    """
    response = HttpResponseRedirect(static("img/favicon.ico"))
    patch_cache_control(response, public=True, max_age=ROBOTS_MAX_AGE)
    return response


HEALTH_CACHE_KEY = "healthz"

csp_log = logging.getLogger("csp")
# A real report is well under 10 KB; anything bigger is not read.
CSP_REPORT_MAX_BYTES = 10_000
# A page breaking the policy sends a few reports; a client sending more than this in a
# window is filling the log, and the rest of its reports are refused unread.
CSP_REPORTS_PER_CLIENT = 30
CSP_REPORT_WINDOW_SECONDS = 60


def database_answers():
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        return False
    return True


def cache_answers():
    # Any error: Redis refusing, timing out or gone. The site still serves without it.
    try:
        cache.set(HEALTH_CACHE_KEY, "ok", timeout=10)
        return cache.get(HEALTH_CACHE_KEY) == "ok"
    except Exception:  # noqa: BLE001
        return False


@never_cache
@require_safe
def healthz(request):
    """503 when the database does not answer, else 200: the site serves without its cache
    (it degrades), so a cache failure is reported in the body but keeps the server in."""
    if not database_answers():
        return JsonResponse({"status": "unavailable", "database": "unavailable"}, status=503)
    cache_state = "ok" if cache_answers() else "unavailable"
    return JsonResponse({"status": "ok", "database": "ok", "cache": cache_state})


def report_host(value):
    """Only the host of a reported address: paths and query strings can hold tokens (a
    withdrawal link's) and must not reach the log."""
    if not isinstance(value, str):
        return ""
    if "://" not in value:
        return value[:40]  # keywords such as "inline" or "eval"
    return (urlsplit(value).hostname or "")[:100]


def printable(value):
    """The value with every character that is not printable (newlines, carriage returns,
    terminal escapes, Unicode line separators) as "?": what a browser reports must not
    start a line of its own in a text log."""
    return "".join(character if character.isprintable() else "?" for character in value)


def csp_report_allowed(request):
    """Count this report against its client's allowance; False once it is used up, or
    when the count cannot be made (a report is not worth a log that cannot be guarded)."""
    window = int(time.time() // CSP_REPORT_WINDOW_SECONDS)
    digest = salted_hmac("csp-report.rate-limit", counted_address(request) or "").hexdigest()
    key = f"csp-report:rate:{digest[:32]}:{window}"
    # The strict cache raises rather than answering "nothing kept" while Redis is down.
    counter = getattr(cache, "strict", cache)
    try:
        counter.add(key, 0, timeout=CSP_REPORT_WINDOW_SECONDS)
        count = counter.incr(key)
    except (CacheUnavailable, ValueError):
        return False
    return count <= CSP_REPORTS_PER_CLIENT


@csrf_exempt
@require_POST
def csp_report(request):
    """Where browsers send Content Security Policy violations. Logs which rule was broken
    and the host of what was blocked; never the page address or anything sent with it."""
    if len(request.body) > CSP_REPORT_MAX_BYTES:
        return HttpResponse(status=413)
    if not csp_report_allowed(request):
        return HttpResponse(status=429)
    try:
        report = json.loads(request.body).get("csp-report", {})
    except (ValueError, AttributeError, UnicodeDecodeError):
        return HttpResponse(status=400)
    if not isinstance(report, dict):
        return HttpResponse(status=400)
    directive = report.get("effective-directive") or report.get("violated-directive") or ""
    csp_log.warning(
        "CSP violation: %s blocked %s",
        printable(str(directive).split(" ")[0][:40]),
        printable(report_host(report.get("blocked-uri")) or "(unknown)"),
    )
    return HttpResponse(status=204)


def database_down(request):
    """503 while the database cannot be reached, in the language of the address, built
    without the database. A POST is offered back, everything sent, to "Send again"."""
    language = outage.language_of(request)
    was_post = request.method == "POST"
    with translation.override(language):
        context = {
            "request": request,
            "quick_exit_url": settings.DEFAULT_QUICK_EXIT_URL,
            "heading": _("Your form has not been sent yet")
            if was_post
            else _("This page is not available just now"),
            "was_post": was_post,
            "sent_values": outage.sent_values(request),
            "send_again_url": request.get_full_path(),
            # Needs no database: a fresh token for the form, and its cookie.
            "csrf_token": get_token(request),
            "contact": outage.team_contacts(),
        }
        body = loader.render_to_string("503.html", context)
    response = HttpResponse(body, status=503)
    response["Retry-After"] = str(outage.RETRY_AFTER_SECONDS)
    response["Content-Language"] = language
    add_never_cache_headers(response)
    return response


@requires_csrf_token
def server_error(request, template_name="500.html"):
    """The 500 page in the reader's language, rendered without touching the database.

    When the error is the database being out of reach, the 503 page instead: Django calls
    this inside its `except` block, so sys.exc_info() holds the error.
    """
    # Should the 503 page itself fail, the plain 500 page below.
    with contextlib.suppress(Exception):
        if outage.is_database_outage(sys.exc_info()[1]):
            return database_down(request)
    try:
        template = loader.get_template(template_name)
    except Exception:  # the last line of defence must never fail itself
        return HttpResponseServerError(b"<h1>Server Error (500)</h1>", content_type="text/html")
    context = {
        "request": request,
        "quick_exit_url": settings.DEFAULT_QUICK_EXIT_URL,
        "heading": ERROR_HEADINGS[500],
    }
    return HttpResponseServerError(template.render(context))


ERROR_HEADINGS = {
    400: _("Sorry, we could not understand that request"),
    403: _("Sorry, you cannot see this page"),
    500: _("Sorry, something went wrong"),
}


def error_page(request, status):
    """A 400 or 403 page in the reader's language, like the 500 page: no database."""
    context = {
        "request": request,
        "quick_exit_url": settings.DEFAULT_QUICK_EXIT_URL,
        "heading": ERROR_HEADINGS[status],
    }
    response = HttpResponse(loader.render_to_string(f"{status}.html", context), status=status)
    add_never_cache_headers(response)
    return response


def bad_request(request, exception):
    return error_page(request, 400)


def permission_denied(request, exception):
    return error_page(request, 403)


def csrf_failure(request, reason=""):
    """A form sent without a valid token: a calm page in the reader's language.

    Django's own page is English-only and technical; the reason is not shown.
    """
    response = render(request, "403_csrf.html", status=403)
    add_never_cache_headers(response)
    return response
